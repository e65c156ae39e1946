import type { Messages } from '../messages'

export const pl: Messages = {
  locale: 'pl',
  dir: 'ltr',
  country: 'Kraj',
  noCountryFound: 'Nie znaleziono kraju',
  phoneNumber: 'Numer telefonu',
  phoneHint: 'Wyślemy SMS z kodem, aby potwierdzić ten numer.',
  sendCode: 'Wyślij kod',
  humanCheck: 'Weryfikacja bezpieczeństwa',
  humanCheckHint: 'Przejdź weryfikację bezpieczeństwa, aby otrzymać kod.',
  sending: 'Wysyłanie…',
  codeSentTo: (phoneNumber) => `Kod wysłany na numer ${phoneNumber}`,
  codeResumed: (phoneNumber) => `Wpisz kod wysłany na numer ${phoneNumber}`,
  verificationCode: 'Kod weryfikacyjny',
  codeHint: (codeLength, f) => `Wpisz ${f.number(codeLength)}-cyfrowy kod z SMS-a.`,
  codeHintVoice: (codeLength, f) => `Wpisz ${f.number(codeLength)}-cyfrowy kod podany podczas połączenia.`,
  codeHintWhatsApp: (codeLength, f) => `Wpisz ${f.number(codeLength)}-cyfrowy kod z wiadomości w WhatsAppie.`,
  verify: 'Zweryfikuj',
  verifying: 'Weryfikowanie…',
  resendCode: 'Wyślij kod ponownie',
  resendCodeIn: (seconds, f) => `Wyślij ponownie za ${f.countdown(seconds)}`,
  resending: 'Wysyłanie nowego kodu…',
  noMoreCodes: 'Nie można wysłać więcej kodów',
  resendAvailable: 'Możesz teraz poprosić o nowy kod',
  callMeInstead: 'Zadzwoń do mnie',
  sendViaWhatsApp: 'Wyślij przez WhatsApp',
  sendViaSms: 'Wyślij SMS-em',
  codeCalled: (phoneNumber) => `Dzwoniliśmy na numer ${phoneNumber}`,
  codeSentOnWhatsApp: (phoneNumber) => `Kod wysłany przez WhatsApp na numer ${phoneNumber}`,
  changeNumber: 'Zmień numer',
  tryAgain: 'Spróbuj ponownie',
  sendNewCode: 'Wyślij nowy kod',
  verified: 'Numer telefonu zweryfikowany',
  verifyAgain: 'Zweryfikuj ponownie',
  // Polish counts in four forms: 1 (one); 2–4, 22–24 (few); 0, 5–21, 25 (many); fractions (other).
  attemptsLeft: (count, f) => {
    switch (f.plural(count)) {
      case 'one':
        return `Została ${f.number(count)} próba.`
      case 'few':
        return `Zostały ${f.number(count)} próby.`
      case 'many':
        return `Zostało ${f.number(count)} prób.`
      default:
        return `Zostało ${f.number(count)} próby.`
    }
  },
  errors: {
    invalidNumber: 'Wpisz prawidłowy numer telefonu.',
    notVerified: 'Zweryfikuj numer telefonu.',
    landline: 'Ten numer nie może odbierać SMS-ów. Wpisz numer komórkowy.',
    unsupportedRegion: 'Nie możemy wysyłać kodów do tego kraju. Wybierz inny kraj lub numer.',
    rateLimited: (after, f) =>
      after === undefined
        ? 'Zbyt wiele zapytań. Odczekaj chwilę i spróbuj ponownie.'
        : `Zbyt wiele zapytań. Spróbuj ponownie ${f.wait(after)}.`,
    blocked: 'Nie można zweryfikować tego numeru. Użyj innego numeru.',
    captchaRequired: 'Aby otrzymać kod, przejdź weryfikację bezpieczeństwa.',
    humanCheckFailed: 'Weryfikacja bezpieczeństwa nie powiodła się. Spróbuj ponownie.',
    unsupportedChannel: 'Nie można wysłać kodu na ten numer w ten sposób. Wybierz inny sposób.',
    wrongCode: 'Nieprawidłowy kod. Sprawdź SMS-a i spróbuj ponownie.',
    sameCode: 'Ten kod był już sprawdzany. Sprawdź SMS-a i wpisz podany w nim kod.',
    expired: 'Ten kod wygasł',
    tooManyAttempts: 'Zbyt wiele nieprawidłowych kodów. Poproś o nowy kod.',
    noResendsLeft: 'Nie można wysłać więcej kodów na ten numer. Użyj innego numeru lub spróbuj później.',
    verificationExpired: 'Weryfikacja wygasła. Wyślij nowy kod, aby ponownie zweryfikować ten numer.',
    network: 'Brak połączenia z serwerem. Sprawdź połączenie i spróbuj ponownie.',
    timeout: 'Serwer nie odpowiedział na czas. Spróbuj ponownie.',
    unavailable: 'Usługa jest teraz niedostępna.',
    unknown: 'Coś poszło nie tak. Spróbuj ponownie.',
  },
}
