import type { RedisStore, RedisStoreOptions } from './redis-store'
import { parseRedisUrl } from './redis-url'
import { StoreUnavailableError } from './store-errors'

type RedisStoreModule = typeof import('./redis-store')

// A function of its own, so bundlers see one dynamic import and make the Redis store (and `redis`) a chunk of its own.
const loadRedisStoreModule = (): Promise<RedisStoreModule> => import('./redis-store')

/**
 * The Redis store of `REDIS_URL` for `createOtpHandlerFromEnv`, which is synchronous and must not load `redis` when no
 * REDIS_URL is set: the URL is checked now (a malformed one throws, naming REDIS_URL and never printing its password),
 * the module loads and the connection opens at once in the background, and each call waits for them within the
 * store's own deadline. When `redis` cannot be loaded (not installed), every call rejects with
 * {@link StoreUnavailableError} saying so, and `onError` hears it once.
 */
export function lazyRedisStore(
  url: string,
  options: RedisStoreOptions = {},
  load: () => Promise<RedisStoreModule> = loadRedisStoreModule,
): RedisStore {
  parseRedisUrl(url)
  const ready: Promise<RedisStore> = load().then(
    (module) => {
      try {
        return module.createRedisStore({ url }, options)
      } catch (error) {
        throw new StoreUnavailableError(error instanceof Error ? error.message : 'The Redis store could not be created', {
          cause: error,
        })
      }
    },
    (error: unknown) => {
      throw new StoreUnavailableError(
        'REDIS_URL is set, but the Redis store could not be loaded: is the `redis` package installed (npm install redis)?',
        { cause: error },
      )
    },
  )
  // Reported through each call, and once to `onError`: never an unhandled rejection that would end the process.
  ready.catch((error: unknown) => options.onError?.(error as Error))
  const on = async <T>(use: (store: RedisStore) => Promise<T>): Promise<T> => use(await ready)
  return {
    increment: (key, windowSeconds) => on((store) => store.increment(key, windowSeconds)),
    get: (key) => on((store) => store.get(key)),
    set: (key, value, ttlSeconds) => on((store) => store.set(key, value, ttlSeconds)),
    delete: (key) => on((store) => store.delete(key)),
    setIfAbsent: (key, value, ttlSeconds) => on((store) => store.setIfAbsent(key, value, ttlSeconds)),
    async close() {
      const store = await ready.catch(() => undefined)
      await store?.close()
    },
  }
}
