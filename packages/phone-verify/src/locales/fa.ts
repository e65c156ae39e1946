import type { Messages } from '../messages'

// Phone numbers and countdowns are isolated left to right (U+2066 … U+2069) so digits keep their order inside Persian
// text, also where the strings are used outside the component.
const ltr = (text: string) => `\u2066${text}\u2069`

// Numbers come in Persian digits (۰–۹): `Intl` writes them so for `fa`, the convention of Iranian product pages.
export const fa: Messages = {
  locale: 'fa',
  dir: 'rtl',
  country: 'کشور',
  noCountryFound: 'کشوری پیدا نشد',
  phoneNumber: 'شماره تلفن',
  phoneHint: 'برای تأیید این شماره، یک کد با پیامک برایتان می‌فرستیم.',
  sendCode: 'ارسال کد',
  humanCheck: 'بررسی امنیتی',
  humanCheckHint: 'برای دریافت کد، بررسی امنیتی را کامل کنید.',
  sending: 'در حال ارسال…',
  codeSentTo: (phoneNumber) => `کد به ${ltr(phoneNumber)} ارسال شد`,
  codeResumed: (phoneNumber) => `کد ارسال‌شده به ${ltr(phoneNumber)} را وارد کنید`,
  verificationCode: 'کد تأیید',
  codeHint: (codeLength, f) => `کد ${f.number(codeLength)} رقمی پیامک را وارد کنید.`,
  codeHintVoice: (codeLength, f) => `کد ${f.number(codeLength)} رقمی‌ای را که در تماس شنیدید وارد کنید.`,
  codeHintWhatsApp: (codeLength, f) => `کد ${f.number(codeLength)} رقمی پیام واتساپ را وارد کنید.`,
  verify: 'تأیید',
  verifying: 'در حال تأیید…',
  resendCode: 'ارسال مجدد کد',
  resendCodeIn: (seconds, f) => `ارسال مجدد کد تا ${ltr(f.countdown(seconds))} دیگر`,
  resending: 'در حال ارسال کد جدید…',
  noMoreCodes: 'امکان ارسال کد دیگری نیست',
  resendAvailable: 'اکنون می‌توانید کد جدیدی درخواست کنید',
  callMeInstead: 'به‌جای آن با من تماس بگیرید',
  sendViaWhatsApp: 'ارسال با واتساپ',
  sendViaSms: 'به‌جای آن پیامک بفرستید',
  codeCalled: (phoneNumber) => `با ${ltr(phoneNumber)} تماس گرفتیم`,
  codeSentOnWhatsApp: (phoneNumber) => `کد با واتساپ به ${ltr(phoneNumber)} ارسال شد`,
  changeNumber: 'تغییر شماره',
  tryAgain: 'تلاش دوباره',
  sendNewCode: 'ارسال کد جدید',
  verified: 'شماره تلفن تأیید شد',
  verifyAgain: 'تأیید دوباره',
  // A noun after a number stays singular in Persian: the same sentence for one (0 and 1) and other.
  attemptsLeft: (count, f) => `${f.number(count)} تلاش دیگر باقی مانده است.`,
  errors: {
    invalidNumber: 'یک شماره تلفن معتبر وارد کنید.',
    notVerified: 'شماره تلفن خود را تأیید کنید.',
    landline: 'این شماره نمی‌تواند پیامک دریافت کند. یک شماره موبایل وارد کنید.',
    unsupportedRegion: 'نمی‌توانیم به این کشور کد ارسال کنیم. کشور یا شماره دیگری انتخاب کنید.',
    rateLimited: (after, f) =>
      after === undefined
        ? 'تعداد درخواست‌ها بیش از حد است. کمی صبر کنید و دوباره تلاش کنید.'
        : `تعداد درخواست‌ها بیش از حد است. ${f.wait(after)} دوباره تلاش کنید.`,
    blocked: 'این شماره قابل تأیید نیست. از شماره دیگری استفاده کنید.',
    captchaRequired: 'برای دریافت کد، ابتدا بررسی امنیتی را کامل کنید.',
    humanCheckFailed: 'بررسی امنیتی انجام نشد. دوباره تلاش کنید.',
    unsupportedChannel: 'امکان ارسال کد به این شماره از این راه نیست. راه دیگری انتخاب کنید.',
    wrongCode: 'کد درست نیست. پیامک را بررسی کنید و دوباره تلاش کنید.',
    sameCode: 'این کد را قبلاً امتحان کرده‌اید. پیامک را بررسی کنید و کد داخل آن را وارد کنید.',
    expired: 'این کد منقضی شده است',
    tooManyAttempts: 'تعداد کدهای نادرست بیش از حد است. کد جدیدی درخواست کنید.',
    noResendsLeft: 'امکان ارسال کد دیگری به این شماره نیست. از شماره دیگری استفاده کنید یا بعداً تلاش کنید.',
    verificationExpired: 'تأیید شما منقضی شده است. برای تأیید دوباره این شماره، کد جدیدی بفرستید.',
    network: 'اتصال به سرور برقرار نیست. اتصال خود را بررسی کنید و دوباره تلاش کنید.',
    timeout: 'پاسخ سرور بیش از حد طول کشید. دوباره تلاش کنید.',
    unavailable: 'این سرویس در حال حاضر در دسترس نیست.',
    unknown: 'مشکلی پیش آمد. دوباره تلاش کنید.',
  },
}
