import { type LocaleName, locales } from '@otpflow/phone-verify/locales'

/** The locales `@otpflow/phone-verify` ships (all of them: the page switches language), each with the demo page's own strings. */
export const DEMO_LOCALES = Object.keys(locales) as LocaleName[]
export type DemoLocale = LocaleName

export function isRtl(locale: DemoLocale): boolean {
  return locales[locale].dir === 'rtl'
}

function asDemoLocale(tag: string | null | undefined): DemoLocale | undefined {
  const base = tag?.toLowerCase().split(/[-_]/)[0]
  return DEMO_LOCALES.find((locale) => locale === base)
}

/** `?locale=xx` wins; otherwise the browser's first language we ship; otherwise English. */
export function pickLocale(search: string, languages: readonly string[]): DemoLocale {
  const fromQuery = asDemoLocale(new URLSearchParams(search).get('locale'))
  if (fromQuery) return fromQuery
  for (const language of languages) {
    const match = asDemoLocale(language)
    if (match) return match
  }
  return 'en'
}

export interface DemoStrings {
  /** The language's own name, shown in the switcher. */
  languageName: string
  language: string
  pages: string
  signupPage: string
  customPage: string
  signupTitle: string
  signupIntro: string
  name: string
  email: string
  createAccount: string
  creatingAccount: string
  verifyFirst: string
  /** Followed by the verified phone number. */
  accountCreated: (name: string) => string
  /** The proof of the phone number expired before the form was sent (`expired_token`). */
  signupExpired: string
  /** The server could not accept the proof of the phone number (`invalid_token`, a missing or forged one). */
  signupRejected: string
  signupNetwork: string
  /** Anything else the server answered (a 5xx, an unexpected code). */
  signupFailed: string
  customTitle: string
  customIntro: string
  inboxTitle: string
  inboxEmpty: string
  /** Followed by the phone number. */
  inboxLatest: string
  inboxRefresh: string
  sandboxNotice: string
}

const en: DemoStrings = {
  languageName: 'English',
  language: 'Language',
  pages: 'Demo pages',
  signupPage: 'Signup (drop-in)',
  customPage: 'Custom UI (useOtpFlow)',
  signupTitle: 'Create your account',
  signupIntro: 'We text you a code to check that the phone number is yours.',
  name: 'Full name',
  email: 'Email',
  createAccount: 'Create account',
  creatingAccount: 'Creating account…',
  verifyFirst: 'Verify your phone number first.',
  accountCreated: (name) => `Account created for ${name}. Verified phone number:`,
  signupExpired: 'Your phone verification has expired. Verify your number again, then create the account.',
  signupRejected: 'The phone verification could not be confirmed. Verify your number again, then create the account.',
  signupNetwork: 'No connection to the server. Check your connection and try again.',
  signupFailed: 'The account could not be created. Try again in a moment.',
  customTitle: 'Verify your phone',
  customIntro: 'The same flow, drawn by the app itself on top of the useOtpFlow hook.',
  inboxTitle: 'Sandbox inbox',
  inboxEmpty: 'Codes sent to the number on screen appear here.',
  inboxLatest: 'Latest code for',
  inboxRefresh: 'Refresh',
  sandboxNotice: 'Sandbox: no SMS is sent. Codes appear here and in the terminal.',
}

const fr: DemoStrings = {
  languageName: 'Français',
  language: 'Langue',
  pages: 'Pages de démonstration',
  signupPage: 'Inscription (prêt à l’emploi)',
  customPage: 'Interface sur mesure (useOtpFlow)',
  signupTitle: 'Créez votre compte',
  signupIntro: 'Nous vous envoyons un code par SMS pour vérifier que ce numéro est bien le vôtre.',
  name: 'Nom complet',
  email: 'E-mail',
  createAccount: 'Créer le compte',
  creatingAccount: 'Création du compte…',
  verifyFirst: 'Vérifiez d’abord votre numéro de téléphone.',
  accountCreated: (name) => `Compte créé pour ${name}. Numéro vérifié :`,
  signupExpired: 'La vérification de votre numéro a expiré. Vérifiez-le à nouveau, puis créez le compte.',
  signupRejected: 'La vérification du numéro n’a pas pu être confirmée. Vérifiez-le à nouveau, puis créez le compte.',
  signupNetwork: 'Pas de connexion au serveur. Vérifiez votre connexion et réessayez.',
  signupFailed: 'Le compte n’a pas pu être créé. Réessayez dans un instant.',
  customTitle: 'Vérifiez votre téléphone',
  customIntro: 'Le même parcours, dessiné par l’application elle-même avec le hook useOtpFlow.',
  inboxTitle: 'Boîte du bac à sable',
  inboxEmpty: 'Les codes envoyés au numéro affiché apparaissent ici.',
  inboxLatest: 'Dernier code pour',
  inboxRefresh: 'Actualiser',
  sandboxNotice: 'Bac à sable : aucun SMS n’est envoyé. Les codes s’affichent ici et dans le terminal.',
}

