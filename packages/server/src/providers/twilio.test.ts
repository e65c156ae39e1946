import { isOtpError, type OtpError } from '@otpflow/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMemoryStore } from '../store'
import { type FakeTwilio, type FakeTwilioOptions, startFakeTwilio } from '../testing/fake-twilio'
import { twilioLocale, twilioProviderFromEnv, twilioVerifyProvider } from './twilio'
import type { OtpProvider, ProviderContext, ProviderFlow, ProviderSendResult } from './types'

const PHONE = '+14155552671'
const START = Date.parse('2026-11-26T12:00:00Z')

let time = START
const clock = { now: () => time }
// Distinct codes that never collide with the wrong guesses these tests type (000000, 111111).
let issued = 0
const generateCode = () => String(100_000 + ++issued)
let fake: FakeTwilio
let provider: OtpProvider
let ctx: ProviderContext

async function restartFake(options: FakeTwilioOptions = {}) {
  await fake?.close()
  fake = await startFakeTwilio({ generateCode, now: clock.now, ...options })
  provider = twilioVerifyProvider({
    accountSid: fake.accountSid,
    authToken: fake.authToken,
    serviceSid: fake.serviceSid,
    baseUrl: fake.url,
  })
}

beforeEach(async () => {
  time = START
  await restartFake()
  ctx = { store: createMemoryStore({ clock }), clock, ip: '198.51.100.4', userAgent: 'Mozilla/5.0' }
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

describe('twilioVerifyProvider send', () => {
  it('starts a verification with Basic auth and a form body, and answers pending with the policy deadlines', async () => {
    const sent = await provider.send({ phoneNumber: PHONE, locale: 'fr-FR', deviceType: 'WEB', isReturningUser: true }, ctx)

    expect(sent).toMatchObject({ status: 'pending', resent: false, remainingRetry: 4 })
    expect(sent.expiresAt.getTime()).toBe(START + 600_000)
    expect(sent.nextRetryAt?.getTime()).toBe(START + 30_000)
    const [request] = fake.requests
    expect(request?.path).toBe(`/v2/Services/${fake.serviceSid}/Verifications`)
    expect(request?.headers.authorization).toBe(`Basic ${btoa(`${fake.accountSid}:${fake.authToken}`)}`)
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(request?.body).toEqual({ To: PHONE, Channel: 'sms', Locale: 'fr', DeviceIp: '198.51.100.4' })
  })

  it('accepts an API key SID and secret instead of the Auth Token', async () => {
    const withKey = twilioVerifyProvider({
      apiKeySid: fake.apiKeySid,
      apiKeySecret: fake.apiKeySecret,
      serviceSid: fake.serviceSid,
      baseUrl: fake.url,
    })
    expect((await withKey.send({ phoneNumber: PHONE }, ctx)).status).toBe('pending')
    expect(fake.requests[0]?.headers.authorization).toBe(`Basic ${btoa(`${fake.apiKeySid}:${fake.apiKeySecret}`)}`)
  })

  it('leaves out a locale Verify does not support, and sends again without one if Twilio still refuses it', async () => {
    await provider.send({ phoneNumber: PHONE, locale: 'kk-KZ' }, ctx)
    expect(fake.requests[0]?.body).not.toHaveProperty('Locale')

    fake.failNext({ status: 404, body: { code: 20404, message: 'Not found', status: 404 } })
    const sent = await provider.send({ phoneNumber: '+14155550000', locale: 'pt-BR' }, ctx)
    expect(sent.status).toBe('pending')
    expect(fake.requests.slice(1).map((request) => request.body?.Locale)).toEqual(['pt-BR', undefined])
    expect(fake.messages()).toHaveLength(2)
  })

  it('answers a second send for the same number with the same authentication and verification', async () => {
    const first = await provider.send({ phoneNumber: PHONE }, ctx)
    time += 45_000
    const second = await provider.send({ phoneNumber: PHONE }, ctx)

    expect(second).toMatchObject({ authenticationUuid: first.authenticationUuid, resent: true, remainingRetry: 3 })
    const sids = new Set(fake.messages().map((message) => message.verificationSid))
    expect(sids.size).toBe(1)
    expect(fake.messages()).toHaveLength(2)
  })

  it('marks as resent a verification Twilio already had pending for the number', async () => {
    const otherInstance = { ...ctx, store: createMemoryStore({ clock }) }
    await provider.send({ phoneNumber: PHONE }, otherInstance)
    const sent = await provider.send({ phoneNumber: PHONE }, ctx)
    expect(sent).toMatchObject({ status: 'pending', resent: true, remainingRetry: 3 })
  })

  it('maps Fraud Guard and Device Intelligence blocks to spam_detected', async () => {
    fake.reject(PHONE, { status: 403, code: 60410, message: 'Fraud Guard' })
    fake.reject('+14155550001', { status: 403, code: 60413, message: 'Device Intelligence' })
    expect((await provider.send({ phoneNumber: PHONE }, ctx)).status).toBe('spam_detected')
    expect((await provider.send({ phoneNumber: '+14155550001' }, ctx)).status).toBe('spam_detected')
  })

  it('maps the send limit and the per-number burst limit to rate_limited', async () => {
    fake.reject(PHONE, {
      status: 429,
      code: 60212,
      message: 'Too many concurrent requests for phone number',
      headers: { 'retry-after': '20' },
    })
    const sent = await provider.send({ phoneNumber: PHONE }, ctx)
    expect(sent.status).toBe('rate_limited')
    expect(sent.nextRetryAt?.getTime()).toBe(START + 20_000)
  })

  it('throws invalid_phone_number, invalid_line and unsupported_region for the number errors', async () => {
    expect((await rejection(provider.send({ phoneNumber: '4155552671' }, ctx))).code).toBe('invalid_phone_number')
    fake.reject('+14155550002', { status: 403, code: 60205, message: 'SMS is not supported by landline phone number' })
    expect((await rejection(provider.send({ phoneNumber: '+14155550002' }, ctx))).code).toBe('invalid_line')
    fake.reject('+14155550003', { status: 403, code: 60605, message: 'Verification delivery attempt blocked' })
    expect((await rejection(provider.send({ phoneNumber: '+14155550003' }, ctx))).code).toBe('unsupported_region')
  })

  it('answers service_unavailable for refused credentials or an unknown Service, keeping the secret out', async () => {
    const wrong = twilioVerifyProvider({
      accountSid: fake.accountSid,
      authToken: 'wrong-token-123',
      serviceSid: fake.serviceSid,
      baseUrl: fake.url,
    })
    const error = await rejection(wrong.send({ phoneNumber: PHONE }, ctx))
    expect(error).toMatchObject({ code: 'service_unavailable', status: 503 })
    expect(error.message).not.toContain('wrong-token-123')
    expect(error.cause).toMatchObject({ provider: 'twilio', status: 401, code: 20003 })

    const noService = twilioVerifyProvider({
      accountSid: fake.accountSid,
      authToken: fake.authToken,
      serviceSid: 'VAmissing',
      baseUrl: fake.url,
    })
    expect((await rejection(noService.send({ phoneNumber: PHONE }, ctx))).code).toBe('service_unavailable')
  })

  it("turns Twilio's account-wide 20429 into rate_limited with retryAfter, and a 5xx into upstream_error without replay", async () => {
    fake.failNext({
      status: 429,
      body: { code: 20429, message: 'Too many requests', status: 429 },
      headers: { 'retry-after': '3' },
    })
    expect(await rejection(provider.send({ phoneNumber: PHONE }, ctx))).toMatchObject({ code: 'rate_limited', retryAfter: 3 })

    fake.failNext({ status: 503, body: '<html>Service Unavailable</html>' })
    expect((await rejection(provider.send({ phoneNumber: PHONE }, ctx))).code).toBe('upstream_error')
    expect(fake.requests).toHaveLength(2)
  })
})

describe('twilioVerifyProvider check', () => {
  it('checks by VerificationSid and then answers already_validated without asking Twilio', async () => {
    const sent = await provider.send({ phoneNumber: PHONE }, ctx)
    const code = fake.latestCode(PHONE) ?? ''
    expect((await provider.check(flowOf(sent), code, ctx)).status).toBe('valid')
    expect(fake.requests[1]?.body).toEqual({ VerificationSid: fake.messages()[0]?.verificationSid, Code: code })
    expect((await provider.check(flowOf(sent), code, ctx)).status).toBe('already_validated')
    expect(fake.requests).toHaveLength(2)
  })

  it('answers invalid for a wrong code, and for a code of impossible length without asking Twilio', async () => {
    const sent = await provider.send({ phoneNumber: PHONE }, ctx)
    expect((await provider.check(flowOf(sent), '000000', ctx)).status).toBe('invalid')
    expect((await provider.check(flowOf(sent), '12', ctx)).status).toBe('invalid')
    expect(fake.requests).toHaveLength(2)
  })

  it("maps Twilio's 60202 check limit to rate_limited", async () => {
    await restartFake({ maxChecks: 2 })
    const sent = await provider.send({ phoneNumber: PHONE }, ctx)
    const statuses = []
    for (let attempt = 0; attempt < 3; attempt += 1) statuses.push((await provider.check(flowOf(sent), '000000', ctx)).status)
    expect(statuses).toEqual(['invalid', 'invalid', 'rate_limited'])
  })

  it('answers expired_auth when Twilio has deleted an expired verification (404)', async () => {
    await restartFake({ validitySeconds: 60 })
    const sent = await provider.send({ phoneNumber: PHONE }, ctx)
    time += 120_000
    expect((await provider.check(flowOf(sent), fake.latestCode(PHONE) ?? '', ctx)).status).toBe('expired_auth')
  })

  it('answers expired_auth after the local expiry without asking Twilio', async () => {
    const sent = await provider.send({ phoneNumber: PHONE }, ctx)
    time += 600_000
    expect((await provider.check(flowOf(sent), fake.latestCode(PHONE) ?? '', ctx)).status).toBe('expired_auth')
    expect(fake.requests).toHaveLength(1)
  })
})

describe('twilioVerifyProvider retry', () => {
  it('resends the same verification and counts the sends Twilio reports', async () => {
    const sent = await provider.send({ phoneNumber: PHONE, locale: 'es-MX' }, ctx)
    time += 30_000
    const resent = await provider.retry(flowOf(sent), ctx)
    expect(resent).toMatchObject({ status: 'approved', remainingRetry: 3, state: { sends: 2 } })
    expect(resent.nextRetryAt?.getTime()).toBe(time + 60_000)
    expect(fake.requests[1]?.body).toMatchObject({ To: PHONE, Locale: 'es' })
    expect(new Set(fake.messages().map((message) => message.code)).size).toBe(1)
  })

  it("maps Twilio's 60203 send limit to rate_limited", async () => {
    await restartFake({ maxSends: 1 })
    const sent = await provider.send({ phoneNumber: PHONE }, ctx)
    time += 30_000
    expect((await provider.retry(flowOf(sent), ctx)).status).toBe('rate_limited')
  })

  it('denies a resend before the delay without asking Twilio', async () => {
    const sent = await provider.send({ phoneNumber: PHONE }, ctx)
    expect((await provider.retry(flowOf(sent), ctx)).status).toBe('denied')
    expect(fake.requests).toHaveLength(1)
  })

  it('answers denied when Fraud Guard blocks the resend', async () => {
    const sent = await provider.send({ phoneNumber: PHONE }, ctx)
    fake.reject(PHONE, { status: 403, code: 60410, message: 'Fraud Guard' })
    time += 30_000
    expect((await provider.retry(flowOf(sent), ctx)).status).toBe('denied')
  })
})

describe('twilioVerifyProvider channels', () => {
  it('offers the channel option first, then the others, a call as voice', async () => {
    expect(provider.channels).toEqual(['sms', 'whatsapp', 'voice'])
    const calling = twilioVerifyProvider({
      accountSid: fake.accountSid,
      authToken: fake.authToken,
      serviceSid: fake.serviceSid,
      baseUrl: fake.url,
      channel: 'call',
    })
    expect(calling.channels).toEqual(['voice', 'sms', 'whatsapp'])
  })

  it('denies a switch before the resend deadline without asking Twilio', async () => {
    const sent = await provider.send({ phoneNumber: PHONE }, ctx)
    time += 10_000
    expect(await provider.retry(flowOf(sent), ctx, { channel: 'voice' })).toMatchObject({ status: 'denied', remainingRetry: 4 })
    expect(fake.requests).toHaveLength(1)
  })

  it('maps 60223 to unsupported_channel for a switch, and to service_unavailable for the usual channel', async () => {
    const sent = await provider.send({ phoneNumber: PHONE }, ctx)
    time += 30_000
    const disabled = { status: 400, body: { code: 60223, message: 'Delivery channel disabled: WHATSAPP' } }
    fake.failNext(disabled)
    expect((await rejection(provider.retry(flowOf(sent), ctx, { channel: 'whatsapp' }))).code).toBe('unsupported_channel')
    // Nothing was sent: the resend on the usual channel goes out at once.
    expect(await provider.retry(flowOf(sent), ctx)).toMatchObject({ status: 'approved' })
    fake.failNext(disabled)
    expect((await rejection(provider.send({ phoneNumber: '+14155552672' }, ctx))).code).toBe('service_unavailable')
  })
})

describe('twilioLocale', () => {
  it('keeps the regional tags Verify knows and falls back on the language', () => {
    expect(twilioLocale('pt-br')).toBe('pt-BR')
    expect(twilioLocale('en-GB')).toBe('en-GB')
    expect(twilioLocale('en-US')).toBe('en')
    expect(twilioLocale('kk')).toBeUndefined()
    expect(twilioLocale(undefined)).toBeUndefined()
  })
})

describe('twilioProviderFromEnv', () => {
  const serviceSid = 'VA00000000000000000000000000000001'

  it('returns undefined when Twilio is not configured', () => {
    expect(twilioProviderFromEnv({ PRELUDE_API_KEY: 'x' })).toBeUndefined()
  })

  it('names the missing variable when Twilio is half-configured', () => {
    expect(() => twilioProviderFromEnv({ TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 't' })).toThrow(
      /TWILIO_VERIFY_SERVICE_SID/,
    )
    expect(() => twilioProviderFromEnv({ TWILIO_ACCOUNT_SID: 'AC1', TWILIO_VERIFY_SERVICE_SID: serviceSid })).toThrow(
      /TWILIO_AUTH_TOKEN/,
    )
    expect(() => twilioProviderFromEnv({ TWILIO_AUTH_TOKEN: 't', TWILIO_VERIFY_SERVICE_SID: serviceSid })).toThrow(
      /TWILIO_ACCOUNT_SID/,
    )
    expect(() => twilioProviderFromEnv({ TWILIO_API_KEY_SID: 'SK1', TWILIO_VERIFY_SERVICE_SID: serviceSid })).toThrow(
      /TWILIO_API_KEY_SECRET/,
    )
    expect(() => twilioProviderFromEnv({ TWILIO_API_KEY_SECRET: 's', TWILIO_VERIFY_SERVICE_SID: serviceSid })).toThrow(
      /TWILIO_API_KEY_SID/,
    )
    expect(() => twilioProviderFromEnv({ TWILIO_BASE_URL: 'http://127.0.0.1:1/v2' })).toThrow(/TWILIO_ACCOUNT_SID/)
  })

  it('builds a provider from an API key pair without an Account SID, talking to TWILIO_BASE_URL', async () => {
    const fromEnv = twilioProviderFromEnv({
      TWILIO_API_KEY_SID: fake.apiKeySid,
      TWILIO_API_KEY_SECRET: fake.apiKeySecret,
      TWILIO_VERIFY_SERVICE_SID: fake.serviceSid,
      TWILIO_BASE_URL: fake.url,
    })
    expect(fromEnv?.name).toBe('twilio')
    expect((await fromEnv?.send({ phoneNumber: PHONE }, ctx))?.status).toBe('pending')
  })

  it('reads TWILIO_BASE_URL given as a host, as Twilio names its server, and adds /v2', async () => {
    const fromEnv = twilioProviderFromEnv({
      TWILIO_ACCOUNT_SID: fake.accountSid,
      TWILIO_AUTH_TOKEN: fake.authToken,
      TWILIO_VERIFY_SERVICE_SID: fake.serviceSid,
      TWILIO_BASE_URL: fake.origin,
    })
    const sent = await fromEnv?.send({ phoneNumber: PHONE }, ctx)
    expect(sent?.status).toBe('pending')
    expect(fake.requests.map((request) => request.path)).toEqual([`/v2/Services/${fake.serviceSid}/Verifications`])
  })

  it('names TWILIO_BASE_URL when it is not an http(s) URL', () => {
    const env = { TWILIO_ACCOUNT_SID: fake.accountSid, TWILIO_AUTH_TOKEN: fake.authToken, TWILIO_VERIFY_SERVICE_SID: 'VA1' }
    expect(() => twilioProviderFromEnv({ ...env, TWILIO_BASE_URL: 'verify.twilio.com' })).toThrow(
      /TWILIO_BASE_URL must be an http\(s\) URL/,
    )
  })
})

describe('twilioVerifyProvider baseUrl', () => {
  it.each([
    ['the host', () => fake.origin],
    ['the host with a trailing slash', () => `${fake.origin}/`],
    ['the host and /v2', () => fake.url],
    ['the host and /v2/', () => `${fake.url}/`],
  ])('reaches the Verify routes with %s', async (_form, baseUrl) => {
    const provider = twilioVerifyProvider({
      accountSid: fake.accountSid,
      authToken: fake.authToken,
      serviceSid: fake.serviceSid,
      baseUrl: baseUrl(),
    })
    const sent = await provider.send({ phoneNumber: PHONE }, ctx)
    expect(sent.status).toBe('pending')
    expect((await provider.check(flowOf(sent), fake.latestCode(PHONE) ?? '', ctx)).status).toBe('valid')
    expect(fake.requests.map((request) => request.path)).toEqual([
      `/v2/Services/${fake.serviceSid}/Verifications`,
      `/v2/Services/${fake.serviceSid}/VerificationCheck`,
    ])
  })
})

describe('the Twilio fake', () => {
  it('refuses a JSON body with 400 / 60200 and missing credentials with 401 / 20003', async () => {
    const url = `${fake.url}/Services/${fake.serviceSid}/Verifications`
    const authorization = `Basic ${btoa(`${fake.accountSid}:${fake.authToken}`)}`
    const json = await fetch(url, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ To: PHONE }),
    })
    expect(json.status).toBe(400)
    expect(await json.json()).toMatchObject({ code: 60200 })
    const anonymous = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `To=${encodeURIComponent(PHONE)}`,
    })
    expect(anonymous.status).toBe(401)
    expect(await anonymous.json()).toMatchObject({ code: 20003 })
  })

  it('answers 404 / 20404 once a verification is approved, expired or past the check limit', async () => {
    const authorization = `Basic ${btoa(`${fake.accountSid}:${fake.authToken}`)}`
    const form = (fields: Record<string, string>) => ({
      method: 'POST',
      headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    })
    const start = async (to: string) => {
      const response = await fetch(`${fake.url}/Services/${fake.serviceSid}/Verifications`, form({ To: to, Channel: 'sms' }))
      return ((await response.json()) as { sid: string }).sid
    }
    const check = (sid: string, code: string) =>
      fetch(`${fake.url}/Services/${fake.serviceSid}/VerificationCheck`, form({ VerificationSid: sid, Code: code }))

    const approved = await start(PHONE)
    expect((await check(approved, fake.latestCode(PHONE) ?? '')).status).toBe(200)
    expect((await check(approved, fake.latestCode(PHONE) ?? '')).status).toBe(404)

    const expired = await start('+14155550010')
    time += 600_000
    expect((await check(expired, fake.latestCode('+14155550010') ?? '')).status).toBe(404)

    const guessed = await start('+14155550011')
    for (let attempt = 0; attempt < 5; attempt += 1) expect((await check(guessed, '000000')).status).toBe(200)
    const limit = await check(guessed, '000000')
    expect(limit.status).toBe(429)
    expect(await limit.json()).toMatchObject({ code: 60202 })
    expect((await check(guessed, fake.latestCode('+14155550011') ?? '')).status).toBe(404)
  })
})

describe('twilioVerifyProvider under concurrency', () => {
  it('sends one SMS for five resends asked at the same time, and the next slot opens after its delay', async () => {
    const sent = await provider.send({ phoneNumber: PHONE }, ctx)
    time += 30_000
    const answers = await Promise.all([0, 1, 2, 3, 4].map(() => provider.retry(flowOf(sent), ctx)))
    expect(answers.map((answer) => answer.status).sort()).toEqual(['approved', 'denied', 'denied', 'denied', 'denied'])
    expect(fake.requests).toHaveLength(2)
    time += 60_000
    expect((await provider.retry(flowOf(sent), ctx)).status).toBe('approved')
    expect(fake.requests).toHaveLength(3)
  })

  it('frees the resend when Twilio fails, so the next try reaches it', async () => {
    const sent = await provider.send({ phoneNumber: PHONE }, ctx)
    time += 30_000
    fake.failNext({ status: 503, body: { code: 20500, message: 'down' } })
    await expect(provider.retry(flowOf(sent), ctx)).rejects.toMatchObject({ code: 'upstream_error' })
    expect((await provider.retry(flowOf(sent), ctx)).status).toBe('approved')
  })
})
