import { isOtpError, type OtpError } from '@otpflow/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMemoryStore } from '../store'
import { type FakePrelude, startFakePrelude } from '../testing/fake-prelude'
import { preludeProvider, preludeProviderFromEnv } from './prelude'
import type { OtpProvider, ProviderContext, ProviderFlow, ProviderSendResult } from './types'

const PHONE = '+33612345678'
const START = Date.parse('2026-11-26T12:00:00Z')

let time = START
const clock = { now: () => time }
// Distinct codes that never collide with the wrong guesses these tests type (000000, 111111).
let issued = 0
const generateCode = () => String(100_000 + ++issued)
let fake: FakePrelude
let provider: OtpProvider
let ctx: ProviderContext

beforeEach(async () => {
  time = START
  fake = await startFakePrelude({ generateCode, now: clock.now })
  provider = preludeProvider({ apiKey: fake.apiKey, baseUrl: fake.url })
  ctx = { store: createMemoryStore({ clock }), clock, ip: '203.0.113.7', userAgent: 'Mozilla/5.0 (iPhone)' }
})

afterEach(async () => {
  await fake.close()
})

const flowOf = (sent: ProviderSendResult, phoneNumber = PHONE): ProviderFlow => ({
  authenticationUuid: sent.authenticationUuid,
  phoneNumber,
  createdAt: sent.createdAt,
  expiresAt: sent.expiresAt,
  ...(sent.state === undefined ? {} : { state: sent.state }),
})

async function rejection(promise: Promise<unknown>): Promise<OtpError> {
  try {
    await promise
  } catch (error) {
    if (isOtpError(error)) return error
    throw error
  }
  throw new Error('expected an OtpError')
}

