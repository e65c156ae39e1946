import type { Messages } from '../messages'

export const it: Messages = {
  locale: 'it',
  dir: 'ltr',
  country: 'Paese',
  noCountryFound: 'Nessun paese trovato',
  phoneNumber: 'Numero di telefono',
  phoneHint: 'Ti invieremo un codice via SMS per confermare questo numero.',
  sendCode: 'Invia codice',
  humanCheck: 'Controllo di sicurezza',
  humanCheckHint: 'Completa il controllo di sicurezza per ricevere il codice.',
  sending: 'Invio in corso…',
  codeSentTo: (phoneNumber) => `Codice inviato al ${phoneNumber}`,
  codeResumed: (phoneNumber) => `Inserisci il codice inviato al ${phoneNumber}`,
  verificationCode: 'Codice di verifica',
  codeHint: (codeLength, f) => `Inserisci il codice di ${f.number(codeLength)} cifre ricevuto via SMS.`,
  codeHintVoice: (codeLength, f) => `Inserisci il codice di ${f.number(codeLength)} cifre che hai sentito nella chiamata.`,
  codeHintWhatsApp: (codeLength, f) => `Inserisci il codice di ${f.number(codeLength)} cifre ricevuto su WhatsApp.`,
  verify: 'Verifica',
  verifying: 'Verifica in corso…',
  resendCode: 'Invia di nuovo il codice',
  resendCodeIn: (seconds, f) => `Invia di nuovo il codice tra ${f.countdown(seconds)}`,
  resending: 'Invio di un nuovo codice…',
  noMoreCodes: 'Non è possibile inviare altri codici',
  resendAvailable: 'Ora puoi richiedere un nuovo codice',
  callMeInstead: 'Chiamami',
  sendViaWhatsApp: 'Invia tramite WhatsApp',
  sendViaSms: 'Invia tramite SMS',
  codeCalled: (phoneNumber) => `Abbiamo chiamato il ${phoneNumber}`,
  codeSentOnWhatsApp: (phoneNumber) => `Codice inviato su WhatsApp al ${phoneNumber}`,
  changeNumber: 'Cambia numero',
  tryAgain: 'Riprova',
  sendNewCode: 'Invia un nuovo codice',
  verified: 'Numero di telefono verificato',
  verifyAgain: 'Verifica di nuovo',
  // Italian has one, other, and many for round millions ("1.000.000 di tentativi").
  attemptsLeft: (count, f) => {
    switch (f.plural(count)) {
      case 'one':
        return `Ti resta ${f.number(count)} tentativo.`
      case 'many':
        return `Ti restano ${f.number(count)} di tentativi.`
      default:
        return `Ti restano ${f.number(count)} tentativi.`
    }
  },
  errors: {
    invalidNumber: 'Inserisci un numero di telefono valido.',
    notVerified: 'Verifica il tuo numero di telefono.',
    landline: 'Questo numero non può ricevere SMS. Inserisci un numero di cellulare.',
    unsupportedRegion: 'Non possiamo inviare codici in questo paese. Scegli un altro paese o numero.',
    rateLimited: (after, f) =>
      after === undefined
        ? 'Troppe richieste. Attendi qualche istante, poi riprova.'
        : `Troppe richieste. Riprova ${f.wait(after)}.`,
    blocked: 'Questo numero non può essere verificato. Usa un altro numero.',
    captchaRequired: 'Completa il controllo di sicurezza per ricevere un codice.',
    humanCheckFailed: 'Il controllo di sicurezza non è andato a buon fine. Riprova.',
    unsupportedChannel: 'Non è possibile inviare il codice a questo numero in questo modo. Scegli un altro modo.',
    wrongCode: 'Il codice non è corretto. Controlla l’SMS e riprova.',
    sameCode: 'Hai già provato questo codice. Controlla l’SMS e inserisci il codice indicato.',
    expired: 'Questo codice è scaduto',
    tooManyAttempts: 'Troppi codici errati. Richiedi un nuovo codice.',
    noResendsLeft: 'Non è possibile inviare altri codici a questo numero. Usa un altro numero o riprova più tardi.',
    verificationExpired: 'La verifica è scaduta. Invia un nuovo codice per verificare di nuovo questo numero.',
    network: 'Nessuna connessione al server. Controlla la connessione e riprova.',
    timeout: 'Il server ha impiegato troppo tempo a rispondere. Riprova.',
    unavailable: 'Il servizio non è disponibile al momento.',
    unknown: 'Si è verificato un errore. Riprova.',
  },
}
