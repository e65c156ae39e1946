import type { Messages } from '../messages'

export const fr: Messages = {
  dir: 'ltr',
  country: 'Pays',
  noCountryFound: 'Aucun pays trouvé',
  phoneNumber: 'Numéro de téléphone',
  phoneHint: 'Nous vous enverrons un code par SMS pour confirmer ce numéro.',
  sendCode: 'Envoyer le code',
  sending: 'Envoi…',
  codeSentTo: (phoneNumber) => `Code envoyé au ${phoneNumber}`,
  verificationCode: 'Code de vérification',
  codeHint: (length, f) => `Saisissez le code à ${f.number(length)} chiffres reçu par SMS.`,
  verify: 'Vérifier',
  verifying: 'Vérification…',
  resendCode: 'Renvoyer le code',
  resendCodeIn: (seconds, f) => `Renvoyer le code dans ${f.countdown(seconds)}`,
  resending: 'Envoi d’un nouveau code…',
  noMoreCodes: 'Plus aucun code ne peut être envoyé',
  resendAvailable: 'Vous pouvez demander un nouveau code',
  changeNumber: 'Changer de numéro',
  tryAgain: 'Réessayer',
  sendNewCode: 'Envoyer un nouveau code',
  verified: 'Numéro de téléphone vérifié',
  attemptsLeft: (count, f) => (count <= 1 ? `${f.number(count)} essai restant` : `${f.number(count)} essais restants`),
  errors: {
    invalidNumber: 'Saisissez un numéro de téléphone valide.',
    landline: 'Ce numéro ne peut pas recevoir de SMS. Saisissez un numéro de mobile.',
    unsupportedRegion: 'Nous ne pouvons pas envoyer de code vers ce pays. Choisissez un autre pays ou numéro.',
    rateLimited: (after, f) =>
      after === undefined
        ? 'Trop de demandes. Patientez un instant, puis réessayez.'
        : `Trop de demandes. Réessayez ${f.wait(after)}.`,
    blocked: 'Ce numéro ne peut pas être vérifié. Utilisez un autre numéro.',
    wrongCode: 'Ce code est incorrect. Vérifiez le SMS et réessayez.',
    expired: 'Ce code a expiré',
    tooManyAttempts: 'Trop de codes incorrects. Demandez un nouveau code.',
    noResendsLeft: 'Plus aucun code ne peut être envoyé à ce numéro. Utilisez un autre numéro ou réessayez plus tard.',
    network: 'Pas de connexion au serveur. Vérifiez votre connexion et réessayez.',
    timeout: 'Le serveur a mis trop de temps à répondre. Réessayez.',
    unavailable: 'Le service est indisponible pour le moment. Réessayez dans quelques minutes.',
    unknown: 'Une erreur est survenue. Réessayez.',
  },
}