describe('preludeProvider send', () => {
  it('sends JSON with the bearer key, the target, the signals and the locale, and answers pending with the policy deadlines', async () => {
    const sent = await provider.send(
      { phoneNumber: PHONE, locale: 'fr-FR', deviceType: 'IOS', appVersion: '2.1.0', isReturningUser: true },
      ctx,
    )

    expect(sent).toMatchObject({ status: 'pending', resent: false, remainingRetry: 3 })
    expect(sent.authenticationUuid).toMatch(/^[0-9a-f-]{36}$/)
    expect(sent.createdAt.getTime()).toBe(START)
    expect(sent.expiresAt.getTime()).toBe(START + 600_000)
    expect(sent.nextRetryAt?.getTime()).toBe(START + 30_000)
    const [request] = fake.requests
    expect(request?.path).toBe('/v2/verification')
    expect(request?.headers.authorization).toBe(`Bearer ${fake.apiKey}`)
    expect(request?.headers['content-type']).toBe('application/json')
    expect(request?.body).toEqual({
      target: { type: 'phone_number', value: PHONE },
      signals: {
        ip: '203.0.113.7',
        device_platform: 'ios',
        app_version: '2.1.0',
        user_agent: 'Mozilla/5.0 (iPhone)',
      },
      options: { locale: 'fr-FR' },
      metadata: { correlation_id: sent.authenticationUuid },
    })
  })

  it('sends nothing for a returning user: Prelude documents no such signal, and is_trusted_user means something else', async () => {
    await provider.send({ phoneNumber: PHONE, isReturningUser: true }, ctx)
    await provider.send({ phoneNumber: '+33612345679', isReturningUser: false }, ctx)
    expect(fake.requests.map((request) => request.body?.signals)).toEqual([
      { ip: '203.0.113.7', user_agent: 'Mozilla/5.0 (iPhone)' },
      { ip: '203.0.113.7', user_agent: 'Mozilla/5.0 (iPhone)' },
    ])
  })

  it('sends no signals object when it knows no signal', async () => {
    await provider.send({ phoneNumber: PHONE }, { store: ctx.store, clock })
    expect(fake.requests[0]?.body).toEqual({
      target: { type: 'phone_number', value: PHONE },
      metadata: { correlation_id: expect.any(String) },
    })
  })

  it('answers a second send for the same number with the same authentication, marked as resent, without a message before the delay', async () => {
    const first = await provider.send({ phoneNumber: PHONE }, ctx)
    time += 10_000
    const second = await provider.send({ phoneNumber: PHONE }, ctx)

    expect(second).toMatchObject({
      authenticationUuid: first.authenticationUuid,
      status: 'pending',
      resent: true,
      remainingRetry: 3,
    })
    expect(second.expiresAt).toEqual(first.expiresAt)
    expect(fake.messages()).toHaveLength(1)
  })

  it('resends through Prelude when a second send for the same number comes after the delay', async () => {
    const first = await provider.send({ phoneNumber: PHONE }, ctx)
    time += 31_000
    const second = await provider.send({ phoneNumber: PHONE }, ctx)

    expect(second).toMatchObject({ authenticationUuid: first.authenticationUuid, resent: true, remainingRetry: 2 })
    expect(second.nextRetryAt?.getTime()).toBe(time + 60_000)
    expect(fake.messages().map((message) => message.trigger)).toEqual(['initial', 'user_retry'])
  })

  it('starts a new authentication for a number whose previous code was already used', async () => {
    const first = await provider.send({ phoneNumber: PHONE }, ctx)
    await provider.check(flowOf(first), fake.latestCode(PHONE) ?? '', ctx)
    const second = await provider.send({ phoneNumber: PHONE }, ctx)

    expect(second.authenticationUuid).not.toBe(first.authenticationUuid)
    expect(second.resent).toBe(false)
  })

  it('maps a block for fraud to spam_detected, after which check and retry have nothing to act on', async () => {
    fake.block(PHONE, 'suspicious', ['suspicious_ip_address'])
    const sent = await provider.send({ phoneNumber: PHONE }, ctx)

    expect(sent).toMatchObject({ status: 'spam_detected', remainingRetry: 0 })
    expect((await provider.check(flowOf(sent), '123456', ctx)).status).toBe('without_attempt')
    time += 60_000
    expect((await provider.retry(flowOf(sent), ctx)).status).toBe('no_attempt')
    expect(fake.requests).toHaveLength(1)
  })

  it('maps a number on the block list to spam_detected', async () => {
    fake.block(PHONE, 'in_block_list')
    expect((await provider.send({ phoneNumber: PHONE }, ctx)).status).toBe('spam_detected')
  })

  it('maps a block for repeated attempts to rate_limited', async () => {
    fake.block(PHONE, 'repeated_attempts')
    expect((await provider.send({ phoneNumber: PHONE }, ctx)).status).toBe('rate_limited')
  })

  it('maps the too_many_attempts error to rate_limited with the Retry-After deadline', async () => {
    fake.failNext({
      status: 429,
      body: { code: 'too_many_attempts', message: 'Too many attempts' },
      headers: { 'retry-after': '90' },
    })
    const sent = await provider.send({ phoneNumber: PHONE }, ctx)
    expect(sent).toMatchObject({ status: 'rate_limited' })
    expect(sent.nextRetryAt?.getTime()).toBe(START + 90_000)
  })

  it('throws invalid_phone_number and invalid_line for blocks on the number itself', async () => {
    fake.block('+15550000001', 'invalid_phone_number')
    fake.block('+15550000002', 'invalid_phone_line')
    expect((await rejection(provider.send({ phoneNumber: '+15550000001' }, ctx))).code).toBe('invalid_phone_number')
    const landline = await rejection(provider.send({ phoneNumber: '+15550000002' }, ctx))
    expect(landline.code).toBe('invalid_line')
    expect(landline.status).toBe(400)
  })

  it('maps the error codes for the number, the line and the region', async () => {
    fake.failNext({ status: 400, body: { code: 'invalid_line_type', message: 'landline' } })
    expect((await rejection(provider.send({ phoneNumber: PHONE }, ctx))).code).toBe('invalid_line')
    fake.failNext({ status: 400, body: { code: 'unsupported_country', message: 'not yet' } })
    expect((await rejection(provider.send({ phoneNumber: PHONE }, ctx))).code).toBe('unsupported_region')
    expect((await rejection(provider.send({ phoneNumber: '+0123' }, ctx))).code).toBe('invalid_phone_number')
  })

  it('answers service_unavailable for a refused key or an empty balance, keeping the detail out of the message', async () => {
    const wrongKey = preludeProvider({ apiKey: 'sk_wrong_secret', baseUrl: fake.url })
    const error = await rejection(wrongKey.send({ phoneNumber: PHONE }, ctx))
    expect(error).toMatchObject({ code: 'service_unavailable', status: 503 })
    expect(error.message).not.toContain('sk_wrong_secret')
    expect(error.cause).toMatchObject({ provider: 'prelude', status: 401, code: 'invalid_api_key' })

    fake.failNext({ status: 402, body: { code: 'insufficient_balance', message: 'Top up your balance' } })
    const balance = await rejection(provider.send({ phoneNumber: PHONE }, ctx))
    expect(balance.code).toBe('service_unavailable')
    expect(balance.message).not.toContain('Top up')
  })

  it("turns Prelude's own 429 into rate_limited with retryAfter", async () => {
    fake.failNext({ status: 429, body: { code: 'rate_limited', message: 'slow down' }, headers: { 'retry-after': '7' } })
    expect(await rejection(provider.send({ phoneNumber: PHONE }, ctx))).toMatchObject({
      code: 'rate_limited',
      retryAfter: 7,
      status: 429,
    })
  })

  it('does not replay a create that failed upstream', async () => {
    fake.failNext({ status: 502, body: '<html>Bad gateway</html>' })
    expect((await rejection(provider.send({ phoneNumber: PHONE }, ctx))).code).toBe('upstream_error')
    expect(fake.requests).toHaveLength(1)
    expect(fake.messages()).toHaveLength(0)
  })

  it('answers upstream_timeout when Prelude does not answer in time', async () => {
    const calls: string[] = []
    const timingOut = preludeProvider({
      apiKey: 'key',
      fetch: async (url) => {
        calls.push(String(url))
        throw new DOMException('The operation timed out', 'TimeoutError')
      },
    })
    expect((await rejection(timingOut.send({ phoneNumber: PHONE }, ctx))).code).toBe('upstream_timeout')
    expect(calls).toEqual(['https://api.prelude.dev/v2/verification'])
  })
})

