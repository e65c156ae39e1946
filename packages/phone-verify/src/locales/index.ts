// `@otpflow/phone-verify/locales`: every shipped language at once, for apps that switch language at run time. An app
// with one language imports only its own (`@otpflow/phone-verify/locales/fr`) and ships no other.
import { languageOf, type Messages } from '../messages'
import { ar } from './ar'
import { de } from './de'
import { en } from './en'
import { es } from './es'
import { fa } from './fa'
import { fr } from './fr'
import { he } from './he'
import { hi } from './hi'
import { id } from './id'
import { it } from './it'
import { ja } from './ja'
import { ko } from './ko'
import { nl } from './nl'
import { pl } from './pl'
import { pt } from './pt'
import { ru } from './ru'
import { tr } from './tr'
import { uk } from './uk'
import { vi } from './vi'
import { zhHans } from './zh-Hans'
import { zhHant } from './zh-Hant'

export { ar, de, en, es, fa, fr, he, hi, id, it, ja, ko, nl, pl, pt, ru, tr, uk, vi, zhHans, zhHant }

/** The shipped messages, by BCP 47 tag: a language, or a language and script where a language has two (Chinese). */
export const locales = {
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
} as const satisfies Record<string, Messages>

export type LocaleName = keyof typeof locales

/**
 * The shipped messages for a BCP 47 tag, English when the language is not shipped: `fr-CA` → `fr`; Chinese by its
 * script, written or likely (`zh-TW`, `zh-HK` → `zh-Hant`; `zh`, `zh-CN`, `zh-SG` → `zh-Hans`).
 */
export function messagesFor(locale: string): Messages {
  const language = languageOf(locale)
  if (language in locales) return locales[language as LocaleName]
  try {
    const tag = new Intl.Locale(locale.replace(/_/g, '-')).maximize()
    const withScript = `${tag.language}-${tag.script}`
    if (withScript in locales) return locales[withScript as LocaleName]
  } catch {}
  return en
}
