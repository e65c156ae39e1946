import { afterAll, describe, expect, it } from 'vitest'
import { createOtpHandler, type OtpHandler } from '../handler'
import { createRedisStore, type RedisStore } from '../redis-store'
import { createMemoryStore, type Store } from '../store'
import { startRedisServer, type TestRedisServer } from '../testing/redis-server'
import { verifyPhoneToken } from '../tokens'
import { type SandboxProvider, sandboxProvider } from './sandbox'

/**
 * The sandbox keeps its state in the endpoint's store: two endpoints (as two instances, each with its own sandbox
 * provider) on one store serve the same flows. On a real `redis-server`, and on one memory store shared in a process.
 */

const SECRET = 'sandbox-on-a-store-secret-of-at-least-32-bytes'
const BASE = 'https://app.example/api/otp'

interface Instance {
  handler: OtpHandler
  provider: SandboxProvider
  store: Store
}

const post = (instance: Instance, path: string, body: object) =>
  instance
    .handler(
      new Request(`${BASE}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    )
    .then(async (response) => ({ status: response.status, body: (await response.json()) as Record<string, unknown> }))

const instanceOn = (store: Store): Instance => {
  const provider = sandboxProvider()
  return { provider, store, handler: createOtpHandler({ provider, secret: SECRET, store, logger: false }) }
}

let redis: TestRedisServer | undefined
const stores: RedisStore[] = []
let prefixes = 0

afterAll(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()))
  await redis?.close()
})

const backends = [
  {
    name: 'a real Redis, one connection per instance',
    async instances(): Promise<[Instance, Instance]> {
      redis ??= await startRedisServer()
      prefixes += 1
      const prefix = `sandbox-test-${prefixes}:`
      const [a, b] = [createRedisStore({ url: redis.url }, { prefix }), createRedisStore({ url: redis.url }, { prefix })]
      stores.push(a, b)
      return [instanceOn(a), instanceOn(b)]
    },
  },
  {
    name: 'one memory store',
    async instances(): Promise<[Instance, Instance]> {
      const store = createMemoryStore()
      return [instanceOn(store), instanceOn(store)]
    },
  },
]

let numbers = 0
const newNumber = () => {
  numbers += 1
  return `+4477009${String(numbers).padStart(5, '0')}`
}

describe.each(backends)('the sandbox provider on $name', (backend) => {
  it('checks on one endpoint the code another sent, read from the outbox of either', async () => {
    const [first, second] = await backend.instances()
    const phoneNumber = newNumber()
    const sent = await post(first, '/authentication', { phone_number: phoneNumber })
    expect(sent.status).toBe(200)
    const flow = { authentication_uuid: sent.body.authentication_uuid, flow_token: sent.body.flow_token }

    // The second endpoint's process never sent it, yet reads it from the store.
    expect(second.provider.sandbox.outbox.messages()).toEqual([])
    const messages = await second.provider.readOutbox(phoneNumber, second.store)
    expect(messages).toEqual([
      expect.objectContaining({ phoneNumber, authenticationUuid: flow.authentication_uuid, code: expect.any(String) }),
    ])
    const code = messages[0]?.code ?? ''

    const wrong = await post(second, '/check', { ...flow, check_code: code === '000000' ? '111111' : '000000' })
    expect(wrong.body).toMatchObject({ status: 'invalid', remaining_attempts: 4 })
    const right = await post(first, '/check', { ...flow, check_code: code })
    expect(right.body.status).toBe('valid')
    await expect(
      verifyPhoneToken(String(right.body.verification_token), { secret: SECRET, allowSandbox: true }),
    ).resolves.toMatchObject({ phoneNumber, provider: 'sandbox' })
    expect((await post(second, '/check', { ...flow, check_code: code })).body.status).toBe('already_validated')
  })

  it('spends exactly the sandbox attempts when 15 wrong codes arrive at once on two endpoints', async () => {
    const [first, second] = await backend.instances()
    const phoneNumber = newNumber()
    const sent = await post(first, '/authentication', { phone_number: phoneNumber })
    const flow = { authentication_uuid: sent.body.authentication_uuid, flow_token: sent.body.flow_token }
    const code = (await first.provider.readOutbox(phoneNumber, first.store))[0]?.code ?? ''
    const answers = await Promise.all(
      Array.from({ length: 15 }, (_, index) =>
        post(index % 2 === 0 ? first : second, '/check', { ...flow, check_code: code === '000000' ? '111111' : '000000' }),
      ),
    )
    // The sandbox allows 5 checks, the endpoint 10 per authentication: 5 invalid, 5 answered rate_limited by the
    // sandbox, 5 refused by the endpoint with 429.
    const outcomes = answers.map((answer) => (answer.status === 200 ? String(answer.body.status) : String(answer.status)))
    expect(outcomes.filter((outcome) => outcome === 'invalid')).toHaveLength(5)
    expect(outcomes.filter((outcome) => outcome === 'rate_limited')).toHaveLength(5)
    expect(outcomes.filter((outcome) => outcome === '429')).toHaveLength(5)
  })

  it('resends from the other endpoint, and the new code works on the first', async () => {
    const [first, second] = await backend.instances()
    const phoneNumber = newNumber()
    const provider = sandboxProvider({ resendDelays: [0] })
    const a = { ...first, provider, handler: createOtpHandler({ provider, secret: SECRET, store: first.store, logger: false }) }
    const other = sandboxProvider({ resendDelays: [0] })
    const b = {
      ...second,
      provider: other,
      handler: createOtpHandler({ provider: other, secret: SECRET, store: second.store, logger: false }),
    }
    const sent = await post(a, '/authentication', { phone_number: phoneNumber })
    const flow = { authentication_uuid: sent.body.authentication_uuid, flow_token: sent.body.flow_token }
    const retried = await post(b, '/retry', flow)
    expect(retried.body).toMatchObject({ status: 'approved', remaining_retry: 2 })
    const messages = await a.provider.readOutbox(phoneNumber, a.store)
    expect(messages).toHaveLength(2)
    expect((await post(a, '/check', { ...flow, check_code: messages[1]?.code })).body.status).toBe('valid')
  })
})

describe('sandboxProvider channels', () => {
  const clock = { now: () => Date.parse('2026-11-26T12:00:00Z') }
  const context = () => ({ store: createMemoryStore({ clock }), clock })

  it('offers SMS, WhatsApp and a call, or the channels its sandbox was given', () => {
    expect(sandboxProvider().channels).toEqual(['sms', 'whatsapp', 'voice'])
    expect(sandboxProvider({ channels: ['sms', 'voice'] }).channels).toEqual(['sms', 'voice'])
  })

  it('sends and resends on the channel asked for, each code in the outbox with its channel', async () => {
    const provider = sandboxProvider({ resendDelays: [0] })
    const ctx = context()
    const sent = await provider.send({ phoneNumber: '+447700900123', channel: 'whatsapp' }, ctx)
    expect(sent.channel).toBe('whatsapp')
    const flow = { ...sent, phoneNumber: '+447700900123' }
    expect(await provider.retry(flow, ctx, { channel: 'voice' })).toMatchObject({ status: 'approved' })
    const messages = await provider.readOutbox('+447700900123', ctx.store)
    expect(messages.map((message) => message.channel)).toEqual(['whatsapp', 'voice'])
  })
})
