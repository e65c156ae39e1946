import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRedisStore } from './redis-store'
import { type FakePrelude, startFakePrelude } from './testing/fake-prelude'
import { type EndpointInstance, startInstances } from './testing/instances'
import { startRedisServer, type TestRedisServer } from './testing/redis-server'
import { verifyPhoneToken } from './tokens'

/**
 * The endpoint deployed as several instances: separate Node processes (real HTTP servers on loopback) built by
 * `createOtpHandlerFromEnv()` from the same `OTP_SECRET` and `REDIS_URL`, with requests dealt round-robin, as a load
 * balancer or a serverless platform does. Everything an instance keeps between requests must be on the shared Redis
 * (a real `redis-server`, no mock): a code sent by one instance is checked by another, and a limit is one limit
 * whichever instances count it.
 *
 * The instances sit behind a "proxy" (`OTP_TRUST_PROXY=true`): each request names its client in `X-Forwarded-For`
 * and its public origin in `X-Forwarded-Host`/`-Proto`, so every test has clients of its own and none spends another's
 * per-IP budget.
 */

const SECRET = 'several-instances-secret-of-at-least-32-bytes'
const BASE = '/api/otp'
const PUBLIC_HOST = 'signup.example'
const PUBLIC_ORIGIN = `https://${PUBLIC_HOST}`
const INSTANCES = 3

interface Answer {
  status: number
  contentType: string
  retryAfter: string | null
  body: Record<string, unknown>
  ms: number
}

/** Ordinary numbers (none is a sandbox test number), a new one on each call: the UK drama range, +44 7700 9xxxxx. */
let numbers = 0
const newNumber = () => {
  numbers += 1
  return `+4477009${String(numbers).padStart(5, '0')}`
}

/** A new client address on each call. */
let clients = 0
const newIp = () => {
  clients += 1
  return `10.${(clients >> 16) & 255}.${(clients >> 8) & 255}.${clients & 255}`
}

async function call(origin: string, path: string, init: RequestInit = {}): Promise<Answer> {
  const started = performance.now()
  const response = await fetch(`${origin}${BASE}${path}`, init)
  const text = await response.text()
  const ms = performance.now() - started
  let body: Record<string, unknown>
  try {
    body = JSON.parse(text) as Record<string, unknown>
  } catch {
    body = { unparsed: text }
  }
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    retryAfter: response.headers.get('retry-after'),
    body,
    ms,
  }
}

/** A POST as the proxy in front of the instances forwards it, from the client at `ip`. */
const post = (instance: EndpointInstance, path: string, body: object, ip: string) =>
  call(instance.origin, path, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: PUBLIC_ORIGIN,
      'x-forwarded-for': ip,
      'x-forwarded-host': PUBLIC_HOST,
      'x-forwarded-proto': 'https',
    },
    body: JSON.stringify(body),
  })

interface Sent {
  authentication_uuid: string
  flow_token: string
}

const flowOf = (answer: Answer): Sent => ({
  authentication_uuid: String(answer.body.authentication_uuid),
  flow_token: String(answer.body.flow_token),
})

const wrongFor = (code: string) => (code === '000000' ? '111111' : '000000')

const count = <T>(values: readonly T[], wanted: T) => values.filter((value) => value === wanted).length

/** How many answers of each kind (status, code or status in the body, Retry-After), to read beside a failed count. */
const kinds = (answers: readonly Answer[]) => {
  const tally: Record<string, number> = {}
  for (const answer of answers) {
    const kind = `${answer.status} ${String(answer.body.code ?? answer.body.status)}${answer.retryAfter === null ? '' : ` retry-after ${answer.retryAfter}`}`
    tally[kind] = (tally[kind] ?? 0) + 1
  }
  return JSON.stringify(tally)
}

/** What each provider set-up needs: its environment, how to read a delivered code, and what it delivered. */
interface Upstream {
  env: Record<string, string>
  /** The newest code delivered to the number for this authentication, read through `reader` when it is an endpoint. */
  code(phoneNumber: string, authenticationUuid: string, reader: EndpointInstance): Promise<string | undefined>
  /** How many codes went out to the number (sends and resends). */
  delivered(phoneNumber: string, reader: EndpointInstance): Promise<number>
  /** How many checks of the number's codes reached the provider, or `undefined` when that cannot be seen from outside. */
  checksReached(phoneNumber: string): number | undefined
  /** How many codes three accepted sends to one number deliver. */
  threeSendsDeliver: { min: number; max: number }
}

