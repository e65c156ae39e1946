import { describe, expect, it } from 'vitest'
import { createOtpHandlerFromEnv } from '../from-env'
import { createOtpHandler, type OtpHandlerOptions } from '../handler'
import type { OtpLogEntry } from '../log'
import { sandboxProvider } from '../providers/sandbox'
import type { OtpProvider } from '../providers/types'
import type { OtpAlert } from './alerts'

const SECRET = 'send-budgets-secret-at-least-32-bytes-long'
const ORIGIN = 'https://app.example'
// 10:20 UTC: the hour's budget resets at 11:00, the day's at midnight UTC.
const START = Date.parse('2026-03-01T10:20:00Z')

/** Numbers in many blocks, verified as they go, so the conversion guard never holds them: only the budgets do. */
const gb = (index: number) => `+4474${String(index).padStart(8, '0')}`
const fr = (index: number) => `+336${String(index).padStart(8, '0')}`

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
    retry: (flow, ctx) => {
      sentTo.push(flow.phoneNumber)
      return sandbox.retry(flow, ctx)
    },
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
    conversionGuard: false,
    ...options,
  })
  return { handler, clock, sentTo, log, alerts }
}

let clients = 0
const newIp = () => {
  clients += 1
  return `10.8.${(clients >> 8) & 255}.${clients & 255}`
}

const post = (path: string, body: unknown) =>
  new Request(`${ORIGIN}/api/otp${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN },
    body: JSON.stringify(body),
  })

async function send(handler: (request: Request, info?: { ip?: string }) => Promise<Response>, phoneNumber: string) {
  const response = await handler(post('/authentication', { phone_number: phoneNumber }), { ip: newIp() })
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as Record<string, unknown>,
  }
}

describe('send budgets', () => {
  it('spends the hourly budget, then answers 503 until the hour ends, and says which budget and by how much', async () => {
    const ctx = setup({ budgets: { perHour: 3 } })
    for (let index = 0; index < 3; index += 1) expect((await send(ctx.handler, gb(index))).status).toBe(200)
    const refused = await send(ctx.handler, gb(3))
    expect(refused).toMatchObject({ status: 503, body: { code: 'service_unavailable' } })
    // The answer says nothing of budgets; the operator's log and hook do.
    expect(JSON.stringify(refused.body)).not.toMatch(/budget/i)
    expect(Number(refused.retryAfter)).toBe(40 * 60)
    expect(ctx.sentTo).toHaveLength(3)
    expect(ctx.alerts).toEqual([
      {
        kind: 'send_budget',
        budget: 'hour',
        limit: 3,
        asked: 4,
        over: 1,
        resetsAt: new Date('2026-03-01T11:00:00Z'),
      },
    ])
    const line = ctx.log.at(-1)
    expect(line).toMatchObject({ level: 'error', status: 503, alert: { kind: 'send_budget', over: 1 } })
    expect(line?.detail).toContain('the hourly send budget (OTP_SEND_BUDGET_PER_HOUR) allows 3; 4 asked, 1 over')

    // Raised again at 10 and 100 over, not in between: "by how much" grows without a flood of alerts.
    for (let index = 4; index < 103; index += 1) expect((await send(ctx.handler, gb(index))).status).toBe(503)
    expect(ctx.alerts.map((alert) => (alert.kind === 'send_budget' ? alert.over : 0))).toEqual([1, 10, 100])

    ctx.clock.time = Date.parse('2026-03-01T11:00:00Z')
    expect((await send(ctx.handler, gb(200))).status).toBe(200)
  })

  it("spends one country's daily budget without touching another country's sends", async () => {
    const ctx = setup({ budgets: { perCountryPerDay: { GB: 2 } } })
    expect((await send(ctx.handler, gb(0))).status).toBe(200)
    expect((await send(ctx.handler, gb(1))).status).toBe(200)
    const refused = await send(ctx.handler, gb(2))
    expect(refused.status).toBe(503)
    // Until midnight UTC.
    expect(Number(refused.retryAfter)).toBe((13 * 60 + 40) * 60)
    expect(ctx.alerts).toMatchObject([{ kind: 'send_budget', budget: 'country_day', country: 'GB', limit: 2, over: 1 }])
    for (let index = 0; index < 5; index += 1) expect((await send(ctx.handler, fr(index))).status).toBe(200)
    ctx.clock.time = Date.parse('2026-03-02T00:00:00Z')
    expect((await send(ctx.handler, gb(3))).status).toBe(200)
  })

  it('counts resends: each one is a message paid for', async () => {
    const ctx = setup({ budgets: { perHour: 2 } })
    const sent = await send(ctx.handler, gb(0))
    ctx.clock.time += 31_000
    const resend = () =>
      ctx.handler(post('/retry', { authentication_uuid: sent.body.authentication_uuid, flow_token: sent.body.flow_token }), {
        ip: newIp(),
      })
    expect((await resend()).status).toBe(200)
    ctx.clock.time += 61_000
    expect((await resend()).status).toBe(503)
    expect(ctx.sentTo).toEqual([gb(0), gb(0)])
  })

  it('answers the request when onAlert throws, and logs why', async () => {
    const ctx = setup({
      budgets: { perHour: 1 },
      onAlert: () => {
        throw new Error('pager offline')
      },
    })
    await send(ctx.handler, gb(0))
    expect((await send(ctx.handler, gb(1))).status).toBe(503)
    expect(ctx.log.at(-1)?.detail).toContain('onAlert failed: pager offline')
  })

  it('reads OTP_SEND_BUDGET_PER_HOUR and OTP_COUNTRY_BUDGETS', async () => {
    const quiet = { logger: false as const, warn: () => {}, conversionGuard: false as const }
    const handler = createOtpHandlerFromEnv({ OTP_COUNTRY_BUDGETS: 'gb:1, NG:50', OTP_SEND_BUDGET_PER_HOUR: '3' }, quiet)
    expect((await send(handler, gb(0))).status).toBe(200)
    expect((await send(handler, gb(1))).status).toBe(503)
    // The send GB's budget refused spent nothing of the hour's: two more fit in it.
    expect((await send(handler, fr(0))).status).toBe(200)
    expect((await send(handler, fr(1))).status).toBe(200)
    expect((await send(handler, fr(2))).status).toBe(503)
  })

  it.each([
    ['OTP_SEND_BUDGET_PER_HOUR', 'lots'],
    ['OTP_SEND_BUDGET_PER_HOUR', '0'],
    ['OTP_SEND_BUDGET_PER_HOUR', '2.5'],
    ['OTP_COUNTRY_BUDGETS', 'GB=500'],
    ['OTP_COUNTRY_BUDGETS', 'GBR:500'],
    ['OTP_COUNTRY_BUDGETS', 'GB:500,NG'],
    ['OTP_COUNTRY_BUDGETS', 'GB:0'],
    ['OTP_COUNTRY_BUDGETS', 'GB:5,gb:6'],
  ])('refuses to start on %s=%s, naming the variable', (name, value) => {
    expect(() => createOtpHandlerFromEnv({ [name]: value }, { logger: false, warn: () => {} })).toThrow(new RegExp(`^${name} `))
  })
})
