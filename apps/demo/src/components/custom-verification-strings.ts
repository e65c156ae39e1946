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
    unsupportedRegion: string
    network: string
    timeout: string
    /** The provider or the server failed: waiting is the only way out. */
    unavailable: string
    /** The code request is no longer known to the server (a restart, an expired flow): a new code is the way out. */
    sessionLost: string
    /** Any other error, worded without its code. */
    unknown: string
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
  attemptsLeft: (count) => (count === 1 ? '1 try left.' : `${count} tries left.`),
  errors: {
    invalidCode: 'That code is not right.',
    expired: 'That code has expired.',
    rateLimited: 'Too many tries. Wait a little, then try again.',
    blocked: 'This number cannot receive codes.',
    invalidNumber: 'Type the number with its country code, e.g. +447700900123.',
    landline: 'This number cannot receive text messages.',
    unsupportedRegion: 'Numbers from this country are not supported.',
    network: 'No connection to the server. Try again.',
    timeout: 'The server took too long to answer. Try again.',
    unavailable: 'The verification service is unavailable right now. Wait a minute, then ask for a code again.',
    sessionLost: 'This code request is no longer valid. Ask for a new code.',
    unknown: 'Something went wrong. Try again.',
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
    unsupportedRegion: 'Les numéros de ce pays ne sont pas pris en charge.',
    network: 'Pas de connexion au serveur. Réessayez.',
    timeout: 'Le serveur a mis trop de temps à répondre. Réessayez.',
    unavailable: 'Le service de vérification est indisponible pour le moment. Patientez une minute, puis redemandez un code.',
    sessionLost: 'Cette demande de code n’est plus valable. Demandez un nouveau code.',
    unknown: 'Une erreur est survenue. Réessayez.',
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
    unsupportedRegion: 'Nummern aus diesem Land werden nicht unterstützt.',
    network: 'Keine Verbindung zum Server. Versuchen Sie es erneut.',
    timeout: 'Der Server hat zu lange nicht geantwortet. Versuchen Sie es erneut.',
    unavailable:
      'Der Bestätigungsdienst ist gerade nicht erreichbar. Warten Sie eine Minute und fordern Sie dann erneut einen Code an.',
    sessionLost: 'Diese Code-Anfrage ist nicht mehr gültig. Fordern Sie einen neuen Code an.',
    unknown: 'Etwas ist schiefgelaufen. Versuchen Sie es erneut.',
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
    unsupportedRegion: 'No se admiten números de este país.',
    network: 'Sin conexión con el servidor. Inténtalo de nuevo.',
    timeout: 'El servidor tardó demasiado en responder. Inténtalo de nuevo.',
    unavailable: 'El servicio de verificación no está disponible ahora mismo. Espera un minuto y vuelve a pedir un código.',
    sessionLost: 'Esta solicitud de código ya no es válida. Pide un código nuevo.',
    unknown: 'Algo ha fallado. Inténtalo de nuevo.',
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
    unsupportedRegion: 'Números deste país não são aceitos.',
    network: 'Sem conexão com o servidor. Tente de novo.',
    timeout: 'O servidor demorou demais para responder. Tente de novo.',
    unavailable: 'O serviço de verificação está indisponível no momento. Aguarde um minuto e peça um código de novo.',
    sessionLost: 'Este pedido de código não é mais válido. Peça um código novo.',
    unknown: 'Algo deu errado. Tente de novo.',
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
    unsupportedRegion: 'أرقام هذه الدولة غير مدعومة.',
    network: 'لا اتصال بالخادم. حاول مجددًا.',
    timeout: 'استغرق الخادم وقتًا طويلًا للرد. حاول مجددًا.',
    unavailable: 'خدمة التحقق غير متاحة الآن. انتظر دقيقة ثم اطلب رمزًا من جديد.',
    sessionLost: 'لم يعد طلب الرمز هذا صالحًا. اطلب رمزًا جديدًا.',
    unknown: 'حدث خطأ. حاول مجددًا.',
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
    unsupportedRegion: 'אין תמיכה במספרים מהמדינה הזו.',
    network: 'אין חיבור לשרת. כדאי לנסות שוב.',
    timeout: 'לשרת לקח יותר מדי זמן לענות. כדאי לנסות שוב.',
    unavailable: 'שירות האימות לא זמין כרגע. כדאי להמתין דקה ולבקש קוד שוב.',
    sessionLost: 'בקשת הקוד הזו כבר לא בתוקף. יש לבקש קוד חדש.',
    unknown: 'משהו השתבש. כדאי לנסות שוב.',
  },
}

export const CUSTOM_STRINGS = { en, fr, de, es, pt, ar, he } as const satisfies Record<string, CustomStrings>
