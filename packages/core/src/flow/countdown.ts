/**
 * Countdown math over deadlines. Seconds left are always computed from a deadline and the current time, never
 * counted down tick by tick, so a throttled background tab or a re-render cannot make them drift.
 */

/**
 * Whole seconds left until `deadline`, rounded up (1.2 s left reads "2"), never below 0.
 *
 * @example secondsUntil(new Date(now + 26_100), now) // 27
 */
export function secondsUntil(deadline: Date | undefined, now: number): number {
  if (deadline === undefined) return 0
  const left = deadline.getTime() - now
  return left <= 0 ? 0 : Math.ceil(left / 1000)
}

/**
 * Milliseconds until {@link secondsUntil} next changes its value, or `undefined` once the deadline has passed.
 * A countdown sleeps exactly this long between two renders.
 */
export function msUntilNextSecond(deadline: Date | undefined, now: number): number | undefined {
  if (deadline === undefined) return undefined
  const left = deadline.getTime() - now
  if (left <= 0) return undefined
  return left % 1000 || 1000
}

/**
 * Formats seconds as `m:ss`, or `h:mm:ss` from one hour on.
 *
 * @example formatCountdown(27) // "0:27"
 * @example formatCountdown(605) // "10:05"
 */
export function formatCountdown(seconds: number): string {
  const total = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const rest = String(total % 60).padStart(2, '0')
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`
}
