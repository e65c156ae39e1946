import type { Messages } from '../messages'

export const es: Messages = {
  locale: 'es',
  dir: 'ltr',
  country: 'País',
  noCountryFound: 'No se encontró ningún país',
  phoneNumber: 'Número de teléfono',
  phoneHint: 'Te enviaremos un código por SMS para confirmar este número.',
  sendCode: 'Enviar código',
  humanCheck: 'Verificación de seguridad',
  humanCheckHint: 'Completa la verificación de seguridad para recibir tu código.',
  sending: 'Enviando…',
  codeSentTo: (phoneNumber) => `Código enviado al ${phoneNumber}`,
  codeResumed: (phoneNumber) => `Escribe el código enviado al ${phoneNumber}`,
  verificationCode: 'Código de verificación',
  codeHint: (codeLength, f) => `Introduce el código de ${f.number(codeLength)} dígitos del SMS.`,
  codeHintVoice: (codeLength, f) => `Introduce el código de ${f.number(codeLength)} dígitos que oíste en la llamada.`,
  codeHintWhatsApp: (codeLength, f) => `Introduce el código de ${f.number(codeLength)} dígitos del mensaje de WhatsApp.`,
  verify: 'Verificar',
  verifying: 'Verificando…',
  resendCode: 'Reenviar código',
  resendCodeIn: (seconds, f) => `Reenviar código en ${f.countdown(seconds)}`,
  resending: 'Enviando un código nuevo…',
  noMoreCodes: 'No se pueden enviar más códigos',
  resendAvailable: 'Ya puedes pedir un código nuevo',
  callMeInstead: 'Llámame en su lugar',
  sendViaWhatsApp: 'Enviar por WhatsApp',
  sendViaSms: 'Enviar por SMS en su lugar',
  codeCalled: (phoneNumber) => `Te hemos llamado al ${phoneNumber}`,
  codeSentOnWhatsApp: (phoneNumber) => `Código enviado por WhatsApp al ${phoneNumber}`,
  changeNumber: 'Cambiar número',
  tryAgain: 'Reintentar',
  sendNewCode: 'Enviar un código nuevo',
  verified: 'Número de teléfono verificado',
  verifyAgain: 'Volver a verificar',
  // Spanish has one, other, and many for round millions ("1.000.000 de intentos").
  attemptsLeft: (count, f) => {
    switch (f.plural(count)) {
      case 'one':
        return `Queda ${f.number(count)} intento.`
      case 'many':
        return `Quedan ${f.number(count)} de intentos.`
      default:
        return `Quedan ${f.number(count)} intentos.`
    }
  },
  errors: {
    invalidNumber: 'Introduce un número de teléfono válido.',
    notVerified: 'Verifica tu número de teléfono.',
    landline: 'Este número no puede recibir SMS. Introduce un número móvil.',
    unsupportedRegion: 'No podemos enviar códigos a este país. Elige otro país u otro número.',
    rateLimited: (after, f) =>
      after === undefined
        ? 'Demasiadas solicitudes. Espera un momento y vuelve a intentarlo.'
        : `Demasiadas solicitudes. Vuelve a intentarlo ${f.wait(after)}.`,
    blocked: 'Este número no se puede verificar. Usa otro número.',
    captchaRequired: 'Completa la verificación de seguridad para recibir un código.',
    humanCheckFailed: 'La verificación de seguridad no se completó. Vuelve a intentarlo.',
    unsupportedChannel: 'No se puede enviar el código por esta vía a este número. Elige otra.',
    wrongCode: 'El código no es correcto. Revisa el SMS y vuelve a intentarlo.',
    sameCode: 'Ya probaste este código. Revisa el SMS y escribe el código que aparece.',
    expired: 'Este código ha caducado',
    tooManyAttempts: 'Demasiados códigos incorrectos. Pide un código nuevo.',
    noResendsLeft: 'No se pueden enviar más códigos a este número. Usa otro número o inténtalo más tarde.',
    verificationExpired: 'Tu verificación ha caducado. Envía un código nuevo para volver a verificar este número.',
    network: 'No hay conexión con el servidor. Revisa tu conexión y vuelve a intentarlo.',
    timeout: 'El servidor tardó demasiado en responder. Vuelve a intentarlo.',
    unavailable: 'El servicio no está disponible ahora.',
    unknown: 'Algo salió mal. Vuelve a intentarlo.',
  },
}