interface OutboxMessage {
  phone_number: string
  code: string
  authentication_uuid: string
}

async function outbox(reader: EndpointInstance, phoneNumber: string): Promise<OutboxMessage[]> {
  const answer = await call(reader.origin, `/sandbox/outbox?phone_number=${encodeURIComponent(phoneNumber)}`)
  if (answer.status !== 200) throw new Error(`the outbox answered ${answer.status} ${JSON.stringify(answer.body)}`)
  return answer.body.messages as OutboxMessage[]
}

const sandboxUpstream = (): Upstream => ({
  env: { OTP_PROVIDER: 'sandbox' },
  async code(phoneNumber, authenticationUuid, reader) {
    const messages = await outbox(reader, phoneNumber)
    return messages.filter((message) => message.authentication_uuid === authenticationUuid).at(-1)?.code
  },
  delivered: async (phoneNumber, reader) => (await outbox(reader, phoneNumber)).length,
  // The sandbox runs inside the instances: its checks leave no trace outside them.
  checksReached: () => undefined,
  // Each send starts an authentication of its own, with its own code.
  threeSendsDeliver: { min: 3, max: 3 },
})

const targetOf = (body: Record<string, unknown> | undefined) => (body?.target as { value?: string } | undefined)?.value

const preludeUpstream = (fake: FakePrelude): Upstream => ({
  env: { PRELUDE_API_KEY: fake.apiKey, PRELUDE_BASE_URL: fake.origin },
  code: async (phoneNumber) => fake.latestCode(phoneNumber),
  delivered: async (phoneNumber) => fake.messages().filter((message) => message.phoneNumber === phoneNumber).length,
  checksReached: (phoneNumber) =>
    fake.requests.filter((request) => request.path === '/v2/verification/check' && targetOf(request.body) === phoneNumber).length,
  // A send to a number whose verification is still open (the store says so, whichever instance opened it) may be
  // answered with that verification and no new SMS: fewer codes than sends, never more.
  threeSendsDeliver: { min: 1, max: 3 },
})

let redis: TestRedisServer | undefined
let fake: FakePrelude | undefined
const started: EndpointInstance[] = []

async function instancesOn(url: string, prefix: string, env: Record<string, string>): Promise<EndpointInstance[]> {
  const instances = await startInstances(INSTANCES, {
    OTP_SECRET: SECRET,
    REDIS_URL: url,
    OTP_REDIS_PREFIX: prefix,
    OTP_TRUST_PROXY: 'true',
    // The tests send hundreds of codes to one block of the UK drama range, most never entered: to the conversion guard,
    // a pump. The limits across instances are tested alone.
    OTP_CONVERSION_GUARD: 'off',
    ...env,
  })
  started.push(...instances)
  return instances
}

beforeAll(async () => {
  redis = await startRedisServer()
  fake = await startFakePrelude()
}, 30_000)

// Every process this file started goes, whatever failed: the endpoints' process groups, then Redis and the fake.
afterAll(async () => {
  await Promise.all(started.splice(0).map((instance) => instance.stop()))
  await redis?.close()
  await fake?.close()
}, 30_000)

/** What the instances said last, beyond their routine request lines, to read beside a failure. */
const outputs = (instances: readonly EndpointInstance[]) =>
  instances
    .map((instance, index) => {
      const said = instance
        .output()
        .split('\n')
        .filter((line) => line !== '' && !line.includes('"level":"info"'))
      return `--- instance ${index} (${instance.origin})${said.length === 0 ? ' said nothing unusual' : `\n${said.join('\n')}`}`
    })
    .join('\n')

