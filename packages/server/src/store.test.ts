import { describe, expect, it } from 'vitest'
import { createMemoryStore, StoreFullError } from './store'

function fakeClock(start = 1_000_000) {
  return {
    time: start,
    now() {
      return this.time
    },
  }
}

describe('createMemoryStore', () => {
  it('counts hits in a fixed window that starts at the first hit, then starts over', async () => {
    const clock = fakeClock()
    const store = createMemoryStore({ clock })
    expect(await store.increment('k', 10)).toEqual({ count: 1, resetAt: 1_010_000 })
    clock.time += 9_999
    expect(await store.increment('k', 10)).toEqual({ count: 2, resetAt: 1_010_000 })
    clock.time += 1
    expect(await store.increment('k', 10)).toEqual({ count: 1, resetAt: 1_020_000 })
  })

  it('gets, sets with a TTL, and deletes', async () => {
    const clock = fakeClock()
    const store = createMemoryStore({ clock })
    await store.set('a', 'one', 5)
    expect(await store.get('a')).toBe('one')
    clock.time += 5_000
    expect(await store.get('a')).toBeUndefined()
    await store.set('b', 'two', 5)
    await store.delete('b')
    expect(await store.get('b')).toBeUndefined()
  })

  it('stays bounded: expired keys are purged as new ones arrive', async () => {
    const clock = fakeClock()
    const store = createMemoryStore({ clock, maxKeys: 1_000 })
    for (let index = 0; index < 100_000; index += 1) {
      await store.increment(`ip:${index}`, 5)
      clock.time += 10
    }
    expect(store.size).toBeLessThanOrEqual(1_000)
    // The newest key is still counted.
    expect((await store.increment('ip:99999', 5)).count).toBe(2)
  })

  it('never drops a live counter to make room: a new key is refused until one expires', async () => {
    const clock = fakeClock()
    const store = createMemoryStore({ clock, maxKeys: 100 })
    for (let index = 0; index < 5; index += 1) await store.increment('spent', 3600)
    for (let index = 0; index < 99; index += 1) await store.increment(`junk:${index}`, 60)
    for (let index = 0; index < 10_000; index += 1) {
      await expect(store.increment(`more:${index}`, 60)).rejects.toBeInstanceOf(StoreFullError)
      clock.time += 1
    }
    expect(store.size).toBe(100)
    // Keys already there still count, new or full.
    expect((await store.increment('spent', 3600)).count).toBe(6)
    await store.set('junk:0', 'kept', 60)
    // The earliest key expires 60 s after it was written: the refusal says how long to wait.
    const refusal = await store.increment('more:x', 60).catch((error: unknown) => error)
    expect(refusal).toBeInstanceOf(StoreFullError)
    expect(refusal).toMatchObject({ code: 'service_unavailable', retryAfter: 50 })
    clock.time += 50_000
    expect((await store.increment('more:x', 60)).count).toBe(1)
    expect((await store.increment('spent', 3600)).count).toBe(7)
  })

  it('refuses a set to a new key when full, and still updates a key it holds', async () => {
    const clock = fakeClock()
    const store = createMemoryStore({ clock, maxKeys: 2 })
    await store.set('a', '1', 60)
    await store.set('b', '2', 60)
    await expect(store.set('c', '3', 60)).rejects.toBeInstanceOf(StoreFullError)
    await store.set('a', 'one', 60)
    expect(await store.get('a')).toBe('one')
    await store.delete('b')
    await store.set('c', '3', 60)
    expect(await store.get('c')).toBe('3')
  })
})
