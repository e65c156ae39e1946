import type { Messages } from '../messages'

export const pt: Messages = {
  dir: 'ltr',
  country: 'País',
  noCountryFound: 'Nenhum país encontrado',
  phoneNumber: 'Número de telefone',
  phoneHint: 'Enviaremos um código por SMS para confirmar este número.',
  sendCode: 'Enviar código',
  sending: 'Enviando…',
  codeSentTo: (phoneNumber) => `Código enviado para ${phoneNumber}`,
  verificationCode: 'Código de verificação',
  codeHint: (length, f) => `Digite o código de ${f.number(length)} dígitos do SMS.`,
  verify: 'Verificar',
  verifying: 'Verificando…',
  resendCode: 'Reenviar código',
  resendCodeIn: (seconds, f) => `Reenviar código em ${f.countdown(seconds)}`,
  resending: 'Enviando um novo código…',
  noMoreCodes: 'Não é possível enviar mais códigos',
  resendAvailable: 'Você já pode pedir um novo código',
  changeNumber: 'Alterar número',
  tryAgain: 'Tentar novamente',
  sendNewCode: 'Enviar um novo código',
  verified: 'Número de telefone verificado',
  attemptsLeft: (count, f) => (count === 1 ? 'Resta 1 tentativa' : `Restam ${f.number(count)} tentativas`),
  errors: {
    invalidNumber: 'Digite um número de telefone válido.',
    landline: 'Este número não pode receber SMS. Digite um número de celular.',
    unsupportedRegion: 'Não podemos enviar códigos para este país. Escolha outro país ou número.',
    rateLimited: (after, f) =>
      after === undefined
        ? 'Muitas solicitações. Aguarde um momento e tente novamente.'
        : `Muitas solicitações. Tente novamente ${f.wait(after)}.`,
    blocked: 'Este número não pode ser verificado. Use outro número.',
    wrongCode: 'O código não está correto. Confira o SMS e tente novamente.',
    expired: 'Este código expirou',
    tooManyAttempts: 'Muitos códigos errados. Peça um novo código.',
    noResendsLeft: 'Não é possível enviar mais códigos para este número. Use outro número ou tente mais tarde.',
    network: 'Sem conexão com o servidor. Verifique sua conexão e tente novamente.',
    timeout: 'O servidor demorou demais para responder. Tente novamente.',
    unavailable: 'O serviço está indisponível no momento. Tente novamente em alguns minutos.',
    unknown: 'Algo deu errado. Tente novamente.',
  },
}
