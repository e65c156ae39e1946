/** Locale helpers the message functions use: numbers, countdowns and waits formatted for the locale. */
export interface MessageFormat {
  locale: string
  /** `27` → "27" in the locale's digits. */
  number(value: number): string
  /** Seconds as a countdown, `27` → "0:27". */
  countdown(seconds: number): string
  /** A wait from now, `120` → "in 2 minutes". */
  wait(seconds: number): string
  /** The locale's plural category of a count (`Intl.PluralRules`): Arabic has six, English two. */
  plural(count: number): Intl.LDMLPluralRule
}

/**
 * Every string `<PhoneVerify>` and its parts show or announce. Strings with values are plain functions (no ICU):
 * they get the values and a {@link MessageFormat} for the locale.
 */
export interface Messages {
  /**
   * The BCP 47 language these strings are written in (`'fr'`). `<PhoneVerify messages={fr} />` takes it as its
   * `locale` when none is given, so numbers, country names and direction follow the strings.
   */
  locale: string
  /** The text direction of the locale. */
  dir: 'ltr' | 'rtl'
  country: string
  noCountryFound: string
  phoneNumber: string
  phoneHint: string
  sendCode: string
  /** The name of the human check the endpoint may ask for before it sends a code (a captcha), shown above its widget. */
  humanCheck: string
  /** Shown and announced with the human check's widget. */
  humanCheckHint: string
  sending: string
  codeSentTo: (phoneNumber: string, f: MessageFormat) => string
  /** Announced when the code step comes back for a code sent before (a reload, the same number again): no new SMS. */
  codeResumed: (phoneNumber: string, f: MessageFormat) => string
  verificationCode: string
  codeHint: (codeLength: number, f: MessageFormat) => string
  /** The hint once the code was read out in a call (`voice`). */
  codeHintVoice: (codeLength: number, f: MessageFormat) => string
  /** The hint once the code went by WhatsApp. */
  codeHintWhatsApp: (codeLength: number, f: MessageFormat) => string
  verify: string
  verifying: string
  resendCode: string
  resendCodeIn: (seconds: number, f: MessageFormat) => string
  resending: string
  noMoreCodes: string
  resendAvailable: string
  /** Beside "Resend code" once it is open: the code read out in a call (`voice`). */
  callMeInstead: string
  /** Beside "Resend code" once it is open: the code by WhatsApp. */
  sendViaWhatsApp: string
  /** Beside "Resend code" once it is open, after another channel: the code by text message again. */
  sendViaSms: string
  /** Where the code went when it was read out in a call, shown and announced: "We called +44 7700 900123". */
  codeCalled: (phoneNumber: string, f: MessageFormat) => string
  /** Where the code went when it went by WhatsApp, shown and announced. */
  codeSentOnWhatsApp: (phoneNumber: string, f: MessageFormat) => string
  changeNumber: string
  tryAgain: string
  sendNewCode: string
  verified: string
  /** Sends a new code to the verified number, for a new proof. */
  verifyAgain: string
  /** A sentence said after a wrong code, when the server says how many checks are left. Use `f.plural(count)`. */
  attemptsLeft: (count: number, f: MessageFormat) => string
  errors: {
    invalidNumber: string
    /** A form refuses the field until the number is verified (`PhoneVerifyField`, a rule without a message of its own). */
    notVerified: string
    landline: string
    unsupportedRegion: string
    rateLimited: (retryAfterSeconds: number | undefined, f: MessageFormat) => string
    blocked: string
    /** The endpoint asks for a human check (a captcha) before it sends a code (`captcha_required`). */
    captchaRequired: string
    /** The human check did not go through: its widget failed, or the endpoint refused its token. Send code starts it over. */
    humanCheckFailed: string
    /** The endpoint does not offer the channel asked for (`unsupported_channel`): another one, or a plain resend, helps. */
    unsupportedChannel: string
    wrongCode: string
    /** The code just rejected was entered again: it is not checked a second time. */
    sameCode: string
    expired: string
    tooManyAttempts: string
    noResendsLeft: string
    /** The proof of the verified number expired: the flow is back on the number step, number kept. */
    verificationExpired: string
    network: string
    timeout: string
    unavailable: string
    unknown: string
  }
}

/** A partial override of {@link Messages}: `errors` may be partial too. */
export type MessagesOverride = Partial<Omit<Messages, 'errors'>> & { errors?: Partial<Messages['errors']> }

/** Formatting helpers for `locale`, through `Intl`. */
export function createMessageFormat(tag: string): MessageFormat {
  const locale = intlLocale(tag)
  const numbers = new Intl.NumberFormat(locale)
  const twoDigits = new Intl.NumberFormat(locale, { minimumIntegerDigits: 2, useGrouping: false })
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'always' })
  const plurals = new Intl.PluralRules(locale)
  return {
    locale,
    number: (value) => numbers.format(value),
    countdown: (seconds) => {
      const whole = Math.max(0, Math.ceil(seconds))
      return `${numbers.format(Math.floor(whole / 60))}:${twoDigits.format(whole % 60)}`
    },
    wait: (seconds) =>
      seconds < 60
        ? relative.format(Math.max(1, Math.ceil(seconds)), 'second')
        : relative.format(Math.ceil(seconds / 60), 'minute'),
    plural: (count) => plurals.select(count),
  }
}

/**
 * A tag `Intl` takes: `pt_BR`, as some servers write tags, becomes `pt-BR`; a tag `Intl` still refuses falls back to
 * English rather than throwing while the component renders.
 */
export function intlLocale(tag: string): string {
  const dashed = tag.replace(/_/g, '-')
  try {
    return Intl.getCanonicalLocales(dashed)[0] ?? 'en'
  } catch {
    return 'en'
  }
}

/** The language of a BCP 47 tag: `fr-CA` → `fr`, `pt_BR` → `pt`. */
export const languageOf = (tag: string): string => tag.toLowerCase().split(/[-_]/)[0] ?? ''

/**
 * The strings an override in another language leaves to `base` (English): `['errors.network', …]`. Empty for an
 * override without a `locale` of its own or in the base's language, where falling back is the point.
 */
export function stringsLeftToBase(base: Messages, override: MessagesOverride | undefined): string[] {
  if (override?.locale === undefined || languageOf(override.locale) === languageOf(base.locale)) return []
  const left = Object.keys(base).filter((key) => key !== 'errors' && !(key in override))
  const errors = override.errors ?? {}
  for (const key of Object.keys(base.errors)) if (!(key in errors)) left.push(`errors.${key}`)
  return left
}

/** Merges an override over full messages. */
export function mergeMessages(base: Messages, override: MessagesOverride | undefined): Messages {
  if (!override) return base
  return { ...base, ...override, errors: { ...base.errors, ...override.errors } }
}
