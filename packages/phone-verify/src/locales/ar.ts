import type { Messages } from '../messages'

// Phone numbers and codes are isolated left to right (U+2066 … U+2069) so digits keep their order inside Arabic text.
const ltr = (text: string) => `\u2066${text}\u2069`

export const ar: Messages = {
  locale: 'ar',
  dir: 'rtl',
  country: 'البلد',
  noCountryFound: 'لم يتم العثور على أي بلد',
  phoneNumber: 'رقم الهاتف',
  phoneHint: 'سنرسل إليك رمزًا في رسالة نصية لتأكيد هذا الرقم.',
  sendCode: 'إرسال الرمز',
  humanCheck: 'التحقق الأمني',
  humanCheckHint: 'أكمِل التحقق الأمني لتلقّي رمزك.',
  sending: 'جارٍ الإرسال…',
  codeSentTo: (phoneNumber) => `تم إرسال الرمز إلى ${ltr(phoneNumber)}`,
  codeResumed: (phoneNumber) => `أدخل الرمز المُرسل إلى ${ltr(phoneNumber)}`,
  verificationCode: 'رمز التحقق',
  codeHint: (codeLength, f) => `أدخل الرمز المكوّن من ${f.number(codeLength)} أرقام الوارد في الرسالة النصية.`,
  codeHintVoice: (codeLength, f) => `أدخل الرمز المكوّن من ${f.number(codeLength)} أرقام الذي سمعته في المكالمة.`,
  codeHintWhatsApp: (codeLength, f) => `أدخل الرمز المكوّن من ${f.number(codeLength)} أرقام الوارد في رسالة واتساب.`,
  verify: 'تحقق',
  verifying: 'جارٍ التحقق…',
  resendCode: 'إعادة إرسال الرمز',
  resendCodeIn: (seconds, f) => `إعادة إرسال الرمز بعد ${ltr(f.countdown(seconds))}`,
  resending: 'جارٍ إرسال رمز جديد…',
  noMoreCodes: 'لا يمكن إرسال المزيد من الرموز',
  resendAvailable: 'يمكنك الآن طلب رمز جديد',
  callMeInstead: 'اتصل بي بدلًا من ذلك',
  sendViaWhatsApp: 'أرسله عبر واتساب',
  sendViaSms: 'أرسله برسالة نصية بدلًا من ذلك',
  codeCalled: (phoneNumber) => `اتصلنا بالرقم ${ltr(phoneNumber)}`,
  codeSentOnWhatsApp: (phoneNumber) => `تم إرسال الرمز عبر واتساب إلى ${ltr(phoneNumber)}`,
  changeNumber: 'تغيير الرقم',
  tryAgain: 'إعادة المحاولة',
  sendNewCode: 'إرسال رمز جديد',
  verified: 'تم التحقق من رقم الهاتف',
  verifyAgain: 'التحقق مرة أخرى',
  // Arabic counts in six forms: none, one, two, a few (3–10), many (11–99), and the rest (100, 101…).
  attemptsLeft: (count, f) => {
    switch (f.plural(count)) {
      case 'zero':
        return 'لم تتبقَّ أي محاولة.'
      case 'one':
        return 'تتبقّى محاولة واحدة.'
      case 'two':
        return 'تتبقّى محاولتان.'
      case 'few':
        return `تتبقّى ${f.number(count)} محاولات.`
      default:
        return `تتبقّى ${f.number(count)} محاولة.`
    }
  },
  errors: {
    invalidNumber: 'أدخل رقم هاتف صالحًا.',
    notVerified: 'تحقّق من رقم هاتفك.',
    landline: 'لا يمكن لهذا الرقم استقبال الرسائل النصية. أدخل رقم هاتف محمول.',
    unsupportedRegion: 'لا يمكننا إرسال رموز إلى هذا البلد. اختر بلدًا أو رقمًا آخر.',
    rateLimited: (after, f) =>
      after === undefined ? 'طلبات كثيرة جدًا. انتظر قليلًا ثم حاول مرة أخرى.' : `طلبات كثيرة جدًا. حاول مرة أخرى ${f.wait(after)}.`,
    blocked: 'لا يمكن التحقق من هذا الرقم. استخدم رقمًا آخر.',
    captchaRequired: 'أكمِل التحقق الأمني لتلقّي رمز.',
    humanCheckFailed: 'لم يكتمل التحقق الأمني. حاول مرة أخرى.',
    unsupportedChannel: 'لا يمكن إرسال الرمز بهذه الطريقة إلى هذا الرقم. اختر طريقة أخرى.',
    wrongCode: 'الرمز غير صحيح. راجع الرسالة النصية وحاول مرة أخرى.',
    sameCode: 'لقد جرّبت هذا الرمز من قبل. راجع الرسالة النصية وأدخل الرمز الوارد فيها.',
    expired: 'انتهت صلاحية هذا الرمز',
    tooManyAttempts: 'رموز خاطئة كثيرة جدًا. اطلب رمزًا جديدًا.',
    noResendsLeft: 'لا يمكن إرسال المزيد من الرموز إلى هذا الرقم. استخدم رقمًا آخر أو حاول لاحقًا.',
    verificationExpired: 'انتهت صلاحية التحقق. أرسل رمزًا جديدًا للتحقق من هذا الرقم مرة أخرى.',
    network: 'لا يوجد اتصال بالخادم. تحقق من اتصالك وحاول مرة أخرى.',
    timeout: 'استغرق الخادم وقتًا طويلًا للرد. حاول مرة أخرى.',
    unavailable: 'الخدمة غير متاحة حاليًا.',
    unknown: 'حدث خطأ ما. حاول مرة أخرى.',
  },
}