describe('preludeProvider options', () => {
  it('announces deadlines from the resend policy given, for a Dashboard configured otherwise', async () => {
    const custom = preludeProvider({
      apiKey: fake.apiKey,
      baseUrl: fake.url,
      resendPolicy: { delaysSeconds: [10], maxResends: 1, windowSeconds: 300 },
    })
    const sent = await custom.send({ phoneNumber: PHONE }, ctx)
    expect(sent).toMatchObject({ remainingRetry: 1, nextRetryAt: new Date(START + 10_000), expiresAt: new Date(START + 300_000) })
    time += 10_000
    expect(await custom.retry(flowOf(sent), ctx)).toMatchObject({ status: 'approved', remainingRetry: 0 })
    expect((await custom.retry(flowOf(sent), ctx)).status).toBe('rate_limited')
  })

  it('answers aborted when the client has gone away', async () => {
    const controller = new AbortController()
    controller.abort()
    const error = await rejection(provider.send({ phoneNumber: PHONE }, { ...ctx, signal: controller.signal }))
    expect(error.code).toBe('aborted')
  })
})

describe('preludeProvider check', () => {
  it('checks the code by target and then answers already_validated without asking Prelude', async () => {
    const sent = await provider.send({ phoneNumber: PHONE }, ctx)
    const result = await provider.check(flowOf(sent), fake.latestCode(PHONE) ?? '', ctx)

    expect(result.status).toBe('valid')
    expect(fake.requests[1]?.body).toEqual({ target: { type: 'phone_number', value: PHONE }, code: fake.latestCode(PHONE) })
    expect((await provider.check(flowOf(sent), fake.latestCode(PHONE) ?? '', ctx)).status).toBe('already_validated')
    expect(fake.requests).toHaveLength(2)
  })

  it('counts wrong codes and answers rate_limited past the limit without asking Prelude', async () => {
    const sent = await provider.send({ phoneNumber: PHONE }, ctx)
    const statuses = []
    for (let attempt = 0; attempt < 6; attempt += 1) statuses.push((await provider.check(flowOf(sent), '000000', ctx)).status)

    expect(statuses).toEqual(['invalid', 'invalid', 'invalid', 'invalid', 'invalid', 'rate_limited'])
    expect(fake.requests).toHaveLength(6)
  })

  it('says how many checks each wrong code leaves', async () => {
    const sent = await provider.send({ phoneNumber: PHONE }, ctx)
    const left = []
    for (let attempt = 0; attempt < 5; attempt += 1)
      left.push((await provider.check(flowOf(sent), '000000', ctx)).remainingAttempts)

    expect(left).toEqual([4, 3, 2, 1, 0])
  })

  it('answers expired_auth after the window without asking Prelude', async () => {
    const sent = await provider.send({ phoneNumber: PHONE }, ctx)
    time += 600_000
    expect((await provider.check(flowOf(sent), fake.latestCode(PHONE) ?? '', ctx)).status).toBe('expired_auth')
    expect(fake.requests).toHaveLength(1)
  })

  it('answers expired_auth when Prelude has no open window any more', async () => {
    await fake.close()
    fake = await startFakePrelude({ generateCode, now: clock.now, windowSeconds: 60 })
    provider = preludeProvider({ apiKey: fake.apiKey, baseUrl: fake.url })
    const sent = await provider.send({ phoneNumber: PHONE }, ctx)
    time += 120_000
    expect((await provider.check(flowOf(sent), fake.latestCode(PHONE) ?? '', ctx)).status).toBe('expired_auth')
  })

  it('maps too_many_checks to rate_limited', async () => {
    const sent = await provider.send({ phoneNumber: PHONE }, ctx)
    fake.failNext({ status: 422, body: { code: 'too_many_checks', message: 'no more' } })
    expect((await provider.check(flowOf(sent), '111111', ctx)).status).toBe('rate_limited')
  })
})

