import { createServer } from 'node:net'
import { createClient } from 'redis'
import { afterAll, describe, expect, it } from 'vitest'
import { createOtpHandlerFromEnv, type OtpHandlerFromEnv } from './from-env'
import { lazyRedisStore } from './lazy-redis-store'
import type { OtpLogEntry } from './log'
import { isSandboxProvider } from './providers/sandbox'
import type { RedisStore } from './redis-store'
import { createMemoryStore, type Store } from './store'
import { StoreUnavailableError } from './store-errors'
import { startRedisServer, type TestRedisServer } from './testing/redis-server'

/** `createOtpHandlerFromEnv` with REDIS_URL: the endpoint's state on Redis, shared by every instance built alike. */

const SECRET = 'from-env-redis-secret-of-at-least-32-bytes'
const PASSWORD = 'hunter2-not-to-be-printed'

const quiet = { logger: false as const, warn: () => {} }

const post = (handler: OtpHandlerFromEnv, path: string, body: object) =>
  handler(
    new Request(`http://localhost:5173/api/otp${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  ).then(async (response) => ({ status: response.status, body: (await response.json()) as Record<string, unknown> }))

let redis: TestRedisServer | undefined
const handlers: OtpHandlerFromEnv[] = []

const fromEnv = (env: Record<string, string>, overrides = {}) => {
  const handler = createOtpHandlerFromEnv({ OTP_PROVIDER: 'sandbox', OTP_SECRET: SECRET, ...env }, { ...quiet, ...overrides })
  handlers.push(handler)
  return handler
}

afterAll(async () => {
  await Promise.all(handlers.splice(0).map((handler) => (handler.store as Partial<RedisStore>).close?.()))
  await redis?.close()
})

async function keysIn(url: string): Promise<string[]> {
  const client = createClient({ url })
  await client.connect()
  try {
    return (await client.keys('*')).sort()
  } finally {
    await client.close()
  }
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise((resolve) => server.close(resolve))
  return typeof address === 'object' && address !== null ? address.port : 1
}

describe('createOtpHandlerFromEnv without REDIS_URL', () => {
  it('keeps the limits and the sandbox in one memory store, which it exposes', async () => {
    const handler = fromEnv({})
    expect('size' in handler.store).toBe(true)
    const before = (handler.store as ReturnType<typeof createMemoryStore>).size
    expect((await post(handler, '/authentication', { phone_number: '+14155552671' })).status).toBe(200)
    // The send's limit counters and the sandbox's authentication and outbox, all in the same store.
    expect((handler.store as ReturnType<typeof createMemoryStore>).size).toBeGreaterThan(before + 4)
  })
})

describe('createOtpHandlerFromEnv with REDIS_URL', () => {
  it('serves one flow across two instances built from the same environment, with keys under OTP_REDIS_PREFIX', async () => {
    redis ??= await startRedisServer()
    const env = { REDIS_URL: redis.url, OTP_REDIS_PREFIX: 'shop-a:' }
    const [first, second] = [fromEnv(env), fromEnv(env)] as [OtpHandlerFromEnv, OtpHandlerFromEnv]
    const phoneNumber = '+447700900201'
    const sent = await post(first, '/authentication', { phone_number: phoneNumber })
    expect(sent.status).toBe(200)
    const flow = { authentication_uuid: sent.body.authentication_uuid, flow_token: sent.body.flow_token }
    if (!isSandboxProvider(second.provider)) throw new Error('expected the sandbox')
    const code = (await second.provider.readOutbox(phoneNumber, second.store))[0]?.code
    expect(code).toMatch(/^\d{6}$/)
    expect((await post(second, '/check', { ...flow, check_code: code })).body.status).toBe('valid')

    // One limit for both: 3 sends per number per 10 minutes, the first one included.
    const more = [await post(second, '/authentication', { phone_number: phoneNumber })]
    more.push(await post(first, '/authentication', { phone_number: phoneNumber }))
    more.push(await post(second, '/authentication', { phone_number: phoneNumber }))
    expect(more.map((answer) => answer.status)).toEqual([200, 200, 429])

    const keys = await keysIn(redis.url)
    expect(keys.length).toBeGreaterThan(4)
    for (const key of keys) expect(key.startsWith('shop-a:')).toBe(true)
  })

  it('puts its keys under otpflow: by default', async () => {
    redis ??= await startRedisServer()
    const handler = fromEnv({ REDIS_URL: redis.url })
    expect((await post(handler, '/authentication', { phone_number: '+447700900202' })).status).toBe(200)
    const keys = (await keysIn(redis.url)).filter((key) => !key.startsWith('shop-a:'))
    expect(keys.length).toBeGreaterThan(4)
    for (const key of keys) expect(key.startsWith('otpflow:')).toBe(true)
  })

  it.each([
    [`redis://user:${PASSWORD}@/0`, /not a URL/],
    [`localhost:6379`, /scheme/],
    [`http://:${PASSWORD}@cache.internal:6379`, /scheme is "http:"/],
    [`redis://:${PASSWORD}@cache.internal:6379/cache`, /database after the host must be a number/],
    [`redis://:pass#${PASSWORD}@cache.internal`, /not a URL|fragment|names no host/],
  ])('refuses to start with REDIS_URL=%s, naming REDIS_URL and never printing the password', (url, reason) => {
    const warnings: string[] = []
    let error: unknown
    try {
      createOtpHandlerFromEnv({ REDIS_URL: url }, { logger: false, warn: (message) => warnings.push(message) })
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(Error)
    const message = (error as Error).message
    expect(message).toMatch(/^REDIS_URL is not a usable Redis URL/)
    expect(message).toMatch(reason)
    const everything = `${message} ${String(error)} ${JSON.stringify(error)} ${String((error as Error).cause ?? '')} ${(error as Error).stack}`
    expect(everything).not.toContain(PASSWORD)
    // Refused before anything else happened: no sandbox warning either.
    expect(warnings).toEqual([])
  })

  it('refuses to start the sandbox on REDIS_URL without OTP_SECRET: a random secret per instance would split the flows', () => {
    expect(() => createOtpHandlerFromEnv({ REDIS_URL: 'redis://127.0.0.1:6379' }, quiet)).toThrow(
      /OTP_SECRET is missing: with REDIS_URL every instance/,
    )
    // Without REDIS_URL, one process: its random secret is enough.
    expect(createOtpHandlerFromEnv({}, quiet).provider.name).toBe('sandbox')
  })

  it('ignores REDIS_URL, even a malformed one, when a store is passed in code', async () => {
    const store = createMemoryStore()
    const handler = createOtpHandlerFromEnv({ REDIS_URL: 'not a url' }, { ...quiet, store })
    expect(handler.store).toBe(store)
    expect((await post(handler, '/authentication', { phone_number: '+14155552671' })).status).toBe(200)
    expect(store.size).toBeGreaterThan(0)
  })

  it('answers 503 service_unavailable within 2 s while nothing answers at REDIS_URL, and tells onRedisError', async () => {
    const errors: Error[] = []
    const handler = fromEnv(
      { REDIS_URL: `redis://:${PASSWORD}@127.0.0.1:${await closedPort()}` },
      { onRedisError: (error: Error) => errors.push(error) },
    )
    const started = performance.now()
    const answer = await post(handler, '/authentication', { phone_number: '+447700900203' })
    expect(performance.now() - started).toBeLessThan(2_000)
    expect(answer).toEqual({ status: 503, body: { code: 'service_unavailable', message: expect.any(String) } })
    expect(JSON.stringify(answer.body)).not.toContain(PASSWORD)
    expect(errors.length).toBeGreaterThan(0)
  })
})

