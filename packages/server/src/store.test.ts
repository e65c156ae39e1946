import { describe, expect, it } from 'vitest'
import { createMemoryStore } from './store'

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

  it('stays bounded: expired keys are purged, and past maxKeys the oldest go first', async () => {
    const clock = fakeClock()
    const store = createMemoryStore({ clock, maxKeys: 1_000 })
    for (let index = 0; index < 100_000; index += 1) {
      await store.increment(`ip:${index}`, 60)
      clock.time += 10
    }
    expect(store.size).toBeLessThanOrEqual(1_000)
    // The newest key is still counted.
    expect((await store.increment('ip:99999', 60)).count).toBe(2)
  })
})
