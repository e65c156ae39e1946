/** The custom UI's own words: a headless flow leaves every string to the app, so the demo brings its own. */
export interface CustomStrings {
  stepOf: (step: number, total: number) => string
  phoneLabel: string
  sendCode: string
  sending: string
  /** Followed by the phone number. */
  codeSentTo: string
  verify: string
  checking: string
  resendIn: (seconds: number) => string
  resend: string
  noMoreCodes: string
  changeNumber: string
  /** Followed by the phone number. */
  verified: string
  startAgain: string
  attemptsLeft: (count: number) => string
  errors: {
    invalidCode: string
    expired: string
    rateLimited: string
    blocked: string
    invalidNumber: string
    landline: string
    network: string
    unknown: (code: string) => string
  }
}

const en: CustomStrings = {
  stepOf: (step, total) => `Step ${step} of ${total}`,
  phoneLabel: 'Mobile number, with country code',
  sendCode: 'Text me a code',
  sending: 'Texting you…',
  codeSentTo: 'Code sent to',
  verify: 'Verify',
  checking: 'Checking…',
  resendIn: (seconds) => `Resend in ${seconds}s`,
  resend: 'Resend code',
  noMoreCodes: 'No more codes can be sent.',
  changeNumber: 'Use another number',
  verified: 'Verified:',
  startAgain: 'Start again',
  attemptsLeft: (count) => `${count} left.`,
  errors: {
    invalidCode: 'That code is not right.',
    expired: 'That code has expired.',
    rateLimited: 'Too many tries. Wait a little, then try again.',
    blocked: 'This number cannot receive codes.',
    invalidNumber: 'Type the number with its country code, e.g. +447700900123.',
    landline: 'This number cannot receive text messages.',
    network: 'No connection to the server. Try again.',
    unknown: (code) => `Something went wrong (${code}).`,
  },
}

const fr: CustomStrings = {
  stepOf: (step, total) => `Étape ${step} sur ${total}`,
  phoneLabel: 'Numéro de mobile, avec l’indicatif du pays',
  sendCode: 'Envoyez-moi un code',
  sending: 'Envoi en cours…',
  codeSentTo: 'Code envoyé au',
  verify: 'Vérifier',
  checking: 'Vérification…',
  resendIn: (seconds) => `Renvoyer dans ${seconds} s`,
  resend: 'Renvoyer le code',
  noMoreCodes: 'Plus aucun code ne peut être envoyé.',
  changeNumber: 'Utiliser un autre numéro',
  verified: 'Vérifié :',
  startAgain: 'Recommencer',
  attemptsLeft: (count) => `Encore ${count} essai(s).`,
  errors: {
    invalidCode: 'Ce code n’est pas le bon.',
    expired: 'Ce code a expiré.',
    rateLimited: 'Trop d’essais. Patientez un peu, puis réessayez.',
    blocked: 'Ce numéro ne peut pas recevoir de code.',
    invalidNumber: 'Saisissez le numéro avec l’indicatif du pays, par ex. +33612345678.',
    landline: 'Ce numéro ne peut pas recevoir de SMS.',
    network: 'Pas de connexion au serveur. Réessayez.',
    unknown: (code) => `Une erreur est survenue (${code}).`,
  },
}

const de: CustomStrings = {
  stepOf: (step, total) => `Schritt ${step} von ${total}`,
  phoneLabel: 'Handynummer mit Ländervorwahl',
  sendCode: 'Code per SMS senden',
  sending: 'Wird gesendet…',
  codeSentTo: 'Code gesendet an',
  verify: 'Bestätigen',
  checking: 'Wird geprüft…',
  resendIn: (seconds) => `Erneut senden in ${seconds} s`,
  resend: 'Code erneut senden',
  noMoreCodes: 'Es können keine weiteren Codes gesendet werden.',
  changeNumber: 'Andere Nummer verwenden',
  verified: 'Bestätigt:',
  startAgain: 'Neu beginnen',
  attemptsLeft: (count) => `Noch ${count} Versuch(e).`,
  errors: {
    invalidCode: 'Dieser Code ist nicht richtig.',
    expired: 'Dieser Code ist abgelaufen.',
    rateLimited: 'Zu viele Versuche. Warten Sie kurz und versuchen Sie es erneut.',
    blocked: 'Diese Nummer kann keine Codes empfangen.',
    invalidNumber: 'Geben Sie die Nummer mit Ländervorwahl ein, z. B. +4915123456789.',
    landline: 'Diese Nummer kann keine SMS empfangen.',
    network: 'Keine Verbindung zum Server. Versuchen Sie es erneut.',
    unknown: (code) => `Etwas ist schiefgelaufen (${code}).`,
  },
}

