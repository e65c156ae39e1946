import { SANDBOX_TEST_NUMBERS } from '@otpflow/core/sandbox'
import { createClient } from 'redis'
import { afterAll, describe, expect, it } from 'vitest'
import { createOtpHandlerFromEnv } from '../from-env'
import { createOtpHandler, type OtpHandlerOptions } from '../handler'
import type { OtpLogEntry } from '../log'
import { sandboxProvider } from '../providers/sandbox'
import type { OtpProvider } from '../providers/types'
import { createRedisStore } from '../redis-store'
import { startRedisServer, type TestRedisServer } from '../testing/redis-server'
import type { OtpAlert } from './alerts'

const SECRET = 'conversion-guard-secret-at-least-32-bytes'
const ORIGIN = 'https://app.example'
// 10:07 UTC: not on a sub-window's edge, so the window slides as it would at any time of day.
const START = Date.parse('2026-03-01T10:07:00Z')
const MINUTE = 60_000

/** A UK mobile number: block `+447400bb` (the number without its last four digits), number `nnnn` in it. */
const gb = (block: number, number: number) => `+447400${String(block).padStart(2, '0')}${String(number).padStart(4, '0')}`

function setup(options: Partial<OtpHandlerOptions> = {}) {
  const clock = {
    time: START,
    now() {
      return this.time
    },
  }
  const sandbox = sandboxProvider({ clock, generateCode: () => '123456' })
  const sentTo: string[] = []
  const provider = {
    name: sandbox.name,
    sandbox: sandbox.sandbox,
    send: (input, ctx) => {
      sentTo.push(input.phoneNumber)
      return sandbox.send(input, ctx)
    },
    check: (flow, code, ctx) => sandbox.check(flow, code, ctx),
    retry: (flow, ctx) => sandbox.retry(flow, ctx),
  } as OtpProvider
  const log: OtpLogEntry[] = []
  const alerts: OtpAlert[] = []
  const handler = createOtpHandler({
    provider,
    secret: SECRET,
    clock,
    logger: (entry) => log.push(entry),
    onAlert: (alert) => {
      alerts.push(alert)
    },
    ...options,
  })
  return { handler, clock, sentTo, log, alerts }
}

type Ctx = ReturnType<typeof setup>

let clients = 0
/** A new client address each time: a pump rotates addresses, so no per-IP limit is met. */
const newIp = () => {
  clients += 1
  return `10.9.${(clients >> 8) & 255}.${clients & 255}`
}

