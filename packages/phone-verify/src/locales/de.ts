import type { Messages } from '../messages'

export const de: Messages = {
  locale: 'de',
  dir: 'ltr',
  country: 'Land',
  noCountryFound: 'Kein Land gefunden',
  phoneNumber: 'Telefonnummer',
  phoneHint: 'Wir senden Ihnen per SMS einen Code, um diese Nummer zu bestätigen.',
  sendCode: 'Code senden',
  sending: 'Wird gesendet…',
  codeSentTo: (phoneNumber) => `Code an ${phoneNumber} gesendet`,
  codeResumed: (phoneNumber) => `Geben Sie den Code ein, der an ${phoneNumber} gesendet wurde`,
  verificationCode: 'Bestätigungscode',
  codeHint: (codeLength, f) => `Geben Sie den ${f.number(codeLength)}-stelligen Code aus der SMS ein.`,
  verify: 'Bestätigen',
  verifying: 'Wird geprüft…',
  resendCode: 'Code erneut senden',
  resendCodeIn: (seconds, f) => `Code erneut senden in ${f.countdown(seconds)}`,
  resending: 'Neuer Code wird gesendet…',
  noMoreCodes: 'Es können keine weiteren Codes gesendet werden',
  resendAvailable: 'Sie können jetzt einen neuen Code anfordern',
  changeNumber: 'Nummer ändern',
  tryAgain: 'Erneut versuchen',
  sendNewCode: 'Neuen Code senden',
  verified: 'Telefonnummer bestätigt',
  verifyAgain: 'Erneut bestätigen',
  attemptsLeft: (count, f) =>
    f.plural(count) === 'one' ? `Noch ${f.number(count)} Versuch.` : `Noch ${f.number(count)} Versuche.`,
  errors: {
    invalidNumber: 'Geben Sie eine gültige Telefonnummer ein.',
    notVerified: 'Bestätigen Sie Ihre Telefonnummer.',
    landline: 'Diese Nummer kann keine SMS empfangen. Geben Sie eine Mobilnummer ein.',
    unsupportedRegion: 'In dieses Land können wir keine Codes senden. Wählen Sie ein anderes Land oder eine andere Nummer.',
    rateLimited: (after, f) =>
      after === undefined
        ? 'Zu viele Anfragen. Warten Sie einen Moment und versuchen Sie es erneut.'
        : `Zu viele Anfragen. Versuchen Sie es ${f.wait(after)} erneut.`,
    blocked: 'Diese Nummer kann nicht bestätigt werden. Verwenden Sie eine andere Nummer.',
    captchaRequired: 'Schließen Sie die Sicherheitsprüfung ab, um einen Code zu erhalten.',
    unsupportedChannel: 'Der Code kann auf diesem Weg nicht an diese Nummer gesendet werden. Wählen Sie einen anderen Weg.',
    wrongCode: 'Der Code ist nicht richtig. Prüfen Sie die SMS und versuchen Sie es erneut.',
    sameCode: 'Diesen Code haben Sie schon versucht. Prüfen Sie die SMS und geben Sie den Code daraus ein.',
    expired: 'Dieser Code ist abgelaufen',
    tooManyAttempts: 'Zu viele falsche Codes. Fordern Sie einen neuen Code an.',
    noResendsLeft:
      'An diese Nummer können keine weiteren Codes gesendet werden. Verwenden Sie eine andere Nummer oder versuchen Sie es später.',
    verificationExpired: 'Ihre Bestätigung ist abgelaufen. Senden Sie einen neuen Code, um diese Nummer erneut zu bestätigen.',
    network: 'Keine Verbindung zum Server. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    timeout: 'Der Server hat zu lange gebraucht. Versuchen Sie es erneut.',
    unavailable: 'Der Dienst ist gerade nicht verfügbar.',
    unknown: 'Etwas ist schiefgelaufen. Versuchen Sie es erneut.',
  },
}
