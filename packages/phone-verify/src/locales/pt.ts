import type { Messages } from '../messages'

export const pt: Messages = {
  locale: 'pt',
  dir: 'ltr',
  country: 'País',
  noCountryFound: 'Nenhum país encontrado',
  phoneNumber: 'Número de telefone',
  phoneHint: 'Enviaremos um código por SMS para confirmar este número.',
  sendCode: 'Enviar código',
  humanCheck: 'Verificação de segurança',
  humanCheckHint: 'Conclua a verificação de segurança para receber seu código.',
  sending: 'Enviando…',
  codeSentTo: (phoneNumber) => `Código enviado para ${phoneNumber}`,
  codeResumed: (phoneNumber) => `Digite o código enviado para ${phoneNumber}`,
  verificationCode: 'Código de verificação',
  codeHint: (codeLength, f) => `Digite o código de ${f.number(codeLength)} dígitos do SMS.`,
  codeHintVoice: (codeLength, f) => `Digite o código de ${f.number(codeLength)} dígitos que você ouviu na ligação.`,
  codeHintWhatsApp: (codeLength, f) => `Digite o código de ${f.number(codeLength)} dígitos da mensagem do WhatsApp.`,
  verify: 'Verificar',
  verifying: 'Verificando…',
  resendCode: 'Reenviar código',
  resendCodeIn: (seconds, f) => `Reenviar código em ${f.countdown(seconds)}`,
  resending: 'Enviando um novo código…',
  noMoreCodes: 'Não é possível enviar mais códigos',
  resendAvailable: 'Você já pode pedir um novo código',
  callMeInstead: 'Receber uma ligação',
  sendViaWhatsApp: 'Enviar pelo WhatsApp',
  sendViaSms: 'Receber por SMS',
  codeCalled: (phoneNumber) => `Ligamos para ${phoneNumber}`,
  codeSentOnWhatsApp: (phoneNumber) => `Código enviado pelo WhatsApp para ${phoneNumber}`,
  changeNumber: 'Alterar número',
  tryAgain: 'Tentar novamente',
  sendNewCode: 'Enviar um novo código',
  verified: 'Número de telefone verificado',
  verifyAgain: 'Verificar novamente',
  // Portuguese has one (0 and 1), other, and many for round millions ("1.000.000 de tentativas").
  attemptsLeft: (count, f) => {
    switch (f.plural(count)) {
      case 'one':
        return `Resta ${f.number(count)} tentativa.`
      case 'many':
        return `Restam ${f.number(count)} de tentativas.`
      default:
        return `Restam ${f.number(count)} tentativas.`
    }
  },
  errors: {
    invalidNumber: 'Digite um número de telefone válido.',
    notVerified: 'Verifique seu número de telefone.',
    landline: 'Este número não pode receber SMS. Digite um número de celular.',
    unsupportedRegion: 'Não podemos enviar códigos para este país. Escolha outro país ou número.',
    rateLimited: (after, f) =>
      after === undefined
        ? 'Muitas solicitações. Aguarde um momento e tente novamente.'
        : `Muitas solicitações. Tente novamente ${f.wait(after)}.`,
    blocked: 'Este número não pode ser verificado. Use outro número.',
    captchaRequired: 'Conclua a verificação de segurança para receber um código.',
    humanCheckFailed: 'A verificação de segurança não foi concluída. Tente novamente.',
    unsupportedChannel: 'Não é possível enviar o código desta forma para este número. Escolha outra.',
    wrongCode: 'O código não está correto. Confira o SMS e tente novamente.',
    sameCode: 'Você já tentou este código. Confira o SMS e digite o código que ele mostra.',
    expired: 'Este código expirou',
    tooManyAttempts: 'Muitos códigos errados. Peça um novo código.',
    noResendsLeft: 'Não é possível enviar mais códigos para este número. Use outro número ou tente mais tarde.',
    verificationExpired: 'Sua verificação expirou. Envie um novo código para verificar este número novamente.',
    network: 'Sem conexão com o servidor. Verifique sua conexão e tente novamente.',
    timeout: 'O servidor demorou demais para responder. Tente novamente.',
    unavailable: 'O serviço está indisponível no momento.',
    unknown: 'Algo deu errado. Tente novamente.',
  },
}
