import { describe, expect, it } from 'vitest'
import { hit, type RateLimit } from './limits'
import { createMemoryStore } from './store'

const TEN_MINUTES: RateLimit = { max: 3, windowSeconds: 600 }
const DAY: RateLimit = { max: 10, windowSeconds: 86_400 }

describe('hit', () => {
  it('does not count a hit refused by the short window on the day window', async () => {
    const store = createMemoryStore()
    const now = Date.now()
    const answers = []
    // The day window is listed first: the order of the list must not matter.
    for (let attempt = 0; attempt < 50; attempt += 1) answers.push(await hit(store, 'k', [DAY, TEN_MINUTES], now))

    expect(answers.filter((answer) => answer === undefined)).toHaveLength(3)
    expect(answers[3]).toBe(600)
    const day = await store.increment('k:86400', DAY.windowSeconds)
    // 3 sends that got through, plus this probe.
    expect(day.count).toBe(4)
  })

  it('refuses with the day window once it is spent, window after window', async () => {
    let now = Date.now()
    const store = createMemoryStore({ clock: { now: () => now } })
    let accepted = 0
    for (let window = 0; window < 6; window += 1) {
      for (let attempt = 0; attempt < 5; attempt += 1)
        if ((await hit(store, 'k', [TEN_MINUTES, DAY], now)) === undefined) accepted += 1
      now += 600_000
    }
    expect(accepted).toBe(10)
  })
})
