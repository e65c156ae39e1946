import type { Messages } from '../messages'

export const ru: Messages = {
  locale: 'ru',
  dir: 'ltr',
  country: 'Страна',
  noCountryFound: 'Страна не найдена',
  phoneNumber: 'Номер телефона',
  phoneHint: 'Мы отправим код в SMS, чтобы подтвердить этот номер.',
  sendCode: 'Получить код',
  humanCheck: 'Проверка безопасности',
  humanCheckHint: 'Пройдите проверку безопасности, чтобы получить код.',
  sending: 'Отправка…',
  codeSentTo: (phoneNumber) => `Код отправлен на номер ${phoneNumber}`,
  codeResumed: (phoneNumber) => `Введите код, отправленный на номер ${phoneNumber}`,
  verificationCode: 'Код подтверждения',
  codeHint: (codeLength, f) => `Введите ${f.number(codeLength)}-значный код из SMS.`,
  codeHintVoice: (codeLength, f) => `Введите ${f.number(codeLength)}-значный код, который вы услышали во время звонка.`,
  codeHintWhatsApp: (codeLength, f) => `Введите ${f.number(codeLength)}-значный код из сообщения в WhatsApp.`,
  verify: 'Подтвердить',
  verifying: 'Проверка…',
  resendCode: 'Отправить код повторно',
  resendCodeIn: (seconds, f) => `Повторная отправка через ${f.countdown(seconds)}`,
  resending: 'Отправка нового кода…',
  noMoreCodes: 'Больше нельзя отправить код',
  resendAvailable: 'Теперь можно запросить новый код',
  callMeInstead: 'Позвонить мне',
  sendViaWhatsApp: 'Отправить в WhatsApp',
  sendViaSms: 'Отправить по SMS',
  codeCalled: (phoneNumber) => `Мы позвонили на номер ${phoneNumber}`,
  codeSentOnWhatsApp: (phoneNumber) => `Код отправлен в WhatsApp на номер ${phoneNumber}`,
  changeNumber: 'Изменить номер',
  tryAgain: 'Повторить',
  sendNewCode: 'Получить новый код',
  verified: 'Номер телефона подтверждён',
  verifyAgain: 'Подтвердить снова',
  // Russian counts in four forms: 1, 21 (one); 2–4, 22 (few); 5–20, 25, 0 (many); fractions (other).
  attemptsLeft: (count, f) => {
    switch (f.plural(count)) {
      case 'one':
        return `Осталась ${f.number(count)} попытка.`
      case 'few':
        return `Осталось ${f.number(count)} попытки.`
      case 'many':
        return `Осталось ${f.number(count)} попыток.`
      default:
        return `Осталось ${f.number(count)} попытки.`
    }
  },
  errors: {
    invalidNumber: 'Введите правильный номер телефона.',
    notVerified: 'Подтвердите номер телефона.',
    landline: 'Этот номер не может получать SMS. Введите номер мобильного телефона.',
    unsupportedRegion: 'Мы не можем отправить код в эту страну. Выберите другую страну или номер.',
    rateLimited: (after, f) =>
      after === undefined
        ? 'Слишком много запросов. Подождите немного и повторите попытку.'
        : `Слишком много запросов. Повторите попытку ${f.wait(after)}.`,
    blocked: 'Этот номер нельзя подтвердить. Используйте другой номер.',
    captchaRequired: 'Чтобы получить код, пройдите проверку безопасности.',
    humanCheckFailed: 'Не удалось пройти проверку безопасности. Повторите попытку.',
    unsupportedChannel: 'Этим способом нельзя отправить код на этот номер. Выберите другой способ.',
    wrongCode: 'Неверный код. Проверьте SMS и повторите попытку.',
    sameCode: 'Вы уже вводили этот код. Проверьте SMS и введите код из него.',
    expired: 'Срок действия кода истёк',
    tooManyAttempts: 'Слишком много неверных кодов. Запросите новый код.',
    noResendsLeft: 'На этот номер больше нельзя отправить код. Используйте другой номер или повторите попытку позже.',
    verificationExpired: 'Срок действия подтверждения истёк. Получите новый код, чтобы снова подтвердить этот номер.',
    network: 'Нет соединения с сервером. Проверьте подключение и повторите попытку.',
    timeout: 'Сервер слишком долго не отвечает. Повторите попытку.',
    unavailable: 'Сервис сейчас недоступен.',
    unknown: 'Что-то пошло не так. Повторите попытку.',
  },
}
