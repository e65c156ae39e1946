import { useMemo } from 'react'
import { en } from './locales/en'
import {
  createMessageFormat,
  intlLocale,
  languageOf,
  type MessageFormat,
  type Messages,
  type MessagesOverride,
  mergeMessages,
  stringsLeftToBase,
} from './messages'

const warnedLocales = new Set<string>()

/** The languages `@otpflow/phone-verify/locales/<code>` ships. */
const SHIPPED = ['en', 'fr', 'de', 'es', 'pt', 'it', 'nl', 'pl', 'tr', 'ru', 'uk', 'ar', 'he', 'fa', 'hi', 'id', 'vi', 'ja', 'ko']

/** The shipped import for a locale: its language, or Chinese by its script (`zh-TW` → `zh-Hant`). */
function shippedImport(locale: string): string | undefined {
  const language = languageOf(locale)
  if (language !== 'zh') return SHIPPED.includes(language) ? language : undefined
  try {
    return new Intl.Locale(locale.replace(/_/g, '-')).maximize().script === 'Hant' ? 'zh-Hant' : 'zh-Hans'
  } catch {
    return 'zh-Hans'
  }
}

/** Says once per locale that its strings are missing, and what to import. */
function warnMissingMessages(locale: string, messagesLocale: string): void {
  const language = languageOf(locale)
  if (language === languageOf(messagesLocale) || warnedLocales.has(locale)) return
  warnedLocales.add(locale)
  const shipped = shippedImport(locale)
  const name = shipped?.replace('-', '')
  const fix = shipped
    ? `import { ${name} } from '@otpflow/phone-verify/locales/${shipped}' and pass messages={${name}}`
    : `pass a complete Messages object with locale: '${language}' as messages`
  console.warn(
    `[@otpflow/phone-verify] <PhoneVerify locale="${locale}"> has no messages in that language, so its strings stay in "${messagesLocale}": ${fix}.`,
  )
}

const warnedFallbacks = new Set<string>()

/**
 * Says once when strings in another language leave some to English: `{ ...fr, errors: { expired: '…' } }` replaces all
 * of French's errors, not one, so the others would show in English.
 */
function warnEnglishFallbacks(override: MessagesOverride | undefined): void {
  const left = stringsLeftToBase(en, override)
  if (left.length === 0) return
  const message = `[@otpflow/phone-verify] messages in "${override?.locale}" leave ${left.join(', ')} in English: spread the language's own into them (errors: { ...${languageOf(override?.locale ?? '')}.errors, … }), or build them with mergeMessages(${languageOf(override?.locale ?? '')}, overrides).`
  if (warnedFallbacks.has(message)) return
  warnedFallbacks.add(message)
  console.warn(message)
}

/**
 * The strings and the locale of `<PhoneVerify>`: English is built in; any other language comes in through `messages`,
 * and brings its locale along unless `locale` is given.
 */
export function useMessages(
  override: MessagesOverride | undefined,
  localeProp: string | undefined,
): { messages: Messages; locale: string; format: MessageFormat } {
  const messages = useMemo(() => mergeMessages(en, override), [override])
  // `pt_BR`, as some servers write tags, is `pt-BR`; a tag Intl refuses is English, for `lang` as for the formats.
  const locale = intlLocale(localeProp ?? messages.locale)
  // Bundlers replace `process.env.NODE_ENV`, so a production build drops the warning; where nothing replaced it and
  // there is no `process` (a plain ES module in a browser), it is off.
  if (typeof process !== 'undefined' && process.env.NODE_ENV !== 'production') {
    warnMissingMessages(locale, messages.locale)
    warnEnglishFallbacks(override)
  }
  const format = useMemo(() => createMessageFormat(locale), [locale])
  return { messages, locale, format }
}
