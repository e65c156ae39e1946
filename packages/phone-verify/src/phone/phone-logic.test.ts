import { beforeAll, describe, expect, it } from 'vitest'
import { loadPhoneMetadata } from './metadata'
import type { PhoneEngine } from './phone-engine'
import { isPossiblePhone, listCountries, normalizePhoneValue, toE164 } from './phone-logic'
import { caretAfterSignificant, cleanPhoneText, countSignificant, flagOf, guessCountry, searchCountries } from './phone-text'

let engine: PhoneEngine
beforeAll(async () => {
  engine = (await loadPhoneMetadata()).engine
})

describe('normalizePhoneValue', () => {
  it.each([
    ['+44 7700 900123', 'US'],
    ['0044 7700 900123', 'US'],
    ['07700 900123', 'GB'],
    ['+44 07700 900123', 'FR'],
    ['447700900123', 'GB'],
    ['+٤٤ ٧٧٠٠ ٩٠٠١٢٣', 'US'],
    ['Tel: +44 7700 900123', 'US'],
    ['(+44) 7700 900123', 'US'],
  ] as const)('reads %j (with %s chosen) as +447700900123 in United Kingdom', (input, chosen) => {
    const result = normalizePhoneValue(input, chosen, engine)
    expect(result.country).toBe('GB')
    expect(result.text).toBe('07700 900123')
    expect(toE164(result.text, result.country, engine)).toBe('+447700900123')
  })

  it('reads (415) 555-2671 with United States chosen as +14155552671', () => {
    const result = normalizePhoneValue('(415) 555-2671', 'US', engine)
    expect(result).toEqual({ text: '(415) 555-2671', country: 'US' })
    expect(toE164(result.text, result.country, engine)).toBe('+14155552671')
  })

  it('keeps Canada chosen for a +1 number it shares with the United States when the number does not tell', () => {
    const result = normalizePhoneValue('+1 204 555 0199', 'CA', engine)
    expect(result.country).toBe('CA')
  })

  it('keeps the leading 0 of Italian numbers', () => {
    const result = normalizePhoneValue('+39 06 1234 5678', 'US', engine)
    expect(result.country).toBe('IT')
    expect(toE164(result.text, result.country, engine)).toBe('+390612345678')
  })
})

describe('toE164', () => {
  it('drops the trunk 0 of a national number', () => {
    expect(toE164('07700 900123', 'GB', engine)).toBe('+447700900123')
  })

  it('never doubles the dial code', () => {
    expect(toE164('+44 7700 900123', 'GB', engine)).toBe('+447700900123')
  })

  it('is undefined while the number is too short', () => {
    expect(toE164('0770', 'GB', engine)).toBeUndefined()
  })
})

describe('caret helpers', () => {
  it('counts digits and a leading + before the caret', () => {
    expect(countSignificant('(415) 555-2671', 6)).toBe(3)
    expect(countSignificant('+44 7700', 4)).toBe(3)
  })

  it('puts the caret after the n-th digit of the formatted text', () => {
    expect(caretAfterSignificant('(415) 555-2671', 3)).toBe(4)
    expect(caretAfterSignificant('(415) 555-2671', 4)).toBe(7)
    expect(caretAfterSignificant('(415) 555-2671', 0)).toBe(1)
  })

  it('cleans any digit script and the 00 prefix', () => {
    expect(cleanPhoneText('00 44 (0)7700')).toBe('+4407700')
    expect(cleanPhoneText('۰۷۷۰۰')).toBe('07700')
  })
})

describe('countries', () => {
  it('names countries in the locale and puts preferred ones first', () => {
    const countries = listCountries(engine, 'fr', undefined, ['GB', 'FR'])
    expect(countries.slice(0, 2).map((country) => country.name)).toEqual(['Royaume-Uni', 'France'])
    expect(countries.filter((country) => country.code === 'GB')).toHaveLength(1)
  })

  it('offers only the listed countries', () => {
    expect(listCountries(engine, 'en', ['DE', 'AT', 'CH']).map((country) => country.code)).toEqual(['DE', 'AT', 'CH'])
  })

  it('finds a country by name, dial code and ISO code', () => {
    const countries = listCountries(engine, 'en')
    expect(searchCountries(countries, 'united k')[0]?.code).toBe('GB')
    expect(searchCountries(countries, 'kingdom')[0]?.code).toBe('GB')
    expect(searchCountries(countries, '+44')[0]?.code).toBe('GB')
    expect(searchCountries(countries, '49')[0]?.code).toBe('DE')
    expect(searchCountries(countries, 'gb')[0]?.code).toBe('GB')
    expect(searchCountries(countries, 'cote')[0]?.code).toBe('CI')
    expect(searchCountries(countries, 'zzzz')).toEqual([])
  })

  it('draws flags as regional-indicator emoji', () => {
    expect(flagOf('gb')).toBe('🇬🇧')
  })

  it('guesses the country from the region of the browser language, else its likely region', () => {
    expect(guessCountry(['en-GB', 'en'])).toBe('GB')
    expect(guessCountry(['fr'])).toBe('FR')
    expect(guessCountry(['pt-BR'])).toBe('BR')
    expect(guessCountry([])).toBeUndefined()
  })
})

describe('isPossiblePhone', () => {
  it.each(['+447700900123', '+14155552671', '+33612345678'])('accepts %s, a number of a possible length', (e164) => {
    expect(isPossiblePhone(e164, engine)).toBe(true)
  })

  // Each parses to a country, so only the length check can refuse it.
  it.each(['+4477009001234567', '+1415555267', '+336123'])('refuses %s, too long or too short for its country', (e164) => {
    expect(isPossiblePhone(e164, engine)).toBe(false)
  })

  it('refuses no number, and any number before the metadata is there', () => {
    expect(isPossiblePhone(undefined, engine)).toBe(false)
    expect(isPossiblePhone('', engine)).toBe(false)
    expect(isPossiblePhone('+447700900123', undefined)).toBe(false)
  })
})