const de: DemoStrings = {
  languageName: 'Deutsch',
  language: 'Sprache',
  pages: 'Demoseiten',
  signupPage: 'Registrierung (fertige Komponente)',
  customPage: 'Eigene Oberfläche (useOtpFlow)',
  signupTitle: 'Konto erstellen',
  signupIntro: 'Wir senden Ihnen einen Code per SMS, um zu prüfen, dass die Nummer Ihnen gehört.',
  name: 'Vollständiger Name',
  email: 'E-Mail',
  createAccount: 'Konto erstellen',
  creatingAccount: 'Konto wird erstellt…',
  verifyFirst: 'Bestätigen Sie zuerst Ihre Telefonnummer.',
  accountCreated: (name) => `Konto für ${name} erstellt. Bestätigte Telefonnummer:`,
  signupExpired:
    'Die Bestätigung Ihrer Telefonnummer ist abgelaufen. Bestätigen Sie die Nummer erneut und erstellen Sie dann das Konto.',
  signupRejected:
    'Die Bestätigung der Telefonnummer konnte nicht geprüft werden. Bestätigen Sie die Nummer erneut und erstellen Sie dann das Konto.',
  signupNetwork: 'Keine Verbindung zum Server. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  signupFailed: 'Das Konto konnte nicht erstellt werden. Versuchen Sie es gleich noch einmal.',
  customTitle: 'Telefon bestätigen',
  customIntro: 'Derselbe Ablauf, von der App selbst mit dem Hook useOtpFlow gezeichnet.',
  inboxTitle: 'Sandbox-Posteingang',
  inboxEmpty: 'Codes für die angezeigte Nummer erscheinen hier.',
  inboxLatest: 'Neuester Code für',
  inboxRefresh: 'Aktualisieren',
  sandboxNotice: 'Sandbox: Es wird keine SMS gesendet. Codes erscheinen hier und im Terminal.',
}

const es: DemoStrings = {
  languageName: 'Español',
  language: 'Idioma',
  pages: 'Páginas de demostración',
  signupPage: 'Registro (componente listo)',
  customPage: 'Interfaz propia (useOtpFlow)',
  signupTitle: 'Crea tu cuenta',
  signupIntro: 'Te enviamos un código por SMS para comprobar que el número es tuyo.',
  name: 'Nombre completo',
  email: 'Correo electrónico',
  createAccount: 'Crear cuenta',
  creatingAccount: 'Creando la cuenta…',
  verifyFirst: 'Verifica primero tu número de teléfono.',
  accountCreated: (name) => `Cuenta creada para ${name}. Teléfono verificado:`,
  signupExpired: 'La verificación de tu teléfono ha caducado. Verifica el número de nuevo y luego crea la cuenta.',
  signupRejected: 'No se pudo confirmar la verificación del teléfono. Verifica el número de nuevo y luego crea la cuenta.',
  signupNetwork: 'Sin conexión con el servidor. Comprueba tu conexión e inténtalo de nuevo.',
  signupFailed: 'No se pudo crear la cuenta. Inténtalo de nuevo en un momento.',
  customTitle: 'Verifica tu teléfono',
  customIntro: 'El mismo flujo, dibujado por la propia aplicación sobre el hook useOtpFlow.',
  inboxTitle: 'Bandeja del sandbox',
  inboxEmpty: 'Los códigos enviados al número en pantalla aparecen aquí.',
  inboxLatest: 'Último código para',
  inboxRefresh: 'Actualizar',
  sandboxNotice: 'Sandbox: no se envía ningún SMS. Los códigos aparecen aquí y en la terminal.',
}

const pt: DemoStrings = {
  languageName: 'Português',
  language: 'Idioma',
  pages: 'Páginas de demonstração',
  signupPage: 'Cadastro (componente pronto)',
  customPage: 'Interface própria (useOtpFlow)',
  signupTitle: 'Crie sua conta',
  signupIntro: 'Enviamos um código por SMS para confirmar que o número é seu.',
  name: 'Nome completo',
  email: 'E-mail',
  createAccount: 'Criar conta',
  creatingAccount: 'Criando a conta…',
  verifyFirst: 'Verifique primeiro seu número de telefone.',
  accountCreated: (name) => `Conta criada para ${name}. Telefone verificado:`,
  signupExpired: 'A verificação do seu telefone expirou. Verifique o número de novo e depois crie a conta.',
  signupRejected: 'Não foi possível confirmar a verificação do telefone. Verifique o número de novo e depois crie a conta.',
  signupNetwork: 'Sem conexão com o servidor. Verifique sua conexão e tente de novo.',
  signupFailed: 'Não foi possível criar a conta. Tente de novo em instantes.',
  customTitle: 'Verifique seu telefone',
  customIntro: 'O mesmo fluxo, desenhado pela própria aplicação com o hook useOtpFlow.',
  inboxTitle: 'Caixa do sandbox',
  inboxEmpty: 'Os códigos enviados ao número na tela aparecem aqui.',
  inboxLatest: 'Último código para',
  inboxRefresh: 'Atualizar',
  sandboxNotice: 'Sandbox: nenhum SMS é enviado. Os códigos aparecem aqui e no terminal.',
}

