import { createClient } from 'redis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOtpHandler, type OtpHandler, type OtpHandlerOptions } from './handler'
import type { OtpLogEntry } from './log'
import { preludeProvider } from './providers/prelude'
import { type SandboxProvider, sandboxProvider } from './providers/sandbox'
import { createRedisStore, type RedisStore } from './redis-store'
import { type FakePrelude, startFakePrelude } from './testing/fake-prelude'
import { startRedisServer, type TestRedisServer } from './testing/redis-server'

/**
 * The endpoint on a real `redis-server` that is killed or hangs mid-run. By default (fail closed) nothing it cannot
 * count goes out: a send, a check and a resend each answer a JSON 503 within 2 s and no code is sent, on the sandbox
 * and on a provider over HTTP (a fake Prelude); the same handler serves again once Redis is back, with no restart.
 * With `storeFailure: 'open'`, sends go out counted in the process's memory, each logged as a warning.
 */

const SECRET = 'store-outage-secret-of-at-least-32-bytes!!'
const BASE = 'https://app.example/api/otp'

interface Answer {
  status: number
  json: boolean
  body: Record<string, unknown>
  ms: number
}

async function post(handler: OtpHandler, path: string, body: object, ip = '203.0.113.9'): Promise<Answer> {
  const started = performance.now()
  const response = await handler(
    new Request(`${BASE}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
    { ip },
  )
  const text = await response.text()
  return {
    status: response.status,
    json: (response.headers.get('content-type') ?? '').includes('application/json'),
    body: JSON.parse(text) as Record<string, unknown>,
    ms: performance.now() - started,
  }
}

let numbers = 0
const newNumber = () => {
  numbers += 1
  return `+4477009${String(numbers).padStart(5, '0')}`
}

const unavailable = { status: 503, json: true, code: 'service_unavailable' }
const shape = (answer: Answer) => ({ status: answer.status, json: answer.json, code: answer.body.code })

let fake: FakePrelude
let redis: TestRedisServer
const stores: RedisStore[] = []

beforeAll(async () => {
  fake = await startFakePrelude()
  redis = await startRedisServer()
}, 30_000)

afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()))
  await redis?.close()
  await fake?.close()
}, 30_000)

interface Endpoint {
  name: string
  handler: OtpHandler
  logs: OtpLogEntry[]
  /** Codes that left the endpoint: the sandbox's outbox in this process, or the fake Prelude's sends. */
  sent(): number
  /** Requests that reached the provider (the sandbox's calls, or the fake's HTTP requests). */
  calls(): number
}

function endpoints(options: Partial<OtpHandlerOptions> = {}): Endpoint[] {
  const store = createRedisStore({ url: redis.url }, { prefix: `outage-${stores.length}:` })
  stores.push(store)
  const make = (name: string, provider: OtpHandlerOptions['provider'], sent: () => number, calls: () => number): Endpoint => {
    const logs: OtpLogEntry[] = []
    const handler = createOtpHandler({ provider, secret: SECRET, store, logger: (entry) => logs.push(entry), ...options })
    return { name, handler, logs, sent, calls }
  }
  const sandbox: SandboxProvider = sandboxProvider()
  let sandboxCalls = 0
  const counted: SandboxProvider = {
    ...sandbox,
    send: (input, ctx) => {
      sandboxCalls += 1
      return sandbox.send(input, ctx)
    },
    check: (flow, code, ctx) => {
      sandboxCalls += 1
      return sandbox.check(flow, code, ctx)
    },
    retry: (flow, ctx) => {
      sandboxCalls += 1
      return sandbox.retry(flow, ctx)
    },
  }
  return [
    make(
      'sandbox',
      counted,
      () => sandbox.sandbox.outbox.messages().length,
      () => sandboxCalls,
    ),
    make(
      'fake Prelude',
      preludeProvider({ apiKey: fake.apiKey, baseUrl: fake.origin, resendPolicy: { delaysSeconds: [0] } }),
      () => fake.messages().length,
      () => fake.requests.length,
    ),
  ]
}

/** A flow started while Redis answers: its code, for a check or a resend later. */
async function startFlow(endpoint: Endpoint) {
  const phoneNumber = newNumber()
  const sent = await post(endpoint.handler, '/authentication', { phone_number: phoneNumber })
  expect(sent.status, JSON.stringify(sent.body)).toBe(200)
  return { phoneNumber, authentication_uuid: sent.body.authentication_uuid, flow_token: sent.body.flow_token }
}

/** Sends until one is answered 200, and returns the milliseconds that took (or Infinity past `withinMs`). */
async function servesAgain(endpoint: Endpoint, withinMs: number, accepted = (answer: Answer) => answer.status === 200) {
  const started = performance.now()
  for (;;) {
    const answer = await post(endpoint.handler, '/authentication', { phone_number: newNumber() })
    const elapsed = performance.now() - started
    if (accepted(answer)) return elapsed
    if (elapsed > withinMs) return Number.POSITIVE_INFINITY
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

describe('the endpoint when Redis fails, by default (fail closed)', () => {
  it('answers send, check and resend with a JSON 503 within 2 s and sends nothing while Redis is down, then serves again within 10 s of its return, same handler', async () => {
    const all = endpoints()
    const flows = await Promise.all(all.map(startFlow))
    await redis.stop()
    try {
      const sentBefore = all.map((endpoint) => endpoint.sent())
      const callsBefore = all.map((endpoint) => endpoint.calls())
      for (const [index, endpoint] of all.entries()) {
        const flow = flows[index] as Awaited<ReturnType<typeof startFlow>>
        const answers = {
          send: await post(endpoint.handler, '/authentication', { phone_number: newNumber() }),
          check: await post(endpoint.handler, '/check', { ...flow, check_code: '000000' }),
          retry: await post(endpoint.handler, '/retry', flow),
        }
        for (const [route, answer] of Object.entries(answers)) {
          expect({ endpoint: endpoint.name, route, ...shape(answer) }).toEqual({ endpoint: endpoint.name, route, ...unavailable })
          expect(answer.ms, `${endpoint.name} ${route}`).toBeLessThan(2_000)
        }
        // The detail stays in the log; the client gets the endpoint's own words.
        expect(endpoint.logs.at(-1)).toMatchObject({ level: 'error', status: 503, detail: expect.stringMatching(/Redis/) })
        expect(JSON.stringify(answers.send.body)).not.toMatch(/Redis|127\.0\.0\.1/)
      }
      expect(all.map((endpoint) => endpoint.sent())).toEqual(sentBefore)
      expect(all.map((endpoint) => endpoint.calls())).toEqual(callsBefore)
    } finally {
      await redis.start()
    }
    const recovered = await Promise.all(all.map((endpoint) => servesAgain(endpoint, 10_000)))
    expect(Math.max(...recovered)).toBeLessThanOrEqual(10_000)
  }, 60_000)

  it('answers a JSON 503 within 2 s while Redis hangs, sends nothing, and completes a flow started before once it answers', async () => {
    const all = endpoints()
    const flows = await Promise.all(all.map(startFlow))
    const codes = [
      (await (all[0] as Endpoint)
        .handler(new Request(`${BASE}/sandbox/outbox?phone_number=${encodeURIComponent(flows[0]?.phoneNumber ?? '')}`))
        .then((response) => response.json())) as { messages: { code: string }[] },
    ]
      .map((outbox) => outbox.messages.at(-1)?.code)
      .concat([fake.latestCode(flows[1]?.phoneNumber ?? '')])
    const sentBefore = all.map((endpoint) => endpoint.sent())
    redis.pause()
    let sends: Answer[]
    try {
      sends = await Promise.all(all.map((endpoint) => post(endpoint.handler, '/authentication', { phone_number: newNumber() })))
    } finally {
      redis.resume()
    }
    for (const answer of sends) {
      expect(shape(answer)).toEqual(unavailable)
      expect(answer.ms).toBeLessThan(2_000)
    }
    expect(all.map((endpoint) => endpoint.sent())).toEqual(sentBefore)
    const checks = await Promise.all(
      all.map((endpoint, index) => post(endpoint.handler, '/check', { ...flows[index], check_code: codes[index] })),
    )
    expect(checks.map((answer) => answer.body.status)).toEqual(['valid', 'valid'])
  }, 60_000)
})

describe("the endpoint when Redis fails, with storeFailure: 'open'", () => {
  it('sends within 2 s counted in memory, with a warning line; checks and resends still answer 503; back on Redis once it returns', async () => {
    const all = endpoints({ storeFailure: 'open' })
    const flows = await Promise.all(all.map(startFlow))
    await redis.stop()
    try {
      for (const [index, endpoint] of all.entries()) {
        const phoneNumber = newNumber()
        const sentBefore = endpoint.sent()
        const first = await post(endpoint.handler, '/authentication', { phone_number: phoneNumber })
        expect({ endpoint: endpoint.name, status: first.status }).toEqual({ endpoint: endpoint.name, status: 200 })
        expect(first.ms).toBeLessThan(2_000)
        expect(endpoint.sent()).toBe(sentBefore + 1)
        expect(endpoint.logs.at(-1)).toMatchObject({
          level: 'warn',
          status: 200,
          detail: expect.stringMatching(/counted in this process's memory/),
        })
        // Still counted: the number's limit of 3 per 10 minutes holds in memory, and answers at once.
        const more = []
        for (let send = 0; send < 3; send += 1)
          more.push(await post(endpoint.handler, '/authentication', { phone_number: phoneNumber }))
        expect(more.map((answer) => answer.status)).toEqual([200, 200, 429])
        for (const answer of more) expect(answer.ms).toBeLessThan(500)

        const flow = flows[index] as Awaited<ReturnType<typeof startFlow>>
        const callsBefore = endpoint.calls()
        expect(shape(await post(endpoint.handler, '/check', { ...flow, check_code: '000000' }))).toEqual(unavailable)
        expect(shape(await post(endpoint.handler, '/retry', flow))).toEqual(unavailable)
        expect(endpoint.calls()).toBe(callsBefore)
      }
    } finally {
      await redis.start()
    }
    // Back on Redis: a send logged without the warning, its counters in Redis.
    const back = await Promise.all(
      all.map((endpoint) =>
        servesAgain(endpoint, 10_000, (answer) => answer.status === 200 && endpoint.logs.at(-1)?.level === 'info'),
      ),
    )
    expect(Math.max(...back)).toBeLessThanOrEqual(10_000)
    const client = createClient({ url: redis.url })
    await client.connect()
    try {
      expect((await client.keys('outage-*:otp:send:phone:*')).length).toBeGreaterThan(0)
    } finally {
      await client.close()
    }
  }, 60_000)
})
