import { describe, expect, it } from 'vitest'
import { toAsciiDigits } from '../digits'
import { normalizeCode } from './normalize-code'

describe('normalizeCode', () => {
  it.each([
    ['123456'],
    ['123 456'],
    ['123-456'],
    ['Your code is 123456'],
    ['Your code is 123456. It expires in 10 minutes.'],
    ['١٢٣٤٥٦'],
    ['۱۲۳۴۵۶'],
    ['１２３４５６'],
    [' 123456\n'],
  ])('turns %j into 123456', (input) => {
    expect(normalizeCode(input, 6)).toBe('123456')
  })

  it('keeps a partial code partial', () => {
    expect(normalizeCode('12a3', 6)).toBe('123')
  })

  it('cuts extra digits at the code length', () => {
    expect(normalizeCode('1234567', 6)).toBe('123456')
  })

  it('reads a 4-digit code out of a sentence', () => {
    expect(normalizeCode('Code: 4821 (do not share)', 4)).toBe('4821')
  })
})

describe('toAsciiDigits', () => {
  it('maps digits of every script and leaves other text alone', () => {
    expect(toAsciiDigits('١٢٣ ۴۵۶ ७८९ ０a')).toBe('123 456 789 0a')
  })
})
