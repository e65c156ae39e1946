import type { SandboxMessage } from '@otpflow/core/sandbox'
import { describe, expect, it, vi } from 'vitest'
import { createOtpHandlerFromEnv } from './from-env'
import { sandboxProvider } from './providers/sandbox'
import type { OtpProvider } from './providers/types'

const SECRET = 'test-secret-that-is-at-least-32-bytes-long!'

function quiet() {
  const warnings: string[] = []
  return { warnings, overrides: { logger: false as const, warn: (message: string) => warnings.push(message) } }
}

const send = (phoneNumber: string, path = '/api/otp/authentication') =>
  new Request(`http://localhost:5173${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'http://localhost:5173' },
    body: JSON.stringify({ phone_number: phoneNumber }),
  })

describe('createOtpHandlerFromEnv', () => {
  it('serves the sandbox when no credentials are set, with exactly one loud warning and a per-process secret', async () => {
    const { warnings, overrides } = quiet()
    const handler = createOtpHandlerFromEnv({}, overrides)
    expect(handler.provider.name).toBe('sandbox')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain('SANDBOX')
    // It names every provider's variables, so whoever reads it knows how to leave the sandbox.
    expect(warnings[0]).toMatch(/DING_API_KEY.*PRELUDE_API_KEY.*TWILIO_/)
    const response = await handler(send('+14155552671'))
    expect(response.status).toBe(200)
    expect(handler.sandbox?.outbox.latest('+14155552671')?.code).toMatch(/^\d{6}$/)
  })

  it('hands every sandbox code to onSandboxMessage', async () => {
    const { overrides } = quiet()
    const seen: SandboxMessage[] = []
    const handler = createOtpHandlerFromEnv({}, { ...overrides, onSandboxMessage: (message) => seen.push(message) })
    await handler(send('+14155552671'))
    expect(seen.map((message) => message.phoneNumber)).toEqual(['+14155552671'])
  })

  it.each([
    [{ DING_API_KEY: 'key' }, /DING_CUSTOMER_UUID is missing/],
    [{ DING_CUSTOMER_UUID: 'uuid' }, /DING_API_KEY is missing/],
    [{ DING_API_KEY: 'key', DING_CUSTOMER_UUID: '  ' }, /DING_CUSTOMER_UUID is missing/],
  ])('refuses to start with %j, naming the missing variable', (env, message) => {
    expect(() => createOtpHandlerFromEnv(env, quiet().overrides)).toThrow(message)
  })

  it('requires OTP_SECRET with a real provider, of at least 32 bytes', () => {
    const ding = { DING_API_KEY: 'key', DING_CUSTOMER_UUID: 'uuid' }
    expect(() => createOtpHandlerFromEnv(ding, quiet().overrides)).toThrow(/OTP_SECRET is missing/)
    expect(() => createOtpHandlerFromEnv({ ...ding, OTP_SECRET: 'too-short' }, quiet().overrides)).toThrow(/at least 32 bytes/)
    const { warnings, overrides } = quiet()
    const handler = createOtpHandlerFromEnv({ ...ding, OTP_SECRET: SECRET }, overrides)
    expect(handler.provider.name).toBe('ding')
    expect(warnings).toEqual([])
  })

  it('OTP_PROVIDER picks explicitly, and refuses an unknown name or a provider without its variables', () => {
    const ding = { DING_API_KEY: 'key', DING_CUSTOMER_UUID: 'uuid', OTP_SECRET: SECRET }
    expect(createOtpHandlerFromEnv({ ...ding, OTP_PROVIDER: 'sandbox' }, quiet().overrides).provider.name).toBe('sandbox')
    expect(() => createOtpHandlerFromEnv({ OTP_PROVIDER: 'carrier-pigeon' }, quiet().overrides)).toThrow(/not a known provider/)
    expect(() => createOtpHandlerFromEnv({ OTP_PROVIDER: 'ding', OTP_SECRET: SECRET }, quiet().overrides)).toThrow(/not set/)
  })

  it('takes extra providers through the registry override', () => {
    const custom: OtpProvider = { ...sandboxProvider(), name: 'acme' }
    const handler = createOtpHandlerFromEnv(
      { ACME_TOKEN: 't', OTP_SECRET: SECRET },
      { ...quiet().overrides, providers: { acme: (env) => (env.ACME_TOKEN ? custom : undefined) } },
    )
    expect(handler.provider.name).toBe('acme')
  })

  it('reads OTP_BASE_PATH, OTP_ALLOWED_ORIGINS, OTP_ALLOWED_COUNTRIES and OTP_TRUST_PROXY', async () => {
    const handler = createOtpHandlerFromEnv(
      {
        OTP_BASE_PATH: '/otp',
        OTP_ALLOWED_ORIGINS: 'https://a.example, https://b.example',
        OTP_ALLOWED_COUNTRIES: 'US',
        OTP_TRUST_PROXY: '1',
      },
      quiet().overrides,
    )
    expect((await handler(send('+14155552671', '/otp/authentication'))).status).toBe(200)
    expect((await handler(send('+33612345678', '/otp/authentication'))).status).toBe(400)
    const fromB = new Request('http://localhost:5173/otp/authentication', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://b.example' },
      body: JSON.stringify({ phone_number: '+14155552672' }),
    })
    expect((await handler(fromB)).status).toBe(200)
    expect(() => createOtpHandlerFromEnv({ OTP_TRUST_PROXY: 'maybe' }, quiet().overrides)).toThrow(/OTP_TRUST_PROXY/)
  })
})

describe('createOtpHandlerFromEnv under NODE_ENV=production', () => {
  it('refuses to fall back to the sandbox, naming the way out', () => {
    expect(() => createOtpHandlerFromEnv({ NODE_ENV: 'production', OTP_SECRET: SECRET }, quiet().overrides)).toThrow(
      /NODE_ENV=production.*OTP_PROVIDER=sandbox/s,
    )
  })

  it('reads NODE_ENV from the process when the env object leaves it out', () => {
    vi.stubEnv('NODE_ENV', 'production')
    try {
      expect(() => createOtpHandlerFromEnv({ OTP_SECRET: SECRET }, quiet().overrides)).toThrow(/NODE_ENV=production/)
    } finally {
      vi.unstubAllEnvs()
    }
  })

  it('serves the sandbox when OTP_PROVIDER=sandbox says it is meant, with its warning', () => {
    const { warnings, overrides } = quiet()
    const handler = createOtpHandlerFromEnv({ NODE_ENV: 'production', OTP_PROVIDER: 'sandbox' }, overrides)
    expect(handler.provider.name).toBe('sandbox')
    expect(warnings).toHaveLength(1)
  })

  it('starts with a real provider, and with a provider passed in code', () => {
    const ding = { DING_API_KEY: 'key', DING_CUSTOMER_UUID: 'uuid', OTP_SECRET: SECRET }
    expect(createOtpHandlerFromEnv({ ...ding, NODE_ENV: 'production' }, quiet().overrides).provider.name).toBe('ding')
    const given = createOtpHandlerFromEnv(
      { NODE_ENV: 'production' },
      { ...quiet().overrides, provider: sandboxProvider(), secret: SECRET },
    )
    expect(given.provider.name).toBe('sandbox')
  })

  it('still falls back to the sandbox in development', () => {
    expect(createOtpHandlerFromEnv({ NODE_ENV: 'development' }, quiet().overrides).provider.name).toBe('sandbox')
  })
})
