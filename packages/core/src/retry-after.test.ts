import { describe, expect, it } from 'vitest'
import { retryAfterSeconds } from './responses'

const NOW = Date.parse('2026-01-01T00:00:00Z')

describe('retryAfterSeconds', () => {
  it('reads seconds, rounding up', () => {
    expect(retryAfterSeconds('30', NOW)).toBe(30)
    expect(retryAfterSeconds(' 1.2 ', NOW)).toBe(2)
    expect(retryAfterSeconds('0', NOW)).toBe(0)
  })

  it('reads an HTTP date as the seconds left until it, never below 0', () => {
    expect(retryAfterSeconds('Thu, 01 Jan 2026 00:01:30 GMT', NOW)).toBe(90)
    expect(retryAfterSeconds('Wed, 31 Dec 2025 23:59:00 GMT', NOW)).toBe(0)
  })

  it('says nothing for an absent, empty or unreadable header', () => {
    expect(retryAfterSeconds(null, NOW)).toBeUndefined()
    expect(retryAfterSeconds(undefined, NOW)).toBeUndefined()
    expect(retryAfterSeconds('', NOW)).toBeUndefined()
    expect(retryAfterSeconds('soon', NOW)).toBeUndefined()
  })
})
