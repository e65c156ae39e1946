import type { Messages } from '../messages'

export const fr: Messages = {
  locale: 'fr',
  dir: 'ltr',
  country: 'Pays',
  noCountryFound: 'Aucun pays trouvé',
  phoneNumber: 'Numéro de téléphone',
  phoneHint: 'Nous vous enverrons un code par SMS pour confirmer ce numéro.',
  sendCode: 'Envoyer le code',
  humanCheck: 'Vérification de sécurité',
  humanCheckHint: 'Effectuez la vérification de sécurité pour recevoir votre code.',
  sending: 'Envoi…',
  codeSentTo: (phoneNumber) => `Code envoyé au ${phoneNumber}`,
  codeResumed: (phoneNumber) => `Saisissez le code envoyé au ${phoneNumber}`,
  verificationCode: 'Code de vérification',
  codeHint: (codeLength, f) => `Saisissez le code à ${f.number(codeLength)} chiffres reçu par SMS.`,
  codeHintVoice: (codeLength, f) => `Saisissez le code à ${f.number(codeLength)} chiffres entendu pendant l’appel.`,
  codeHintWhatsApp: (codeLength, f) => `Saisissez le code à ${f.number(codeLength)} chiffres reçu sur WhatsApp.`,
  verify: 'Vérifier',
  verifying: 'Vérification…',
  resendCode: 'Renvoyer le code',
  resendCodeIn: (seconds, f) => `Renvoyer le code dans ${f.countdown(seconds)}`,
  resending: 'Envoi d’un nouveau code…',
  noMoreCodes: 'Plus aucun code ne peut être envoyé',
  resendAvailable: 'Vous pouvez demander un nouveau code',
  callMeInstead: 'M’appeler plutôt',
  sendViaWhatsApp: 'Envoyer par WhatsApp',
  sendViaSms: 'Envoyer plutôt par SMS',
  codeCalled: (phoneNumber) => `Nous avons appelé le ${phoneNumber}`,
  codeSentOnWhatsApp: (phoneNumber) => `Code envoyé sur WhatsApp au ${phoneNumber}`,
  changeNumber: 'Changer de numéro',
  tryAgain: 'Réessayer',
  sendNewCode: 'Envoyer un nouveau code',
  verified: 'Numéro de téléphone vérifié',
  verifyAgain: 'Vérifier de nouveau',
  // French has one (0 and 1), other, and many for round millions ("1 000 000 d’essais").
  attemptsLeft: (count, f) => {
    switch (f.plural(count)) {
      case 'one':
        return `${f.number(count)} essai restant.`
      case 'many':
        return `${f.number(count)} d’essais restants.`
      default:
        return `${f.number(count)} essais restants.`
    }
  },
  errors: {
    invalidNumber: 'Saisissez un numéro de téléphone valide.',
    notVerified: 'Vérifiez votre numéro de téléphone.',
    landline: 'Ce numéro ne peut pas recevoir de SMS. Saisissez un numéro de mobile.',
    unsupportedRegion: 'Nous ne pouvons pas envoyer de code vers ce pays. Choisissez un autre pays ou numéro.',
    rateLimited: (after, f) =>
      after === undefined
        ? 'Trop de demandes. Patientez un instant, puis réessayez.'
        : `Trop de demandes. Réessayez ${f.wait(after)}.`,
    blocked: 'Ce numéro ne peut pas être vérifié. Utilisez un autre numéro.',
    captchaRequired: 'Effectuez la vérification de sécurité pour recevoir un code.',
    humanCheckFailed: 'La vérification de sécurité n’a pas abouti. Réessayez.',
    unsupportedChannel: 'Le code ne peut pas être envoyé de cette façon à ce numéro. Choisissez-en une autre.',
    wrongCode: 'Ce code est incorrect. Vérifiez le SMS et réessayez.',
    sameCode: 'Vous avez déjà essayé ce code. Vérifiez le SMS et saisissez le code indiqué.',
    expired: 'Ce code a expiré',
    tooManyAttempts: 'Trop de codes incorrects. Demandez un nouveau code.',
    noResendsLeft: 'Plus aucun code ne peut être envoyé à ce numéro. Utilisez un autre numéro ou réessayez plus tard.',
    verificationExpired: 'Votre vérification a expiré. Envoyez un nouveau code pour vérifier de nouveau ce numéro.',
    network: 'Pas de connexion au serveur. Vérifiez votre connexion et réessayez.',
    timeout: 'Le serveur a mis trop de temps à répondre. Réessayez.',
    unavailable: 'Le service est indisponible pour le moment.',
    unknown: 'Une erreur est survenue. Réessayez.',
  },
}
