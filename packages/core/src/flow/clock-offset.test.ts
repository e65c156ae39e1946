import { describe, expect, it } from 'vitest'
import { estimateClockOffset, toLocalTime } from './clock-offset'

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0)
const receivedAt = new Date(NOW)

describe('estimateClockOffset', () => {
  it('measures a server 5 minutes ahead from the Date header, taken mid-second', () => {
    expect(estimateClockOffset({ serverDate: new Date(NOW + 300_000), receivedAt })).toBe(300_500)
  })

  it('measures a server 5 minutes behind from createdAt when there is no Date header', () => {
    expect(estimateClockOffset({ receivedAt }, new Date(NOW - 300_000))).toBe(-300_000)
  })

  it('prefers the Date header over createdAt', () => {
    expect(estimateClockOffset({ serverDate: new Date(NOW + 60_000), receivedAt }, new Date(NOW - 300_000))).toBe(60_500)
  })

  it('reads offsets within 2 s as 0 (header precision and network time)', () => {
    expect(estimateClockOffset({ serverDate: new Date(NOW - 1_000), receivedAt })).toBe(0)
    expect(estimateClockOffset({ receivedAt }, new Date(NOW - 1_900))).toBe(0)
  })

  it('knows nothing without a server time', () => {
    expect(estimateClockOffset({ receivedAt })).toBeUndefined()
    expect(estimateClockOffset({ receivedAt }, new Date(Number.NaN))).toBeUndefined()
  })
})

describe('toLocalTime', () => {
  it('moves a server time onto the local clock', () => {
    expect(toLocalTime(new Date(NOW + 330_000), 300_000)).toEqual(new Date(NOW + 30_000))
  })
})