describe('createOtpHandlerFromEnv: OTP_STORE_FAILURE', () => {
  const down = (): Store => {
    const fail = () => Promise.reject(new StoreUnavailableError('Redis store: not connected to Redis after 1000 ms'))
    return { increment: fail, get: fail, set: fail, delete: fail, setIfAbsent: fail }
  }

  it('refuses a send the store cannot count by default, and lets it through counted in memory with OTP_STORE_FAILURE=open', async () => {
    const closed = createOtpHandlerFromEnv({ OTP_PROVIDER: 'sandbox' }, { ...quiet, store: down() })
    expect((await post(closed, '/authentication', { phone_number: '+447700900204' })).status).toBe(503)
    expect(closed.sandbox?.outbox.messages()).toEqual([])

    const logs: OtpLogEntry[] = []
    const open = createOtpHandlerFromEnv(
      { OTP_PROVIDER: 'sandbox', OTP_STORE_FAILURE: ' Open ' },
      { ...quiet, store: down(), logger: (entry) => logs.push(entry) },
    )
    expect((await post(open, '/authentication', { phone_number: '+447700900204' })).status).toBe(200)
    expect(open.sandbox?.outbox.messages()).toHaveLength(1)
    expect(logs).toEqual([expect.objectContaining({ level: 'warn', detail: expect.stringMatching(/storeFailure: 'open'/) })])
  })

  it('refuses to start with an OTP_STORE_FAILURE it does not know, naming it', () => {
    expect(() => createOtpHandlerFromEnv({ OTP_STORE_FAILURE: 'fail-open' }, quiet)).toThrow(
      /OTP_STORE_FAILURE must be closed or open/,
    )
  })
})

describe('lazyRedisStore', () => {
  it('rejects every call with StoreUnavailableError, and tells onError once, when the redis package cannot be loaded', async () => {
    const errors: unknown[] = []
    const store = lazyRedisStore('redis://127.0.0.1:6379', { onError: (error) => errors.push(error) }, () =>
      Promise.reject(new Error("Cannot find package 'redis'")),
    )
    const failed = await store.increment('key', 60).catch((error: unknown) => error)
    expect(failed).toBeInstanceOf(StoreUnavailableError)
    expect((failed as Error).message).toMatch(/npm install redis/)
    await expect(store.get('key')).rejects.toBeInstanceOf(StoreUnavailableError)
    expect(errors).toHaveLength(1)
    await store.close()
  })

  it('checks the URL at once, before anything loads', () => {
    let loads = 0
    expect(() =>
      lazyRedisStore('localhost:6379', {}, () => {
        loads += 1
        return import('./redis-store')
      }),
    ).toThrow(/REDIS_URL/)
    expect(loads).toBe(0)
  })
})