describe.each([
  { name: 'sandbox', upstream: () => sandboxUpstream() },
  { name: 'fake Prelude upstream', upstream: () => preludeUpstream(fake as FakePrelude) },
])('three endpoint processes on one Redis, on the $name', ({ name, upstream: makeUpstream }) => {
  let instances: EndpointInstance[] = []
  let upstream: Upstream
  /** Round-robin: the instance after `index`, `step` places on. */
  const at = (index: number, step = 0) => instances[(index + step) % instances.length] as EndpointInstance

  const prefix = `several:${name.split(' ')[0]}:`

  beforeAll(async () => {
    upstream = makeUpstream()
    instances = await instancesOn((redis as TestRedisServer).url, prefix, upstream.env)
  }, 60_000)

  /**
   * One flow whose send, wrong code and right code each go to a different instance (from `index` on), the code read
   * on another instance than the one that sent it: its proof, or what went wrong.
   */
  const completeFlow = async (index: number): Promise<{ proof: string } | { problem: string }> => {
    const phoneNumber = newNumber()
    const ip = newIp()
    const sent = await post(at(index), '/authentication', { phone_number: phoneNumber }, ip)
    if (sent.status !== 200) return { problem: `flow ${index}: send answered ${sent.status} ${JSON.stringify(sent.body)}` }
    const flow = flowOf(sent)
    const code = await upstream.code(phoneNumber, flow.authentication_uuid, at(index, 1))
    if (code === undefined) return { problem: `flow ${index}: no code for ${phoneNumber} on instance ${(index + 1) % 3}` }
    const wrong = await post(at(index, 1), '/check', { ...flow, check_code: wrongFor(code) }, ip)
    if (wrong.status !== 200 || wrong.body.status !== 'invalid')
      return { problem: `flow ${index}: wrong code answered ${wrong.status} ${JSON.stringify(wrong.body)}` }
    const right = await post(at(index, 2), '/check', { ...flow, check_code: code }, ip)
    if (right.status !== 200 || right.body.status !== 'valid' || typeof right.body.verification_token !== 'string')
      return { problem: `flow ${index}: right code answered ${right.status} ${JSON.stringify(right.body)}` }
    return { proof: right.body.verification_token }
  }

  it('completes 90 flows whose send, wrong code and right code each go to a different instance', async () => {
    const FLOWS = 90
    const outcomes: Array<{ proof: string } | { problem: string }> = []
    // Ten flows at a time: instances serve interleaved flows, as they do under real traffic.
    for (let first = 0; first < FLOWS; first += 10) {
      outcomes.push(...(await Promise.all(Array.from({ length: 10 }, (_, offset) => completeFlow(first + offset)))))
    }
    const problems = outcomes.flatMap((outcome) => ('problem' in outcome ? [outcome.problem] : []))
    expect({ failed: problems.length, first: problems.slice(0, 3) }, outputs(instances)).toEqual({ failed: 0, first: [] })
    // Every proof is good for the app that shares the secret, whichever instance signed it.
    for (const outcome of outcomes) {
      const verified = await verifyPhoneToken((outcome as { proof: string }).proof, { secret: SECRET, allowSandbox: true })
      expect(verified.phoneNumber).toMatch(/^\+4477009\d{5}$/)
    }
  }, 120_000)

  it('accepts each proof once when three app instances verify it at the same time on the shared store', async () => {
    const outcomes = await Promise.all([0, 1, 2].map((index) => completeFlow(index)))
    expect(outcomes.flatMap((outcome) => ('problem' in outcome ? [outcome.problem] : []))).toEqual([])
    // Three connections, as three instances of the app have: the store, not a process, must say who came first.
    const stores = [0, 1, 2].map(() => createRedisStore({ url: (redis as TestRedisServer).url }, { prefix }))
    try {
      for (const outcome of outcomes) {
        const proof = (outcome as { proof: string }).proof
        const verified = await Promise.allSettled(
          stores.map((store) => verifyPhoneToken(proof, { secret: SECRET, allowSandbox: true, store })),
        )
        expect(verified.filter((result) => result.status === 'fulfilled')).toHaveLength(1)
        expect(
          verified.flatMap((result) => (result.status === 'rejected' ? [(result.reason as { code?: string }).code] : [])),
        ).toEqual(['token_used', 'token_used'])
      }
    } finally {
      await Promise.all(stores.map((store) => store.close()))
    }
  }, 60_000)

  it('accepts exactly 3 of 30 concurrent sends to one number, from 30 clients across the instances, and delivers at most 3', async () => {
    const phoneNumber = newNumber()
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, index) => post(at(index), '/authentication', { phone_number: phoneNumber }, newIp())),
    )
    const statuses = answers.map((answer) => answer.status)
    expect({ accepted: count(statuses, 200), refused: count(statuses, 429) }, kinds(answers)).toEqual({
      accepted: 3,
      refused: 27,
    })
    const delivered = await upstream.delivered(phoneNumber, at(1))
    expect(delivered).toBeGreaterThanOrEqual(upstream.threeSendsDeliver.min)
    expect(delivered).toBeLessThanOrEqual(upstream.threeSendsDeliver.max)
  }, 60_000)

  it('accepts exactly 20 of 30 concurrent sends from one client to distinct numbers, and delivers 20', async () => {
    const ip = newIp()
    const phoneNumbers = Array.from({ length: 30 }, () => newNumber())
    const answers = await Promise.all(
      phoneNumbers.map((phoneNumber, index) => post(at(index), '/authentication', { phone_number: phoneNumber }, ip)),
    )
    const statuses = answers.map((answer) => answer.status)
    expect({ accepted: count(statuses, 200), refused: count(statuses, 429) }, kinds(answers)).toEqual({
      accepted: 20,
      refused: 10,
    })
    let delivered = 0
    for (const phoneNumber of phoneNumbers) delivered += await upstream.delivered(phoneNumber, at(2))
    expect(delivered).toBe(20)
  }, 60_000)

  it.skipIf(name === 'sandbox')(
    'lets at most 10 of 15 concurrent wrong codes on one authentication reach the provider, across the instances',
    async () => {
      const phoneNumber = newNumber()
      const ip = newIp()
      const sent = await post(at(0), '/authentication', { phone_number: phoneNumber }, ip)
      expect(sent.status, JSON.stringify(sent.body)).toBe(200)
      const code = (await upstream.code(phoneNumber, flowOf(sent).authentication_uuid, at(1))) as string
      const answers = await Promise.all(
        Array.from({ length: 15 }, (_, index) => post(at(index), '/check', { ...flowOf(sent), check_code: wrongFor(code) }, ip)),
      )
      const reached = upstream.checksReached(phoneNumber) as number
      expect(reached).toBeLessThanOrEqual(10)
      // The others were refused, by the endpoint (429) or by the provider's adapter, which counts the provider's own
      // attempts in the same store; none failed.
      expect(answers.filter((answer) => answer.status >= 500).map((answer) => answer.body)).toEqual([])
    },
    60_000,
  )
})

