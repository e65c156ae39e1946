import type { CountryCode } from 'libphonenumber-js/core'

export type { CountryCode }

import { toAsciiDigits } from '../digits'

export { countryName, searchCountries } from './country-search'

/** A digit or a leading `+`: the characters the caret position is counted in. */
const isSignificant = (text: string, index: number) => /\d/.test(text[index] ?? '') || (index === 0 && text[0] === '+')

/**
 * How many significant characters stand before `caret` in text as typed: any script's digits count (an Arabic
 * keyboard types `٠٧٧…`), or the caret would land before the digit just typed and the number come out reversed.
 */
export function countSignificant(text: string, caret: number): number {
  let count = 0
  let index = 0
  for (const char of text) {
    if (index >= caret) break
    if (/\p{Nd}/u.test(char) || (index === 0 && char === '+')) count++
    index += char.length
  }
  return count
}

/** The caret position right after the `count`-th significant character of `text` (0 puts it before the first one). */
export function caretAfterSignificant(text: string, count: number): number {
  if (count <= 0) {
    const first = [...text].findIndex((_, index) => isSignificant(text, index))
    return first < 0 ? text.length : first
  }
  let seen = 0
  for (let index = 0; index < text.length; index++) {
    if (isSignificant(text, index) && ++seen === count) return index + 1
  }
  return text.length
}

/**
 * Reduces typed, pasted or autofilled text to what the number is made of: ASCII digits and a leading `+`.
 * Any digit script becomes ASCII, the `00` international prefix becomes `+`.
 */
export function cleanPhoneText(text: string): string {
  const ascii = toAsciiDigits(text)
  // "Tel: +44 …" or "(+44) …": a plus before the first digit marks an international number.
  const plus = /^[^\d]*\+/.test(ascii)
  const digits = ascii.replace(/\D/g, '')
  if (plus) return `+${digits}`
  if (digits.startsWith('00') && digits.length > 4) return `+${digits.slice(2)}`
  return digits
}

/** The most digits an E.164 number has, calling code included (ITU-T E.164, section 6). */
export const MAX_PHONE_DIGITS = 15

/** How many digits, of any script, `text` holds. */
export function countDigits(text: string): number {
  return text.match(/\p{Nd}/gu)?.length ?? 0
}

/** Clean text (ASCII digits, a leading `+`) cut after its {@link MAX_PHONE_DIGITS}th digit. */
export function capDigits(clean: string): string {
  return clean.slice(0, (clean.startsWith('+') ? 1 : 0) + MAX_PHONE_DIGITS)
}

export interface Country {
  code: CountryCode
  name: string
  callingCode: string
  flag: string
  /** Whether this is the main country of its calling code (GB for +44, US for +1). */
  primary: boolean
}

/** A flag as two regional-indicator symbols: an emoji, no image, no network request. */
export function flagOf(code: string): string {
  return String.fromCodePoint(...[...code.toUpperCase()].map((letter) => 0x1f1e6 + letter.charCodeAt(0) - 65))
}

/**
 * The country of the browser's language (`en-GB` → GB; `fr` → FR by likely subtags), or `undefined` on the server
 * and where nothing fits.
 */
export function guessCountry(languages?: readonly string[]): CountryCode | undefined {
  const list =
    languages ??
    (typeof navigator === 'undefined' ? [] : navigator.languages?.length ? navigator.languages : [navigator.language])
  for (const tag of list) {
    try {
      const region = new Intl.Locale(tag).region
      if (region && /^[A-Z]{2}$/.test(region)) return region as CountryCode
    } catch {}
  }
  for (const tag of list) {
    try {
      const region = new Intl.Locale(tag).maximize().region
      if (region && /^[A-Z]{2}$/.test(region)) return region as CountryCode
    } catch {}
  }
  return undefined
}