const post = (path: string, body: unknown) =>
  new Request(`${ORIGIN}/api/otp${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN },
    body: JSON.stringify(body),
  })

async function send(ctx: Pick<Ctx, 'handler'>, phoneNumber: string, ip = newIp()) {
  const response = await ctx.handler(post('/authentication', { phone_number: phoneNumber }), { ip })
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as Record<string, unknown>,
  }
}

async function verify(ctx: Pick<Ctx, 'handler'>, sent: { body: Record<string, unknown> }) {
  const response = await ctx.handler(
    post('/check', {
      authentication_uuid: sent.body.authentication_uuid,
      check_code: '123456',
      flow_token: sent.body.flow_token,
    }),
    { ip: newIp() },
  )
  return (await response.json()) as Record<string, unknown>
}

describe('the conversion guard on a number block', () => {
  it('holds the 11th send to a block after 10 codes and no verification: 429 with Retry-After, nothing sent', async () => {
    const ctx = setup()
    for (let index = 0; index < 10; index += 1) expect((await send(ctx, gb(12, index))).status).toBe(200)
    const held = await send(ctx, gb(12, 10))
    expect(held).toMatchObject({ status: 429, body: { code: 'rate_limited' } })
    // Until the oldest send leaves the hour: the sub-window of 10:07 ends the window at 11:00.
    expect(Number(held.retryAfter)).toBe(53 * 60)
    expect(ctx.sentTo).toHaveLength(10)
    // Another block of the same country still gets its codes.
    expect((await send(ctx, gb(13, 0))).status).toBe(200)
  })

  it('warns once per block and window, with the figures, however many sends it holds', async () => {
    const ctx = setup()
    for (let index = 0; index < 10; index += 1) await send(ctx, gb(12, index))
    for (let index = 10; index < 40; index += 1) expect((await send(ctx, gb(12, index))).status).toBe(429)
    expect(ctx.alerts).toEqual([
      {
        kind: 'conversion_guard',
        unit: 'block',
        id: '+44740012',
        sends: 10,
        verifications: 0,
        minSends: 10,
        minVerifiedRatio: 0.2,
        windowSeconds: 3600,
      },
    ])
    const warned = ctx.log.filter((entry) => entry.alert !== undefined)
    expect(warned).toHaveLength(1)
    expect(warned[0]).toMatchObject({ level: 'warn', status: 429, outcome: 'rate_limited' })
    expect(warned[0]?.detail).toContain('number block +44740012••••: 10 codes sent, 0 verified')
    // The warning comes again in the next window, if the block still pumps.
    ctx.clock.time = START + 60 * MINUTE
    for (let index = 40; index < 60; index += 1) await send(ctx, gb(12, index))
    expect(ctx.alerts).toHaveLength(2)
  })

  it('never holds a block whose numbers enter their codes', async () => {
    const ctx = setup()
    for (let index = 0; index < 60; index += 1) {
      const sent = await send(ctx, gb(12, index))
      expect(sent.status, `send ${index + 1}`).toBe(200)
      // One person in five does not finish: 80 % still verify, far above the 20 % the guard asks for.
      if (index % 5 !== 4) expect((await verify(ctx, sent)).status).toBe('valid')
      ctx.clock.time += 30_000
    }
    expect(ctx.alerts).toEqual([])
  })

  it('opens the block again once its sends leave the window', async () => {
    const ctx = setup()
    for (let index = 0; index < 10; index += 1) await send(ctx, gb(12, index))
    const held = await send(ctx, gb(12, 10))
    ctx.clock.time = START + Number(held.retryAfter) * 1000 - 1000
    expect((await send(ctx, gb(12, 11))).status).toBe(429)
    ctx.clock.time = START + Number(held.retryAfter) * 1000
    expect((await send(ctx, gb(12, 12))).status).toBe(200)
  })

  it('counts a number once however often it is verified: one phone cannot lift its block', async () => {
    const ctx = setup()
    const own = gb(12, 9999)
    // Three codes to one's own number in ten minutes, each entered.
    for (let index = 0; index < 3; index += 1) expect((await verify(ctx, await send(ctx, own))).status).toBe('valid')
    // With one verification of 10 sends (10 %), the block trips at its 10th send.
    for (let index = 0; index < 7; index += 1) expect((await send(ctx, gb(12, index))).status).toBe(200)
    expect((await send(ctx, gb(12, 7))).status).toBe(429)
  })

  it('refuses a resend to a held block: a pump gets no resends for the codes it was sent', async () => {
    const ctx = setup()
    const first = await send(ctx, gb(12, 0))
    for (let index = 1; index < 10; index += 1) await send(ctx, gb(12, index))
    ctx.clock.time += 31_000
    const response = await ctx.handler(
      post('/retry', { authentication_uuid: first.body.authentication_uuid, flow_token: first.body.flow_token }),
      { ip: newIp() },
    )
    expect(response.status).toBe(429)
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(ctx.sentTo).toHaveLength(10)
  })

  it("leaves the sandbox's test numbers out: they reach no phone", async () => {
    const handler = createOtpHandler({ provider: sandboxProvider(), secret: SECRET, logger: false })
    const numbers = [
      SANDBOX_TEST_NUMBERS.spamDetected,
      SANDBOX_TEST_NUMBERS.rateLimited,
      SANDBOX_TEST_NUMBERS.noWhatsApp,
      SANDBOX_TEST_NUMBERS.noVoice,
    ]
    // Twelve sends to one block (+1202555), none ever verified (each number within its own limit of 3 in 10 minutes).
    const statuses = []
    for (let round = 0; round < 3; round += 1)
      for (const number of numbers) statuses.push((await send({ handler }, number)).status)
    expect(statuses).toEqual(Array.from({ length: 12 }, () => 200))
  })

  it('holds no more than 10 of 30 concurrent sends to one block: the count is atomic', async () => {
    const ctx = setup()
    const answers = await Promise.all(Array.from({ length: 30 }, (_, index) => send(ctx, gb(12, index))))
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(10)
    expect(ctx.sentTo).toHaveLength(10)
  })
})

describe('the conversion guard on a country', () => {
  it('holds a pump spread over many blocks once the country has 40 sends and none verified', async () => {
    const ctx = setup()
    for (let block = 0; block < 40; block += 1) expect((await send(ctx, gb(block, 0))).status).toBe(200)
    const held = await send(ctx, gb(40, 0))
    expect(held).toMatchObject({ status: 429, body: { code: 'rate_limited' } })
    expect(ctx.alerts).toMatchObject([{ unit: 'country', id: 'GB', sends: 40, verifications: 0 }])
    // Another country is not held.
    expect((await send(ctx, '+33612345678')).status).toBe(200)
  })
})

describe('the conversion guard, configured', () => {
  it('takes its thresholds, or false to stay off', async () => {
    const strict = setup({ conversionGuard: { block: { minSends: 3, minVerifiedRatio: 0.5 } } })
    for (let index = 0; index < 3; index += 1) expect((await send(strict, gb(12, index))).status).toBe(200)
    expect((await send(strict, gb(12, 3))).status).toBe(429)
    const off = setup({ conversionGuard: false })
    for (let index = 0; index < 60; index += 1) expect((await send(off, gb(index % 2, index))).status).toBe(200)
    expect(() => setup({ conversionGuard: { block: { minSends: 0, minVerifiedRatio: 0.2 } } })).toThrow(/minSends/)
    expect(() => setup({ conversionGuard: { country: { minSends: 5, minVerifiedRatio: 2 } } })).toThrow(/minVerifiedRatio/)
  })

  it('reads OTP_CONVERSION_GUARD, _BLOCK, _COUNTRY and _WINDOW, and refuses to start on a malformed one', async () => {
    const quiet = { logger: false as const, warn: () => {} }
    const strict = createOtpHandlerFromEnv({ OTP_CONVERSION_GUARD_BLOCK: '2:50%', OTP_CONVERSION_GUARD_COUNTRY: 'off' }, quiet)
    for (let index = 0; index < 2; index += 1) expect((await send({ handler: strict }, gb(12, index))).status).toBe(200)
    expect((await send({ handler: strict }, gb(12, 2))).status).toBe(429)
    const off = createOtpHandlerFromEnv({ OTP_CONVERSION_GUARD: 'off' }, quiet)
    for (let index = 0; index < 12; index += 1) expect((await send({ handler: off }, gb(12, index))).status).toBe(200)
    for (const [name, value] of [
      ['OTP_CONVERSION_GUARD', 'maybe'],
      ['OTP_CONVERSION_GUARD_BLOCK', '10'],
      ['OTP_CONVERSION_GUARD_COUNTRY', '50:120'],
      ['OTP_CONVERSION_GUARD_WINDOW', 'an hour'],
    ] as const) {
      expect(() => createOtpHandlerFromEnv({ [name]: value }, quiet), name).toThrow(new RegExp(`^${name} must`))
    }
  })
})

describe('the conversion guard on Redis', () => {
  let redis: TestRedisServer | undefined
  afterAll(async () => {
    await redis?.close()
  })

  it('holds a block for two endpoints on one Redis as for one, and every key it writes expires', async () => {
    redis = await startRedisServer()
    const prefix = 'guard-test:'
    const stores = [createRedisStore({ url: redis.url }, { prefix }), createRedisStore({ url: redis.url }, { prefix })]
    try {
      const endpoints = stores.map((store) => setup({ store }))
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, index) => send(endpoints[index % 2] as Ctx, gb(12, index))),
      )
      expect(answers.filter((answer) => answer.status === 200)).toHaveLength(10)
      // Verifications count across endpoints too: the other one sees them.
      const other = setup({ store: stores[1] })
      for (let index = 0; index < 4; index += 1) {
        const sent = await send(endpoints[0] as Ctx, gb(20, index))
        expect((await verify(other, sent)).status).toBe('valid')
      }
      const client = createClient({ url: redis.url })
      await client.connect()
      try {
        const keys = await client.keys(`${prefix}otp:guard:*`)
        expect(keys.length).toBeGreaterThan(4)
        expect(keys.some((key) => key.includes(':verified:'))).toBe(true)
        for (const key of keys) expect(await client.pTTL(key), key).toBeGreaterThan(0)
      } finally {
        await client.close()
      }
    } finally {
      await Promise.all(stores.map((store) => store.close()))
    }
  }, 30_000)
})
