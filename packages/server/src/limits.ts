import { type Store, syncIncrements } from './store'

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
   * Sends (`POST /authentication`) per phone number: stops SMS pumping on one number.
   * @default [{ max: 3, windowSeconds: 600 }, { max: 10, windowSeconds: 86400 }]
   */
  sendsPerPhoneNumber: RateLimit[]
  /**
   * SMS per client IP: sends and resends (`/authentication` and `/retry`) together. Skipped when the IP is unknown.
   * @default [{ max: 20, windowSeconds: 3600 }]
   */
  sendsPerIp: RateLimit[]
  /**
   * Checks per authentication, on top of the provider's own attempt limit: stops code guessing.
   * @default { max: 10, windowSeconds: 3600 }
   */
  checksPerAuthentication: RateLimit
}

export const DEFAULT_LIMITS: OtpLimits = {
  sendsPerPhoneNumber: [
    { max: 3, windowSeconds: 600 },
    { max: 10, windowSeconds: 86_400 },
  ],
  sendsPerIp: [{ max: 20, windowSeconds: 3600 }],
  checksPerAuthentication: { max: 10, windowSeconds: 3600 },
}

/** Limits with every field optional; `Infinity` as `max` (or an empty list) turns one off. */
export type OtpLimitsOption = Partial<OtpLimits>

export function resolveLimits(option: OtpLimitsOption | undefined): OtpLimits {
  return { ...DEFAULT_LIMITS, ...option }
}

/**
 * Counts one hit on every window of `limits` under `key`, and returns the seconds to wait when any is over
 * (`undefined` when all pass).
 */
export async function hit(store: Store, key: string, limits: readonly RateLimit[], now: number): Promise<number | undefined> {
  let retryAfter: number | undefined
  for (const limit of limits) {
    if (!(limit.max < Number.POSITIVE_INFINITY)) continue
    const counter = await store.increment(`${key}:${limit.windowSeconds}`, limit.windowSeconds)
    retryAfter = over(counter.count, counter.resetAt, limit, now, retryAfter)
  }
  return retryAfter
}

const over = (count: number, resetAt: number, limit: RateLimit, now: number, retryAfter: number | undefined) =>
  count > limit.max ? Math.max(retryAfter ?? 0, Math.max(1, Math.ceil((resetAt - now) / 1000))) : retryAfter

/**
 * {@link hit} answered in the same turn when the store is the untouched memory store (no promise per window: this runs
 * on every send), or a promise for any other store.
 */
export function hitNow(
  store: Store,
  key: string,
  limits: readonly RateLimit[],
  now: number,
): number | undefined | Promise<number | undefined> {
  const sync = syncIncrements.get(store)
  if (sync === undefined || sync.increment !== store.increment) return hit(store, key, limits, now)
  let retryAfter: number | undefined
  for (const limit of limits) {
    if (!(limit.max < Number.POSITIVE_INFINITY)) continue
    const counter = sync.now(`${key}:${limit.windowSeconds}`, limit.windowSeconds)
    retryAfter = over(counter.count, counter.resetAt, limit, now, retryAfter)
  }
  return retryAfter
}
