import { act, renderHook } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useCountdown } from './use-countdown'

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0)
const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms))

function setVisibility(state: DocumentVisibilityState) {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state })
  document.dispatchEvent(new Event('visibilitychange'))
}

beforeEach(() => {
  vi.useFakeTimers({ now: T0 })
})

afterEach(() => {
  vi.useRealTimers()
  Reflect.deleteProperty(document, 'visibilityState')
})

describe('useCountdown', () => {
  it('counts the seconds left to the deadline, rounded up', async () => {
    const { result } = renderHook(() => useCountdown(new Date(T0 + 2_500)))
    expect(result.current).toBe(3)
    await advance(499)
    expect(result.current).toBe(3)
    await advance(1)
    expect(result.current).toBe(2)
    await advance(1_000)
    expect(result.current).toBe(1)
  })

  it('stops at 0 and leaves no timer behind', async () => {
    const { result } = renderHook(() => useCountdown(new Date(T0 + 3_000)))
    await advance(3_000)
    expect(result.current).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('reads 0 and sets no timer without a deadline', () => {
    const { result } = renderHook(() => useCountdown(undefined))
    expect(result.current).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('follows a new deadline in the same render', () => {
    const { result, rerender } = renderHook(({ deadline }) => useCountdown(deadline), {
      initialProps: { deadline: new Date(T0 + 10_000) as Date | undefined },
    })
    expect(result.current).toBe(10)
    rerender({ deadline: new Date(T0 + 60_000) })
    expect(result.current).toBe(60)
    rerender({ deadline: undefined })
    expect(result.current).toBe(0)
  })

  it('is right at once when a hidden tab is shown again, whatever the timers did', async () => {
    const { result } = renderHook(() => useCountdown(new Date(T0 + 60_000)))
    setVisibility('hidden')
    vi.setSystemTime(T0 + 45_200)
    expect(result.current).toBe(60)
    act(() => setVisibility('visible'))
    expect(result.current).toBe(15)
  })

  it('reads the injected clock', async () => {
    let now = T0 + 50_000
    const clock = { now: () => now }
    const { result } = renderHook(() => useCountdown(new Date(T0 + 60_000), { clock }))
    expect(result.current).toBe(10)
    now += 4_000
    await advance(1_000)
    expect(result.current).toBe(6)
  })
})
