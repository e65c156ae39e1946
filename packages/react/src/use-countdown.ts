'use client'
import { type Clock, systemClock } from '@otpflow/core'
import { msUntilNextSecond, secondsUntil } from '@otpflow/core/flow'
import { useEffect, useState } from 'react'

export interface UseCountdownOptions {
  /** Time source. @default systemClock */
  clock?: Clock
}

/**
 * Seconds left until `deadline` (rounded up, 0 once passed or without a deadline). Re-renders only the component that
 * calls it, once per second while the deadline is ahead, and reads the clock again when the tab becomes visible, so a
 * throttled background tab shows the right value at once.
 *
 * @example
 * const seconds = useCountdown(flow.resendAvailableAt)
 * return <button disabled={seconds > 0}>{seconds > 0 ? `Resend in ${formatCountdown(seconds)}` : 'Resend'}</button>
 */
export function useCountdown(deadline: Date | undefined, options: UseCountdownOptions = {}): number {
  const clock = options.clock ?? systemClock
  const deadlineMs = deadline?.getTime()
  const [shown, setShown] = useState(() => ({ deadlineMs, seconds: secondsUntil(deadline, clock.now()) }))

  let seconds = shown.seconds
  if (shown.deadlineMs !== deadlineMs) {
    // A new deadline is read during this render rather than one render late.
    seconds = secondsUntil(deadline, clock.now())
    setShown({ deadlineMs, seconds })
  }

  useEffect(() => {
    if (deadlineMs === undefined) return
    const target = new Date(deadlineMs)
    let timer: ReturnType<typeof setTimeout> | undefined
    const update = () => {
      clearTimeout(timer)
      const now = clock.now()
      const next = secondsUntil(target, now)
      setShown((current) =>
        current.deadlineMs === deadlineMs && current.seconds === next ? current : { deadlineMs, seconds: next },
      )
      const wait = msUntilNextSecond(target, now)
      if (wait !== undefined) timer = setTimeout(update, wait)
    }
    const onVisibilityChange = () => {
      if (document.visibilityState === 'visible') update()
    }
    update()
    document.addEventListener('visibilitychange', onVisibilityChange)
    return () => {
      clearTimeout(timer)
      document.removeEventListener('visibilitychange', onVisibilityChange)
    }
  }, [deadlineMs, clock])

  return seconds
}