describe('preludeProvider retry', () => {
  it('denies a resend before the delay without asking Prelude, then approves it with the next deadline', async () => {
    const sent = await provider.send({ phoneNumber: PHONE, locale: 'de-DE', deviceType: 'ANDROID' }, ctx)
    time += 5_000
    const early = await provider.retry(flowOf(sent), ctx)
    expect(early).toMatchObject({ status: 'denied', remainingRetry: 3 })
    expect(early.nextRetryAt?.getTime()).toBe(START + 30_000)
    expect(fake.requests).toHaveLength(1)

    time = START + 30_000
    const resent = await provider.retry(flowOf(sent), ctx)
    expect(resent).toMatchObject({ status: 'approved', remainingRetry: 2 })
    expect(resent.nextRetryAt?.getTime()).toBe(time + 60_000)
    expect(resent.state).toMatchObject({ sends: 2 })
    // The resend carries the first send's device fields again: they feed Prelude's fraud checks.
    expect(fake.requests[1]?.body).toMatchObject({ signals: { device_platform: 'android' }, options: { locale: 'de-DE' } })
  })

  it('answers rate_limited once every resend is used', async () => {
    const sent = await provider.send({ phoneNumber: PHONE }, ctx)
    let flow = flowOf(sent)
    for (const wait of [30_000, 60_000, 120_000]) {
      time += wait
      const resent = await provider.retry(flow, ctx)
      expect(resent.status).toBe('approved')
      flow = { ...flow, ...(resent.state === undefined ? {} : { state: resent.state }) }
    }
    time += 240_000
    expect(await provider.retry(flow, ctx)).toMatchObject({ status: 'rate_limited', remainingRetry: 0 })
    expect(fake.messages()).toHaveLength(4)
  })

  it("maps Prelude's repeated_attempts block on a resend to rate_limited", async () => {
    await fake.close()
    fake = await startFakePrelude({ generateCode, now: clock.now, maxAttempts: 1 })
    provider = preludeProvider({ apiKey: fake.apiKey, baseUrl: fake.url })
    const sent = await provider.send({ phoneNumber: PHONE }, ctx)
    time += 30_000
    expect((await provider.retry(flowOf(sent), ctx)).status).toBe('rate_limited')
  })

  it('answers already_validated and expired_auth without asking Prelude', async () => {
    const sent = await provider.send({ phoneNumber: PHONE }, ctx)
    await provider.check(flowOf(sent), fake.latestCode(PHONE) ?? '', ctx)
    time += 30_000
    expect((await provider.retry(flowOf(sent), ctx)).status).toBe('already_validated')

    const other = await provider.send({ phoneNumber: '+33698765432' }, ctx)
    time += 600_000
    expect((await provider.retry(flowOf(other, '+33698765432'), ctx)).status).toBe('expired_auth')
    expect(fake.requests).toHaveLength(3)
  })

  it('works from the flow token alone when the store has forgotten the authentication', async () => {
    const sent = await provider.send({ phoneNumber: PHONE }, ctx)
    const freshCtx = { ...ctx, store: createMemoryStore({ clock }) }
    time += 30_000
    expect((await provider.retry(flowOf(sent), freshCtx)).status).toBe('approved')
    expect((await provider.check(flowOf(sent), fake.latestCode(PHONE) ?? '', freshCtx)).status).toBe('valid')
  })
})

