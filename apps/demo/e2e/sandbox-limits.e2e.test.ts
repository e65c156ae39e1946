import { DEFAULT_LIMITS } from '@otpflow/server'
import { afterEach, describe, expect, inject, it } from 'vitest'
import { startFakeDing } from '../../../packages/server/src/testing/fake-ding'
import { SANDBOX_LIMITS } from '../server/provider'
import { type RunningDemo, startDemo } from './harness'

// The demo's abuse limits over HTTP, from one address (127.0.0.1), as the page calls them. On the sandbox a person
// must be able to explore for an hour; the limits must still be reachable, and a real provider keeps the library's.

const SANDBOX_TEST_NUMBERS = ['+12025550101', '+12025550102', '+12025550103', '+12025550104', '+12025550105', '+12025550106']

let demo: RunningDemo | undefined
const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  await demo?.close()
  demo = undefined
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

async function post(
  path: string,
  body: unknown,
): Promise<{ status: number; body: Record<string, unknown>; retryAfter: string | null }> {
  if (!demo) throw new Error('no demo running')
  const response = await fetch(`${demo.url}/api/otp${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: demo.url },
    body: JSON.stringify(body),
  })
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    retryAfter: response.headers.get('retry-after'),
  }
}

const send = (phoneNumber: string) => post('/authentication', { phone_number: phoneNumber })
/** A UK mobile number of the range kept for drama, one per index. */
const numberAt = (index: number) => `+4477009${String(index).padStart(5, '0')}`

describe('on the sandbox', () => {
  it('lets one person try the six test numbers on both pages and thirty flows with a resend each, within an hour', async () => {
    demo = await startDemo(inject('clientDir'))
    // Each test number once per page; the slow one answers after 8 s, so they go together.
    const tried = await Promise.all([...SANDBOX_TEST_NUMBERS, ...SANDBOX_TEST_NUMBERS].map(send))
    expect(tried.filter((answer) => answer.status === 429)).toEqual([])

    for (let flow = 0; flow < 30; flow += 1) {
      const sent = await send(numberAt(flow))
      expect(sent.status, `send of flow ${flow + 1}`).toBe(200)
      // The person waits out the countdown, then asks for the code again.
      demo.clock.advance(31_000)
      const resent = await post('/retry', {
        authentication_uuid: sent.body.authentication_uuid,
        flow_token: sent.body.flow_token,
      })
      expect(resent.status, `resend of flow ${flow + 1}`).toBe(200)
    }
  }, 60_000)

  it('still refuses the SMS past the hour’s budget of one address, with the wait', async () => {
    demo = await startDemo(inject('clientDir'))
    const [hourly] = SANDBOX_LIMITS.sendsPerIp
    if (!hourly) throw new Error('no hourly limit per address')
    expect(hourly.windowSeconds).toBe(3600)
    for (let index = 0; index < hourly.max; index += 1) expect((await send(numberAt(index))).status).toBe(200)
    const refused = await send(numberAt(hourly.max))
    expect(refused.status).toBe(429)
    expect(refused.body.code).toBe('rate_limited')
    expect(Number(refused.retryAfter)).toBeGreaterThan(0)
  }, 60_000)

  it('still refuses a fourth new code to one number within ten minutes, which a person can reach by hand', async () => {
    demo = await startDemo(inject('clientDir'))
    const [tenMinutes] = SANDBOX_LIMITS.sendsPerPhoneNumber
    expect(tenMinutes).toEqual({ max: 3, windowSeconds: 600 })
    for (let index = 0; index < 3; index += 1) expect((await send('+447700900123')).status).toBe(200)
    const refused = await send('+447700900123')
    expect(refused.status).toBe(429)
    expect(Number(refused.retryAfter)).toBeGreaterThan(0)
  })
})

describe('on a real provider', () => {
  it("keeps the library's budget per address", async () => {
    const ding = await startFakeDing({ apiKey: 'ding-limits-e2e-key', customerUuid: 'd1e2e2e2-0000-4000-8000-00000000c0de' })
    cleanups.push(ding.close)
    demo = await startDemo(inject('clientDir'), {
      DING_API_KEY: ding.apiKey,
      DING_CUSTOMER_UUID: ding.customerUuid,
      DING_BASE_URL: ding.url,
      OTP_SECRET: 'limits-e2e-otp-secret-0123456789abcdefghijkl',
    })
    const [hourly] = DEFAULT_LIMITS.sendsPerIp
    if (!hourly) throw new Error('no hourly limit per address')
    // One number block each (the number without its last four digits), so the conversion guard, which holds a block
    // whose codes nobody enters, stays out of the way of the per-address limit.
    const inItsOwnBlock = (index: number) => `+447400${String(index).padStart(2, '0')}0123`
    for (let index = 0; index < hourly.max; index += 1) expect((await send(inItsOwnBlock(index))).status).toBe(200)
    expect((await send(inItsOwnBlock(hourly.max))).status).toBe(429)
  })
})
