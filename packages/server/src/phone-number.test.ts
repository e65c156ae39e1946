import { describe, expect, it } from 'vitest'
import { countryAllowed, e164, normalizePhoneNumber } from './phone-number'

describe('normalizePhoneNumber', () => {
  it.each([
    ['+4407700900123', '+447700900123'],
    ['+447700900123', '+447700900123'],
    ['+114155552671', '+14155552671'],
    ['+14155552671', '+14155552671'],
    ['+330612345678', '+33612345678'],
  ])('reads %s as %s', (raw, normalized) => {
    expect(e164(raw)).toBe(normalized)
  })

  it('keeps the leading zero where it is part of the number (Italy)', () => {
    expect(e164('+390612345678')).toBe('+390612345678')
  })

  it('keeps a number of a possible length outside every allocated range (the UK drama range)', () => {
    expect(normalizePhoneNumber('+447700900123')?.isValid()).toBe(false)
    expect(e164('+447700900123')).toBe('+447700900123')
  })

  it.each([['+999123456789'], ['+1415555267'], ['+1234'], ['not a number']])('refuses %s', (raw) => {
    expect(normalizePhoneNumber(raw)).toBeUndefined()
  })
})

describe('countryAllowed', () => {
  const allowed = new Set(['GB'])
  const allowedHere = (raw: string) => {
    const parsed = normalizePhoneNumber(raw)
    if (parsed === undefined) throw new Error(`${raw} does not parse`)
    return countryAllowed(parsed, allowed)
  }
  it('allows a number of an allowed country, and refuses one whose country could be another', () => {
    expect(allowedHere('+447400123456')).toBe(true)
    expect(allowedHere('+33612345678')).toBe(false)
    // +44 is shared with GG, IM and JE, and the drama range belongs to none of them.
    expect(allowedHere('+447700900123')).toBe(false)
  })
})
