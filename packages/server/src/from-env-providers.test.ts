import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createOtpHandlerFromEnv } from './from-env'
import { type FakePrelude, startFakePrelude } from './testing/fake-prelude'
import { type FakeTwilio, startFakeTwilio } from './testing/fake-twilio'

const SECRET = 'test-secret-that-is-at-least-32-bytes-long!'
const quiet = { logger: false as const, warn: () => {} }

const send = (phoneNumber: string) =>
  new Request('http://localhost:5173/api/otp/authentication', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'http://localhost:5173' },
    body: JSON.stringify({ phone_number: phoneNumber }),
  })

let prelude: FakePrelude
let twilio: FakeTwilio
let preludeEnv: Record<string, string>
let twilioEnv: Record<string, string>

beforeEach(async () => {
  prelude = await startFakePrelude()
  twilio = await startFakeTwilio()
  preludeEnv = { PRELUDE_API_KEY: prelude.apiKey, PRELUDE_BASE_URL: prelude.url }
  twilioEnv = {
    TWILIO_API_KEY_SID: twilio.apiKeySid,
    TWILIO_API_KEY_SECRET: twilio.apiKeySecret,
    TWILIO_VERIFY_SERVICE_SID: twilio.serviceSid,
    TWILIO_BASE_URL: twilio.url,
  }
})

afterEach(async () => {
  await prelude.close()
  await twilio.close()
})

describe('createOtpHandlerFromEnv with Prelude and Twilio', () => {
  it('serves Prelude when only its variables are set, sending through PRELUDE_BASE_URL', async () => {
    const handler = createOtpHandlerFromEnv({ ...preludeEnv, OTP_SECRET: SECRET }, quiet)
    expect(handler.provider.name).toBe('prelude')
    const response = await handler(send('+33612345678'))
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ status: 'pending', remaining_retry: 3 })
    expect(prelude.messages()).toHaveLength(1)
  })

  it('serves Twilio when only its variables are set, sending through TWILIO_BASE_URL', async () => {
    const handler = createOtpHandlerFromEnv({ ...twilioEnv, OTP_SECRET: SECRET }, quiet)
    expect(handler.provider.name).toBe('twilio')
    const response = await handler(send('+14155552671'))
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ status: 'pending', remaining_retry: 4 })
    expect(twilio.messages()).toHaveLength(1)
  })

  it('refuses to guess when several providers are configured, naming them and OTP_PROVIDER', () => {
    const env = { ...preludeEnv, ...twilioEnv, DING_API_KEY: 'key', DING_CUSTOMER_UUID: 'uuid', OTP_SECRET: SECRET }
    expect(() => createOtpHandlerFromEnv(env, quiet)).toThrow(/ding, prelude, twilio.*OTP_PROVIDER/)
  })

  it('lets OTP_PROVIDER choose among configured providers, the sandbox included', () => {
    const env = { ...preludeEnv, ...twilioEnv, OTP_SECRET: SECRET }
    expect(createOtpHandlerFromEnv({ ...env, OTP_PROVIDER: 'twilio' }, quiet).provider.name).toBe('twilio')
    expect(createOtpHandlerFromEnv({ ...env, OTP_PROVIDER: 'Prelude' }, quiet).provider.name).toBe('prelude')
    expect(createOtpHandlerFromEnv({ ...env, OTP_PROVIDER: 'sandbox' }, quiet).provider.name).toBe('sandbox')
  })

  it('refuses to start when a provider is half-configured, even beside a complete one', () => {
    const env = {
      ...preludeEnv,
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_VERIFY_SERVICE_SID: twilio.serviceSid,
      OTP_SECRET: SECRET,
    }
    expect(() => createOtpHandlerFromEnv(env, quiet)).toThrow(/TWILIO_AUTH_TOKEN/)
    expect(() => createOtpHandlerFromEnv({ PRELUDE_BASE_URL: prelude.url, OTP_SECRET: SECRET }, quiet)).toThrow(/PRELUDE_API_KEY/)
  })

  it('refuses OTP_PROVIDER=twilio without the Twilio variables', () => {
    expect(() => createOtpHandlerFromEnv({ ...preludeEnv, OTP_PROVIDER: 'twilio', OTP_SECRET: SECRET }, quiet)).toThrow(/not set/)
  })
})
