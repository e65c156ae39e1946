import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createOtpHandlerFromEnv } from '../from-env'
import { type FakeDing, startFakeDing } from '../testing/fake-ding'
import { type FakePrelude, startFakePrelude } from '../testing/fake-prelude'
import { type FakeTwilio, startFakeTwilio } from '../testing/fake-twilio'
import { apiRoot } from './base-url'

describe('apiRoot', () => {
  it('adds the version to a host alone', () => {
    expect(apiRoot('https://api.prelude.dev', '/v2', 'PRELUDE_BASE_URL')).toBe('https://api.prelude.dev/v2')
    expect(apiRoot('https://api.prelude.dev/', '/v2', 'PRELUDE_BASE_URL')).toBe('https://api.prelude.dev/v2')
    expect(apiRoot(' https://verify.twilio.com// ', '/v2', 'TWILIO_BASE_URL')).toBe('https://verify.twilio.com/v2')
    expect(apiRoot('http://127.0.0.1:4010', '/v1', 'DING_BASE_URL')).toBe('http://127.0.0.1:4010/v1')
  })

  it('keeps a URL that already names the version, without its trailing slash', () => {
    expect(apiRoot('https://api.prelude.dev/v2', '/v2', 'PRELUDE_BASE_URL')).toBe('https://api.prelude.dev/v2')
    expect(apiRoot('https://api.ding.live/v1/', '/v1', 'DING_BASE_URL')).toBe('https://api.ding.live/v1')
  })

  it("keeps a proxy's own path as given", () => {
    expect(apiRoot('https://proxy.example.com/prelude/v2', '/v2', 'PRELUDE_BASE_URL')).toBe(
      'https://proxy.example.com/prelude/v2',
    )
  })

  it('refuses what is not an http(s) URL, or carries a query or a fragment, naming the setting', () => {
    expect(() => apiRoot('api.prelude.dev', '/v2', 'PRELUDE_BASE_URL')).toThrow(/^PRELUDE_BASE_URL must be an http\(s\) URL/)
    expect(() => apiRoot('ftp://api.ding.live', '/v1', 'DING_BASE_URL')).toThrow(/^DING_BASE_URL must be an http\(s\) URL/)
    expect(() => apiRoot('https://verify.twilio.com?x=1', '/v2', 'TWILIO_BASE_URL')).toThrow(/query or a fragment/)
    expect(() => apiRoot('https://verify.twilio.com/v2#x', '/v2', 'TWILIO_BASE_URL')).toThrow(/query or a fragment/)
  })
})

describe('createOtpHandlerFromEnv with base URLs given as hosts', () => {
  const SECRET = 'test-secret-that-is-at-least-32-bytes-long!'
  const quiet = { logger: false as const, warn: () => {} }
  const send = (phoneNumber: string) =>
    new Request('http://localhost:5173/api/otp/authentication', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost:5173' },
      body: JSON.stringify({ phone_number: phoneNumber }),
    })

  let ding: FakeDing
  let prelude: FakePrelude
  let twilio: FakeTwilio

  beforeEach(async () => {
    ding = await startFakeDing()
    prelude = await startFakePrelude()
    twilio = await startFakeTwilio()
  })

  afterEach(async () => {
    await ding.close()
    await prelude.close()
    await twilio.close()
  })

  it('starts with PRELUDE_BASE_URL set as Prelude documents it for its SDKs, and sends through it', async () => {
    const handler = createOtpHandlerFromEnv(
      { PRELUDE_API_KEY: prelude.apiKey, PRELUDE_BASE_URL: prelude.origin, OTP_SECRET: SECRET },
      quiet,
    )
    expect((await handler(send('+33612345678'))).status).toBe(200)
    expect(prelude.requests.map((request) => request.path)).toEqual(['/v2/verification'])
  })

  it('starts with TWILIO_BASE_URL set to the host, and sends through it', async () => {
    const handler = createOtpHandlerFromEnv(
      {
        TWILIO_ACCOUNT_SID: twilio.accountSid,
        TWILIO_AUTH_TOKEN: twilio.authToken,
        TWILIO_VERIFY_SERVICE_SID: twilio.serviceSid,
        TWILIO_BASE_URL: twilio.origin,
        OTP_SECRET: SECRET,
      },
      quiet,
    )
    expect((await handler(send('+14155552671'))).status).toBe(200)
    expect(twilio.requests.map((request) => request.path)).toEqual([`/v2/Services/${twilio.serviceSid}/Verifications`])
  })

  it('starts with DING_BASE_URL set to the host, and sends through it', async () => {
    const handler = createOtpHandlerFromEnv(
      { DING_API_KEY: ding.apiKey, DING_CUSTOMER_UUID: ding.customerUuid, DING_BASE_URL: ding.origin, OTP_SECRET: SECRET },
      quiet,
    )
    expect((await handler(send('+14155552671'))).status).toBe(200)
    expect(ding.requests.map((request) => request.path)).toEqual(['/v1/authentication'])
  })
})