const ar: DemoStrings = {
  languageName: 'العربية',
  language: 'اللغة',
  pages: 'صفحات العرض',
  signupPage: 'التسجيل (مكوّن جاهز)',
  // The right-to-left mark keeps the closing parenthesis after a Latin word on the right side.
  customPage: 'واجهة مخصصة (useOtpFlow)\u200f',
  signupTitle: 'أنشئ حسابك',
  signupIntro: 'نرسل إليك رمزًا في رسالة نصية للتأكد من أن الرقم لك.',
  name: 'الاسم الكامل',
  email: 'البريد الإلكتروني',
  createAccount: 'إنشاء الحساب',
  creatingAccount: 'جارٍ إنشاء الحساب…',
  verifyFirst: 'تحقّق من رقم هاتفك أولًا.',
  accountCreated: (name) => `تم إنشاء الحساب لـ ${name}. رقم الهاتف الموثَّق:`,
  signupExpired: 'انتهت صلاحية التحقق من رقم هاتفك. تحقّق من الرقم مجددًا، ثم أنشئ الحساب.',
  signupRejected: 'تعذّر تأكيد التحقق من رقم الهاتف. تحقّق من الرقم مجددًا، ثم أنشئ الحساب.',
  signupNetwork: 'لا اتصال بالخادم. تحقّق من اتصالك وحاول مجددًا.',
  signupFailed: 'تعذّر إنشاء الحساب. حاول مجددًا بعد قليل.',
  customTitle: 'تحقّق من هاتفك',
  customIntro: 'المسار نفسه، يرسمه التطبيق بنفسه فوق الخطّاف useOtpFlow\u200f.',
  inboxTitle: 'صندوق وارد التجربة',
  inboxEmpty: 'تظهر هنا الرموز المرسلة إلى الرقم المعروض.',
  inboxLatest: 'آخر رمز للرقم',
  inboxRefresh: 'تحديث',
  sandboxNotice: 'وضع التجربة: لا تُرسل أي رسالة نصية. تظهر الرموز هنا وفي الطرفية.',
}

const he: DemoStrings = {
  languageName: 'עברית',
  language: 'שפה',
  pages: 'דפי הדגמה',
  signupPage: 'הרשמה (רכיב מוכן)',
  customPage: 'ממשק מותאם (useOtpFlow)\u200f',
  signupTitle: 'יצירת חשבון',
  signupIntro: 'נשלח אליך קוד ב־SMS כדי לוודא שהמספר שלך.',
  name: 'שם מלא',
  email: 'דוא״ל',
  createAccount: 'יצירת חשבון',
  creatingAccount: 'יוצרים את החשבון…',
  verifyFirst: 'יש לאמת קודם את מספר הטלפון.',
  accountCreated: (name) => `החשבון של ${name} נוצר. מספר טלפון מאומת:`,
  signupExpired: 'תוקף אימות מספר הטלפון פג. יש לאמת את המספר שוב ואז ליצור את החשבון.',
  signupRejected: 'לא ניתן היה לאשר את אימות מספר הטלפון. יש לאמת את המספר שוב ואז ליצור את החשבון.',
  signupNetwork: 'אין חיבור לשרת. כדאי לבדוק את החיבור ולנסות שוב.',
  signupFailed: 'לא ניתן היה ליצור את החשבון. כדאי לנסות שוב בעוד רגע.',
  customTitle: 'אימות הטלפון',
  customIntro: 'אותו תהליך, מצויר על ידי האפליקציה עצמה מעל ה־hook ‏useOtpFlow\u200f.',
  inboxTitle: 'תיבת הדואר של ארגז החול',
  inboxEmpty: 'הקודים שנשלחים למספר שמוצג במסך יופיעו כאן.',
  inboxLatest: 'הקוד האחרון עבור',
  inboxRefresh: 'רענון',
  sandboxNotice: 'ארגז חול: לא נשלח SMS. הקודים מופיעים כאן ובמסוף.',
}

export const DEMO_STRINGS: Record<DemoLocale, DemoStrings> = { en, fr, de, es, pt, ar, he }
