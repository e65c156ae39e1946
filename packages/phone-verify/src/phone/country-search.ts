import { toAsciiDigits } from '../digits'
import type { Country } from './phone-text'

const displayNames = new Map<string, Intl.DisplayNames | undefined>()

/** The country's name in `locale`, through `Intl.DisplayNames`; the ISO code where the runtime has no names. */
export function countryName(code: string, locale: string): string {
  if (!displayNames.has(locale)) {
    let names: Intl.DisplayNames | undefined
    try {
      names = new Intl.DisplayNames([locale, 'en'], { type: 'region' })
    } catch {
      names = undefined
    }
    displayNames.set(locale, names)
  }
  return displayNames.get(locale)?.of(code) ?? code
}

/**
 * Text as it is compared in a search, so that what people type on any keyboard finds the name: compatibility forms
 * (full-width `ｇｅｒ`, half-width kana) made plain, accents and other marks dropped (`Algérie`, `أ` → `ا`, Hebrew
 * points, kana voicing marks), lower case, hiragana as katakana (`どいつ` finds `ドイツ` while an input method is
 * still composing).
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\u3041-\u3096]/g, (kana) => String.fromCharCode(kana.charCodeAt(0) + 0x60))
}

// Names people type that neither the page's language, English nor the country's own language gives (each country's
// name in its own main language, "Deutschland", "日本", comes from `Intl.DisplayNames`), one a line; a word of a long
// name finds it too ("Burma" in "Myanmar (Burma)", "Emirates", "Macedonia", "Korea").
const EVERYDAY_NAMES: Partial<Record<string, string>> = {
  GB: 'UK\nEngland\nBritain',
  US: 'USA\nAmerica',
  AE: 'UAE',
  NL: 'Holland',
  TR: 'Turkey',
}

/** The country's name in its own main language, by likely subtags (`und-DE` → German): "Deutschland". */
function ownName(code: string): string {
  try {
    return countryName(code, new Intl.Locale(`und-${code}`).maximize().language)
  } catch {
    return code
  }
}

const searchNames: Partial<Record<string, string>> = {}

/** The names a country is found by besides its name on the page, folded, one a line: English, its own, everyday. */
const namesOf = (code: string): string =>
  (searchNames[code] ??= foldForSearch(`${countryName(code, 'en')}\n${ownName(code)}\n${EVERYDAY_NAMES[code] ?? ''}`))

/**
 * Countries matching a search, on a page in any language: by name in the page's language, in English, in the
 * country's own language or an everyday name ("UK", "USA", "Deutschland"), from any word start, accents, case and
 * script variants ignored; by dial code (`44`, `+44`, `٤٤`) or ISO code (`gb`). Best matches first: exact ISO code,
 * exact dial code, a name typed whole, a name that starts with the search, a dial code that does, a word of a name
 * that does, then a name that contains it; in list order within each.
 */
export function searchCountries(countries: readonly Country[], query: string): Country[] {
  const q = foldForSearch(toAsciiDigits(query).trim())
  if (q === '') return [...countries]
  const digits = q.replace(/^\+/, '')
  const numeric = /^\d+$/.test(digits)
  const rank = (country: Country): number => {
    if (q.length === 2 && country.code.toLowerCase() === q) return 0
    if (numeric) {
      if (country.callingCode === digits) return country.primary ? 1 : 2
      return country.callingCode.startsWith(digits) ? 4 : -1
    }
    // Every name on a line of its own, so that a line start is a name start.
    const names = `\n${foldForSearch(country.name)}\n${namesOf(country.code)}\n`
    if (names.includes(`\n${q}\n`)) return 2
    if (names.includes(`\n${q}`)) return 3
    if (names.split(/[\s\-(),.'’]+/).some((word) => word.startsWith(q))) return 5
    return names.includes(q) ? 6 : -1
  }
  return countries
    .map((country, index) => ({ country, index, rank: rank(country) }))
    .filter((entry) => entry.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((entry) => entry.country)
}
