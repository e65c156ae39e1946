import type { Messages } from '../messages'

export const es: Messages = {
  dir: 'ltr',
  country: 'País',
  noCountryFound: 'No se encontró ningún país',
  phoneNumber: 'Número de teléfono',
  phoneHint: 'Te enviaremos un código por SMS para confirmar este número.',
  sendCode: 'Enviar código',
  sending: 'Enviando…',
  codeSentTo: (phoneNumber) => `Código enviado al ${phoneNumber}`,
  verificationCode: 'Código de verificación',
  codeHint: (length, f) => `Introduce el código de ${f.number(length)} dígitos del SMS.`,
  verify: 'Verificar',
  verifying: 'Verificando…',
  resendCode: 'Reenviar código',
  resendCodeIn: (seconds, f) => `Reenviar código en ${f.countdown(seconds)}`,
  resending: 'Enviando un código nuevo…',
  noMoreCodes: 'No se pueden enviar más códigos',
  resendAvailable: 'Ya puedes pedir un código nuevo',
  changeNumber: 'Cambiar número',
  tryAgain: 'Reintentar',
  sendNewCode: 'Enviar un código nuevo',
  verified: 'Número de teléfono verificado',
  attemptsLeft: (count, f) => (count === 1 ? 'Queda 1 intento' : `Quedan ${f.number(count)} intentos`),
  errors: {
    invalidNumber: 'Introduce un número de teléfono válido.',
    landline: 'Este número no puede recibir SMS. Introduce un número móvil.',
    unsupportedRegion: 'No podemos enviar códigos a este país. Elige otro país u otro número.',
    rateLimited: (after, f) =>
      after === undefined
        ? 'Demasiadas solicitudes. Espera un momento y vuelve a intentarlo.'
        : `Demasiadas solicitudes. Vuelve a intentarlo ${f.wait(after)}.`,
    blocked: 'Este número no se puede verificar. Usa otro número.',
    wrongCode: 'El código no es correcto. Revisa el SMS y vuelve a intentarlo.',
    expired: 'Este código ha caducado',
    tooManyAttempts: 'Demasiados códigos incorrectos. Pide un código nuevo.',
    noResendsLeft: 'No se pueden enviar más códigos a este número. Usa otro número o inténtalo más tarde.',
    network: 'No hay conexión con el servidor. Revisa tu conexión y vuelve a intentarlo.',
    timeout: 'El servidor tardó demasiado en responder. Vuelve a intentarlo.',
    unavailable: 'El servicio no está disponible ahora. Vuelve a intentarlo en unos minutos.',
    unknown: 'Algo salió mal. Vuelve a intentarlo.',
  },
}