const es: CustomStrings = {
  stepOf: (step, total) => `Paso ${step} de ${total}`,
  phoneLabel: 'Número de móvil, con el prefijo del país',
  sendCode: 'Envíame un código',
  sending: 'Enviando…',
  codeSentTo: 'Código enviado al',
  verify: 'Verificar',
  checking: 'Comprobando…',
  resendIn: (seconds) => `Reenviar en ${seconds} s`,
  resend: 'Reenviar código',
  noMoreCodes: 'No se pueden enviar más códigos.',
  changeNumber: 'Usar otro número',
  verified: 'Verificado:',
  startAgain: 'Empezar de nuevo',
  attemptsLeft: (count) => `Quedan ${count} intento(s).`,
  errors: {
    invalidCode: 'Ese código no es correcto.',
    expired: 'Ese código ha caducado.',
    rateLimited: 'Demasiados intentos. Espera un poco y vuelve a intentarlo.',
    blocked: 'Este número no puede recibir códigos.',
    invalidNumber: 'Escribe el número con el prefijo del país, p. ej. +34612345678.',
    landline: 'Este número no puede recibir SMS.',
    network: 'Sin conexión con el servidor. Inténtalo de nuevo.',
    unknown: (code) => `Algo ha fallado (${code}).`,
  },
}

const pt: CustomStrings = {
  stepOf: (step, total) => `Passo ${step} de ${total}`,
  phoneLabel: 'Número de celular, com o código do país',
  sendCode: 'Enviar um código',
  sending: 'Enviando…',
  codeSentTo: 'Código enviado para',
  verify: 'Verificar',
  checking: 'Verificando…',
  resendIn: (seconds) => `Reenviar em ${seconds} s`,
  resend: 'Reenviar código',
  noMoreCodes: 'Não é possível enviar mais códigos.',
  changeNumber: 'Usar outro número',
  verified: 'Verificado:',
  startAgain: 'Recomeçar',
  attemptsLeft: (count) => `Restam ${count} tentativa(s).`,
  errors: {
    invalidCode: 'Esse código não está certo.',
    expired: 'Esse código expirou.',
    rateLimited: 'Tentativas demais. Aguarde um pouco e tente de novo.',
    blocked: 'Este número não pode receber códigos.',
    invalidNumber: 'Digite o número com o código do país, ex. +5511912345678.',
    landline: 'Este número não pode receber SMS.',
    network: 'Sem conexão com o servidor. Tente de novo.',
    unknown: (code) => `Algo deu errado (${code}).`,
  },
}

const ar: CustomStrings = {
  stepOf: (step, total) => `الخطوة ${step} من ${total}`,
  phoneLabel: 'رقم الجوال مع رمز الدولة',
  sendCode: 'أرسل لي رمزًا',
  sending: 'جارٍ الإرسال…',
  codeSentTo: 'أُرسل الرمز إلى',
  verify: 'تحقّق',
  checking: 'جارٍ التحقق…',
  resendIn: (seconds) => `إعادة الإرسال بعد ${seconds} ث`,
  resend: 'إعادة إرسال الرمز',
  noMoreCodes: 'لا يمكن إرسال المزيد من الرموز.',
  changeNumber: 'استخدم رقمًا آخر',
  verified: 'تم التحقق:',
  startAgain: 'البدء من جديد',
  attemptsLeft: (count) => `المحاولات المتبقية: ${count}.`,
  errors: {
    invalidCode: 'هذا الرمز غير صحيح.',
    expired: 'انتهت صلاحية هذا الرمز.',
    rateLimited: 'محاولات كثيرة جدًا. انتظر قليلًا ثم حاول مجددًا.',
    blocked: 'لا يمكن لهذا الرقم استلام الرموز.',
    invalidNumber: 'اكتب الرقم مع رمز الدولة، مثل ‎+971501234567‎.',
    landline: 'لا يمكن لهذا الرقم استلام الرسائل النصية.',
    network: 'لا اتصال بالخادم. حاول مجددًا.',
    unknown: (code) => `حدث خطأ (${code}).`,
  },
}

const he: CustomStrings = {
  stepOf: (step, total) => `שלב ${step} מתוך ${total}`,
  phoneLabel: 'מספר נייד, עם קידומת המדינה',
  sendCode: 'שלחו לי קוד',
  sending: 'שולחים…',
  codeSentTo: 'הקוד נשלח אל',
  verify: 'אימות',
  checking: 'בודקים…',
  resendIn: (seconds) => `שליחה חוזרת בעוד ${seconds} שנ׳`,
  resend: 'שליחת קוד חוזרת',
  noMoreCodes: 'לא ניתן לשלוח קודים נוספים.',
  changeNumber: 'שימוש במספר אחר',
  verified: 'אומת:',
  startAgain: 'התחלה מחדש',
  attemptsLeft: (count) => `נותרו ${count} ניסיונות.`,
  errors: {
    invalidCode: 'הקוד הזה שגוי.',
    expired: 'תוקף הקוד פג.',
    rateLimited: 'יותר מדי ניסיונות. כדאי להמתין מעט ולנסות שוב.',
    blocked: 'המספר הזה לא יכול לקבל קודים.',
    invalidNumber: 'יש להקליד את המספר עם קידומת המדינה, למשל ‎+972501234567‎.',
    landline: 'המספר הזה לא יכול לקבל SMS.',
    network: 'אין חיבור לשרת. כדאי לנסות שוב.',
    unknown: (code) => `משהו השתבש (${code}).`,
  },
}

export const CUSTOM_STRINGS = { en, fr, de, es, pt, ar, he } as const satisfies Record<string, CustomStrings>
