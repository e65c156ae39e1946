import type { Store, StoreCounter } from './store'

/** At most `max` hits per fixed window of `windowSeconds`. */
export interface RateLimit {
  max: number
  windowSeconds: number
}

/**
 * Abuse limits of the endpoint. Each list may hold several windows (a short and a long one); every one must pass.
 * Over a limit the endpoint answers 429 `{ "code": "rate_limited" }` with `Retry-After`, before calling the provider.
 */
export interface OtpLimits {
  /**
   * Sends (`POST /authentication`) per phone number, from anyone: stops SMS pumping on one number.
   * @default [{ max: 3, windowSeconds: 600 }, { max: 10, windowSeconds: 86400 }]
   */
  sendsPerPhoneNumber: RateLimit[]
  /**
   * Sends per phone number from one client (IP address, or IPv6 network: see `ipv6Prefix`): one client's share of
   * {@link sendsPerPhoneNumber}, counted before it, so that one client cannot spend the number's whole day and lock
   * its owner out of codes (it can still take one 10-minute window). Skipped when the IP is unknown.
   * @default [{ max: 5, windowSeconds: 86400 }]
   */
  sendsPerPhoneNumberPerIp: RateLimit[]
  /**
   * SMS per client (IP address, or IPv6 network): sends and resends (`/authentication` and `/retry`) together.
   * Counted before any per-number limit. Skipped when the IP is unknown.
   * @default [{ max: 20, windowSeconds: 3600 }]
   */
  sendsPerIp: RateLimit[]
  /**
   * Checks per authentication, on top of the provider's own attempt limit: stops code guessing.
   * @default { max: 10, windowSeconds: 3600 }
   */
  checksPerAuthentication: RateLimit
  /**
   * Wrong codes per phone number, across all its authentications (NIST SP 800-63B allows at most 100 in a row). Once
   * reached, the number gets no code and no check until the window ends: 429 `rate_limited` with `Retry-After`.
   * @default { max: 30, windowSeconds: 86400 }
   */
  failedChecksPerPhoneNumber: RateLimit
}

export const DEFAULT_LIMITS: OtpLimits = {
  sendsPerPhoneNumber: [
    { max: 3, windowSeconds: 600 },
    { max: 10, windowSeconds: 86_400 },
  ],
  sendsPerPhoneNumberPerIp: [{ max: 5, windowSeconds: 86_400 }],
  sendsPerIp: [{ max: 20, windowSeconds: 3600 }],
  checksPerAuthentication: { max: 10, windowSeconds: 3600 },
  failedChecksPerPhoneNumber: { max: 30, windowSeconds: 86_400 },
}

/** Limits with every field optional; `Infinity` as `max` (or an empty list) turns one off. */
export type OtpLimitsOption = Partial<OtpLimits>

export function resolveLimits(option: OtpLimitsOption | undefined): OtpLimits {
  return { ...DEFAULT_LIMITS, ...option }
}

const isOn = (limit: RateLimit) => limit.max < Number.POSITIVE_INFINITY

/**
 * Counts one hit under `key`, window by window from the shortest, and returns the seconds to wait at the first window
 * over (`undefined` when all pass). A hit refused by a shorter window is not counted on the longer ones: a burst that
 * the 10-minute window turns away leaves the day's budget for the sends that get through, whatever order concurrent
 * requests on several instances reach the store in.
 */
export async function hit(store: Store, key: string, limits: readonly RateLimit[], now: number): Promise<number | undefined> {
  for (const limit of shortestFirst(limits)) {
    if (!isOn(limit)) continue
    const counter = await store.increment(`${key}:${limit.windowSeconds}`, limit.windowSeconds)
    if (counter.count > limit.max) return secondsUntil(counter.resetAt, now)
  }
  return undefined
}

const shortestFirst = (limits: readonly RateLimit[]) =>
  limits.length < 2 ? limits : [...limits].sort((a, b) => a.windowSeconds - b.windowSeconds)

/** Seconds until `resetAt`, at least 1 (a `Retry-After` of 0 invites an immediate retry). */
export const secondsUntil = (resetAt: number, now: number) => Math.max(1, Math.ceil((resetAt - now) / 1000))

/** Counts one hit on a single window under `key` and returns its counter; `undefined` when the limit is off. */
export async function count(store: Store, key: string, limit: RateLimit): Promise<StoreCounter | undefined> {
  return isOn(limit) ? await store.increment(`${key}:${limit.windowSeconds}`, limit.windowSeconds) : undefined
}
