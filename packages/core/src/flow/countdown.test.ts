import { describe, expect, it } from 'vitest'
import { formatCountdown, msUntilNextSecond, secondsUntil } from './countdown'

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0)

describe('secondsUntil', () => {
  it.each([
    { left: 30_000, seconds: 30 },
    { left: 26_100, seconds: 27 },
    { left: 1, seconds: 1 },
    { left: 0, seconds: 0 },
    { left: -5_000, seconds: 0 },
  ])('reads $seconds s with $left ms left (rounded up, never below 0)', ({ left, seconds }) => {
    expect(secondsUntil(new Date(NOW + left), NOW)).toBe(seconds)
  })

  it('reads 0 without a deadline', () => {
    expect(secondsUntil(undefined, NOW)).toBe(0)
  })
})

describe('msUntilNextSecond', () => {
  it.each([
    { left: 30_000, wait: 1000 },
    { left: 26_100, wait: 100 },
    { left: 999, wait: 999 },
  ])('waits $wait ms with $left ms left, until the seconds shown change', ({ left, wait }) => {
    expect(msUntilNextSecond(new Date(NOW + left), NOW)).toBe(wait)
    expect(secondsUntil(new Date(NOW + left), NOW + wait)).toBe(secondsUntil(new Date(NOW + left), NOW) - 1)
  })

  it('stops at the deadline and without one', () => {
    expect(msUntilNextSecond(new Date(NOW), NOW)).toBeUndefined()
    expect(msUntilNextSecond(undefined, NOW)).toBeUndefined()
  })
})

describe('formatCountdown', () => {
  it.each([
    [0, '0:00'],
    [7, '0:07'],
    [27, '0:27'],
    [60, '1:00'],
    [605, '10:05'],
    [3600, '1:00:00'],
    [3725, '1:02:05'],
    [-3, '0:00'],
    [Number.NaN, '0:00'],
  ])('formats %s s as %s', (seconds, text) => {
    expect(formatCountdown(seconds)).toBe(text)
  })
})
