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

  it.each([
    ['Your code is 123456. Valid 10 minutes', 6, '123456'],
    ['2 minutes left: 123 456', 6, '123456'],
    ['Code 4821, expires in 5 min', 4, '4821'],
  ] as const)('prefers the group of exactly the code length in %j over stray digits', (input, length, code) => {
    expect(normalizeCode(input, length)).toBe(code)
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
