import type { Messages } from '../messages'

// Phone numbers and countdowns are isolated left to right (U+2066 … U+2069) so digits keep their order inside Hebrew text.
const ltr = (text: string) => `\u2066${text}\u2069`

export const he: Messages = {
  locale: 'he',
  dir: 'rtl',
  country: 'מדינה',
  noCountryFound: 'לא נמצאה מדינה',
  phoneNumber: 'מספר טלפון',
  phoneHint: 'נשלח אליך קוד ב-SMS כדי לאמת את המספר הזה.',
  sendCode: 'שליחת קוד',
  humanCheck: 'בדיקת אבטחה',
  humanCheckHint: 'יש להשלים את בדיקת האבטחה כדי לקבל את הקוד.',
  sending: 'שולח…',
  codeSentTo: (phoneNumber) => `הקוד נשלח אל ${ltr(phoneNumber)}`,
  codeResumed: (phoneNumber) => `יש להזין את הקוד שנשלח אל ${ltr(phoneNumber)}`,
  verificationCode: 'קוד אימות',
  codeHint: (codeLength, f) => `יש להזין את הקוד בן ${f.number(codeLength)} הספרות מהודעת ה-SMS.`,
  codeHintVoice: (codeLength, f) => `יש להזין את הקוד בן ${f.number(codeLength)} הספרות שנשמע בשיחה.`,
  codeHintWhatsApp: (codeLength, f) => `יש להזין את הקוד בן ${f.number(codeLength)} הספרות מהודעת ה-WhatsApp.`,
  verify: 'אימות',
  verifying: 'מאמת…',
  resendCode: 'שליחת הקוד מחדש',
  resendCodeIn: (seconds, f) => `שליחת הקוד מחדש בעוד ${ltr(f.countdown(seconds))}`,
  resending: 'שולח קוד חדש…',
  noMoreCodes: 'לא ניתן לשלוח קודים נוספים',
  resendAvailable: 'אפשר לבקש קוד חדש עכשיו',
  callMeInstead: 'קבלת שיחה במקום זאת',
  sendViaWhatsApp: 'שליחה ב-WhatsApp',
  sendViaSms: 'שליחה ב-SMS במקום זאת',
  codeCalled: (phoneNumber) => `התקשרנו אל ${ltr(phoneNumber)}`,
  codeSentOnWhatsApp: (phoneNumber) => `הקוד נשלח ב-WhatsApp אל ${ltr(phoneNumber)}`,
  changeNumber: 'שינוי מספר',
  tryAgain: 'ניסיון חוזר',
  sendNewCode: 'שליחת קוד חדש',
  verified: 'מספר הטלפון אומת',
  verifyAgain: 'אימות מחדש',
  // Hebrew has a dual: one, two, then the rest.
  attemptsLeft: (count, f) => {
    switch (f.plural(count)) {
      case 'one':
        return 'נותר ניסיון אחד.'
      case 'two':
        return 'נותרו שני ניסיונות.'
      default:
        return `נותרו ${f.number(count)} ניסיונות.`
    }
  },
  errors: {
    invalidNumber: 'יש להזין מספר טלפון תקין.',
    notVerified: 'יש לאמת את מספר הטלפון.',
    landline: 'המספר הזה לא יכול לקבל הודעות SMS. יש להזין מספר נייד.',
    unsupportedRegion: 'לא ניתן לשלוח קודים למדינה הזו. יש לבחור מדינה או מספר אחרים.',
    rateLimited: (after, f) =>
      after === undefined ? 'יותר מדי בקשות. יש להמתין רגע ולנסות שוב.' : `יותר מדי בקשות. אפשר לנסות שוב ${f.wait(after)}.`,
    blocked: 'לא ניתן לאמת את המספר הזה. יש להשתמש במספר אחר.',
    captchaRequired: 'יש להשלים את בדיקת האבטחה כדי לקבל קוד.',
    humanCheckFailed: 'בדיקת האבטחה לא הושלמה. יש לנסות שוב.',
    unsupportedChannel: 'לא ניתן לשלוח את הקוד בדרך הזו למספר הזה. יש לבחור דרך אחרת.',
    wrongCode: 'הקוד שגוי. יש לבדוק את הודעת ה-SMS ולנסות שוב.',
    sameCode: 'הקוד הזה כבר נוסה. יש לבדוק את הודעת ה-SMS ולהזין את הקוד שמופיע בה.',
    expired: 'תוקף הקוד הזה פג',
    tooManyAttempts: 'יותר מדי קודים שגויים. יש לבקש קוד חדש.',
    noResendsLeft: 'לא ניתן לשלוח עוד קודים למספר הזה. יש להשתמש במספר אחר או לנסות מאוחר יותר.',
    verificationExpired: 'תוקף האימות פג. יש לשלוח קוד חדש כדי לאמת שוב את המספר הזה.',
    network: 'אין חיבור לשרת. יש לבדוק את החיבור ולנסות שוב.',
    timeout: 'השרת לא הגיב בזמן. יש לנסות שוב.',
    unavailable: 'השירות אינו זמין כרגע.',
    unknown: 'משהו השתבש. יש לנסות שוב.',
  },
}