describe('preludeProvider channels', () => {
  it('offers SMS first, then WhatsApp and a call', () => {
    expect(provider.channels).toEqual(['sms', 'whatsapp', 'voice'])
  })

  it('denies a switch before the resend deadline without asking Prelude, as any early resend', async () => {
    const sent = await provider.send({ phoneNumber: PHONE }, ctx)
    time += 10_000
    const early = await provider.retry(flowOf(sent), ctx, { channel: 'voice' })
    expect(early).toMatchObject({ status: 'denied', remainingRetry: 3 })
    expect(early.nextRetryAt?.getTime()).toBe(START + 30_000)
    expect(fake.requests).toHaveLength(1)
  })

  it('answers a send for an open verification with the channel it went out on, sending nothing before the delay', async () => {
    await provider.send({ phoneNumber: PHONE, channel: 'whatsapp' }, ctx)
    const again = await provider.send({ phoneNumber: PHONE, channel: 'voice' }, ctx)
    expect(again).toMatchObject({ resent: true, channel: 'whatsapp' })
    expect(fake.requests).toHaveLength(1)
  })

  it('maps channel_not_enabled_in_region to unsupported_channel for a channel asked for, and unsupported_region otherwise', async () => {
    const notEnabled = { status: 422, body: { code: 'channel_not_enabled_in_region', message: 'not enabled' } }
    fake.failNext(notEnabled)
    expect((await rejection(provider.send({ phoneNumber: PHONE, channel: 'whatsapp' }, ctx))).code).toBe('unsupported_channel')
    fake.failNext(notEnabled)
    expect((await rejection(provider.send({ phoneNumber: PHONE }, ctx))).code).toBe('unsupported_region')
  })

  it('leaves a switch Prelude refuses unspent: the same resend by SMS goes out at once', async () => {
    const sent = await provider.send({ phoneNumber: PHONE }, ctx)
    time += 30_000
    fake.failNext({ status: 422, body: { code: 'channel_not_enabled_in_region', message: 'no calls here' } })
    expect((await rejection(provider.retry(flowOf(sent), ctx, { channel: 'voice' }))).code).toBe('unsupported_channel')
    expect(await provider.retry(flowOf(sent), ctx)).toMatchObject({ status: 'approved', remainingRetry: 2 })
  })

  it('refuses a channel Prelude does not have without asking it', async () => {
    expect((await rejection(provider.send({ phoneNumber: PHONE, channel: 'fax' }, ctx))).code).toBe('unsupported_channel')
    expect(fake.requests).toHaveLength(0)
  })
})

