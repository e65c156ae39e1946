import { OtpError } from '@otpflow/core'
import { SANDBOX_TEST_NUMBERS } from '@otpflow/core/sandbox'
import { describe, expect, it } from 'vitest'
import { createOtpHandler, type OtpHandlerOptions } from './handler'
import { toNodeHandler } from './node'
import { sandboxProvider } from './providers/sandbox'
import type { OtpProvider } from './providers/types'
import { createMemoryStore } from './store'
import { StoreUnavailableError } from './store-errors'
import { verifyPhoneToken } from './tokens'

const SECRET = 'test-secret-that-is-at-least-32-bytes-long!'
const ORIGIN = 'https://app.example'
const BASE = `${ORIGIN}/api/otp`
const START = Date.parse('2026-03-01T10:00:00Z')
const MINUTE = 60_000

function setup(options: Partial<OtpHandlerOptions> = {}) {
  const clock = {
    time: START,
    now() {
      return this.time
    },
  }
  const sandbox = sandboxProvider({ clock })
  const sentTo: string[] = []
  const provider: OtpProvider = {
    name: sandbox.name,
    sandbox: sandbox.sandbox,
    send: (input, ctx) => {
      sentTo.push(input.phoneNumber)
      return sandbox.send(input, ctx)
    },
    check: (flow, code, ctx) => sandbox.check(flow, code, ctx),
    retry: (flow, ctx) => sandbox.retry(flow, ctx),
  } as OtpProvider
  const handler = createOtpHandler({ provider, secret: SECRET, clock, logger: false, ...options })
  return { handler, clock, sandbox: sandbox.sandbox, sentTo }
}

