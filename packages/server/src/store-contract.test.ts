import { createClient } from 'redis'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { createRedisStore } from './redis-store'
import { createMemoryStore, type Store, type StoreCounter } from './store'
import { StoreUnavailableError } from './store-errors'
import { startRedisServer, type TestRedisServer } from './testing/redis-server'
import { type StoreChild, startStoreChild } from './testing/store-child'

/**
 * One contract, every store: what the endpoint relies on between requests, checked on the memory store and on a real
 * Redis with the same tests. Windows are short and real (no fake clock): Redis keeps its own time.
 */

/** Something that can hit a store: a store object, or (for Redis) a separate Node process. */
interface Peer {
  increment(key: string, times: number, windowSeconds: number): Promise<number[]>
  setIfAbsent(key: string, times: number): Promise<boolean[]>
}

interface Backend {
  /** The store under test, fresh for each test (its own keys). */
  store: Store
  /** Three clients of the same shared state, each with its own connection where the store has connections. */
  peers(): Promise<Peer[]>
  close(): Promise<void>
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const storePeer = (store: Store): Peer => ({
  increment: (key, times, windowSeconds) =>
    Promise.all(Array.from({ length: times }, () => store.increment(key, windowSeconds).then((counter) => counter.count))),
  setIfAbsent: (key, times) =>
    Promise.all(Array.from({ length: times }, (_, index) => store.setIfAbsent(key, `peer ${index}`, 60))),
})

// Started on first use, not in beforeAll: without redis-server each Redis test then fails with the reason (a failed
// beforeAll would only mark them skipped), and the memory store's tests still run.
let redis: Promise<TestRedisServer> | undefined
const redisServer = () => {
  redis ??= startRedisServer()
  return redis
}
let testIndex = 0
const opened: Array<{ close(): Promise<void> }> = []

afterEach(async () => {
  await Promise.all(opened.splice(0).map((closable) => closable.close()))
})

afterAll(async () => {
  await (await redis?.catch(() => undefined))?.close()
})

const backends: Array<{ name: string; open(): Promise<Backend> }> = [
  {
    name: 'memory',
    async open() {
      const store = createMemoryStore()
      return {
        store,
        // One process, one map: its "clients" are callers of the same object.
        peers: async () => [storePeer(store), storePeer(store), storePeer(store)],
        close: async () => undefined,
      }
    },
  },
  {
    name: 'redis',
    async open() {
      const { url } = await redisServer()
      testIndex += 1
      const prefix = `contract:${testIndex}:`
      const store = createRedisStore({ url }, { prefix })
      const others: Array<{ close(): Promise<void> }> = []
      return {
        store,
        async peers() {
          // Two more connections in this process, and a third client in another Node process.
          const second = createRedisStore({ url }, { prefix })
          const child: StoreChild = await startStoreChild(url, prefix)
          others.push(second, child)
          return [storePeer(store), storePeer(second), child]
        },
        async close() {
          await Promise.all([store.close(), ...others.map((other) => other.close())])
        },
      }
    },
  },
]

describe.each(backends)('the $name store', (backend) => {
  let store: Store
  let peers: () => Promise<Peer[]>

  const fresh = async () => {
    const opened_ = await backend.open()
    opened.push(opened_)
    store = opened_.store
    peers = opened_.peers
  }

  it('counts hits in a fixed window that starts at the first hit, ends at resetAt, then starts over', async () => {
    await fresh()
    // Generous against a loaded machine: a Redis reply may take tens of milliseconds, and resetAt is read around it.
    const slack = 100
    const before = Date.now()
    const first = await store.increment('window', 0.8)
    const after = Date.now()
    expect(first.count).toBe(1)
    expect(first.resetAt).toBeGreaterThanOrEqual(before + 800 - slack)
    expect(first.resetAt).toBeLessThanOrEqual(after + 800 + slack)
    expect((await store.increment('window', 0.8)).count).toBe(2)
    // A later hit keeps the first hit's window: its end does not slide by the 300 ms waited.
    await sleep(300)
    const third = await store.increment('window', 0.8)
    expect(third.count).toBe(3)
    expect(Math.abs(third.resetAt - first.resetAt)).toBeLessThanOrEqual(slack)

    await sleep(Math.max(0, first.resetAt - Date.now()) + slack)
    const next = await store.increment('window', 0.8)
    expect(next.count).toBe(1)
    expect(next.resetAt).toBeGreaterThan(first.resetAt + slack)
  })

  it('keeps a separate count for each key and each window length asked for', async () => {
    await fresh()
    await store.increment('a', 60)
    await store.increment('a', 60)
    expect((await store.increment('a', 60)).count).toBe(3)
    expect((await store.increment('b', 60)).count).toBe(1)
    const counter: StoreCounter = await store.increment('c', 3600)
    expect(counter.resetAt - Date.now()).toBeGreaterThan(3_590_000)
    expect(counter.resetAt - Date.now()).toBeLessThanOrEqual(3_600_000)
  })

  it('reads a counter with get: its count as a decimal string, as long as its window lives', async () => {
    await fresh()
    expect(await store.get('read-counter')).toBeUndefined()
    await store.increment('read-counter', 60)
    await store.increment('read-counter', 60)
    expect(await store.get('read-counter')).toBe('2')
    await store.increment('read-counter', 60)
    expect(await store.get('read-counter')).toBe('3')
  })

  it('gets what was set until its TTL passes, and nothing after', async () => {
    await fresh()
    expect(await store.get('missing')).toBeUndefined()
    await store.set('value', 'one', 0.5)
    expect(await store.get('value')).toBe('one')
    await sleep(600)
    expect(await store.get('value')).toBeUndefined()
  })

  it('replaces a value and its expiry on set, and forgets it on delete', async () => {
    await fresh()
    await store.set('value', 'one', 0.5)
    await store.set('value', 'two', 60)
    await sleep(600)
    expect(await store.get('value')).toBe('two')
    await store.delete('value')
    expect(await store.get('value')).toBeUndefined()
    // Deleting what is not there is not an error.
    await store.delete('value')
    expect(await store.get('value')).toBeUndefined()
  })

  it('keeps values as given: unicode, JSON, empty strings', async () => {
    await fresh()
    const json = JSON.stringify({ phone: '+447700900123', note: 'café ☎', nested: { list: [1, 2] } })
    await store.set('json', json, 60)
    await store.set('empty', '', 60)
    expect(await store.get('json')).toBe(json)
    expect(await store.get('empty')).toBe('')
  })

  it('sets only what is absent: true once, false while the key lives, true again once it expired or was deleted', async () => {
    await fresh()
    expect(await store.setIfAbsent('once', 'first', 0.5)).toBe(true)
    expect(await store.setIfAbsent('once', 'second', 0.5)).toBe(false)
    expect(await store.get('once')).toBe('first')
    await sleep(600)
    expect(await store.get('once')).toBeUndefined()
    expect(await store.setIfAbsent('once', 'third', 60)).toBe(true)
    expect(await store.get('once')).toBe('third')
    await store.delete('once')
    expect(await store.setIfAbsent('once', 'fourth', 60)).toBe(true)
    // A key that holds a set value is not absent either.
    await store.set('taken', 'x', 60)
    expect(await store.setIfAbsent('taken', 'y', 60)).toBe(false)
    expect(await store.get('taken')).toBe('x')
  })

  it('lets every kind of write expire: counters, values and set-if-absent keys are all gone after their time', async () => {
    await fresh()
    await store.increment('counter', 0.5)
    await store.set('value', 'v', 0.5)
    await store.setIfAbsent('proof', 'p', 0.5)
    await sleep(600)
    expect(await store.get('value')).toBeUndefined()
    expect(await store.get('proof')).toBeUndefined()
    expect((await store.increment('counter', 60)).count).toBe(1)
    expect(await store.setIfAbsent('proof', 'again', 60)).toBe(true)
  })

  it('counts 200 concurrent hits from three clients as exactly 200, each count given once', async () => {
    await fresh()
    const clients = await peers()
    const shares = [67, 67, 66]
    const results = await Promise.all(clients.map((client, index) => client.increment('crowd', shares[index] ?? 0, 60)))
    const counts = results.flat().sort((a, b) => a - b)
    // Neither over-counted (a count past 200) nor lost (a count seen twice, so one hit not counted).
    expect(counts).toEqual(Array.from({ length: 200 }, (_, index) => index + 1))
    expect((await store.increment('crowd', 60)).count).toBe(201)
  }, 30_000)

  it('lets exactly one of 60 concurrent set-if-absent calls from three clients win', async () => {
    await fresh()
    const clients = await peers()
    const results = (await Promise.all(clients.map((client) => client.setIfAbsent('proof', 20)))).flat()
    expect(results).toHaveLength(60)
    expect(results.filter((won) => won)).toHaveLength(1)
  }, 30_000)
})

describe('the Redis store on Redis itself', () => {
  const raw = async () => {
    const client = createClient({ url: (await redisServer()).url })
    client.on('error', () => undefined)
    await client.connect()
    opened.push({ close: () => client.close() })
    return client
  }
  const url = async () => (await redisServer()).url

  it('puts its prefix before every key, otpflow: unless told otherwise', async () => {
    const client = await raw()
    await client.flushAll()
    const byDefault = createRedisStore({ url: await url() })
    const other = createRedisStore({ url: await url() }, { prefix: 'app-b:' })
    opened.push(byDefault, other)
    await byDefault.set('value', 'mine', 60)
    await byDefault.increment('counter', 60)
    await byDefault.setIfAbsent('proof', 'p', 60)
    expect((await client.keys('*')).sort()).toEqual(['otpflow:counter', 'otpflow:proof', 'otpflow:value'])
    expect(await client.get('otpflow:value')).toBe('mine')
    // Another prefix is another key space on the same Redis.
    expect(await other.get('value')).toBeUndefined()
    expect((await other.increment('counter', 60)).count).toBe(1)
    expect(await other.setIfAbsent('proof', 'p', 60)).toBe(true)
  })

  it('gives every key it writes an expiry (PTTL > 0), even a counter found without one', async () => {
    const client = await raw()
    await client.flushAll()
    const store = createRedisStore({ url: await url() }, { prefix: 'ttl:' })
    opened.push(store)
    await store.increment('counter', 600)
    await store.increment('counter', 600)
    await store.set('value', 'v', 60)
    await store.set('value', 'w', 30)
    await store.setIfAbsent('proof', 'p', 60)
    await store.setIfAbsent('proof', 'q', 60)
    // A counter left without expiry (written by hand, or by an older version) gets one on its next hit.
    await client.set('ttl:legacy', '5')
    expect((await store.increment('legacy', 60)).count).toBe(6)
    const keys = await client.keys('*')
    expect(keys.sort()).toEqual(['ttl:counter', 'ttl:legacy', 'ttl:proof', 'ttl:value'])
    for (const key of keys) {
      const ttl = await client.pTTL(key)
      expect(ttl, key).toBeGreaterThan(0)
    }
    expect(await client.pTTL('ttl:counter')).toBeLessThanOrEqual(600_000)
    expect(await client.pTTL('ttl:value')).toBeLessThanOrEqual(30_000)
  })

  it('counts again after Redis forgot its script (SCRIPT FLUSH)', async () => {
    const client = await raw()
    const store = createRedisStore({ url: await url() }, { prefix: 'flush:' })
    opened.push(store)
    expect((await store.increment('k', 60)).count).toBe(1)
    await client.scriptFlush()
    expect((await store.increment('k', 60)).count).toBe(2)
  })

  it('works on a client the app created, and leaves it open when the store closes', async () => {
    const client = createClient({ url: await url() })
    client.on('error', () => undefined)
    opened.push({ close: () => (client.isOpen ? client.close() : Promise.resolve()) })
    // Not connected yet: the store connects it on first use.
    const store = createRedisStore({ client }, { prefix: 'own-client:' })
    expect((await store.increment('k', 60)).count).toBe(1)
    await store.set('v', 'x', 60)
    expect(await client.get('own-client:v')).toBe('x')
    await store.close()
    expect(client.isOpen).toBe(true)
    await expect(store.get('v')).rejects.toMatchObject({ code: 'service_unavailable' })
  })
})

describe('the Redis store when Redis fails', () => {
  const password = 'S3cr3t-pa55word-never-shown'
  let started: Promise<TestRedisServer> | undefined
  const passwordServer = () => {
    started ??= startRedisServer({ password })
    return started
  }

  afterAll(async () => {
    await (await started?.catch(() => undefined))?.close()
  })

  /** Every text an error can show: message, name, JSON, and the same down its causes. */
  const shownText = (error: unknown): string => {
    const parts: string[] = []
    let current: unknown = error
    for (let depth = 0; current !== undefined && current !== null && depth < 5; depth += 1) {
      parts.push(String(current))
      if (current instanceof Error) {
        parts.push(current.message, current.stack ?? '', JSON.stringify(current), JSON.stringify(Object.entries(current)))
        current = current.cause
      } else current = undefined
    }
    return parts.join('\n')
  }

  const failure = async (call: Promise<unknown>) => {
    const started = Date.now()
    const error = await call.then(
      () => undefined,
      (reason: unknown) => reason,
    )
    return { error, ms: Date.now() - started }
  }

  it('rejects every call within 1.5 s with a typed service_unavailable while Redis is down, then serves again without a restart', async () => {
    const server = await passwordServer()
    const store = createRedisStore({ url: server.url }, { prefix: 'outage:' })
    opened.push(store)
    expect((await store.increment('k', 600)).count).toBe(1)
    await store.set('kept', 'before', 600)

    await server.stop()
    const calls = [
      store.increment('k', 600),
      store.get('kept'),
      store.set('v', 'x', 60),
      store.setIfAbsent('p', 'x', 60),
      store.delete('v'),
    ]
    const failures = await Promise.all(calls.map(failure))
    for (const { error, ms } of failures) {
      expect(ms).toBeLessThan(1_500)
      expect(error).toMatchObject({ name: 'OtpError', code: 'service_unavailable', status: 503 })
      expect(error).toBeInstanceOf(StoreUnavailableError)
    }
    // Still down a moment later, while the client retries: same answer, same bound.
    await sleep(300)
    const again = await failure(store.get('kept'))
    expect(again.ms).toBeLessThan(1_500)
    expect(again.error).toMatchObject({ code: 'service_unavailable' })

    await server.start()
    const started = Date.now()
    let counter: StoreCounter | undefined
    while (counter === undefined && Date.now() - started < 10_000) {
      counter = await store.increment('k', 600).catch(() => undefined)
      if (counter === undefined) await sleep(100)
    }
    // The restarted Redis is empty (no persistence): counting starts over, on the same store object.
    expect(counter?.count).toBe(1)
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(await store.setIfAbsent('p', 'x', 60)).toBe(true)
  }, 30_000)

  it('rejects within its timeout when Redis hangs without closing the connection', async () => {
    const server = await passwordServer()
    const store = createRedisStore({ url: server.url }, { prefix: 'hang:', timeoutMs: 300 })
    opened.push(store)
    await store.set('k', 'v', 60)
    server.pause()
    try {
      const { error, ms } = await failure(store.get('k'))
      expect(error).toMatchObject({ code: 'service_unavailable' })
      expect(ms).toBeGreaterThanOrEqual(290)
      expect(ms).toBeLessThan(800)
    } finally {
      server.resume()
    }
    expect(await store.get('k')).toBe('v')
  })

  it('never shows the password of its URL: not in outage errors, not for a wrong password', async () => {
    const server = await passwordServer()
    const store = createRedisStore({ url: server.url }, { prefix: 'secret:' })
    opened.push(store)
    await store.get('warm')
    const wrong = createRedisStore({ url: server.url.replace(encodeURIComponent(password), 'Wr0ng-pa55word-never-shown') })
    opened.push(wrong)
    const refused = await failure(wrong.get('k'))
    expect(refused.error).toMatchObject({ code: 'service_unavailable' })
    expect(shownText(refused.error)).not.toContain('Wr0ng-pa55word-never-shown')

    await server.stop()
    try {
      const { error } = await failure(store.increment('k', 60))
      expect(error).toMatchObject({ code: 'service_unavailable' })
      expect(shownText(error)).not.toContain(password)
    } finally {
      await server.start()
    }
  }, 30_000)

  it.each([
    ['a port that is not a number', 'redis://:S3cr3t-pa55word-never-shown@cache.internal:port', 'not a URL'],
    ['another scheme', 'https://:S3cr3t-pa55word-never-shown@cache.internal:6379', 'scheme is "https:"'],
    ['no host', 'redis://:S3cr3t-pa55word-never-shown@:6379', 'not a URL'],
    ['a database that is not a number', 'redis://:S3cr3t-pa55word-never-shown@cache.internal:6379/main', 'database'],
    ['an unencoded # in the password', 'redis://:S3cr3t#pa55word-never-shown@cache.internal:6379', 'percent-encoded'],
    ['a host and port without scheme', 'localhost:6379', 'scheme is "localhost:"'],
    ['nothing', '', 'empty'],
  ])('refuses a REDIS_URL with %s, saying why and never showing the password', (_, badUrl, why) => {
    let thrown: unknown
    try {
      createRedisStore({ url: badUrl })
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(Error)
    const text = shownText(thrown)
    expect(text).toContain('REDIS_URL')
    expect(text).toContain(why)
    expect(text).not.toContain('S3cr3t')
    expect(text).not.toContain('pa55word')
  })
})
