import { SANDBOX_TEST_NUMBERS } from '@otpflow/core/sandbox'
import { describe, expect, it } from 'vitest'
import { createOtpHandler, type OtpHandlerOptions } from './handler'
import type { OtpLogEntry } from './log'
import { sandboxProvider } from './providers/sandbox'
import type { OtpProvider } from './providers/types'
import { verifyPhoneToken } from './tokens'

const SECRET = 'test-secret-that-is-at-least-32-bytes-long!'
const ORIGIN = 'https://app.example'
const BASE = `${ORIGIN}/api/otp`
const PHONE = '+447700900123'
const START = Date.parse('2026-03-01T10:00:00Z')

function setup(options: Partial<OtpHandlerOptions> = {}) {
  const clock = {
    time: START,
    now() {
      return this.time
    },
  }
  const provider = sandboxProvider({ clock })
  const calls: string[] = []
  // Counts every provider call, to prove invalid requests never reach it.
  const counted: OtpProvider & { sandbox: typeof provider.sandbox } = {
    name: provider.name,
    sandbox: provider.sandbox,
    send: (input, ctx) => {
      calls.push('send')
      return provider.send(input, ctx)
    },
    check: (flow, code, ctx) => {
      calls.push('check')
      return provider.check(flow, code, ctx)
    },
    retry: (flow, ctx) => {
      calls.push('retry')
      return provider.retry(flow, ctx)
    },
  }
  const logs: OtpLogEntry[] = []
  const handler = createOtpHandler({ provider: counted, secret: SECRET, clock, logger: (entry) => logs.push(entry), ...options })
  return { handler, clock, sandbox: provider.sandbox, calls, logs }
}

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return new Request(`${BASE}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

async function read(response: Response) {
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers }
}

async function sendCode(ctx: ReturnType<typeof setup>, phoneNumber = PHONE, ip = '203.0.113.7') {
  const sent = await read(await ctx.handler(post('/authentication', { phone_number: phoneNumber }), { ip }))
  const code = ctx.sandbox.outbox.latest(phoneNumber)?.code ?? ''
  return { ...sent, code, uuid: String(sent.body.authentication_uuid), flowToken: String(sent.body.flow_token) }
}

describe('createOtpHandler: the happy path with the sandbox', () => {
  it('sends: 200 with Ding fields, resend deadline, resends left and a flow token', async () => {
    const ctx = setup()
    const { status, body } = await sendCode(ctx)
    expect(status).toBe(200)
    expect(body).toEqual({
      authentication_uuid: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status: 'pending',
      created_at: '2026-03-01T10:00:00.000Z',
      expires_at: '2026-03-01T10:10:00.000Z',
      next_retry_at: '2026-03-01T10:00:30.000Z',
      remaining_retry: 3,
      flow_token: expect.any(String),
      // A provider that lists no channels sends by SMS alone.
      channel: 'sms',
      available_channels: ['sms'],
    })
  })

  it('checks the right code: valid with a verification token that verifyPhoneToken accepts', async () => {
    const ctx = setup()
    const sent = await sendCode(ctx)
    const { status, body } = await read(
      await ctx.handler(post('/check', { authentication_uuid: sent.uuid, check_code: sent.code, flow_token: sent.flowToken })),
    )
    expect(status).toBe(200)
    expect(body).toEqual({
      authentication_uuid: sent.uuid,
      status: 'valid',
      verification_token: expect.any(String),
      verification_expires_at: '2026-03-01T10:10:00.000Z',
    })
    const verified = await verifyPhoneToken(String(body.verification_token), {
      secret: SECRET,
      clock: { now: () => START },
      allowSandbox: true,
    })
    expect(verified).toEqual({
      phoneNumber: PHONE,
      authenticationUuid: sent.uuid,
      verifiedAt: new Date(START),
      provider: 'sandbox',
    })
  })

  it('checks a wrong code: 200 invalid with the attempts left, and no verification token', async () => {
    const ctx = setup()
    const sent = await sendCode(ctx)
    const wrong = sent.code === '000000' ? '111111' : '000000'
    const { status, body } = await read(
      await ctx.handler(post('/check', { authentication_uuid: sent.uuid, check_code: wrong, flow_token: sent.flowToken })),
    )
    expect(status).toBe(200)
    // The sandbox allows 5 checks, the endpoint 10 per authentication: the smaller count is what is left.
    expect(body).toEqual({ authentication_uuid: sent.uuid, status: 'invalid', remaining_attempts: 4 })
  })

  it('retries: denied before the deadline, approved after it with the next deadline', async () => {
    const ctx = setup()
    const sent = await sendCode(ctx)
    const early = await read(await ctx.handler(post('/retry', { authentication_uuid: sent.uuid, flow_token: sent.flowToken })))
    expect(early.body).toMatchObject({ status: 'denied', next_retry_at: '2026-03-01T10:00:30.000Z', remaining_retry: 3 })
    ctx.clock.time += 30_000
    const later = await read(await ctx.handler(post('/retry', { authentication_uuid: sent.uuid, flow_token: sent.flowToken })))
    expect(later).toMatchObject({
      status: 200,
      body: {
        status: 'approved',
        created_at: '2026-03-01T10:00:30.000Z',
        next_retry_at: '2026-03-01T10:01:30.000Z',
        remaining_retry: 2,
      },
    })
    expect(ctx.sandbox.outbox.messages()).toHaveLength(2)
  })

  it('answers expired_auth itself once the flow has expired, without calling the provider', async () => {
    const ctx = setup()
    const sent = await sendCode(ctx)
    ctx.clock.time += 600_000
    const checked = await read(
      await ctx.handler(post('/check', { authentication_uuid: sent.uuid, check_code: sent.code, flow_token: sent.flowToken })),
    )
    const retried = await read(await ctx.handler(post('/retry', { authentication_uuid: sent.uuid, flow_token: sent.flowToken })))
    expect(checked.body).toEqual({ authentication_uuid: sent.uuid, status: 'expired_auth' })
    expect(retried.body).toEqual({ authentication_uuid: sent.uuid, status: 'expired_auth' })
    expect(ctx.calls).toEqual(['send'])
  })

  it('answers the sandbox test numbers: spam_detected and rate_limited as 200 statuses, the others as errors', async () => {
    const ctx = setup()
    const spam = await read(await ctx.handler(post('/authentication', { phone_number: SANDBOX_TEST_NUMBERS.spamDetected })))
    expect(spam).toMatchObject({ status: 200, body: { status: 'spam_detected' } })
    const limited = await read(await ctx.handler(post('/authentication', { phone_number: SANDBOX_TEST_NUMBERS.rateLimited })))
    expect(limited).toMatchObject({ status: 200, body: { status: 'rate_limited' } })
    const invalid = await read(
      await ctx.handler(post('/authentication', { phone_number: SANDBOX_TEST_NUMBERS.invalidPhoneNumber })),
    )
    expect(invalid).toMatchObject({ status: 400, body: { code: 'invalid_phone_number' } })
    const landline = await read(await ctx.handler(post('/authentication', { phone_number: SANDBOX_TEST_NUMBERS.invalidLine })))
    expect(landline).toMatchObject({ status: 400, body: { code: 'invalid_line' } })
    const broken = await read(await ctx.handler(post('/authentication', { phone_number: SANDBOX_TEST_NUMBERS.serverError })))
    expect(broken).toMatchObject({ status: 502, body: { code: 'upstream_error' } })
  })
})

describe('createOtpHandler: bad input gets a 4xx, never a 5xx, and never reaches the provider', () => {
  it.each(['GET', 'PUT', 'DELETE', 'PATCH'])('%s on a POST route → 405 with Allow: POST', async (method) => {
    const ctx = setup()
    for (const path of ['/authentication', '/check', '/retry']) {
      const response = await ctx.handler(new Request(`${BASE}${path}`, { method, headers: { origin: ORIGIN } }))
      expect(response.status).toBe(405)
      expect(response.headers.get('allow')).toBe('POST')
      expect(await response.json()).toMatchObject({ code: 'method_not_allowed' })
    }
    expect(ctx.calls).toEqual([])
  })

  it.each([['text/plain'], ['application/x-www-form-urlencoded'], ['']])('Content-Type %j → 415', async (contentType) => {
    const ctx = setup()
    const { status, body } = await read(
      await ctx.handler(post('/authentication', { phone_number: PHONE }, { 'content-type': contentType })),
    )
    expect(status).toBe(415)
    expect(body.code).toBe('unsupported_media_type')
    expect(ctx.calls).toEqual([])
  })

  it('accepts application/json with a charset', async () => {
    const ctx = setup()
    const response = await ctx.handler(
      post('/authentication', { phone_number: PHONE }, { 'content-type': 'application/json; charset=utf-8' }),
    )
    expect(response.status).toBe(200)
  })

  it('a body over 8 KiB → 413, whether declared or streamed', async () => {
    const ctx = setup()
    const large = JSON.stringify({ phone_number: PHONE, locale: 'x'.repeat(9000) })
    const declared = await read(await ctx.handler(post('/authentication', large)))
    expect(declared).toMatchObject({ status: 413, body: { code: 'payload_too_large' } })
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let index = 0; index < 9; index += 1) controller.enqueue(new TextEncoder().encode(' '.repeat(1000)))
        controller.close()
      },
    })
    const streamed = new Request(`${BASE}/authentication`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: stream,
      duplex: 'half',
    } as RequestInit)
    expect((await ctx.handler(streamed)).status).toBe(413)
    const understated = post('/authentication', large, { 'content-length': '100' })
    expect(await read(await ctx.handler(understated))).toMatchObject({ status: 413, body: { code: 'payload_too_large' } })
    const exact = JSON.stringify({ phone_number: PHONE })
    expect((await ctx.handler(post('/authentication', exact, { 'content-length': String(exact.length) }))).status).toBe(200)
    expect(ctx.calls).toEqual(['send'])
  })

  it.each([['{not json'], ['[1,2]'], ['null'], ['"text"'], ['']])(
    'a body that is not a JSON object (%j) → 400 invalid_request',
    async (raw) => {
      const ctx = setup()
      const { status, body } = await read(await ctx.handler(post('/authentication', raw)))
      expect(status).toBe(400)
      expect(body.code).toBe('invalid_request')
      expect(ctx.calls).toEqual([])
    },
  )

  it.each([
    ['/authentication', {}, 'phone_number'],
    ['/authentication', { phone_number: '0612345678' }, 'phone_number'],
    ['/authentication', { phone_number: PHONE, device_type: 'TV' }, 'device_type'],
    ['/authentication', { phone_number: PHONE, is_returning_user: 'yes' }, 'is_returning_user'],
    ['/check', { authentication_uuid: 'a', flow_token: 't' }, 'check_code'],
    ['/retry', { flow_token: 't' }, 'authentication_uuid'],
  ])('%s with %j → 400 invalid_request naming %s', async (path, payload, field) => {
    const ctx = setup()
    const { status, body } = await read(await ctx.handler(post(path, payload)))
    expect(status).toBe(400)
    expect(body).toMatchObject({ code: 'invalid_request', field })
    expect(String(body.message)).toContain(field)
    expect(ctx.calls).toEqual([])
  })

  it.each([
    ['/check', { authentication_uuid: 'a', check_code: '123456' }],
    ['/check', { authentication_uuid: 'a', check_code: '123456', flow_token: '' }],
    ['/retry', { authentication_uuid: 'a', flow_token: 42 }],
  ])('%s with %j (no usable flow token) → 401 invalid_flow_token, provider not called', async (path, payload) => {
    const ctx = setup()
    const { status, body } = await read(await ctx.handler(post(path, payload)))
    expect(status).toBe(401)
    expect(body).toMatchObject({ code: 'invalid_flow_token' })
    expect(ctx.calls).toEqual([])
  })

  it('a POST from another origin → 403 forbidden_origin; a listed origin gets through with CORS headers', async () => {
    const ctx = setup({ allowedOrigins: ['https://partner.example'] })
    const foreign = await read(
      await ctx.handler(post('/authentication', { phone_number: PHONE }, { origin: 'https://evil.example' })),
    )
    expect(foreign).toMatchObject({ status: 403, body: { code: 'forbidden_origin' } })
    const nullOrigin = await ctx.handler(post('/authentication', { phone_number: PHONE }, { origin: 'null' }))
    expect(nullOrigin.status).toBe(403)
    const crossSiteNoOrigin = new Request(`${BASE}/authentication`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
      body: JSON.stringify({ phone_number: PHONE }),
    })
    expect((await ctx.handler(crossSiteNoOrigin)).status).toBe(403)
    expect(ctx.calls).toEqual([])

    const partner = await ctx.handler(post('/authentication', { phone_number: PHONE }, { origin: 'https://partner.example' }))
    expect(partner.status).toBe(200)
    expect(partner.headers.get('access-control-allow-origin')).toBe('https://partner.example')
    const preflight = await ctx.handler(
      new Request(`${BASE}/check`, { method: 'OPTIONS', headers: { origin: 'https://partner.example' } }),
    )
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-methods')).toBe('POST')
  })

  it("reads its own origin from Host when the server's request URL names another host (Next.js route handlers)", async () => {
    const ctx = setup()
    const asNextSendsIt = (origin: string) =>
      new Request('http://localhost:3000/api/otp/authentication', {
        method: 'POST',
        headers: { 'content-type': 'application/json', host: 'shop.example:3000', origin },
        body: JSON.stringify({ phone_number: PHONE }),
      })
    expect((await ctx.handler(asNextSendsIt('http://shop.example:3000'))).status).toBe(200)
    const foreign = await read(await ctx.handler(asNextSendsIt('http://evil.example')))
    expect(foreign).toMatchObject({ status: 403, body: { code: 'forbidden_origin' } })
    expect((await ctx.handler(asNextSendsIt('http://localhost:3000'))).status).toBe(403)
  })

  it('a POST with no Origin (a server-side caller) is allowed', async () => {
    const ctx = setup()
    const response = await ctx.handler(
      new Request(`${BASE}/authentication`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ phone_number: PHONE }),
      }),
    )
    expect(response.status).toBe(200)
  })

  it.each(['/api/otp', '/api/otp/', '/api/otp/nope', '/api/otp/authentication/x', '/elsewhere', '/api/otp/sandbox/outboxes'])(
    'unknown path %s → 404 with a JSON body',
    async (path) => {
      const ctx = setup()
      const response = await ctx.handler(new Request(`${ORIGIN}${path}`, { method: 'POST', headers: { origin: ORIGIN } }))
      expect(response.status).toBe(404)
      expect(response.headers.get('content-type')).toContain('application/json')
      expect(await response.json()).toMatchObject({ code: 'not_found' })
    },
  )

  it('honours basePath', async () => {
    const ctx = setup({ basePath: '/otp/' })
    const response = await ctx.handler(
      new Request(`${ORIGIN}/otp/authentication`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ORIGIN },
        body: JSON.stringify({ phone_number: PHONE }),
      }),
    )
    expect(response.status).toBe(200)
  })
})

describe('createOtpHandler: flow tokens', () => {
  it('check and retry without a valid flow token → 401 invalid_flow_token, provider not called', async () => {
    const ctx = setup()
    const sent = await sendCode(ctx)
    const other = await sendCode(ctx, '+447700900999')
    const cases = [
      { authentication_uuid: sent.uuid, check_code: sent.code, flow_token: 'not-a-token' },
      { authentication_uuid: sent.uuid, check_code: sent.code, flow_token: `${sent.flowToken.slice(0, -2)}xx` },
      // A real token, but for another authentication.
      { authentication_uuid: sent.uuid, check_code: sent.code, flow_token: other.flowToken },
    ]
    for (const payload of cases) {
      const { status, body } = await read(await ctx.handler(post('/check', payload)))
      expect(status).toBe(401)
      expect(body.code).toBe('invalid_flow_token')
      const retried = await ctx.handler(
        post('/retry', { authentication_uuid: payload.authentication_uuid, flow_token: payload.flow_token }),
      )
      expect(retried.status).toBe(401)
    }
    expect(ctx.calls).toEqual(['send', 'send'])
  })

  it('rejects a flow token signed with another secret or for another provider', async () => {
    const ctx = setup()
    const foreign = setup({ secret: 'another-secret-that-is-also-32-bytes-long' })
    const sent = await sendCode(foreign)
    const response = await ctx.handler(
      post('/check', { authentication_uuid: sent.uuid, check_code: sent.code, flow_token: sent.flowToken }),
    )
    expect(response.status).toBe(401)

    const ding = setup({ provider: { ...sandboxProvider(), name: 'ding' } })
    const sentHere = await sendCode(ctx)
    const crossProvider = await ding.handler(
      post('/check', { authentication_uuid: sentHere.uuid, check_code: sentHere.code, flow_token: sentHere.flowToken }),
    )
    expect(crossProvider.status).toBe(401)
  })

  it('a flow token long past expiry → 401', async () => {
    const ctx = setup()
    const sent = await sendCode(ctx)
    ctx.clock.time += 600_000 + 3_600_000 + 1000
    const response = await ctx.handler(
      post('/check', { authentication_uuid: sent.uuid, check_code: sent.code, flow_token: sent.flowToken }),
    )
    expect(response.status).toBe(401)
  })

  it('hands the provider state from the token back, and renews the token when a retry changes it', async () => {
    const seen: unknown[] = []
    const provider: OtpProvider = {
      name: 'stateful',
      send: async () => ({
        authenticationUuid: 'uuid-1',
        status: 'pending',
        createdAt: new Date(START),
        expiresAt: new Date(START + 600_000),
        state: { sends: 1 },
      }),
      check: async (flow) => {
        seen.push(flow.state)
        return { status: 'invalid' }
      },
      retry: async (flow) => ({ status: 'approved', state: { sends: Number(flow.state?.sends) + 1 } }),
    }
    const ctx = setup({ provider })
    const sent = await read(await ctx.handler(post('/authentication', { phone_number: PHONE })))
    const flowToken = String(sent.body.flow_token)
    const retried = await read(await ctx.handler(post('/retry', { authentication_uuid: 'uuid-1', flow_token: flowToken })))
    expect(retried.body.flow_token).toEqual(expect.any(String))
    await ctx.handler(post('/check', { authentication_uuid: 'uuid-1', check_code: '1', flow_token: flowToken }))
    await ctx.handler(
      post('/check', { authentication_uuid: 'uuid-1', check_code: '1', flow_token: String(retried.body.flow_token) }),
    )
    expect(seen).toEqual([{ sends: 1 }, { sends: 2 }])
  })
})

describe('createOtpHandler: abuse limits', () => {
  it('limits sends per phone number: the 4th in 10 minutes → 429 rate_limited with Retry-After, provider not called', async () => {
    const ctx = setup()
    for (let index = 0; index < 3; index += 1) expect((await sendCode(ctx, PHONE, `198.51.100.${index}`)).status).toBe(200)
    ctx.clock.time += 60_000
    const refused = await read(await ctx.handler(post('/authentication', { phone_number: PHONE }), { ip: '198.51.100.9' }))
    expect(refused).toMatchObject({ status: 429, body: { code: 'rate_limited' } })
    expect(refused.headers.get('retry-after')).toBe('540')
    expect(ctx.calls).toEqual(['send', 'send', 'send'])
    ctx.clock.time += 540_000
    expect((await sendCode(ctx, PHONE, '198.51.100.10')).status).toBe(200)
  })

  it('limits the day too: 10 per day per number', async () => {
    const ctx = setup()
    const statuses = []
    for (let index = 0; index < 11; index += 1) {
      statuses.push((await sendCode(ctx, PHONE, `198.51.100.${index}`)).status)
      ctx.clock.time += 600_000
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 429])
  })

  it('limits sends per IP across numbers, counting resends', async () => {
    const ctx = setup({ limits: { sendsPerIp: [{ max: 3, windowSeconds: 3600 }] } })
    const first = await sendCode(ctx, '+447700900001')
    await sendCode(ctx, '+447700900002')
    ctx.clock.time += 30_000
    const resend = await ctx.handler(post('/retry', { authentication_uuid: first.uuid, flow_token: first.flowToken }), {
      ip: '203.0.113.7',
    })
    expect(resend.status).toBe(200)
    const refused = await sendCode(ctx, '+447700900003')
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toBe('3570')
    expect((await sendCode(ctx, '+447700900004', '203.0.113.8')).status).toBe(200)
  })

  it('limits checks per authentication', async () => {
    const ctx = setup({ limits: { checksPerAuthentication: { max: 2, windowSeconds: 600 } } })
    const sent = await sendCode(ctx)
    const statuses = []
    for (let index = 0; index < 3; index += 1) {
      statuses.push(
        (await ctx.handler(post('/check', { authentication_uuid: sent.uuid, check_code: 'x', flow_token: sent.flowToken })))
          .status,
      )
    }
    expect(statuses).toEqual([200, 200, 429])
  })

  it('raised limits let a load test through', async () => {
    const ctx = setup({
      limits: {
        sendsPerPhoneNumber: [{ max: Number.POSITIVE_INFINITY, windowSeconds: 60 }],
        sendsPerPhoneNumberPerIp: [],
        sendsPerIp: [],
      },
      // A load test enters no codes: to the conversion guard it is a pump.
      conversionGuard: false,
    })
    for (let index = 0; index < 20; index += 1) expect((await sendCode(ctx)).status).toBe(200)
  })

  it('allowedCountries: a number from elsewhere → 400 unsupported_region', async () => {
    const ctx = setup({ allowedCountries: ['gb'] })
    expect((await sendCode(ctx, '+447400123456')).status).toBe(200)
    const refused = await sendCode(ctx, '+33612345678')
    expect(refused).toMatchObject({ status: 400, body: { code: 'unsupported_region' } })
    // Outside every known range on +44 (shared with GG, IM, JE): it could be any of them, so it is refused.
    expect((await sendCode(ctx, '+447700900123')).status).toBe(400)
    expect(ctx.calls).toEqual(['send'])
    const nanp = setup({ allowedCountries: ['US'] })
    expect((await sendCode(nanp, '+12025550101')).status).toBe(200)
    expect((await sendCode(nanp, '+15555550100')).status).toBe(400)
  })

  it('a provider rate limit without a delay still gets a Retry-After', async () => {
    const { OtpError } = await import('@otpflow/core')
    const provider: OtpProvider = {
      name: 'busy',
      send: () => Promise.reject(new OtpError('rate_limited', 'slow down')),
      check: () => Promise.reject(new Error('unused')),
      retry: () => Promise.reject(new Error('unused')),
    }
    const ctx = setup({ provider })
    const response = await ctx.handler(post('/authentication', { phone_number: PHONE }))
    expect(response.status).toBe(429)
    expect(response.headers.get('retry-after')).toBe('60')
  })
})

describe('createOtpHandler: client IP', () => {
  function ipSeen(options: Partial<OtpHandlerOptions>) {
    const ips: (string | undefined)[] = []
    const provider: OtpProvider = {
      name: 'probe',
      send: async (_input, ctx) => {
        ips.push(ctx.ip)
        return { authenticationUuid: 'u', status: 'pending', createdAt: new Date(START), expiresAt: new Date(START + 1000) }
      },
      check: () => Promise.reject(new Error('unused')),
      retry: () => Promise.reject(new Error('unused')),
    }
    return { ...setup({ provider, ...options }), ips }
  }

  it('takes the connection IP and ignores forwarding headers and body fields by default', async () => {
    const ctx = ipSeen({})
    await ctx.handler(
      post('/authentication', { phone_number: PHONE, ip: '6.6.6.6', customer_uuid: 'forged' }, { 'x-forwarded-for': '6.6.6.6' }),
      {
        ip: '203.0.113.7',
      },
    )
    await ctx.handler(post('/authentication', { phone_number: PHONE }), {
      incoming: { socket: { remoteAddress: '203.0.113.8' } },
    })
    expect(ctx.ips).toEqual(['203.0.113.7', '203.0.113.8'])
  })

  it('behind a trusted proxy takes the entry the proxy added', async () => {
    const ctx = ipSeen({ trustProxy: true })
    await ctx.handler(post('/authentication', { phone_number: PHONE }, { 'x-forwarded-for': '6.6.6.6, 198.51.100.4' }), {
      ip: '10.0.0.1',
    })
    expect(ctx.ips).toEqual(['198.51.100.4'])
  })
})

describe('createOtpHandler: logging and secrets', () => {
  it('logs one line per request with route, status, outcome, duration and a masked number', async () => {
    const ctx = setup()
    const sent = await sendCode(ctx)
    await ctx.handler(post('/check', { authentication_uuid: sent.uuid, check_code: 'nope', flow_token: sent.flowToken }))
    await ctx.handler(new Request(`${BASE}/nope`))
    expect(ctx.logs).toHaveLength(3)
    expect(ctx.logs[0]).toMatchObject({
      level: 'info',
      route: 'send',
      method: 'POST',
      status: 200,
      outcome: 'pending',
      phoneNumber: '+44•••••0123',
      provider: 'sandbox',
    })
    expect(ctx.logs[1]).toMatchObject({ route: 'check', status: 200, outcome: 'invalid', phoneNumber: '+44•••••0123' })
    expect(ctx.logs[2]).toMatchObject({ route: 'unknown', status: 404, outcome: 'not_found' })
    for (const entry of ctx.logs) expect(entry.durationMs).toBeGreaterThanOrEqual(0)
    expect(JSON.stringify(ctx.logs)).not.toContain(PHONE)
  })

  it('an unexpected provider crash → 502 upstream_error; the detail reaches the log only, with no stack in the answer', async () => {
    const provider: OtpProvider = {
      name: 'crashy',
      send: () => Promise.reject(new TypeError(`cannot read ${SECRET}`)),
      check: () => Promise.reject(new Error('unused')),
      retry: () => Promise.reject(new Error('unused')),
    }
    const ctx = setup({ provider })
    const response = await ctx.handler(post('/authentication', { phone_number: PHONE }))
    const text = await response.text()
    expect(response.status).toBe(502)
    expect(JSON.parse(text)).toEqual({ code: 'upstream_error', message: 'The verification service answered with an error' })
    expect(text).not.toContain(SECRET)
    expect(text).not.toContain('at ')
    expect(ctx.logs[0]?.detail).toContain('TypeError')
  })
})

describe('createOtpHandler: sandbox outbox route', () => {
  it('lists the codes sent, filtered by phone number', async () => {
    const ctx = setup()
    const sent = await sendCode(ctx)
    await sendCode(ctx, '+447700900999')
    const { status, body } = await read(
      await ctx.handler(new Request(`${BASE}/sandbox/outbox?phone_number=${encodeURIComponent(PHONE)}`)),
    )
    expect(status).toBe(200)
    expect(body).toEqual({
      messages: [
        {
          phone_number: PHONE,
          code: sent.code,
          sent_at: '2026-03-01T10:00:00.000Z',
          authentication_uuid: sent.uuid,
          channel: 'sms',
        },
      ],
    })
  })

  it('does not exist with a real provider', async () => {
    const provider: OtpProvider = { ...sandboxProvider(), name: 'ding' }
    const ctx = setup({ provider })
    expect((await ctx.handler(new Request(`${BASE}/sandbox/outbox`))).status).toBe(404)
  })
})

describe('createOtpHandler: setup mistakes fail at startup', () => {
  it('refuses a secret shorter than 32 bytes', () => {
    expect(() => createOtpHandler({ provider: sandboxProvider(), secret: 'short' })).toThrow(/at least 32 bytes/)
  })
})

describe('a second send for the same number', () => {
  it('says so in the answer when the provider reused the open verification', async () => {
    const expiresAt = new Date(START + 600_000)
    const reusing: OtpProvider = {
      name: 'prelude',
      send: async () => ({ authenticationUuid: 'v-1', status: 'pending', createdAt: new Date(START), expiresAt, resent: true }),
      check: async () => ({ status: 'valid' }),
      retry: async () => ({ status: 'approved' }),
    }
    const handler = createOtpHandler({ provider: reusing, secret: SECRET, clock: { now: () => START }, logger: () => {} })
    const { status, body } = await read(await handler(post('/authentication', { phone_number: PHONE }), { ip: '203.0.113.7' }))
    expect(status).toBe(200)
    expect(body).toMatchObject({ authentication_uuid: 'v-1', status: 'pending', resent: true })
  })
})

describe('createOtpHandler: routing by the URL', () => {
  it('finds the route by its path whatever the host, port, query, fragment or dot segments', async () => {
    const urls = [
      'http://localhost:5173/api/otp/check',
      'http://127.0.0.1:8080/api/otp/check#part',
      'http://[::1]:3000/api/otp/check?a=b#c',
      'https://EXAMPLE.com:443/api/otp/../otp/check?x=1&y=%2F',
    ]
    for (const url of urls) {
      const { handler } = setup()
      // No Origin: a server-side caller, so the host does not matter to the origin check.
      const response = await handler(
        new Request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
      )
      expect(response.status, url).toBe(400)
      expect(((await response.json()) as { field?: string }).field, url).toBe('authentication_uuid')
    }
    for (const url of ['http://example.com', 'http://example.com/?only=query', 'http://example.com/api/otp/checks']) {
      const response = await setup().handler(new Request(url, { method: 'POST' }))
      expect(response.status, url).toBe(404)
    }
  })
})