function post(path: string, body: unknown) {
  return new Request(`${BASE}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN },
    body: JSON.stringify(body),
  })
}

async function send(ctx: ReturnType<typeof setup>, phoneNumber: string, ip = '203.0.113.7') {
  const response = await ctx.handler(post('/authentication', { phone_number: phoneNumber }), { ip })
  const body = (await response.json()) as Record<string, unknown>
  return {
    status: response.status,
    body,
    retryAfter: response.headers.get('retry-after'),
    uuid: String(body.authentication_uuid),
    flowToken: String(body.flow_token),
  }
}

async function check(ctx: ReturnType<typeof setup>, sent: { uuid: string; flowToken: string }, code: string) {
  const response = await ctx.handler(
    post('/check', { authentication_uuid: sent.uuid, check_code: code, flow_token: sent.flowToken }),
    { ip: '203.0.113.7' },
  )
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    retryAfter: response.headers.get('retry-after'),
  }
}

// A send whose body a Node body parser has already read (as behind express.json()), for the tests that send
// thousands: it spares building a body stream for each.
const sendParsed = (ctx: ReturnType<typeof setup>, phoneNumber: string, ip: string) =>
  toNodeHandler(ctx.handler)(
    new Request(`${BASE}/authentication`, { method: 'POST', headers: { 'content-type': 'application/json', origin: ORIGIN } }),
    { incoming: { readableEnded: true, body: { phone_number: phoneNumber }, socket: { remoteAddress: ip } } },
  )

const wrongCode = (ctx: ReturnType<typeof setup>, phoneNumber: string) =>
  ctx.sandbox.outbox.latest(phoneNumber)?.code === '000000' ? '111111' : '000000'

describe('one phone, one form: numbers are normalized to E.164 at the edge', () => {
  it('keeps one limit key for +44 07700… and +44 7700…: 3 codes in 10 minutes, not 6', async () => {
    const ctx = setup()
    const statuses = []
    for (const [index, phoneNumber] of ['+447700900123', '+4407700900123', '+447700900123', '+4407700900123'].entries())
      statuses.push((await send(ctx, phoneNumber, `198.51.100.${index}`)).status)
    expect(statuses).toEqual([200, 200, 200, 429])
  })

  it('keeps one limit key for +1 1 415… and +1 415…', async () => {
    const ctx = setup()
    const statuses = []
    for (const [index, phoneNumber] of ['+114155552671', '+14155552671', '+114155552671', '+14155552671'].entries())
      statuses.push((await send(ctx, phoneNumber, `198.51.100.${index}`)).status)
    expect(statuses).toEqual([200, 200, 200, 429])
  })

  it('hands the provider, the flow token and the proof the normalized number', async () => {
    const ctx = setup()
    const sent = await send(ctx, '+4407700900123')
    expect(ctx.sentTo).toEqual(['+447700900123'])
    const code = ctx.sandbox.outbox.latest('+447700900123')?.code ?? ''
    const checked = await check(ctx, sent, code)
    expect(checked.body.status).toBe('valid')
    const verified = await verifyPhoneToken(String(checked.body.verification_token), {
      secret: SECRET,
      clock: ctx.clock,
      allowSandbox: true,
    })
    expect(verified.phoneNumber).toBe('+447700900123')
    const outbox = await ctx.handler(new Request(`${BASE}/sandbox/outbox?phone_number=${encodeURIComponent('+4407700900123')}`))
    expect(((await outbox.json()) as { messages: unknown[] }).messages).toHaveLength(1)
  })

  it.each([['+999123456789'], ['+1415555267'], ['+44123456'], ['+331234567890123']])(
    'refuses %s, which no country numbers so, with 400 invalid_phone_number before the provider',
    async (phoneNumber) => {
      const ctx = setup()
      const refused = await send(ctx, phoneNumber)
      expect(refused).toMatchObject({ status: 400, body: { code: 'invalid_phone_number', field: 'phone_number' } })
      expect(ctx.sentTo).toEqual([])
    },
  )
})

describe('IPv6 clients are counted by network', () => {
  const inOne64 = (index: number) => `2001:db8:abcd:12:${((index * 7919) & 0xffff).toString(16)}:${index.toString(16)}:0:1`

  it('gives one /64 one budget: 20 of 100 sends from addresses inside it pass', async () => {
    // One block of numbers, no code entered: the conversion guard would hold it first.
    const ctx = setup({ limits: { sendsPerPhoneNumber: [] }, conversionGuard: false })
    let passed = 0
    for (let index = 0; index < 100; index += 1) {
      const sent = await send(ctx, `+4477009${String(10_000 + index)}`, inOne64(index))
      if (sent.status === 200) passed += 1
    }
    expect(passed).toBe(20)
    // Another /64 has its own budget.
    expect((await send(ctx, '+447700900001', '2001:db8:abcd:13::1')).status).toBe(200)
  })

  it('follows ipv6Prefix: with 48, a whole /48 shares one budget', async () => {
    const ctx = setup({ ipv6Prefix: 48, limits: { sendsPerPhoneNumber: [], sendsPerIp: [{ max: 2, windowSeconds: 3600 }] } })
    expect((await send(ctx, '+447700900001', '2001:db8:abcd:1::1')).status).toBe(200)
    expect((await send(ctx, '+447700900002', '2001:db8:abcd:2::1')).status).toBe(200)
    expect((await send(ctx, '+447700900003', '2001:db8:abcd:3::1')).status).toBe(429)
    expect((await send(ctx, '+447700900004', '2001:db8:abce:1::1')).status).toBe(200)
  })

  it('counts an IPv4-mapped address as the IPv4 address', async () => {
    const ctx = setup({ limits: { sendsPerPhoneNumber: [], sendsPerIp: [{ max: 1, windowSeconds: 3600 }] } })
    expect((await send(ctx, '+447700900001', '203.0.113.9')).status).toBe(200)
    expect((await send(ctx, '+447700900002', '::ffff:203.0.113.9')).status).toBe(429)
  })

  it('refuses an ipv6Prefix that is not a prefix length at startup', () => {
    expect(() => createOtpHandler({ provider: sandboxProvider(), secret: SECRET, ipv6Prefix: 0 })).toThrow(/ipv6Prefix/)
  })
})

describe('a flood never reopens a spent limit', () => {
  it('keeps an IP and a number over their limits refused after 50,000 junk requests, with memory bounded', async () => {
    const store = createMemoryStore({ maxKeys: 200, clock: { now: () => START } })
    // The limits per client and per number alone (the conversion guard would hold the attacker's block first).
    const ctx = setup({ store, conversionGuard: false })
    const attacker = '203.0.113.66'
    const victim = '+447700900555'
    // The number spends its 10 minutes (3 codes), the attacker its hour (20 codes).
    for (let index = 0; index < 3; index += 1) expect((await send(ctx, victim, `198.51.100.${index}`)).status).toBe(200)
    for (let index = 0; index < 20; index += 1) expect((await send(ctx, `+4477009${10_000 + index}`, attacker)).status).toBe(200)
    expect((await send(ctx, '+447700911111', attacker)).status).toBe(429)
    expect((await send(ctx, victim, '198.51.100.9')).status).toBe(429)

    const answers = new Map<number, number>()
    for (let index = 0; index < 50_000; index += 1) {
      // Junk from the attacker to new numbers, and from new addresses to new numbers, until the store is full.
      const ip = index % 2 === 0 ? attacker : `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`
      const response = await sendParsed(ctx, `+4478${String(10_000_000 + index)}`, ip)
      answers.set(response.status, (answers.get(response.status) ?? 0) + 1)
    }
    expect((await send(ctx, '+447700922222', attacker)).status).toBe(429)
    // From an address the store already counts (a new one meets the full store first).
    expect((await send(ctx, victim, '198.51.100.0')).status).toBe(429)
    expect(store.size).toBeLessThanOrEqual(200)
    // Full of live counters, the store refuses new keys: 503 with a delay, never a forgotten counter.
    expect(answers.get(503)).toBeGreaterThan(20_000)
    const full = await send(ctx, '+447700933333', '192.0.2.1')
    expect(full).toMatchObject({ status: 503, body: { code: 'service_unavailable' } })
    expect(Number(full.retryAfter)).toBeGreaterThan(0)
  }, 60_000)

  it('creates no per-number key for a request the IP limit refused', async () => {
    const store = createMemoryStore({ clock: { now: () => START } })
    const ctx = setup({ store, limits: { sendsPerIp: [{ max: 1, windowSeconds: 3600 }] } })
    expect((await send(ctx, '+447700900001', '203.0.113.66')).status).toBe(200)
    const size = store.size
    for (let index = 0; index < 1000; index += 1)
      expect((await sendParsed(ctx, `+4477009${10_000 + index}`, '203.0.113.66')).status).toBe(429)
    expect(store.size).toBe(size)
  })
})

describe('a store that cannot count', () => {
  it('refuses with 503 service_unavailable, never 500, and calls no provider', async () => {
    const store = createMemoryStore()
    store.increment = () => Promise.reject(new StoreUnavailableError('Redis did not answer within 1000 ms'))
    const ctx = setup({ store })
    const refused = await send(ctx, '+447700900123')
    expect(refused).toMatchObject({ status: 503, body: { code: 'service_unavailable' } })
    expect(JSON.stringify(refused.body)).not.toContain('Redis')
    expect(ctx.sentTo).toEqual([])
  })
})

describe('wrong codes are counted per number, across authentications', () => {
  const generous = { sendsPerPhoneNumber: [], sendsPerPhoneNumberPerIp: [], sendsPerIp: [] }

  it('stops sending to a number after 30 wrong codes in a day: 429 rate_limited with Retry-After, until the day ends', async () => {
    const ctx = setup({ limits: generous })
    const phoneNumber = '+447700900777'
    const left: unknown[] = []
    // The sandbox allows 5 checks per authentication: 6 authentications make 30 wrong codes.
    for (let flow = 0; flow < 6; flow += 1) {
      const sent = await send(ctx, phoneNumber)
      expect(sent.status).toBe(200)
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const checked = await check(ctx, sent, wrongCode(ctx, phoneNumber))
        expect(checked.body.status).toBe('invalid')
        left.push(checked.body.remaining_attempts)
      }
      ctx.clock.time += MINUTE
    }
    // The last authentication has checks left of its own, but the number has no wrong code left.
    expect(left.slice(-3)).toEqual([2, 1, 0])
    const refused = await send(ctx, phoneNumber)
    expect(refused).toMatchObject({ status: 429, body: { code: 'rate_limited' } })
    // The day started at the first wrong code, 6 minutes ago.
    expect(Number(refused.retryAfter)).toBe(86_400 - 6 * 60)
    // From any IP, and by resend too.
    expect((await send(ctx, phoneNumber, '192.0.2.44')).status).toBe(429)
    ctx.clock.time = START + 86_400_000
    expect((await send(ctx, phoneNumber)).status).toBe(200)
  })

  it('refuses further checks on a number past its cap, even on an authentication with checks left', async () => {
    const ctx = setup({ limits: { ...generous, failedChecksPerPhoneNumber: { max: 3, windowSeconds: 3600 } } })
    const phoneNumber = '+447700900778'
    const first = await send(ctx, phoneNumber)
    const second = await send(ctx, phoneNumber)
    for (let attempt = 0; attempt < 3; attempt += 1) expect((await check(ctx, first, '000000x')).status).toBe(200)
    const code = ctx.sandbox.outbox.latest(phoneNumber)?.code ?? ''
    const refused = await check(ctx, second, code)
    expect(refused).toMatchObject({ status: 429, body: { code: 'rate_limited' } })
    expect(refused.retryAfter).toBe('3600')
    const retried = await ctx.handler(post('/retry', { authentication_uuid: second.uuid, flow_token: second.flowToken }))
    expect(retried.status).toBe(429)
  })

  it('leaves other numbers alone', async () => {
    const ctx = setup({ limits: { ...generous, failedChecksPerPhoneNumber: { max: 1, windowSeconds: 3600 } } })
    const sent = await send(ctx, '+447700900779')
    await check(ctx, sent, '000000x')
    expect((await send(ctx, '+447700900779')).status).toBe(429)
    expect((await send(ctx, '+447700900780')).status).toBe(200)
  })
})

describe('one client cannot lock a number out of codes', () => {
  it('gives one IP 5 of the number’s 10 daily codes, so the owner still gets theirs', async () => {
    const ctx = setup()
    const victim = '+447700900888'
    const attacker = '203.0.113.66'
    const statuses = []
    for (let index = 0; index < 6; index += 1) {
      statuses.push((await send(ctx, victim, attacker)).status)
      ctx.clock.time += 10 * MINUTE
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429])
    // The same attacker from another address of its /64 is the same client.
    const v6 = ['2001:db8:66::1', '2001:db8:66::2', '2001:db8:66::3', '2001:db8:66::4', '2001:db8:66::5', '2001:db8:66::6']
    for (const ip of v6) {
      await send(ctx, victim, ip)
      ctx.clock.time += 10 * MINUTE
    }
    expect((await send(ctx, victim, '2001:db8:66::7')).status).toBe(429)
    // 10 codes sent in the day: the number's own daily cap still holds for everyone, the owner included.
    expect((await send(ctx, victim, '198.51.100.20')).status).toBe(429)
  })

  it('leaves the owner codes when one attacker has used its whole share', async () => {
    const ctx = setup()
    const victim = '+447700900889'
    for (let index = 0; index < 10; index += 1) {
      await send(ctx, victim, '203.0.113.66')
      ctx.clock.time += 10 * MINUTE
    }
    expect((await send(ctx, victim, '198.51.100.20')).status).toBe(200)
  })

  it('the share is counted before the number, so refused requests spend nothing of it', async () => {
    const ctx = setup({ limits: { sendsPerPhoneNumberPerIp: [{ max: 1, windowSeconds: 600 }] } })
    const victim = '+447700900890'
    expect((await send(ctx, victim, '203.0.113.66')).status).toBe(200)
    for (let index = 0; index < 10; index += 1) expect((await send(ctx, victim, '203.0.113.66')).status).toBe(429)
    expect((await send(ctx, victim, '198.51.100.20')).status).toBe(200)
    expect((await send(ctx, victim, '198.51.100.21')).status).toBe(200)
  })
})

describe('the check answer', () => {
  it('says when the proof expires, from tokenTtlSeconds', async () => {
    const ctx = setup({ tokenTtlSeconds: 120 })
    const sent = await send(ctx, '+447700900123')
    ctx.clock.time += 5_500
    const checked = await check(ctx, sent, ctx.sandbox.outbox.latest('+447700900123')?.code ?? '')
    expect(checked.body.verification_expires_at).toBe('2026-03-01T10:02:05.000Z')
    const verified = await verifyPhoneToken(String(checked.body.verification_token), {
      secret: SECRET,
      clock: { now: () => Date.parse('2026-03-01T10:02:04.999Z') },
      allowSandbox: true,
    })
    expect(verified.phoneNumber).toBe('+447700900123')
    await expect(
      verifyPhoneToken(String(checked.body.verification_token), {
        secret: SECRET,
        clock: { now: () => Date.parse('2026-03-01T10:02:05.001Z') },
        allowSandbox: true,
      }),
    ).rejects.toMatchObject({ code: 'expired_token' })
  })

  it('gives attempts left as the smaller of its own budget and the provider’s', async () => {
    const ctx = setup({ limits: { checksPerAuthentication: { max: 3, windowSeconds: 3600 } } })
    const sent = await send(ctx, '+447700900123')
    const wrong = wrongCode(ctx, '+447700900123')
    expect((await check(ctx, sent, wrong)).body.remaining_attempts).toBe(2)
    expect((await check(ctx, sent, wrong)).body.remaining_attempts).toBe(1)
    expect((await check(ctx, sent, wrong)).body.remaining_attempts).toBe(0)
    expect((await check(ctx, sent, wrong)).status).toBe(429)
  })

  it('gives its own budget when the provider says nothing', async () => {
    const silent: OtpProvider = {
      name: 'silent',
      send: async () => ({
        authenticationUuid: 'uuid-1',
        status: 'pending',
        createdAt: new Date(START),
        expiresAt: new Date(START + 600_000),
      }),
      check: async () => ({ status: 'invalid' }),
      retry: async () => ({ status: 'denied' }),
    }
    const ctx = setup({ provider: silent })
    const sent = await send(ctx, '+447700900123')
    expect((await check(ctx, sent, '1')).body).toEqual({
      authentication_uuid: 'uuid-1',
      status: 'invalid',
      remaining_attempts: 9,
    })
  })

  it('carries a proof that names the sandbox, which verifyPhoneToken refuses unless allowed', async () => {
    const ctx = setup()
    const sent = await send(ctx, '+447700900123')
    const checked = await check(ctx, sent, ctx.sandbox.outbox.latest('+447700900123')?.code ?? '')
    const token = String(checked.body.verification_token)
    await expect(verifyPhoneToken(token, { secret: SECRET, clock: ctx.clock })).rejects.toMatchObject({ code: 'sandbox_token' })
    await expect(verifyPhoneToken(token, { secret: SECRET, clock: ctx.clock, allowSandbox: true })).resolves.toMatchObject({
      provider: 'sandbox',
    })
  })
})

describe('the sandbox test numbers do not spend the IP budget', () => {
  const tight = { sendsPerIp: [{ max: 3, windowSeconds: 3600 }] }

  it('lets a visitor try every test number and still get codes for their own number', async () => {
    const ctx = setup({ limits: tight })
    const tries = [
      SANDBOX_TEST_NUMBERS.spamDetected,
      SANDBOX_TEST_NUMBERS.rateLimited,
      SANDBOX_TEST_NUMBERS.invalidPhoneNumber,
      SANDBOX_TEST_NUMBERS.invalidLine,
      SANDBOX_TEST_NUMBERS.serverError,
    ]
    for (const phoneNumber of [...tries, ...tries]) expect((await send(ctx, phoneNumber)).status).not.toBe(429)
    for (const phoneNumber of ['+447700900001', '+447700900002', '+447700900003'])
      expect((await send(ctx, phoneNumber)).status).toBe(200)
    // Other numbers still count per IP…
    expect((await send(ctx, '+447700900004')).status).toBe(429)
  })

  it('spends no IP budget on resends to a test number either', async () => {
    const ctx = setup({ limits: { sendsPerIp: [{ max: 1, windowSeconds: 3600 }] } })
    const spam = await send(ctx, SANDBOX_TEST_NUMBERS.spamDetected)
    for (let index = 0; index < 3; index += 1) {
      const resent = await ctx.handler(post('/retry', { authentication_uuid: spam.uuid, flow_token: spam.flowToken }), {
        ip: '203.0.113.7',
      })
      expect(((await resent.json()) as { status: string }).status).toBe('no_attempt')
    }
    expect((await send(ctx, '+447700900001')).status).toBe(200)
    expect((await send(ctx, '+447700900002')).status).toBe(429)
  })

  it('still counts a test number per number', async () => {
    const ctx = setup({ limits: tight })
    const statuses = []
    for (let index = 0; index < 4; index += 1) statuses.push((await send(ctx, SANDBOX_TEST_NUMBERS.spamDetected)).status)
    expect(statuses).toEqual([200, 200, 200, 429])
  })

  it('counts them per IP like any number with a real provider', async () => {
    const real: OtpProvider = {
      name: 'ding',
      send: async () => ({
        authenticationUuid: crypto.randomUUID(),
        status: 'pending',
        createdAt: new Date(START),
        expiresAt: new Date(START + 600_000),
      }),
      check: () => Promise.reject(new OtpError('upstream_error', 'unused')),
      retry: () => Promise.reject(new OtpError('upstream_error', 'unused')),
    }
    const ctx = setup({ provider: real, limits: tight })
    const numbers = [SANDBOX_TEST_NUMBERS.spamDetected, SANDBOX_TEST_NUMBERS.rateLimited, SANDBOX_TEST_NUMBERS.invalidLine]
    for (const phoneNumber of numbers) expect((await send(ctx, phoneNumber)).status).toBe(200)
    expect((await send(ctx, SANDBOX_TEST_NUMBERS.serverError)).status).toBe(429)
  })
})
