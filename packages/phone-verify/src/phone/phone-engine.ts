import { AsYouType, getCountries, getCountryCallingCode, type PhoneNumber } from 'libphonenumber-js/core'
import metadata from 'libphonenumber-js/min/metadata'
import {
  countryOfInternational,
  formatInternational,
  formatPhone,
  isPossiblePhone,
  listCountries,
  nationalDigits,
  normalizePhoneValue,
  toE164,
} from './phone-logic'
import type { CountryCode } from './phone-text'

/**
 * Reads clean text (digits, a leading `+`) as a number, national to `country` when it has no `+`; `undefined` while it
 * has no national digits. libphonenumber-js's `AsYouType` does the reading, the same one that formats the field, so
 * the chunk does not also carry its free-text parser (RFC 3966 URIs, extensions, ParseError: about 2 kB gzipped).
 */
function parse(clean: string, country?: CountryCode): PhoneNumber | undefined {
  const typer = new AsYouType(country, metadata)
  typer.input(clean)
  return typer.getNumber()
}

/** libphonenumber-js's functions with its `min` metadata. */
export const phoneEngine = { metadata, AsYouType, getCountries, getCountryCallingCode, parse }

export type PhoneEngine = typeof phoneEngine

/**
 * Everything that needs libphonenumber-js, bound to its metadata, in one lazily loaded chunk (about 33 kB gzipped):
 * the first render needs none of it, so it stays off the page's critical path.
 */
export const phoneKit = {
  engine: phoneEngine,
  /** Formats clean text (digits, leading `+`) as the user types. */
  format: (clean: string, country: CountryCode | undefined) => formatPhone(clean, country, phoneEngine),
  /** Reads a pasted, autofilled or default number: its national text and its country. */
  normalize: (text: string, country: CountryCode | undefined) => normalizePhoneValue(text, country, phoneEngine),
  /** The E.164 form of the shown text, once it has a possible length. */
  toE164: (text: string, country: CountryCode | undefined) => toE164(text, country, phoneEngine),
  isPossible: (e164: string | undefined) => isPossiblePhone(e164, phoneEngine),
  formatInternational: (e164: string) => formatInternational(e164, phoneEngine),
  countryOf: (clean: string, current: CountryCode | undefined) => countryOfInternational(clean, current, phoneEngine),
  nationalDigits: (clean: string) => nationalDigits(clean, phoneEngine),
  listCountries: (locale: string, only?: readonly CountryCode[], preferred?: readonly CountryCode[]) =>
    listCountries(phoneEngine, locale, only, preferred),
}

export type PhoneKit = typeof phoneKit
