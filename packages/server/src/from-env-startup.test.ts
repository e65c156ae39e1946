import { describe, expect, it } from 'vitest'
import { createOtpHandlerFromEnv } from './from-env'

function collect() {
  const warnings: string[] = []
  return { warnings, overrides: { logger: false as const, warn: (message: string) => warnings.push(message) } }
}

describe('createOtpHandlerFromEnv: the sandbox warning', () => {
  it('says the sandbox was chosen, not that credentials are missing, when OTP_PROVIDER=sandbox beside real ones', () => {
    const { warnings, overrides } = collect()
    const handler = createOtpHandlerFromEnv(
      { OTP_PROVIDER: 'sandbox', DING_API_KEY: 'key', DING_CUSTOMER_UUID: 'uuid' },
      overrides,
    )
    expect(handler.sandbox).toBeDefined()
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain('OTP_PROVIDER=sandbox')
    expect(warnings[0]).toContain('SANDBOX')
    expect(warnings[0]).not.toContain('no provider credentials set')
  })

  it('names the variables to set when none are', () => {
    const { warnings, overrides } = collect()
    createOtpHandlerFromEnv({}, overrides)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/no provider credentials set \(DING_API_KEY.*PRELUDE_API_KEY.*TWILIO_/)
  })
})

describe('createOtpHandlerFromEnv: provider base URLs', () => {
  const secret = 'a-signing-secret-of-at-least-32-bytes!'
  it.each([
    ['DING_BASE_URL', { DING_API_KEY: 'key', DING_CUSTOMER_UUID: 'uuid' }],
    ['PRELUDE_BASE_URL', { PRELUDE_API_KEY: 'key' }],
    ['TWILIO_BASE_URL', { TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 'token', TWILIO_VERIFY_SERVICE_SID: 'VA1' }],
  ])('refuses to start when %s is not an http(s) URL, naming it', (name, credentials) => {
    for (const value of ['not a url', 'api.example.com/v1', 'ftp://proxy.example.com']) {
      expect(() => createOtpHandlerFromEnv({ ...credentials, OTP_SECRET: secret, [name]: value }, collect().overrides)).toThrow(
        name,
      )
    }
    const handler = createOtpHandlerFromEnv(
      { ...credentials, OTP_SECRET: secret, [name]: 'https://proxy.example.com/v1' },
      collect().overrides,
    )
    expect(handler.sandbox).toBeUndefined()
  })
})
