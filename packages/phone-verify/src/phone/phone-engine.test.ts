import { type CountryCode, getCountries, getCountryCallingCode, parsePhoneNumberFromString } from 'libphonenumber-js/core'
import metadata from 'libphonenumber-js/min/metadata'
import { describe, expect, it } from 'vitest'
import { phoneEngine } from './phone-engine'

// The kit reads numbers with libphonenumber-js's AsYouType rather than shipping its free-text parser as well. These
// tests hold that reading to the parser's, on numbers of every country, from a seeded generator (same inputs every run).
function generator(seed: number) {
  let state = seed
  const next = (below: number) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff
    return state % below
  }
  const digits = (count: number) => Array.from({ length: count }, () => String(next(10))).join('')
  return { next, digits }
}

const countries = getCountries(metadata)
const reading = (number: ReturnType<typeof parsePhoneNumberFromString>) =>
  number
    ? {
        number: number.number,
        country: number.country,
        possible: number.isPossible(),
        valid: number.isValid(),
        national: number.formatNational(),
        international: number.formatInternational(),
      }
    : undefined

describe('phoneEngine.parse', () => {
  it('reads national numbers as libphonenumber-js parses them, for every country: every valid one the same', () => {
    const { next, digits } = generator(42)
    let valid = 0
    for (let index = 0; index < 30_000; index += 1) {
      const country = countries[next(countries.length)] as CountryCode
      // A trunk 0 or not; never 00, which the field reads as an international prefix.
      const clean = `${next(3) === 0 ? '0' : ''}${1 + next(9)}${digits(3 + next(11))}`
      const expected = reading(parsePhoneNumberFromString(clean, country, metadata))
      const actual = reading(phoneEngine.parse(clean, country))
      if (expected?.valid) {
        valid += 1
        expect(actual, `${clean} in ${country}`).toEqual(expected)
      }
      // Nothing the parser reads otherwise becomes a possible number here. (The reverse happens: the parser keeps a
      // trunk 0 when dropping it leaves too few digits, which makes an invalid number of a possible length.)
      if (actual?.possible) expect(expected, `${clean} in ${country}`).toEqual(actual)
    }
    expect(valid).toBeGreaterThan(1_000)
  })

  it('reads every possible international number as libphonenumber-js does', () => {
    const { next, digits } = generator(7)
    let compared = 0
    for (let index = 0; index < 60_000; index += 1) {
      const country = countries[next(countries.length)] as CountryCode
      const clean = `+${getCountryCallingCode(country, metadata)}${1 + next(9)}${digits(next(13))}`
      const expected = parsePhoneNumberFromString(clean, metadata)
      if (!expected?.isPossible()) continue
      compared += 1
      expect(reading(phoneEngine.parse(clean)), clean).toEqual(reading(expected))
    }
    expect(compared).toBeGreaterThan(10_000)
  })

  it('drops a trunk 0 typed after the calling code', () => {
    expect(phoneEngine.parse('+4407700900123')?.number).toBe('+447700900123')
    expect(phoneEngine.parse('+33061234567')?.number).toBe('+3361234567')
  })

  it('keeps the leading 0 that is part of an Italian number', () => {
    expect(phoneEngine.parse('+390612345678')?.number).toBe('+390612345678')
    expect(phoneEngine.parse('+390612345678')?.isValid()).toBe(true)
  })

  it('has no number before there are national digits', () => {
    expect(phoneEngine.parse('+44')).toBeUndefined()
    expect(phoneEngine.parse('', 'GB')).toBeUndefined()
  })
})