describe('three endpoint processes when Redis fails', () => {
  let ownRedis: TestRedisServer
  let sandboxes: EndpointInstance[] = []
  let preludes: EndpointInstance[] = []
  let all: EndpointInstance[] = []

  beforeAll(async () => {
    // A Redis of its own: killing it must not disturb the other tests.
    ownRedis = await startRedisServer()
    sandboxes = await instancesOn(ownRedis.url, 'outage:', { OTP_PROVIDER: 'sandbox' })
    preludes = await instancesOn(ownRedis.url, 'outage:', preludeUpstream(fake as FakePrelude).env)
    all = [...sandboxes, ...preludes]
  }, 60_000)

  afterAll(async () => {
    await ownRedis?.close()
  })

  const sendOn = (instance: EndpointInstance) => post(instance, '/authentication', { phone_number: newNumber() }, newIp())

  /** A flow started (code sent) on each instance, for checks and resends later. */
  const startFlows = () =>
    Promise.all(
      all.map(async (instance) => {
        const phoneNumber = newNumber()
        const ip = newIp()
        const sent = await post(instance, '/authentication', { phone_number: phoneNumber }, ip)
        expect(sent.status, `${JSON.stringify(sent.body)}\n${outputs([instance])}`).toBe(200)
        return { instance, phoneNumber, ip, flow: flowOf(sent) }
      }),
    )

  /** Each of the instance's routes answers 503 `service_unavailable` in JSON within 2 s. */
  const expectUnavailable = (answers: readonly Answer[], what: string) => {
    for (const answer of answers) {
      expect({
        what,
        status: answer.status,
        code: answer.body.code,
        json: answer.contentType.includes('application/json'),
      }).toEqual({
        what,
        status: 503,
        code: 'service_unavailable',
        json: true,
      })
      expect(answer.ms, what).toBeLessThan(2_000)
    }
  }

  const preludeCreates = () => (fake as FakePrelude).requests.filter((request) => request.path === '/v2/verification').length

  it('answers 503 JSON within 2 s on every instance while Redis is down and sends nothing, then serves again within 10 s of its restart, with no restart of the instances', async () => {
    const redisUrl = ownRedis.url
    expect(redisUrl).toMatch(/^redis:\/\//)
    const flows = await startFlows()

    await ownRedis.stop()
    const createsBefore = preludeCreates()
    const sends = await Promise.all(all.map(sendOn))
    const checks = await Promise.all(
      flows.map(({ instance, flow, ip }) => post(instance, '/check', { ...flow, check_code: '000000' }, ip)),
    )
    const retries = await Promise.all(flows.map(({ instance, flow, ip }) => post(instance, '/retry', flow, ip)))
    expectUnavailable(sends, 'send')
    expectUnavailable(checks, 'check')
    expectUnavailable(retries, 'retry')
    expect(preludeCreates()).toBe(createsBefore)

    const pids = all.map((instance) => instance.pid)
    await ownRedis.start()
    const restarted = performance.now()
    const recoveredAfter = await Promise.all(
      all.map(async (instance) => {
        for (;;) {
          const answer = await sendOn(instance)
          const elapsed = performance.now() - restarted
          if (answer.status === 200) return elapsed
          if (elapsed > 10_000) return Number.POSITIVE_INFINITY
          await new Promise((resolve) => setTimeout(resolve, 200))
        }
      }),
    )
    expect(Math.max(...recoveredAfter), outputs(all)).toBeLessThanOrEqual(10_000)
    // The same processes: nothing was restarted but Redis.
    expect(all.map((instance) => instance.pid)).toEqual(pids)
  }, 60_000)

  it('answers 503 within 2 s while Redis hangs, sends nothing, and completes the flows started before once it answers again', async () => {
    const flows = await startFlows()
    const codes = await Promise.all(
      flows.map(({ instance, phoneNumber, flow }) =>
        sandboxes.includes(instance)
          ? sandboxUpstream().code(phoneNumber, flow.authentication_uuid, instance)
          : preludeUpstream(fake as FakePrelude).code(phoneNumber, flow.authentication_uuid, instance),
      ),
    )

    ownRedis.pause()
    const createsBefore = preludeCreates()
    const tried = all.map(() => newNumber())
    let sends: Answer[]
    let checks: Answer[]
    try {
      sends = await Promise.all(
        all.map((instance, index) => post(instance, '/authentication', { phone_number: tried[index] }, newIp())),
      )
      checks = await Promise.all(
        flows.map(({ instance, flow, ip }) => post(instance, '/check', { ...flow, check_code: '000000' }, ip)),
      )
    } finally {
      ownRedis.resume()
    }
    expectUnavailable(sends, 'send')
    expectUnavailable(checks, 'check')
    expect(preludeCreates()).toBe(createsBefore)

    // Redis kept its data: each flow is completed on the next instance, and no code went to the numbers tried.
    const deadline = performance.now() + 10_000
    const answers = await Promise.all(
      flows.map(async ({ instance, ip, flow }, index) => {
        const group = sandboxes.includes(instance) ? sandboxes : preludes
        const next = group[(group.indexOf(instance) + 1) % group.length] as EndpointInstance
        for (;;) {
          const answer = await post(next, '/check', { ...flow, check_code: codes[index] }, ip)
          if (answer.status !== 503 || performance.now() > deadline) return answer
          await new Promise((resolve) => setTimeout(resolve, 200))
        }
      }),
    )
    expect(
      answers.map((answer) => answer.body.status),
      outputs(all),
    ).toEqual(all.map(() => 'valid'))
    for (const [index, instance] of sandboxes.entries()) {
      expect(await outbox(instance, tried[index] as string)).toEqual([])
    }
  }, 60_000)
})
