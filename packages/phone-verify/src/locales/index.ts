// `@otpflow/phone-verify/locales`: every shipped language at once, for apps that switch language at run time. An app
// with one language imports only its own (`@otpflow/phone-verify/locales/fr`) and ships no other.
import { languageOf, type Messages } from '../messages'
import { ar } from './ar'
import { de } from './de'
import { en } from './en'
import { es } from './es'
import { fr } from './fr'
import { he } from './he'
import { pt } from './pt'

export { ar, de, en, es, fr, he, pt }

/** The shipped messages, by language. */
export const locales = { en, fr, de, es, pt, ar, he } as const satisfies Record<string, Messages>

export type LocaleName = keyof typeof locales

/** The shipped messages for a BCP 47 tag (`fr-CA` → `fr`), English when the language is not shipped. */
export function messagesFor(locale: string): Messages {
  const language = languageOf(locale)
  return language in locales ? locales[language as LocaleName] : en
}
