import { count, type RateLimit, secondsUntil } from './limits'
import type { Store } from './store'

/*
 * Wrong codes per phone number, across its authentications. Each authentication has its own check budget, but a new
 * send opens a new one: without a count per number, whoever can trigger sends can keep guessing without end. Past the
 * cap the number is locked until the window ends: no code is sent to it and no code is checked.
 *
 * The count is a counter (`increment`); the lock is a separate key holding the window's end, written once the count
 * reaches the cap, so a send reads one key and counts nothing.
 */

const failuresKey = (phoneNumber: string) => `otp:check-fail:phone:${phoneNumber}`
const lockKey = (phoneNumber: string) => `otp:check-lock:phone:${phoneNumber}`

/** Seconds until the number takes codes again, `undefined` when it is not locked. */
export async function lockedFor(store: Store, phoneNumber: string, limit: RateLimit, now: number): Promise<number | undefined> {
  if (!(limit.max < Number.POSITIVE_INFINITY)) return undefined
  const value = await store.get(lockKey(phoneNumber))
  if (value === undefined) return undefined
  const until = Number(value)
  return until > now ? secondsUntil(until, now) : undefined
}

/**
 * Records one wrong code for the number, locks it once the cap is reached, and returns how many more wrong codes it
 * may take in this window (`undefined` when the limit is off).
 */
export async function failedChecksLeft(
  store: Store,
  phoneNumber: string,
  limit: RateLimit,
  now: number,
): Promise<number | undefined> {
  const counter = await count(store, failuresKey(phoneNumber), limit)
  if (counter === undefined) return undefined
  if (counter.count >= limit.max) {
    await store.set(lockKey(phoneNumber), String(counter.resetAt), secondsUntil(counter.resetAt, now))
  }
  return Math.max(0, limit.max - counter.count)
}