describe('preludeProviderFromEnv', () => {
  it('returns undefined when Prelude is not configured', () => {
    expect(preludeProviderFromEnv({})).toBeUndefined()
    expect(preludeProviderFromEnv({ PRELUDE_API_KEY: '  ' })).toBeUndefined()
  })

  it('names the missing key when only the base URL is set', () => {
    expect(() => preludeProviderFromEnv({ PRELUDE_BASE_URL: 'http://127.0.0.1:1/v2' })).toThrow(/PRELUDE_API_KEY/)
  })

  it('builds a provider that talks to PRELUDE_BASE_URL with PRELUDE_API_KEY', async () => {
    const fromEnv = preludeProviderFromEnv({ PRELUDE_API_KEY: fake.apiKey, PRELUDE_BASE_URL: fake.url })
    expect(fromEnv?.name).toBe('prelude')
    expect((await fromEnv?.send({ phoneNumber: PHONE }, ctx))?.status).toBe('pending')
  })

  it('reads PRELUDE_BASE_URL as a host, as the Prelude SDKs do, and adds /v2', async () => {
    const fromEnv = preludeProviderFromEnv({ PRELUDE_API_KEY: fake.apiKey, PRELUDE_BASE_URL: `${fake.origin}/` })
    const sent = await fromEnv?.send({ phoneNumber: PHONE }, ctx)
    expect(sent?.status).toBe('pending')
    expect((await fromEnv?.check(flowOf(sent as ProviderSendResult), fake.latestCode(PHONE) ?? '', ctx))?.status).toBe('valid')
    expect(fake.requests.map((request) => request.path)).toEqual(['/v2/verification', '/v2/verification/check'])
  })

  it('names PRELUDE_BASE_URL when it is not an http(s) URL', () => {
    expect(() => preludeProviderFromEnv({ PRELUDE_API_KEY: fake.apiKey, PRELUDE_BASE_URL: 'api.prelude.dev' })).toThrow(
      /PRELUDE_BASE_URL must be an http\(s\) URL/,
    )
  })
})

describe('preludeProvider baseUrl', () => {
  it.each([
    ['the host', () => fake.origin],
    ['the host with a trailing slash', () => `${fake.origin}/`],
    ['the host and /v2', () => fake.url],
    ['the host and /v2/', () => `${fake.url}/`],
  ])("reaches Prelude's routes with %s", async (_form, baseUrl) => {
    const provider = preludeProvider({ apiKey: fake.apiKey, baseUrl: baseUrl() })
    const sent = await provider.send({ phoneNumber: PHONE }, ctx)
    expect(sent.status).toBe('pending')
    expect((await provider.check(flowOf(sent), fake.latestCode(PHONE) ?? '', ctx)).status).toBe('valid')
    expect(fake.requests.map((request) => request.path)).toEqual(['/v2/verification', '/v2/verification/check'])
  })

  it('keeps a path of its own as given, for a proxy that names the version itself', async () => {
    const calls: string[] = []
    const recording: typeof fetch = async (input, init) => {
      calls.push(String(input))
      return fetch(`${fake.url}/verification`, init)
    }
    const proxied = preludeProvider({ apiKey: fake.apiKey, baseUrl: 'https://proxy.example.com/prelude/v2', fetch: recording })
    await proxied.send({ phoneNumber: PHONE }, ctx)
    expect(calls).toEqual(['https://proxy.example.com/prelude/v2/verification'])
  })
})

describe('the Prelude fake', () => {
  it("refuses a field outside Prelude's request schema, naming it", async () => {
    const response = await fetch(`${fake.url}/verification`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fake.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ target: { type: 'phone_number', value: PHONE }, signals: { existing_user: true } }),
    })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ code: 'invalid_request', param: 'signals.existing_user' })
    expect(fake.messages()).toEqual([])
  })

  it('refuses a request without the bearer key and a body that is not JSON', async () => {
    const noKey = await fetch(`${fake.url}/verification`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    })
    expect(noKey.status).toBe(401)
    const form = await fetch(`${fake.url}/verification`, {
      method: 'POST',
      body: 'target=x',
      headers: { authorization: `Bearer ${fake.apiKey}`, 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(form.status).toBe(400)
  })
})
