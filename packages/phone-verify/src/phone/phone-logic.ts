import type { CountryCode } from 'libphonenumber-js/core'
import type { PhoneEngine } from './phone-engine'
import { type Country, cleanPhoneText, countryName, flagOf } from './phone-text'

export type { CountryCode }

/** The country that a number in international form belongs to, preferring `current` when it shares the calling code. */
export function countryOfInternational(
  clean: string,
  current: CountryCode | undefined,
  engine: PhoneEngine,
): CountryCode | undefined {
  const typer = new engine.AsYouType(undefined, engine.metadata)
  typer.input(clean)
  const callingCode = typer.getCallingCode()
  if (!callingCode) return undefined
  const parsed = engine.parse(clean)
  if (parsed?.country) return parsed.country
  if (current && engine.getCountryCallingCode(current, engine.metadata) === callingCode) return current
  return engine.metadata.country_calling_codes[callingCode]?.[0] as CountryCode | undefined
}

/** The digits after the calling code of a number in international form (`+447700…` → `7700…`). */
export function nationalDigits(clean: string, engine: PhoneEngine): string {
  const typer = new engine.AsYouType(undefined, engine.metadata)
  typer.input(clean)
  return clean.slice(1 + (typer.getCallingCode()?.length ?? 0))
}

/** Formats clean text as the user types: national when it has no `+`, international otherwise. */
export function formatPhone(clean: string, country: CountryCode | undefined, engine: PhoneEngine | undefined): string {
  if (!engine || clean === '' || clean === '+') return clean
  return new engine.AsYouType(country, engine.metadata).input(clean)
}

/**
 * Drops a trunk `0` written after the calling code (`+44 07700…`, `+61 0431…`) when that is what makes the number
 * valid or possible.
 * Italy keeps its leading `0`: there the number is only valid with it.
 */
function withoutTrunkZero(clean: string, engine: PhoneEngine): string {
  const typer = new engine.AsYouType(undefined, engine.metadata)
  typer.input(clean)
  const callingCode = typer.getCallingCode()
  if (!callingCode) return clean
  const national = clean.slice(1 + callingCode.length)
  if (!national.startsWith('0')) return clean
  const stripped = `+${callingCode}${national.slice(1)}`
  const asIs = engine.parse(clean)
  if (asIs?.isValid()) return clean
  const fixed = engine.parse(stripped)
  return fixed?.isValid() || (fixed?.isPossible() && !asIs?.isPossible()) ? stripped : clean
}

export interface NormalizedPhone {
  /** What the field shows. */
  text: string
  country: CountryCode | undefined
}

/**
 * Normalizes a whole value that arrived at once (paste, autofill, `defaultPhoneNumber`).
 *
 * `+44 7700 900123` and `0044 7700 900123` switch the country to United Kingdom; `07700 900123` keeps the chosen one;
 * a national number that starts with the chosen country's calling code (`447700900123`) is read as international
 * so the code is never doubled. The field then shows the national format, the country being in the picker.
 */
export function normalizePhoneValue(text: string, country: CountryCode | undefined, engine: PhoneEngine): NormalizedPhone {
  let clean = cleanPhoneText(text)
  if (!clean.startsWith('+') && country) {
    const callingCode = engine.getCountryCallingCode(country, engine.metadata)
    const asNational = engine.parse(clean, country)
    const asInternational = engine.parse(`+${clean}`)
    const same = asNational?.number === asInternational?.number
    if (clean.startsWith(callingCode) && asInternational?.isPossible() && (same || !asNational?.isPossible())) clean = `+${clean}`
  }
  if (!clean.startsWith('+')) return { text: formatPhone(clean, country, engine), country }
  clean = withoutTrunkZero(clean, engine)
  const detected = countryOfInternational(clean, country, engine)
  if (!detected) return { text: formatPhone(clean, country, engine), country }
  const parsed = engine.parse(clean)
  const national = parsed ? parsed.formatNational() : clean
  return { text: formatPhone(cleanPhoneText(national), detected, engine), country: detected }
}

/** The E.164 form of what the field shows, or `undefined` while it is not a possible number. */
export function toE164(text: string, country: CountryCode | undefined, engine: PhoneEngine | undefined): string | undefined {
  if (!engine) return undefined
  const clean = cleanPhoneText(text)
  const value = clean.startsWith('+') ? withoutTrunkZero(clean, engine) : clean
  const parsed = value.startsWith('+') ? engine.parse(value) : country ? engine.parse(value, country) : undefined
  return parsed?.isPossible() ? parsed.number : undefined
}

/**
 * Whether the number has a possible length for its country. Deliberately not `isValid()`: leading-digit rules drift
 * between metadata releases and reject real new ranges (and the reserved drama ranges used in demos), so the
 * server, which asks the carrier, has the last word.
 */
export function isPossiblePhone(e164: string | undefined, engine: PhoneEngine | undefined): boolean {
  if (!e164 || !engine) return false
  return engine.parse(e164)?.isPossible() ?? false
}

/** The international format of an E.164 number, for messages ("Code sent to +44 7700 900123"). */
export function formatInternational(e164: string, engine: PhoneEngine | undefined): string {
  if (!engine) return e164
  return engine.parse(e164)?.formatInternational() ?? e164
}

/**
 * The countries to offer: `only` (in its order) or every country of the metadata sorted by localized name,
 * with `preferred` ones first.
 */
export function listCountries(
  engine: PhoneEngine,
  locale: string,
  only?: readonly CountryCode[],
  preferred: readonly CountryCode[] = [],
): Country[] {
  const known = new Set(engine.getCountries(engine.metadata))
  const describe = (code: CountryCode): Country => ({
    code,
    name: countryName(code, locale),
    callingCode: engine.getCountryCallingCode(code, engine.metadata),
    flag: flagOf(code),
    primary: engine.metadata.country_calling_codes[engine.getCountryCallingCode(code, engine.metadata)]?.[0] === code,
  })
  const collator = new Intl.Collator(locale)
  const all = (only ?? [...known]).filter((code) => known.has(code)).map(describe)
  if (!only) all.sort((a, b) => collator.compare(a.name, b.name))
  const first = preferred.filter((code) => all.some((country) => country.code === code))
  return [...first.map(describe), ...all.filter((country) => !first.includes(country.code))]
}
