import { describe, expect, it } from 'vitest'
import { failOpenStores, SHARED_STORE_RETRY_MS } from './fail-open-store'
import { createMemoryStore, type Store, StoreFullError } from './store'
import { StoreUnavailableError } from './store-errors'

/** A shared store that is down while `down` is true, counting the calls that reach it. */
function flakyStore() {
  const inner = createMemoryStore()
  const state = {
    down: false,
    calls: 0,
    error: () => new StoreUnavailableError('Redis store: not connected to Redis after 1000 ms') as Error,
  }
  const guard = async <T>(call: () => Promise<T>): Promise<T> => {
    state.calls += 1
    if (state.down) throw state.error()
    return call()
  }
  const store: Store = {
    increment: (key, windowSeconds) => guard(() => inner.increment(key, windowSeconds)),
    get: (key) => guard(() => inner.get(key)),
    set: (key, value, ttlSeconds) => guard(() => inner.set(key, value, ttlSeconds)),
    delete: (key) => guard(() => inner.delete(key)),
    setIfAbsent: (key, value, ttlSeconds) => guard(() => inner.setIfAbsent(key, value, ttlSeconds)),
  }
  return { store, state, inner }
}

describe('failOpenStores', () => {
  it('uses the shared store while it answers, and says nothing', async () => {
    const shared = flakyStore()
    const local = createMemoryStore()
    const reasons: string[] = []
    const store = failOpenStores(shared.store, local).forRequest((reason) => reasons.push(reason))
    expect((await store.increment('k', 60)).count).toBe(1)
    expect((await store.increment('k', 60)).count).toBe(2)
    expect(local.size).toBe(0)
    expect(reasons).toEqual([])
  })

  it('counts in memory once the shared store fails, tries it once per retry period, and goes back to it when it answers', async () => {
    const shared = flakyStore()
    const local = createMemoryStore()
    let now = 0
    const stores = failOpenStores(shared.store, local, () => now)
    const reasons: string[] = []
    const store = stores.forRequest((reason) => reasons.push(reason))
    await store.increment('k', 60)

    shared.state.down = true
    shared.state.calls = 0
    expect((await store.increment('k', 60)).count).toBe(1)
    expect(reasons).toEqual(['Redis store: not connected to Redis after 1000 ms'])
    // Within the retry period the shared store is not asked: a request pays its deadline at most once.
    now += SHARED_STORE_RETRY_MS - 1
    expect((await store.increment('k', 60)).count).toBe(2)
    expect(await stores.forRequest(() => {}).get('k')).toBe('2')
    expect(shared.state.calls).toBe(1)

    shared.state.down = false
    now += 1
    expect((await store.increment('k', 60)).count).toBe(2)
    expect(shared.state.calls).toBe(2)
    const quiet: string[] = []
    await stores.forRequest((reason) => quiet.push(reason)).increment('k', 60)
    expect(quiet).toEqual([])
  })

  it('lets a full memory store refuse, and any error that is not an outage through', async () => {
    const shared = flakyStore()
    const local = createMemoryStore()
    const store = failOpenStores(shared.store, local).forRequest(() => {})
    shared.state.down = true
    shared.state.error = () => new StoreFullError(30, 10)
    await expect(store.increment('k', 60)).rejects.toBeInstanceOf(StoreFullError)
    shared.state.error = () => new TypeError('a bug')
    await expect(store.get('k')).rejects.toBeInstanceOf(TypeError)
    expect(local.size).toBe(0)
  })
})
