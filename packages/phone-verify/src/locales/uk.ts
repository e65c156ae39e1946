import type { Messages } from '../messages'

export const uk: Messages = {
  locale: 'uk',
  dir: 'ltr',
  country: 'Країна',
  noCountryFound: 'Країну не знайдено',
  phoneNumber: 'Номер телефону',
  phoneHint: 'Ми надішлемо код в SMS, щоб підтвердити цей номер.',
  sendCode: 'Отримати код',
  humanCheck: 'Перевірка безпеки',
  humanCheckHint: 'Пройдіть перевірку безпеки, щоб отримати код.',
  sending: 'Надсилання…',
  codeSentTo: (phoneNumber) => `Код надіслано на номер ${phoneNumber}`,
  codeResumed: (phoneNumber) => `Введіть код, надісланий на номер ${phoneNumber}`,
  verificationCode: 'Код підтвердження',
  codeHint: (codeLength, f) => `Введіть ${f.number(codeLength)}-значний код з SMS.`,
  codeHintVoice: (codeLength, f) => `Введіть ${f.number(codeLength)}-значний код, який ви почули під час дзвінка.`,
  codeHintWhatsApp: (codeLength, f) => `Введіть ${f.number(codeLength)}-значний код з повідомлення у WhatsApp.`,
  verify: 'Підтвердити',
  verifying: 'Перевірка…',
  resendCode: 'Надіслати код повторно',
  resendCodeIn: (seconds, f) => `Повторне надсилання через ${f.countdown(seconds)}`,
  resending: 'Надсилання нового коду…',
  noMoreCodes: 'Більше не можна надіслати код',
  resendAvailable: 'Тепер можна запросити новий код',
  callMeInstead: 'Зателефонувати мені',
  sendViaWhatsApp: 'Надіслати у WhatsApp',
  sendViaSms: 'Надіслати SMS',
  codeCalled: (phoneNumber) => `Ми зателефонували на номер ${phoneNumber}`,
  codeSentOnWhatsApp: (phoneNumber) => `Код надіслано у WhatsApp на номер ${phoneNumber}`,
  changeNumber: 'Змінити номер',
  tryAgain: 'Повторити',
  sendNewCode: 'Отримати новий код',
  verified: 'Номер телефону підтверджено',
  verifyAgain: 'Підтвердити знову',
  // Ukrainian counts in four forms: 1, 21 (one); 2–4, 22 (few); 5–20, 25, 0 (many); fractions (other).
  attemptsLeft: (count, f) => {
    switch (f.plural(count)) {
      case 'one':
        return `Залишилася ${f.number(count)} спроба.`
      case 'few':
        return `Залишилося ${f.number(count)} спроби.`
      case 'many':
        return `Залишилося ${f.number(count)} спроб.`
      default:
        return `Залишилося ${f.number(count)} спроби.`
    }
  },
  errors: {
    invalidNumber: 'Введіть правильний номер телефону.',
    notVerified: 'Підтвердьте номер телефону.',
    landline: 'Цей номер не може отримувати SMS. Введіть номер мобільного телефону.',
    unsupportedRegion: 'Ми не можемо надіслати код у цю країну. Виберіть іншу країну або номер.',
    rateLimited: (after, f) =>
      after === undefined
        ? 'Забагато запитів. Зачекайте трохи й повторіть спробу.'
        : `Забагато запитів. Повторіть спробу ${f.wait(after)}.`,
    blocked: 'Цей номер не можна підтвердити. Використайте інший номер.',
    captchaRequired: 'Щоб отримати код, пройдіть перевірку безпеки.',
    humanCheckFailed: 'Не вдалося пройти перевірку безпеки. Повторіть спробу.',
    unsupportedChannel: 'Цим способом не можна надіслати код на цей номер. Виберіть інший спосіб.',
    wrongCode: 'Неправильний код. Перевірте SMS і повторіть спробу.',
    sameCode: 'Ви вже вводили цей код. Перевірте SMS і введіть код із нього.',
    expired: 'Термін дії коду минув',
    tooManyAttempts: 'Забагато неправильних кодів. Запросіть новий код.',
    noResendsLeft: 'На цей номер більше не можна надіслати код. Використайте інший номер або спробуйте пізніше.',
    verificationExpired: 'Термін дії підтвердження минув. Отримайте новий код, щоб знову підтвердити цей номер.',
    network: 'Немає з’єднання із сервером. Перевірте підключення й повторіть спробу.',
    timeout: 'Сервер занадто довго не відповідає. Повторіть спробу.',
    unavailable: 'Сервіс зараз недоступний.',
    unknown: 'Щось пішло не так. Повторіть спробу.',
  },
}
