// The full metadata (server only): the same parse then tells the type of line (number screening) and the country of a
// number on a shared calling code, so each request parses its number once.
import { type PhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max'

/**
 * The one form of a phone number the endpoint works with, read once at the edge: E.164 as libphonenumber-js writes
 * it, so `+4407700900123` (trunk zero kept after the country code) and `+447700900123` are the same number, and so
 * are `+114155552671` and `+14155552671`. Limit keys, flow and verification tokens and the provider call all use it:
 * two spellings of one phone must never be two limit keys.
 *
 * `undefined` when the number does not parse, or has a length no number of its country can have. Numbers outside every
 * allocated range but of a possible length (e.g. the UK's drama range +44 7700 900xxx) are kept: validity is the
 * provider's call, and its metadata is fresher than ours.
 */
export function normalizePhoneNumber(raw: string): PhoneNumber | undefined {
  const parsed = parsePhoneNumberFromString(raw)
  if (parsed === undefined || !parsed.isPossible()) return undefined
  return parsed
}

/** {@link normalizePhoneNumber}'s E.164 string, or `undefined`. */
export function e164(raw: string): string | undefined {
  return normalizePhoneNumber(raw)?.number
}

/**
 * The number's country must be allowed. When the metadata cannot tell which country a number belongs to (a number
 * outside every known range, on a calling code shared by several countries), all candidates must be allowed.
 */
export function countryAllowed(phoneNumber: PhoneNumber, allowed: ReadonlySet<string>): boolean {
  if (phoneNumber.country !== undefined) return allowed.has(phoneNumber.country)
  const candidates = phoneNumber.getPossibleCountries()
  return candidates.length > 0 && candidates.every((country) => allowed.has(country))
}
