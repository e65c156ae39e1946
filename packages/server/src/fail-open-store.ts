import type { Store } from './store'
import { StoreFullError } from './store'
import { isStoreUnavailableError, type StoreUnavailableError } from './store-errors'

/** After the shared store fails, calls go to the local one for this long before one tries the shared store again. */
export const SHARED_STORE_RETRY_MS = 5_000

/** The shared store, or this process's memory while the shared one cannot be reached (`storeFailure: 'open'`). */
export interface FailOpenStores {
  /**
   * A store for one request: each call goes to the shared store while it answers, else to the local one, and
   * `onLocal` hears why whenever a call of the request went local.
   */
  forRequest(onLocal: (reason: string) => void): Store
}

/**
 * Sends that count in local memory while the shared store is out of reach. A call that finds the shared store failing
 * (within its own deadline) trips a breaker: for {@link SHARED_STORE_RETRY_MS} every call goes straight to memory, so
 * a request pays the shared store's deadline at most once; then the next call tries it again, and the endpoint is
 * back on it as soon as it answers. A full memory store is not an outage: its refusal stands.
 */
export function failOpenStores(shared: Store, local: Store, now: () => number = () => performance.now()): FailOpenStores {
  let sharedDownUntil = Number.NEGATIVE_INFINITY
  let lastFailure = ''

  const run = async <T>(use: (store: Store) => Promise<T>, onLocal: (reason: string) => void): Promise<T> => {
    if (now() >= sharedDownUntil) {
      try {
        return await use(shared)
      } catch (error) {
        if (!isStoreUnavailableError(error) || error instanceof StoreFullError) throw error
        sharedDownUntil = now() + SHARED_STORE_RETRY_MS
        lastFailure = (error as StoreUnavailableError).message
      }
    }
    onLocal(lastFailure)
    return use(local)
  }

  return {
    forRequest(onLocal) {
      return {
        increment: (key, windowSeconds) => run((store) => store.increment(key, windowSeconds), onLocal),
        get: (key) => run((store) => store.get(key), onLocal),
        set: (key, value, ttlSeconds) => run((store) => store.set(key, value, ttlSeconds), onLocal),
        delete: (key) => run((store) => store.delete(key), onLocal),
        setIfAbsent: (key, value, ttlSeconds) => run((store) => store.setIfAbsent(key, value, ttlSeconds), onLocal),
      }
    },
  }
}
