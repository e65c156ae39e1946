import { type Clock, systemClock } from '@otpflow/core'
import { StoreUnavailableError } from './store-errors'

/**
 * The key-value store behind the abuse limits and the providers that must remember something between calls.
 * The default lives in memory (one process); on several instances use `createRedisStore` from `@otpflow/server/redis`,
 * or implement this interface over another shared engine. Every key written expires; a call that cannot reach its
 * engine rejects with `StoreUnavailableError` (the endpoint answers 503) instead of hanging.
 */
export interface StoreCounter {
  /** Hits in the current window, this one included. */
  count: number
  /** When the window ends (ms since the epoch). */
  resetAt: number
}

export interface Store {
  /** Adds one hit to a fixed window that starts at the key's first hit and lasts `windowSeconds`. */
  increment(key: string, windowSeconds: number): Promise<StoreCounter>
  /**
   * The value under `key`, `undefined` when there is none (or it expired). A key written by {@link increment} reads as
   * its count in decimal (`'3'`), as Redis's `GET` reads an `INCR` key: the conversion guard sums counters it does not
   * add to.
   */
  get(key: string): Promise<string | undefined>
  set(key: string, value: string, ttlSeconds: number): Promise<void>
  delete(key: string): Promise<void>
  /**
   * Sets the key only if it holds nothing (or only something expired), atomically: of any number of concurrent calls on
   * any number of instances, exactly one gets `true`. For what must happen once, such as consuming a single-use proof.
   */
  setIfAbsent(key: string, value: string, ttlSeconds: number): Promise<boolean>
}

export interface MemoryStoreOptions {
  /**
   * Most keys kept. Expired keys are purged as the store fills; a live key is never dropped to make room, since a
   * dropped limit counter is a limit reopened. When every key is live, a write to a new key throws
   * {@link StoreFullError} (the endpoint answers 503 with `Retry-After`) until the earliest one expires.
   * @default 100000
   */
  maxKeys?: number
  /** @default systemClock */
  clock?: Clock
}

/**
 * Thrown by the memory store on a write to a new key while every one of its `maxKeys` keys is live. Failing closed,
 * like a shared store that cannot be reached: the endpoint refuses the request (503 `service_unavailable`, with
 * `Retry-After` from {@link StoreFullError.retryAfter}) rather than forget a counter.
 */
export class StoreFullError extends StoreUnavailableError {
  /** Seconds until the earliest key expires and frees a place. */
  declare readonly retryAfter: number

  constructor(retryAfter: number, maxKeys: number) {
    super(`The memory store holds ${maxKeys} live keys (maxKeys) and forgets none of them before it expires`)
    ;(this as { retryAfter: number }).retryAfter = retryAfter
  }
}

interface Entry {
  value: string
  count: number
  expiresAt: number
}

/** Sweeps of a store full of live keys are at least this far apart, so a flood of new keys costs O(1) each. */
const FULL_SWEEP_INTERVAL_MS = 1000

/**
 * A bounded in-memory {@link Store}: expired keys are purged as it grows, and live ones are never dropped (see
 * {@link MemoryStoreOptions.maxKeys}). Suits one process (and tests).
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): Store & { readonly size: number } {
  const maxKeys = options.maxKeys ?? 100_000
  const clock = options.clock ?? systemClock
  const now = () => clock.now()
  const entries = new Map<string, Entry>()
  let writesSincePurge = 0
  // The earliest expiry among the keys (as of the last sweep, lowered by each write since), and when a full store may
  // be swept again.
  let earliestExpiry = Number.POSITIVE_INFINITY
  let nextFullSweep = Number.NEGATIVE_INFINITY

  const live = (key: string, at: number): Entry | undefined => {
    const entry = entries.get(key)
    if (entry === undefined) return undefined
    if (entry.expiresAt <= at) {
      entries.delete(key)
      return undefined
    }
    return entry
  }

  const purge = (at: number) => {
    let earliest = Number.POSITIVE_INFINITY
    for (const [key, entry] of entries) {
      if (entry.expiresAt <= at) entries.delete(key)
      else if (entry.expiresAt < earliest) earliest = entry.expiresAt
    }
    earliestExpiry = earliest
  }

  /** Makes room for one new key, or throws {@link StoreFullError}: never by dropping a live key. */
  const makeRoom = (at: number) => {
    // A sweep costs O(n): run it every maxKeys writes, so each write stays O(1) amortized…
    writesSincePurge += 1
    if (writesSincePurge >= maxKeys) {
      writesSincePurge = 0
      purge(at)
    }
    if (entries.size < maxKeys) return
    // …and when full, at most once a second and only once a key can have expired: a flood of new keys into a store full
    // of live ones meets an O(1) refusal, not a sweep each.
    if (at >= nextFullSweep && at >= earliestExpiry) {
      writesSincePurge = 0
      purge(at)
      nextFullSweep = at + FULL_SWEEP_INTERVAL_MS
      if (entries.size < maxKeys) return
    }
    throw new StoreFullError(Math.max(1, Math.ceil((Math.max(earliestExpiry, nextFullSweep) - at) / 1000)), maxKeys)
  }

  const write = (key: string, entry: Entry, at: number) => {
    if (live(key, at) === undefined) makeRoom(at)
    if (entry.expiresAt < earliestExpiry) earliestExpiry = entry.expiresAt
    entries.set(key, entry)
  }

  const store: Store & { readonly size: number } = {
    get size() {
      return entries.size
    },
    async increment(key, windowSeconds) {
      const at = now()
      const entry = live(key, at)
      if (entry !== undefined) {
        entry.count += 1
        return { count: entry.count, resetAt: entry.expiresAt }
      }
      const fresh: Entry = { value: '', count: 1, expiresAt: at + windowSeconds * 1000 }
      write(key, fresh, at)
      return { count: 1, resetAt: fresh.expiresAt }
    },
    async get(key) {
      const entry = live(key, now())
      // A counter keeps its count beside an empty value (no string built per hit); it reads as its count.
      return entry === undefined ? undefined : entry.count > 0 ? String(entry.count) : entry.value
    },
    async set(key, value, ttlSeconds) {
      const at = now()
      write(key, { value, count: 0, expiresAt: at + ttlSeconds * 1000 }, at)
    },
    async delete(key) {
      entries.delete(key)
    },
    async setIfAbsent(key, value, ttlSeconds) {
      const at = now()
      if (live(key, at) !== undefined) return false
      write(key, { value, count: 0, expiresAt: at + ttlSeconds * 1000 }, at)
      return true
    },
  }
  return store
}
