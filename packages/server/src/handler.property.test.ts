import { wireCreateAuthenticationRequestSchema } from '@otpflow/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createOtpHandler } from './handler'
import type { OtpProvider } from './providers/types'

const ORIGIN = 'https://app.example'
const START = Date.parse('2026-06-01T00:00:00Z')

function setup() {
  const calls: { route: string; input: unknown }[] = []
  const provider: OtpProvider = {
    name: 'probe',
    send: async (input) => {
      calls.push({ route: 'send', input })
      return {
        authenticationUuid: crypto.randomUUID(),
        status: 'pending',
        createdAt: new Date(START),
        expiresAt: new Date(START + 600_000),
      }
    },
    check: async (flow) => {
      calls.push({ route: 'check', input: flow })
      return { status: 'invalid' }
    },
    retry: async (flow) => {
      calls.push({ route: 'retry', input: flow })
      return { status: 'denied' }
    },
  }
  const handler = createOtpHandler({
    provider,
    secret: 'property-test-secret-of-at-least-32-bytes',
    clock: { now: () => START },
    logger: false,
    // Raised so that valid sends keep reaching the provider across a thousand runs.
    limits: { sendsPerPhoneNumber: [], sendsPerIp: [] },
  })
  return { handler, calls }
}

const phoneLike = fc.oneof(
  fc.stringMatching(/^\+[1-9]\d{6,14}$/),
  fc.string(),
  fc.stringMatching(/^\+?\d{0,20}$/),
  fc.integer(),
  fc.constant(null),
)

const validSend = fc.record(
  {
    phone_number: fc.stringMatching(/^\+[1-9]\d{6,14}$/),
    locale: fc.constantFrom('fr-FR', 'en-US'),
    device_type: fc.constantFrom('IOS', 'ANDROID', 'WEB'),
  },
  { requiredKeys: ['phone_number'] },
)

const body = fc.oneof(
  { arbitrary: validSend, weight: 3 },
  fc.record(
    {
      phone_number: phoneLike,
      locale: fc.oneof(fc.constantFrom('fr-FR', 'en'), fc.string()),
      device_type: fc.oneof(fc.constantFrom('IOS', 'ANDROID', 'WEB'), fc.string()),
      app_version: fc.string(),
      is_returning_user: fc.oneof(fc.boolean(), fc.string()),
      customer_uuid: fc.string(),
      ip: fc.string(),
    },
    { requiredKeys: [] },
  ),
  fc.record(
    {
      authentication_uuid: fc.oneof(fc.uuid(), fc.string()),
      check_code: fc.oneof(fc.stringMatching(/^\d{6}$/), fc.string(), fc.integer()),
      flow_token: fc.oneof(fc.string(), fc.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/)),
    },
    { requiredKeys: [] },
  ),
  fc.jsonValue(),
  fc.object(),
)

const rawBody = fc.oneof(
  { arbitrary: body.map((value) => JSON.stringify(value) ?? ''), weight: 4 },
  fc.string(),
  fc.string({ minLength: 4000, maxLength: 6000 }),
  fc.constant(''),
)

const request = fc.record({
  method: fc.oneof(
    { arbitrary: fc.constant('POST'), weight: 6 },
    { arbitrary: fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'), weight: 1 },
  ),
  path: fc.oneof(
    { arbitrary: fc.constantFrom('/api/otp/authentication', '/api/otp/check', '/api/otp/retry'), weight: 6 },
    { arbitrary: fc.constantFrom('/api/otp/sandbox/outbox', '/api/otp', '/', '/api/otp/authentication/'), weight: 1 },
    { arbitrary: fc.webPath(), weight: 1 },
  ),
  query: fc.oneof(
    fc.constant(''),
    fc.webQueryParameters().map((query) => `?${query}`),
  ),
  contentType: fc.oneof(
    { arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON'), weight: 6 },
    { arbitrary: fc.option(fc.string(), { nil: undefined }), weight: 1 },
  ),
  origin: fc.oneof(
    { arbitrary: fc.constant(ORIGIN), weight: 6 },
    { arbitrary: fc.option(fc.oneof(fc.webUrl(), fc.string(), fc.constant('null')), { nil: undefined }), weight: 1 },
  ),
  contentLength: fc.option(fc.oneof(fc.nat(), fc.string()), { nil: undefined, freq: 2 }),
  forwardedFor: fc.option(fc.string(), { nil: undefined }),
  body: rawBody,
})

describe('createOtpHandler under random and malformed requests', () => {
  it('never answers 5xx, always answers JSON, and calls the provider only for a valid send', async () => {
    const { handler, calls } = setup()
    const statuses = new Set<number>()
    let providerCalls = 0
    await fc.assert(
      fc.asyncProperty(request, async (input) => {
        calls.length = 0
        const headers = new Headers()
        if (input.contentType !== undefined) headers.set('content-type', input.contentType.replace(/[\r\n]/g, ''))
        if (input.origin !== undefined) headers.set('origin', input.origin.replace(/[\r\n\0]/g, '').trim())
        if (input.contentLength !== undefined)
          headers.set(
            'content-length',
            String(input.contentLength)
              .replace(/[\r\n\0]/g, '')
              .trim(),
          )
        if (input.forwardedFor !== undefined) headers.set('x-forwarded-for', input.forwardedFor.replace(/[\r\n\0]/g, '').trim())
        const hasBody = input.method !== 'GET' && input.method !== 'HEAD'
        const response = await handler(
          new Request(`${ORIGIN}${input.path}${input.query}`, {
            method: input.method,
            headers,
            body: hasBody ? input.body : undefined,
          }),
          {
            ip: '203.0.113.1',
          },
        )

        statuses.add(response.status)
        providerCalls += calls.length
        expect(response.status).toBeLessThan(500)
        if (response.status !== 204) {
          const text = await response.text()
          expect(() => JSON.parse(text)).not.toThrow()
          if (response.status >= 400)
            expect(JSON.parse(text)).toMatchObject({ code: expect.any(String), message: expect.any(String) })
        }
        // Random flow tokens are never valid, so only a send may reach the provider, and only with a valid body.
        for (const call of calls) {
          expect(call.route).toBe('send')
          expect(input.method).toBe('POST')
          expect(input.path).toBe('/api/otp/authentication')
          expect(wireCreateAuthenticationRequestSchema.safeParse(JSON.parse(input.body)).success).toBe(true)
        }
        if (response.status === 200 && input.method === 'POST') expect(calls).toHaveLength(1)
      }),
      { numRuns: 1000 },
    )
    // The generators reach every branch: success, each refusal, and the provider itself.
    expect([...statuses].sort()).toEqual(expect.arrayContaining([200, 400, 401, 403, 404, 405, 413, 415]))
    expect(providerCalls).toBeGreaterThan(5)
  })
})
