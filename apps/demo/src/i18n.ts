import { type LocaleName, locales, messagesFor } from '@otpflow/phone-verify/locales'

/** The locales `@otpflow/phone-verify` ships (all of them: the page switches language), each with the demo page's own strings. */
export const DEMO_LOCALES = Object.keys(locales) as LocaleName[]
export type DemoLocale = LocaleName

export function isRtl(locale: DemoLocale): boolean {
  return locales[locale].dir === 'rtl'
}

/** The shipped locale of a tag (`fr-CA` → `fr`, `zh-TW` → `zh-Hant`), or `undefined` when its language is not shipped. */
function asDemoLocale(tag: string | null | undefined): DemoLocale | undefined {
  if (!tag) return undefined
  const messages = messagesFor(tag)
  if (messages === locales.en && tag.toLowerCase().split(/[-_]/)[0] !== 'en') return undefined
  return DEMO_LOCALES.find((locale) => locale === messages.locale)
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

const ja: DemoStrings = {
  languageName: '日本語',
  language: '言語',
  pages: 'デモページ',
  signupPage: '登録（完成済みコンポーネント）',
  customPage: 'カスタム UI（useOtpFlow）',
  signupTitle: 'アカウントを作成',
  signupIntro: '電話番号がご本人のものか確認するため、SMS でコードをお送りします。',
  name: '氏名',
  email: 'メールアドレス',
  createAccount: 'アカウントを作成',
  creatingAccount: 'アカウントを作成中…',
  verifyFirst: '先に電話番号を確認してください。',
  accountCreated: (name) => `${name} さんのアカウントを作成しました。確認済みの電話番号:`,
  signupExpired: '電話番号の確認の有効期限が切れました。番号をもう一度確認してから、アカウントを作成してください。',
  signupRejected: '電話番号の確認を承認できませんでした。番号をもう一度確認してから、アカウントを作成してください。',
  signupNetwork: 'サーバーに接続できません。接続を確認して、もう一度お試しください。',
  signupFailed: 'アカウントを作成できませんでした。しばらくしてからもう一度お試しください。',
  customTitle: '電話番号の確認',
  customIntro: '同じフローを、アプリ自身が useOtpFlow フックの上に描いたものです。',
  inboxTitle: 'サンドボックスの受信トレイ',
  inboxEmpty: '画面の番号に送信されたコードがここに表示されます。',
  inboxLatest: '最新のコード:',
  inboxRefresh: '更新',
  sandboxNotice: 'サンドボックス: SMS は送信されません。コードはここと端末に表示されます。',
}

const zhHans: DemoStrings = {
  languageName: '简体中文',
  language: '语言',
  pages: '演示页面',
  signupPage: '注册（现成组件）',
  customPage: '自定义界面（useOtpFlow）',
  signupTitle: '创建账号',
  signupIntro: '我们会向您发送短信验证码，以确认该手机号码属于您。',
  name: '姓名',
  email: '电子邮箱',
  createAccount: '创建账号',
  creatingAccount: '正在创建账号…',
  verifyFirst: '请先验证您的手机号码。',
  accountCreated: (name) => `已为 ${name} 创建账号。已验证的手机号码：`,
  signupExpired: '手机号码验证已过期。请重新验证号码，然后创建账号。',
  signupRejected: '无法确认手机号码验证。请重新验证号码，然后创建账号。',
  signupNetwork: '无法连接到服务器。请检查网络连接后重试。',
  signupFailed: '无法创建账号。请稍后重试。',
  customTitle: '验证手机号码',
  customIntro: '同样的流程，由应用自己基于 useOtpFlow 钩子绘制。',
  inboxTitle: '沙盒收件箱',
  inboxEmpty: '发送到屏幕上号码的验证码会显示在这里。',
  inboxLatest: '最新验证码：',
  inboxRefresh: '刷新',
  sandboxNotice: '沙盒：不会发送短信。验证码显示在这里和终端中。',
}

const zhHant: DemoStrings = {
  languageName: '繁體中文',
  language: '語言',
  pages: '示範頁面',
  signupPage: '註冊（現成元件）',
  customPage: '自訂介面（useOtpFlow）',
  signupTitle: '建立帳戶',
  signupIntro: '我們會以簡訊傳送驗證碼給您，以確認這個手機號碼屬於您。',
  name: '姓名',
  email: '電子郵件',
  createAccount: '建立帳戶',
  creatingAccount: '正在建立帳戶…',
  verifyFirst: '請先驗證您的手機號碼。',
  accountCreated: (name) => `已為 ${name} 建立帳戶。已驗證的手機號碼：`,
  signupExpired: '手機號碼驗證已過期。請重新驗證號碼，然後建立帳戶。',
  signupRejected: '無法確認手機號碼驗證。請重新驗證號碼，然後建立帳戶。',
  signupNetwork: '無法連線至伺服器。請檢查網路連線後再試一次。',
  signupFailed: '無法建立帳戶。請稍後再試一次。',
  customTitle: '驗證手機號碼',
  customIntro: '同樣的流程，由應用程式自己以 useOtpFlow hook 繪製。',
  inboxTitle: '沙箱收件匣',
  inboxEmpty: '傳送至畫面上號碼的驗證碼會顯示在這裡。',
  inboxLatest: '最新驗證碼：',
  inboxRefresh: '重新整理',
  sandboxNotice: '沙箱：不會傳送簡訊。驗證碼會顯示在這裡和終端機中。',
}

const ko: DemoStrings = {
  languageName: '한국어',
  language: '언어',
  pages: '데모 페이지',
  signupPage: '회원가입(완성형 컴포넌트)',
  customPage: '사용자 정의 UI(useOtpFlow)',
  signupTitle: '계정 만들기',
  signupIntro: '휴대폰 번호가 본인 것인지 확인하기 위해 문자 메시지로 인증번호를 보내 드립니다.',
  name: '이름',
  email: '이메일',
  createAccount: '계정 만들기',
  creatingAccount: '계정을 만드는 중…',
  verifyFirst: '먼저 휴대폰 번호를 인증해 주세요.',
  accountCreated: (name) => `${name} 님의 계정을 만들었습니다. 인증된 휴대폰 번호:`,
  signupExpired: '휴대폰 번호 인증이 만료되었습니다. 번호를 다시 인증한 후 계정을 만들어 주세요.',
  signupRejected: '휴대폰 번호 인증을 확인할 수 없습니다. 번호를 다시 인증한 후 계정을 만들어 주세요.',
  signupNetwork: '서버에 연결할 수 없습니다. 인터넷 연결을 확인하고 다시 시도해 주세요.',
  signupFailed: '계정을 만들 수 없습니다. 잠시 후 다시 시도해 주세요.',
  customTitle: '휴대폰 인증',
  customIntro: '같은 흐름을 앱이 직접 useOtpFlow 훅 위에 그린 화면입니다.',
  inboxTitle: '샌드박스 수신함',
  inboxEmpty: '화면의 번호로 보낸 인증번호가 여기에 표시됩니다.',
  inboxLatest: '최신 인증번호:',
  inboxRefresh: '새로고침',
  sandboxNotice: '샌드박스: 문자 메시지는 발송되지 않습니다. 인증번호는 여기와 터미널에 표시됩니다.',
}

const hi: DemoStrings = {
  languageName: 'हिन्दी',
  language: 'भाषा',
  pages: 'डेमो पेज',
  signupPage: 'साइन अप (तैयार कॉम्पोनेंट)',
  customPage: 'अपना इंटरफ़ेस (useOtpFlow)',
  signupTitle: 'अपना खाता बनाएं',
  signupIntro: 'यह पक्का करने के लिए कि फ़ोन नंबर आपका है, हम आपको SMS से एक कोड भेजते हैं।',
  name: 'पूरा नाम',
  email: 'ईमेल',
  createAccount: 'खाता बनाएं',
  creatingAccount: 'खाता बनाया जा रहा है…',
  verifyFirst: 'पहले अपना फ़ोन नंबर सत्यापित करें।',
  accountCreated: (name) => `${name} के लिए खाता बन गया। सत्यापित फ़ोन नंबर:`,
  signupExpired: 'आपके फ़ोन सत्यापन की समय-सीमा खत्म हो गई है। नंबर फिर से सत्यापित करें, फिर खाता बनाएं।',
  signupRejected: 'फ़ोन सत्यापन की पुष्टि नहीं हो सकी। नंबर फिर से सत्यापित करें, फिर खाता बनाएं।',
  signupNetwork: 'सर्वर से कनेक्शन नहीं है। अपना कनेक्शन जांचें और फिर से कोशिश करें।',
  signupFailed: 'खाता नहीं बन सका। थोड़ी देर में फिर से कोशिश करें।',
  customTitle: 'अपना फ़ोन सत्यापित करें',
  customIntro: 'वही फ़्लो, जिसे ऐप ने useOtpFlow हुक पर खुद बनाया है।',
  inboxTitle: 'सैंडबॉक्स इनबॉक्स',
  inboxEmpty: 'स्क्रीन पर दिखे नंबर पर भेजे गए कोड यहां दिखते हैं।',
  inboxLatest: 'नया कोड:',
  inboxRefresh: 'रीफ़्रेश करें',
  sandboxNotice: 'सैंडबॉक्स: कोई SMS नहीं भेजा जाता। कोड यहां और टर्मिनल में दिखते हैं।',
}

const id: DemoStrings = {
  languageName: 'Bahasa Indonesia',
  language: 'Bahasa',
  pages: 'Halaman demo',
  signupPage: 'Pendaftaran (komponen siap pakai)',
  customPage: 'UI kustom (useOtpFlow)',
  signupTitle: 'Buat akun Anda',
  signupIntro: 'Kami mengirimkan kode melalui SMS untuk memastikan nomor telepon ini milik Anda.',
  name: 'Nama lengkap',
  email: 'Email',
  createAccount: 'Buat akun',
  creatingAccount: 'Membuat akun…',
  verifyFirst: 'Verifikasi nomor telepon Anda terlebih dahulu.',
  accountCreated: (name) => `Akun dibuat untuk ${name}. Nomor telepon terverifikasi:`,
  signupExpired: 'Verifikasi telepon Anda sudah kedaluwarsa. Verifikasi nomor Anda lagi, lalu buat akun.',
  signupRejected: 'Verifikasi telepon tidak dapat dikonfirmasi. Verifikasi nomor Anda lagi, lalu buat akun.',
  signupNetwork: 'Tidak ada koneksi ke server. Periksa koneksi Anda dan coba lagi.',
  signupFailed: 'Akun tidak dapat dibuat. Coba lagi sebentar lagi.',
  customTitle: 'Verifikasi telepon Anda',
  customIntro: 'Alur yang sama, digambar oleh aplikasi sendiri di atas hook useOtpFlow.',
  inboxTitle: 'Kotak masuk sandbox',
  inboxEmpty: 'Kode yang dikirim ke nomor di layar muncul di sini.',
  inboxLatest: 'Kode terbaru untuk',
  inboxRefresh: 'Muat ulang',
  sandboxNotice: 'Sandbox: tidak ada SMS yang dikirim. Kode muncul di sini dan di terminal.',
}

const tr: DemoStrings = {
  languageName: 'Türkçe',
  language: 'Dil',
  pages: 'Demo sayfaları',
  signupPage: 'Kayıt (hazır bileşen)',
  customPage: 'Özel arayüz (useOtpFlow)',
  signupTitle: 'Hesabınızı oluşturun',
  signupIntro: 'Telefon numarasının size ait olduğunu doğrulamak için SMS ile bir kod gönderiyoruz.',
  name: 'Ad soyad',
  email: 'E-posta',
  createAccount: 'Hesap oluştur',
  creatingAccount: 'Hesap oluşturuluyor…',
  verifyFirst: 'Önce telefon numaranızı doğrulayın.',
  accountCreated: (name) => `${name} için hesap oluşturuldu. Doğrulanmış telefon numarası:`,
  signupExpired: 'Telefon doğrulamanızın süresi doldu. Numaranızı tekrar doğrulayın, ardından hesabı oluşturun.',
  signupRejected: 'Telefon doğrulaması onaylanamadı. Numaranızı tekrar doğrulayın, ardından hesabı oluşturun.',
  signupNetwork: 'Sunucuya bağlanılamıyor. Bağlantınızı kontrol edip tekrar deneyin.',
  signupFailed: 'Hesap oluşturulamadı. Biraz sonra tekrar deneyin.',
  customTitle: 'Telefonunuzu doğrulayın',
  customIntro: 'Aynı akış, uygulamanın kendisi tarafından useOtpFlow kancası üzerinde çizildi.',
  inboxTitle: 'Sandbox gelen kutusu',
  inboxEmpty: 'Ekrandaki numaraya gönderilen kodlar burada görünür.',
  inboxLatest: 'Son kod:',
  inboxRefresh: 'Yenile',
  sandboxNotice: 'Sandbox: SMS gönderilmez. Kodlar burada ve terminalde görünür.',
}

const ru: DemoStrings = {
  languageName: 'Русский',
  language: 'Язык',
  pages: 'Демо-страницы',
  signupPage: 'Регистрация (готовый компонент)',
  customPage: 'Свой интерфейс (useOtpFlow)',
  signupTitle: 'Создайте аккаунт',
  signupIntro: 'Мы отправим код в SMS, чтобы убедиться, что это ваш номер телефона.',
  name: 'Имя и фамилия',
  email: 'Электронная почта',
  createAccount: 'Создать аккаунт',
  creatingAccount: 'Создание аккаунта…',
  verifyFirst: 'Сначала подтвердите номер телефона.',
  accountCreated: (name) => `Аккаунт для ${name} создан. Подтверждённый номер телефона:`,
  signupExpired: 'Срок действия подтверждения номера истёк. Подтвердите номер ещё раз, а затем создайте аккаунт.',
  signupRejected: 'Не удалось проверить подтверждение номера. Подтвердите номер ещё раз, а затем создайте аккаунт.',
  signupNetwork: 'Нет соединения с сервером. Проверьте подключение и повторите попытку.',
  signupFailed: 'Не удалось создать аккаунт. Повторите попытку чуть позже.',
  customTitle: 'Подтвердите телефон',
  customIntro: 'Тот же процесс, нарисованный самим приложением на основе хука useOtpFlow.',
  inboxTitle: 'Входящие песочницы',
  inboxEmpty: 'Здесь появляются коды, отправленные на номер на экране.',
  inboxLatest: 'Последний код для',
  inboxRefresh: 'Обновить',
  sandboxNotice: 'Песочница: SMS не отправляются. Коды появляются здесь и в терминале.',
}

const uk: DemoStrings = {
  languageName: 'Українська',
  language: 'Мова',
  pages: 'Демосторінки',
  signupPage: 'Реєстрація (готовий компонент)',
  customPage: 'Власний інтерфейс (useOtpFlow)',
  signupTitle: 'Створіть обліковий запис',
  signupIntro: 'Ми надішлемо код в SMS, щоб переконатися, що це ваш номер телефону.',
  name: 'Повне ім’я',
  email: 'Електронна пошта',
  createAccount: 'Створити обліковий запис',
  creatingAccount: 'Створення облікового запису…',
  verifyFirst: 'Спочатку підтвердьте номер телефону.',
  accountCreated: (name) => `Обліковий запис для ${name} створено. Підтверджений номер телефону:`,
  signupExpired: 'Термін дії підтвердження номера минув. Підтвердьте номер ще раз, а потім створіть обліковий запис.',
  signupRejected: 'Не вдалося перевірити підтвердження номера. Підтвердьте номер ще раз, а потім створіть обліковий запис.',
  signupNetwork: 'Немає з’єднання із сервером. Перевірте підключення й повторіть спробу.',
  signupFailed: 'Не вдалося створити обліковий запис. Спробуйте ще раз трохи згодом.',
  customTitle: 'Підтвердьте телефон',
  customIntro: 'Той самий процес, намальований самим застосунком на основі хука useOtpFlow.',
  inboxTitle: 'Вхідні пісочниці',
  inboxEmpty: 'Тут з’являються коди, надіслані на номер на екрані.',
  inboxLatest: 'Останній код для',
  inboxRefresh: 'Оновити',
  sandboxNotice: 'Пісочниця: SMS не надсилаються. Коди з’являються тут і в терміналі.',
}

const pl: DemoStrings = {
  languageName: 'Polski',
  language: 'Język',
  pages: 'Strony demonstracyjne',
  signupPage: 'Rejestracja (gotowy komponent)',
  customPage: 'Własny interfejs (useOtpFlow)',
  signupTitle: 'Załóż konto',
  signupIntro: 'Wyślemy SMS z kodem, aby sprawdzić, czy to Twój numer telefonu.',
  name: 'Imię i nazwisko',
  email: 'E-mail',
  createAccount: 'Załóż konto',
  creatingAccount: 'Zakładanie konta…',
  verifyFirst: 'Najpierw zweryfikuj numer telefonu.',
  accountCreated: (name) => `Konto dla ${name} zostało założone. Zweryfikowany numer telefonu:`,
  signupExpired: 'Weryfikacja numeru telefonu wygasła. Zweryfikuj numer ponownie, a potem załóż konto.',
  signupRejected: 'Nie udało się potwierdzić weryfikacji numeru. Zweryfikuj numer ponownie, a potem załóż konto.',
  signupNetwork: 'Brak połączenia z serwerem. Sprawdź połączenie i spróbuj ponownie.',
  signupFailed: 'Nie udało się założyć konta. Spróbuj ponownie za chwilę.',
  customTitle: 'Zweryfikuj telefon',
  customIntro: 'Ten sam proces, narysowany przez samą aplikację na bazie hooka useOtpFlow.',
  inboxTitle: 'Skrzynka piaskownicy',
  inboxEmpty: 'Tu pojawiają się kody wysłane na numer widoczny na ekranie.',
  inboxLatest: 'Najnowszy kod dla',
  inboxRefresh: 'Odśwież',
  sandboxNotice: 'Piaskownica: żaden SMS nie jest wysyłany. Kody pojawiają się tutaj i w terminalu.',
}

const nl: DemoStrings = {
  languageName: 'Nederlands',
  language: 'Taal',
  pages: 'Demopagina’s',
  signupPage: 'Aanmelden (kant-en-klaar onderdeel)',
  customPage: 'Eigen interface (useOtpFlow)',
  signupTitle: 'Maak je account aan',
  signupIntro: 'We sturen je een sms met een code om te controleren dat het telefoonnummer van jou is.',
  name: 'Volledige naam',
  email: 'E-mailadres',
  createAccount: 'Account aanmaken',
  creatingAccount: 'Account aanmaken…',
  verifyFirst: 'Verifieer eerst je telefoonnummer.',
  accountCreated: (name) => `Account aangemaakt voor ${name}. Geverifieerd telefoonnummer:`,
  signupExpired: 'De verificatie van je telefoonnummer is verlopen. Verifieer je nummer opnieuw en maak dan het account aan.',
  signupRejected:
    'De verificatie van je telefoonnummer kon niet worden bevestigd. Verifieer je nummer opnieuw en maak dan het account aan.',
  signupNetwork: 'Geen verbinding met de server. Controleer je verbinding en probeer het opnieuw.',
  signupFailed: 'Het account kon niet worden aangemaakt. Probeer het zo opnieuw.',
  customTitle: 'Verifieer je telefoon',
  customIntro: 'Hetzelfde proces, door de app zelf getekend op basis van de hook useOtpFlow.',
  inboxTitle: 'Sandbox-inbox',
  inboxEmpty: 'Codes die naar het nummer op het scherm zijn verstuurd, verschijnen hier.',
  inboxLatest: 'Laatste code voor',
  inboxRefresh: 'Vernieuwen',
  sandboxNotice: 'Sandbox: er wordt geen sms verstuurd. Codes verschijnen hier en in de terminal.',
}

const it: DemoStrings = {
  languageName: 'Italiano',
  language: 'Lingua',
  pages: 'Pagine demo',
  signupPage: 'Registrazione (componente pronto)',
  customPage: 'Interfaccia personalizzata (useOtpFlow)',
  signupTitle: 'Crea il tuo account',
  signupIntro: 'Ti inviamo un codice via SMS per verificare che il numero di telefono sia tuo.',
  name: 'Nome e cognome',
  email: 'Email',
  createAccount: 'Crea account',
  creatingAccount: 'Creazione dell’account…',
  verifyFirst: 'Prima verifica il tuo numero di telefono.',
  accountCreated: (name) => `Account creato per ${name}. Numero di telefono verificato:`,
  signupExpired: 'La verifica del telefono è scaduta. Verifica di nuovo il numero, poi crea l’account.',
  signupRejected: 'Non è stato possibile confermare la verifica del telefono. Verifica di nuovo il numero, poi crea l’account.',
  signupNetwork: 'Nessuna connessione al server. Controlla la connessione e riprova.',
  signupFailed: 'Non è stato possibile creare l’account. Riprova tra poco.',
  customTitle: 'Verifica il tuo telefono',
  customIntro: 'Lo stesso flusso, disegnato dall’app stessa sull’hook useOtpFlow.',
  inboxTitle: 'Posta in arrivo della sandbox',
  inboxEmpty: 'Qui compaiono i codici inviati al numero sullo schermo.',
  inboxLatest: 'Ultimo codice per il',
  inboxRefresh: 'Aggiorna',
  sandboxNotice: 'Sandbox: non viene inviato nessun SMS. I codici compaiono qui e nel terminale.',
}

const vi: DemoStrings = {
  languageName: 'Tiếng Việt',
  language: 'Ngôn ngữ',
  pages: 'Trang minh họa',
  signupPage: 'Đăng ký (thành phần có sẵn)',
  customPage: 'Giao diện tùy chỉnh (useOtpFlow)',
  signupTitle: 'Tạo tài khoản',
  signupIntro: 'Chúng tôi gửi mã qua SMS để xác nhận số điện thoại là của bạn.',
  name: 'Họ và tên',
  email: 'Email',
  createAccount: 'Tạo tài khoản',
  creatingAccount: 'Đang tạo tài khoản…',
  verifyFirst: 'Vui lòng xác minh số điện thoại trước.',
  accountCreated: (name) => `Đã tạo tài khoản cho ${name}. Số điện thoại đã xác minh:`,
  signupExpired: 'Lượt xác minh số điện thoại đã hết hạn. Vui lòng xác minh lại số, rồi tạo tài khoản.',
  signupRejected: 'Không thể xác nhận lượt xác minh số điện thoại. Vui lòng xác minh lại số, rồi tạo tài khoản.',
  signupNetwork: 'Không có kết nối với máy chủ. Vui lòng kiểm tra kết nối và thử lại.',
  signupFailed: 'Không thể tạo tài khoản. Vui lòng thử lại sau giây lát.',
  customTitle: 'Xác minh điện thoại',
  customIntro: 'Cùng quy trình đó, do chính ứng dụng vẽ trên hook useOtpFlow.',
  inboxTitle: 'Hộp thư sandbox',
  inboxEmpty: 'Mã đã gửi đến số trên màn hình sẽ hiện ở đây.',
  inboxLatest: 'Mã mới nhất cho',
  inboxRefresh: 'Làm mới',
  sandboxNotice: 'Sandbox: không có SMS nào được gửi. Mã hiện ở đây và trong cửa sổ dòng lệnh.',
}

const fa: DemoStrings = {
  languageName: 'فارسی',
  language: 'زبان',
  pages: 'صفحه‌های نمایشی',
  signupPage: 'ثبت‌نام (مؤلفه آماده)',
  // The right-to-left mark keeps the closing parenthesis after a Latin word on the right side.
  customPage: 'رابط سفارشی (useOtpFlow)\u200f',
  signupTitle: 'حساب خود را بسازید',
  signupIntro: 'برای اطمینان از اینکه این شماره تلفن مال شماست، یک کد با پیامک برایتان می‌فرستیم.',
  name: 'نام و نام خانوادگی',
  email: 'ایمیل',
  createAccount: 'ساخت حساب',
  creatingAccount: 'در حال ساخت حساب…',
  verifyFirst: 'ابتدا شماره تلفن خود را تأیید کنید.',
  accountCreated: (name) => `حساب برای ${name} ساخته شد. شماره تلفن تأییدشده:`,
  signupExpired: 'تأیید شماره تلفن شما منقضی شده است. شماره را دوباره تأیید کنید، سپس حساب را بسازید.',
  signupRejected: 'تأیید شماره تلفن پذیرفته نشد. شماره را دوباره تأیید کنید، سپس حساب را بسازید.',
  signupNetwork: 'اتصال به سرور برقرار نیست. اتصال خود را بررسی کنید و دوباره تلاش کنید.',
  signupFailed: 'ساخت حساب ممکن نشد. کمی بعد دوباره تلاش کنید.',
  customTitle: 'تلفن خود را تأیید کنید',
  customIntro: 'همان روند، که خود برنامه آن را روی هوک useOtpFlow\u200f ساخته است.',
  inboxTitle: 'صندوق ورودی محیط آزمایشی',
  inboxEmpty: 'کدهایی که به شماره روی صفحه فرستاده می‌شوند اینجا نمایش داده می‌شوند.',
  inboxLatest: 'آخرین کد برای',
  inboxRefresh: 'بازخوانی',
  sandboxNotice: 'محیط آزمایشی: هیچ پیامکی فرستاده نمی‌شود. کدها اینجا و در ترمینال نمایش داده می‌شوند.',
}

export const DEMO_STRINGS: Record<DemoLocale, DemoStrings> = {
  en,
  fr,
  de,
  es,
  pt,
  it,
  nl,
  pl,
  tr,
  ru,
  uk,
  ar,
  he,
  fa,
  hi,
  id,
  vi,
  ja,
  ko,
  'zh-Hans': zhHans,
  'zh-Hant': zhHant,
}
