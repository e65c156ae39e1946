import { type Clock, systemClock } from '@otpflow/core'

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
   * Most keys kept. Past it, expired keys are purged and then the oldest keys go first, so memory stays bounded
   * even under a flood of distinct phone numbers or IPs.
   * @default 100000
   */
  maxKeys?: number
  /** @default systemClock */
  clock?: Clock
}

/**
 * The memory store's `increment` without the promise, for the abuse limits on the hot path. Keyed by the store object
 * and used only while that store's `increment` is still the original (a wrapped or spied one is always called).
 */
export const syncIncrements = new WeakMap<
  Store,
  { increment: Store['increment']; now: (key: string, windowSeconds: number) => StoreCounter }
>()

interface Entry {
  value: string
  count: number
  expiresAt: number
}

/** A bounded in-memory {@link Store}: expired keys are purged as it grows. Suits one process (and tests). */
export function createMemoryStore(options: MemoryStoreOptions = {}): Store & { readonly size: number } {
  const maxKeys = options.maxKeys ?? 100_000
  const clock = options.clock ?? systemClock
  const now = () => clock.now()
  const entries = new Map<string, Entry>()
  let writesSincePurge = 0

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
    for (const [key, entry] of entries) if (entry.expiresAt <= at) entries.delete(key)
    // Still full of live keys: drop the oldest (Map keeps insertion order) down to 90%, so the next sweep is 10% of maxKeys writes away.
    const target = Math.floor(maxKeys * 0.9)
    for (const key of entries.keys()) {
      if (entries.size <= target) break
      entries.delete(key)
    }
  }

  const write = (key: string, entry: Entry, at: number) => {
    entries.delete(key)
    // A full sweep costs O(n): run it when the map is full, or every maxKeys writes, so each write stays O(1) amortized.
    writesSincePurge += 1
    if (entries.size >= maxKeys || writesSincePurge >= maxKeys) {
      writesSincePurge = 0
      purge(at)
    }
    entries.set(key, entry)
  }

  const incrementNow = (key: string, windowSeconds: number): StoreCounter => {
    const at = now()
    const entry = live(key, at)
    if (entry !== undefined) {
      entry.count += 1
      return { count: entry.count, resetAt: entry.expiresAt }
    }
    const fresh: Entry = { value: '', count: 1, expiresAt: at + windowSeconds * 1000 }
    write(key, fresh, at)
    return { count: 1, resetAt: fresh.expiresAt }
  }

  const store: Store & { readonly size: number } = {
    get size() {
      return entries.size
    },
    async increment(key, windowSeconds) {
      return incrementNow(key, windowSeconds)
    },
    async get(key) {
      return live(key, now())?.value
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
  syncIncrements.set(store, { increment: store.increment, now: incrementNow })
  return store
}
