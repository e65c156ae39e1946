import { wireCheckRequestSchema, wireCreateAuthenticationRequestSchema, wireRetryRequestSchema } from '@otpflow/core'
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
    // Raised so that valid sends, checks and resends keep reaching the provider across a thousand runs.
    limits: {
      sendsPerPhoneNumber: [],
      sendsPerPhoneNumberPerIp: [],
      sendsPerIp: [],
      checksPerAuthentication: { max: Number.POSITIVE_INFINITY, windowSeconds: 3600 },
      failedChecksPerPhoneNumber: { max: Number.POSITIVE_INFINITY, windowSeconds: 86_400 },
    },
    // Random numbers of every line type, no code ever entered: the screening and the conversion guard would refuse
    // most valid sends, which this test needs to reach the provider.
    allowedNumberTypes: 'all',
    conversionGuard: false,
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

describe('createOtpHandler under malformed check and retry bodies that carry a genuine flow token', () => {
  it('never answers 5xx, and reaches the provider only with a valid body whose authentication matches its token', async () => {
    const { handler, calls } = setup()
    const sent = await handler(
      new Request(`${ORIGIN}/api/otp/authentication`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ORIGIN },
        body: JSON.stringify({ phone_number: '+14155552671' }),
      }),
    )
    const { authentication_uuid: uuid, flow_token: token } = (await sent.json()) as {
      authentication_uuid: string
      flow_token: string
    }
    expect(typeof token).toBe('string')

    const anything = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string()), fc.object())
    const checkOrRetry = fc.record({
      path: fc.constantFrom('/api/otp/check', '/api/otp/retry'),
      body: fc.record(
        {
          authentication_uuid: fc.oneof({ arbitrary: fc.constant(uuid), weight: 4 }, fc.uuid(), anything),
          check_code: fc.oneof(
            { arbitrary: fc.stringMatching(/^\d{6}$/), weight: 3 },
            fc.string({ maxLength: 40 }),
            fc.constantFrom('', '   ', '1'.repeat(33)),
            anything,
          ),
          // A genuine token, the same with one character changed, or anything at all. The signature's last character
          // is left alone: two of its bits are base64url padding, so some changes there decode to the same bytes.
          flow_token: fc.oneof(
            { arbitrary: fc.constant(token), weight: 4 },
            fc
              .nat({ max: token.length - 2 })
              .map((at) => `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`),
            anything,
          ),
        },
        { requiredKeys: [] },
      ),
    })

    let reached = 0
    let refused = 0
    await fc.assert(
      fc.asyncProperty(checkOrRetry, async ({ path, body }) => {
        calls.length = 0
        const response = await handler(
          new Request(`${ORIGIN}${path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', origin: ORIGIN },
            body: JSON.stringify(body),
          }),
        )
        expect(response.status).toBeLessThan(500)
        const schema = path === '/api/otp/check' ? wireCheckRequestSchema : wireRetryRequestSchema
        const genuine = schema.safeParse(body).success && body.authentication_uuid === uuid && body.flow_token === token
        if (genuine) {
          reached += 1
          expect(calls.map((call) => call.route)).toEqual([path === '/api/otp/check' ? 'check' : 'retry'])
        } else {
          refused += 1
          expect(calls).toEqual([])
          expect(response.status).toBeGreaterThanOrEqual(400)
        }
      }),
      { numRuns: 1000 },
    )
    // Both sides of the property were exercised, not just the refusals.
    expect(reached).toBeGreaterThan(20)
    expect(refused).toBeGreaterThan(200)
  })
})
