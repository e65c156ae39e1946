import { afterAll, beforeAll, expect, it } from 'vitest'
import { createOtpHandler, type OtpHandler } from './handler'
import { sandboxProvider } from './providers/sandbox'
import { createRedisStore, type RedisStore } from './redis-store'
import { startRedisServer, type TestRedisServer } from './testing/redis-server'

/**
 * The per-number limit has two windows (3 sends per 10 minutes, 10 per day). On a shared store, three instances'
 * requests reach Redis interleaved: the order in which they hit the 10-minute counter is not the order in which they
 * hit the day counter. Three endpoints in this process, each on its own Redis connection as separate instances are,
 * show it quickly and without child processes (./several-instances.test.ts does it with real ones).
 */

const SECRET = 'limits-on-a-shared-store-secret-of-32-bytes'
let redis: TestRedisServer
const stores: RedisStore[] = []
let endpoints: OtpHandler[] = []

beforeAll(async () => {
  redis = await startRedisServer()
  endpoints = [0, 1, 2].map(() => {
    const store = createRedisStore({ url: redis.url }, { prefix: 'shared-limits:' })
    stores.push(store)
    // The per-number limits alone: trial after trial sends to one number and enters no code, which the conversion guard
    // would hold after ten.
    return createOtpHandler({ provider: sandboxProvider(), secret: SECRET, store, logger: false, conversionGuard: false })
  })
}, 30_000)

afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()))
  await redis?.close()
})

const send = (endpoint: OtpHandler, phoneNumber: string, ip: string) =>
  endpoint(
    new Request('http://127.0.0.1/api/otp/authentication', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone_number: phoneNumber }),
    }),
    { ip },
  )

// The interleaving is up to Redis and the sockets: enough trials that a limit counted out of order shows.
const TRIALS = 30

it('accepts exactly 3 of 30 concurrent sends to one number spread over three instances, every time', async () => {
  const accepted: number[] = []
  for (let trial = 0; trial < TRIALS; trial += 1) {
    const phoneNumber = `+4477009${String(50_000 + trial).padStart(5, '0')}`
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        send(endpoints[index % 3] as OtpHandler, phoneNumber, `10.9.${trial}.${index + 1}`),
      ),
    )
    accepted.push(answers.filter((answer) => answer.status === 200).length)
  }
  // One count per trial: a refusal past the 10-minute window must not spend the day's budget of the sends that passed it.
  expect(accepted).toEqual(Array.from({ length: TRIALS }, () => 3))
}, 60_000)
