import { describe, expect, it, vi } from 'vitest'
import { createEndpointClient, createOtpClient } from './client'
import { OtpError } from './errors'
import { CHECK_STATUSES, RETRY_STATUSES } from './types'

const UUID = '3c90c3cc-0d44-4b50-8888-8dd25736052a'
const CUSTOMER = 'c2a6a2a5-9f5e-4c0c-9c3f-3b1f7c5f0d11'

interface Call {
  url: string
  method: string
  headers: Record<string, string>
  body: unknown
}

function fakeFetch(respond: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = []
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = Object.fromEntries(new Headers(init?.headers).entries())
    const call: Call = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    }
    calls.push(call)
    return respond(call)
  })
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls }
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })

function dingClient(respond: (call: Call) => Response | Promise<Response>, extra = {}) {
  const fake = fakeFetch(respond)
  const client = createOtpClient({ apiKey: 'secret-key-123', customerUuid: CUSTOMER, fetch: fake.fetch, ...extra })
  return { client, calls: fake.calls }
}

async function rejection(promise: Promise<unknown>): Promise<OtpError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(OtpError)
    return error as OtpError
  }
  throw new Error('expected a rejection')
}

describe('createAuthentication', () => {
  it('posts snake_case JSON with the API key header and customer_uuid, and parses the answer into camelCase with dates', async () => {
    const { client, calls } = dingClient(() =>
      json({
        authentication_uuid: UUID,
        status: 'pending',
        created_at: '2023-11-07T05:31:56Z',
        expires_at: '2023-11-07T05:41:56Z',
      }),
    )
    const result = await client.createAuthentication({
      phoneNumber: '+14155552671',
      deviceType: 'WEB',
      isReturningUser: true,
      locale: 'fr-FR',
    })
    expect(calls).toHaveLength(1)
    expect(calls[0]?.url).toBe('https://api.ding.live/v1/authentication')
    expect(calls[0]?.method).toBe('POST')
    expect(calls[0]?.headers['x-api-key']).toBe('secret-key-123')
    expect(calls[0]?.headers['content-type']).toBe('application/json')
    expect(calls[0]?.body).toEqual({
      customer_uuid: CUSTOMER,
      phone_number: '+14155552671',
      device_type: 'WEB',
      is_returning_user: true,
      locale: 'fr-FR',
    })
    expect(result.authenticationUuid).toBe(UUID)
    expect(result.status).toBe('pending')
    expect(result.createdAt).toEqual(new Date('2023-11-07T05:31:56Z'))
    expect(result.expiresAt).toEqual(new Date('2023-11-07T05:41:56Z'))
  })

  it.each(['rate_limited', 'spam_detected'] as const)(
    'returns the business outcome %s as a status, not an error',
    async (status) => {
      const { client } = dingClient(() => json({ authentication_uuid: UUID, status }))
      await expect(client.createAuthentication({ phoneNumber: '+14155552671' })).resolves.toMatchObject({
        status,
        rawStatus: status,
      })
    },
  )

  it('passes through the fields the app endpoint adds', async () => {
    const fake = fakeFetch(() =>
      json({
        authentication_uuid: UUID,
        status: 'pending',
        created_at: '2026-01-01T00:00:00Z',
        expires_at: '2026-01-01T00:10:00Z',
        next_retry_at: '2026-01-01T00:00:30Z',
        remaining_retry: 3,
        flow_token: 'flow.jwt.value',
      }),
    )
    const client = createOtpClient({ baseUrl: '/api/otp/', fetch: fake.fetch })
    const result = await client.createAuthentication({ phoneNumber: '+447700900123' })
    expect(fake.calls[0]?.url).toBe('/api/otp/authentication')
    expect(fake.calls[0]?.headers['x-api-key']).toBeUndefined()
    expect(fake.calls[0]?.body).toEqual({ phone_number: '+447700900123' })
    expect(result).toMatchObject({
      nextRetryAt: new Date('2026-01-01T00:00:30Z'),
      remainingRetry: 3,
      flowToken: 'flow.jwt.value',
    })
  })

  it('keeps the deprecated createAutentication spelling working', async () => {
    const { client, calls } = dingClient(() => json({ authentication_uuid: UUID, status: 'pending' }))
    await expect(client.createAutentication({ phoneNumber: '+14155552671' })).resolves.toMatchObject({ status: 'pending' })
    expect(calls[0]?.url).toMatch(/\/authentication$/)
  })

  it.each(['12345', '', '+1 (555) 010-0000', '4155552671', '+0123456789'])(
    'rejects %j as invalid_request without sending',
    async (phoneNumber) => {
      const { client, calls } = dingClient(() => json({}))
      const error = await rejection(client.createAuthentication({ phoneNumber }))
      expect(error.code).toBe('invalid_request')
      expect(error.field).toBe('phoneNumber')
      expect(calls).toHaveLength(0)
    },
  )
})

describe('check', () => {
  it.each(CHECK_STATUSES.filter((s) => s !== 'unknown'))('reads status %s', async (status) => {
    const { client, calls } = dingClient(() => json({ authentication_uuid: UUID, status }))
    const result = await client.check({ authenticationUuid: UUID, checkCode: '123456' })
    expect(result.status).toBe(status)
    expect(calls[0]?.body).toEqual({ customer_uuid: CUSTOMER, authentication_uuid: UUID, check_code: '123456' })
  })

  it('reads the post-2024 unknown status', async () => {
    const { client } = dingClient(() => json({ authentication_uuid: UUID, status: 'unknown' }))
    await expect(client.check({ authenticationUuid: UUID, checkCode: '1' })).resolves.toMatchObject({
      status: 'unknown',
      rawStatus: 'unknown',
    })
  })

  it('sends the flow token and reads the verification token of the app endpoint', async () => {
    const fake = fakeFetch(() => json({ authentication_uuid: UUID, status: 'valid', verification_token: 'proof' }))
    const client = createOtpClient({ baseUrl: '/api/otp', fetch: fake.fetch })
    const result = await client.check({ authenticationUuid: UUID, checkCode: '123456', flowToken: 'ft' })
    expect(fake.calls[0]?.body).toEqual({ authentication_uuid: UUID, check_code: '123456', flow_token: 'ft' })
    expect(result.verificationToken).toBe('proof')
  })

  it("reads the proof's expiry and the attempts left the app endpoint sends", async () => {
    const fake = fakeFetch((call) =>
      String((call.body as { check_code: string }).check_code) === '123456'
        ? json({
            authentication_uuid: UUID,
            status: 'valid',
            verification_token: 'proof',
            verification_expires_at: '2026-03-01T10:10:00.000Z',
          })
        : json({ authentication_uuid: UUID, status: 'invalid', remaining_attempts: 4 }),
    )
    const client = createEndpointClient({ fetch: fake.fetch })
    const wrong = await client.check({ authenticationUuid: UUID, checkCode: '000000', flowToken: 'ft' })
    expect(wrong).toMatchObject({ status: 'invalid', remainingAttempts: 4 })
    expect(wrong.verificationExpiresAt).toBeUndefined()
    const right = await client.check({ authenticationUuid: UUID, checkCode: '123456', flowToken: 'ft' })
    expect(right).toMatchObject({ status: 'valid', verificationToken: 'proof' })
    expect(right.verificationExpiresAt).toEqual(new Date('2026-03-01T10:10:00.000Z'))
    expect(right.remainingAttempts).toBeUndefined()
  })

  it("reads Ding's answer, which has neither, as neither", async () => {
    const { client } = dingClient(() => json({ authentication_uuid: UUID, status: 'invalid' }))
    const result = await client.check({ authenticationUuid: UUID, checkCode: '1' })
    expect(result.remainingAttempts).toBeUndefined()
    expect(result.verificationExpiresAt).toBeUndefined()
  })

  it('refuses a remaining_attempts that is not a count', async () => {
    const { client } = dingClient(() => json({ authentication_uuid: UUID, status: 'invalid', remaining_attempts: -1 }))
    await expect(client.check({ authenticationUuid: UUID, checkCode: '1' })).rejects.toMatchObject({ code: 'invalid_response' })
  })

  it.each([
    ['an empty code', { authenticationUuid: UUID, checkCode: '' }, 'checkCode'],
    ['a whitespace code', { authenticationUuid: UUID, checkCode: '   ' }, 'checkCode'],
    ['an empty authentication UUID', { authenticationUuid: '', checkCode: '123456' }, 'authenticationUuid'],
  ])('rejects %s as invalid_request without sending', async (_label, input, field) => {
    const { client, calls } = dingClient(() => json({}))
    const error = await rejection(client.check(input))
    expect(error.code).toBe('invalid_request')
    expect(error.field).toBe(field)
    expect(calls).toHaveLength(0)
  })
})

describe('retry', () => {
  it.each(RETRY_STATUSES)('reads status %s with its timing fields', async (status) => {
    const { client, calls } = dingClient(() =>
      json({
        authentication_uuid: UUID,
        status,
        created_at: '2023-11-07T05:31:56Z',
        next_retry_at: '2023-11-07T05:32:56Z',
        remaining_retry: 0,
      }),
    )
    const result = await client.retry({ authenticationUuid: UUID })
    expect(calls[0]?.url).toMatch(/\/retry$/)
    expect(calls[0]?.body).toEqual({ customer_uuid: CUSTOMER, authentication_uuid: UUID })
    expect(result).toMatchObject({ status, rawStatus: status, nextRetryAt: new Date('2023-11-07T05:32:56Z'), remainingRetry: 0 })
  })

  it('rejects an empty authentication UUID without sending', async () => {
    const { client, calls } = dingClient(() => json({}))
    expect((await rejection(client.retry({ authenticationUuid: ' ' }))).code).toBe('invalid_request')
    expect(calls).toHaveLength(0)
  })
})

describe('timestamps', () => {
  it.each([
    ['2023-11-07T05:31:56Z', '2023-11-07T05:31:56.000Z'],
    ['2023-11-07T05:31:56+00:00', '2023-11-07T05:31:56.000Z'],
    ['2023-05-09T12:09:31+0000', '2023-05-09T12:09:31.000Z'],
    ['2023-05-09T14:09:31+0200', '2023-05-09T12:09:31.000Z'],
    ['2006-01-02T15:04:05.999999999Z', '2006-01-02T15:04:05.999Z'],
    ['2006-01-02T15:04:05.5Z', '2006-01-02T15:04:05.500Z'],
  ])('parses %s leniently', async (raw, iso) => {
    const { client } = dingClient(() => json({ authentication_uuid: UUID, status: 'pending', created_at: raw }))
    const result = await client.createAuthentication({ phoneNumber: '+14155552671' })
    expect(result.createdAt?.toISOString()).toBe(iso)
  })

  it('reads an unparsable timestamp as undefined rather than failing the answer', async () => {
    const { client } = dingClient(() => json({ authentication_uuid: UUID, status: 'pending', created_at: 'yesterday' }))
    await expect(client.createAuthentication({ phoneNumber: '+14155552671' })).resolves.toMatchObject({
      status: 'pending',
      createdAt: undefined,
    })
  })
})

describe('unknown statuses', () => {
  it('reads a status outside the contract as unknown, keeps the raw value, and does not throw', async () => {
    const { client } = dingClient(() => json({ authentication_uuid: UUID, status: 'approved_by_carrier' }))
    await expect(client.check({ authenticationUuid: UUID, checkCode: '1' })).resolves.toMatchObject({
      status: 'unknown',
      rawStatus: 'approved_by_carrier',
    })
    const { client: other } = dingClient(() => json({ authentication_uuid: UUID, status: 'queued' }))
    await expect(other.createAuthentication({ phoneNumber: '+14155552671' })).resolves.toMatchObject({
      status: 'unknown',
      rawStatus: 'queued',
    })
  })
})

describe('errors', () => {
  it("turns Ding's 400 error body into an OtpError with its code, message and doc URL", async () => {
    const { client } = dingClient(() =>
      json(
        {
          code: 'invalid_phone_number',
          message: '+0 is not a valid phone number',
          doc_url: 'https://docs.example/errors#invalid_phone_number',
        },
        400,
      ),
    )
    const error = await rejection(client.createAuthentication({ phoneNumber: '+14155552671' }))
    expect(error).toMatchObject({
      code: 'invalid_phone_number',
      message: '+0 is not a valid phone number',
      status: 400,
      docUrl: 'https://docs.example/errors#invalid_phone_number',
    })
  })

  it('keeps an error code it has never seen', async () => {
    const { client } = dingClient(() => json({ code: 'brand_new_code', message: 'New' }, 400))
    expect((await rejection(client.check({ authenticationUuid: UUID, checkCode: '1' }))).code).toBe('brand_new_code')
  })

  it('reads 403 {"message":"Forbidden"} as unauthorized and never carries the API key', async () => {
    const { client } = dingClient(() => json({ message: 'Forbidden' }, 403))
    const error = await rejection(client.createAuthentication({ phoneNumber: '+14155552671' }))
    expect(error.code).toBe('unauthorized')
    expect(error.status).toBe(403)
    expect(JSON.stringify(error)).not.toContain('secret-key-123')
    expect(String(error.stack)).not.toContain('secret-key-123')
  })

  it('reads 401 without a body as unauthorized', async () => {
    const { client } = dingClient(() => new Response('', { status: 401 }))
    expect((await rejection(client.retry({ authenticationUuid: UUID }))).code).toBe('unauthorized')
  })

  it('reads 429 as rate_limited with Retry-After in seconds or as a date', async () => {
    const { client } = dingClient(() => new Response('Too many', { status: 429, headers: { 'retry-after': '42' } }))
    expect(await rejection(client.createAuthentication({ phoneNumber: '+14155552671' }))).toMatchObject({
      code: 'rate_limited',
      retryAfter: 42,
    })
    const at = new Date(Date.now() + 90_000).toUTCString()
    const { client: dated } = dingClient(() => json({ code: 'rate_limited', message: 'slow down' }, 429, { 'retry-after': at }))
    const error = await rejection(dated.createAuthentication({ phoneNumber: '+14155552671' }))
    expect(error.code).toBe('rate_limited')
    expect(error.retryAfter).toBeGreaterThanOrEqual(88)
    expect(error.retryAfter).toBeLessThanOrEqual(90)
  })

  it('reads a 5xx without a code as server_error, and keeps the endpoint code when there is one', async () => {
    const { client } = dingClient(() => new Response('<html>Bad gateway</html>', { status: 502 }))
    expect(await rejection(client.check({ authenticationUuid: UUID, checkCode: '1' }))).toMatchObject({
      code: 'server_error',
      status: 502,
    })
    const { client: endpoint } = dingClient(() => json({ code: 'upstream_timeout', message: 'Provider timed out' }, 504))
    expect(await rejection(endpoint.check({ authenticationUuid: UUID, checkCode: '1' }))).toMatchObject({
      code: 'upstream_timeout',
      status: 504,
    })
  })

  it.each([
    ['HTML', '<!doctype html><title>Oops</title>'],
    ['an empty body', ''],
    ['truncated JSON', '{"authentication_uuid":"abc","sta'],
  ])('reads a 200 with %s as invalid_response with the HTTP status', async (_label, body) => {
    const { client } = dingClient(() => new Response(body, { status: 200, headers: { 'content-type': 'text/html' } }))
    expect(await rejection(client.createAuthentication({ phoneNumber: '+14155552671' }))).toMatchObject({
      code: 'invalid_response',
      status: 200,
    })
  })

  it('reads JSON of the wrong shape as invalid_response', async () => {
    const { client } = dingClient(() => json({ status: 'pending' }))
    expect((await rejection(client.createAuthentication({ phoneNumber: '+14155552671' }))).code).toBe('invalid_response')
  })

  it.each([-1, 1.5])('reads a remaining_retry of %s as invalid_response', async (remaining) => {
    const { client } = dingClient(() => json({ authentication_uuid: UUID, status: 'pending', remaining_retry: remaining }))
    expect(await rejection(client.createAuthentication({ phoneNumber: '+14155552671' }))).toMatchObject({
      code: 'invalid_response',
      message: expect.stringContaining('remaining_retry'),
    })
  })

  it('reads a refused connection as network_error', async () => {
    const { client } = dingClient(() => Promise.reject(new TypeError('fetch failed')))
    expect((await rejection(client.check({ authenticationUuid: UUID, checkCode: '1' }))).code).toBe('network_error')
  })

  it('times out after timeoutMs and aborts the request', async () => {
    vi.useFakeTimers()
    try {
      let seenSignal: AbortSignal | undefined
      // Like a server that never answers: only an abort settles the request.
      const hanging = ((_input: RequestInfo | URL, init?: RequestInit) =>
        new Promise<Response>((_resolve, reject) => {
          seenSignal = init?.signal ?? undefined
          init?.signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')))
        })) as typeof fetch
      const client = createOtpClient({ fetch: hanging, timeoutMs: 2000 })
      let settled = false
      const pending = rejection(client.createAuthentication({ phoneNumber: '+14155552671' })).finally(() => {
        settled = true
      })
      await vi.advanceTimersByTimeAsync(1999)
      expect(settled).toBe(false)
      expect(seenSignal?.aborted).toBe(false)
      await vi.advanceTimersByTimeAsync(1)
      expect((await pending).code).toBe('timeout')
      expect(seenSignal?.aborted).toBe(true)
    } finally {
      vi.useRealTimers()
    }
  })

  it('aborts on the caller signal', async () => {
    const controller = new AbortController()
    const fake = fakeFetch(() => new Promise<Response>(() => {}))
    // The fake never answers on its own: only the abort can settle the call.
    const fetchWithSignal = (async (input: RequestInfo | URL, init?: RequestInit) => {
      void fake.fetch(input, init)
      return new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')))
      })
    }) as typeof fetch
    const client = createOtpClient({ fetch: fetchWithSignal })
    const pending = rejection(client.check({ authenticationUuid: UUID, checkCode: '123456' }, { signal: controller.signal }))
    controller.abort()
    expect((await pending).code).toBe('aborted')
  })
})

describe('transport retries', () => {
  const refused = () =>
    Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    })

  it('are off by default', async () => {
    const { client, calls } = dingClient(() => Promise.reject(refused()))
    expect((await rejection(client.createAuthentication({ phoneNumber: '+14155552671' }))).code).toBe('network_error')
    expect(calls).toHaveLength(1)
  })

  it('retry only a request that provably never left', async () => {
    let n = 0
    const { client, calls } = dingClient(
      () => (n++ === 0 ? Promise.reject(refused()) : Promise.resolve(json({ authentication_uuid: UUID, status: 'pending' }))),
      { transportRetries: 2 },
    )
    await expect(client.createAuthentication({ phoneNumber: '+14155552671' })).resolves.toMatchObject({ status: 'pending' })
    expect(calls).toHaveLength(2)
  })

  it('never replay a request that may have reached the server', async () => {
    const reset = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
    })
    const { client, calls } = dingClient(() => Promise.reject(reset), { transportRetries: 3 })
    expect((await rejection(client.createAuthentication({ phoneNumber: '+14155552671' }))).code).toBe('network_error')
    expect(calls).toHaveLength(1)
  })
})

describe('feedback, status and lookup', () => {
  it('posts feedback', async () => {
    const { client, calls } = dingClient(() => json({ uuid: '123e4567-e89b-12d3-a456-4266141740a0' }))
    const result = await client.feedback({ phoneNumber: '+14155552671', status: 'onboarded' })
    expect(calls[0]?.url).toBe('https://api.ding.live/v1/authentication/feedback')
    expect(calls[0]?.body).toEqual({ customer_uuid: CUSTOMER, phone_number: '+14155552671', status: 'onboarded' })
    expect(result.uuid).toBe('123e4567-e89b-12d3-a456-4266141740a0')
  })

  it('tells authentication events apart by type and keeps unknown types', async () => {
    const { client, calls } = dingClient(() =>
      json({
        uuid: UUID,
        phone_number: '+1234567890',
        created_at: '2023-11-07T05:31:56Z',
        signals: { ip: '127.0.0.1', device_type: 'ANDROID', is_returning_user: true },
        events: [
          { type: 'balance_update', amount: -0.01, balance_update_type: 'attempt', created_at: '2023-11-07T05:31:56Z' },
          { type: 'check', id: 'c1', code: '123456', status: 'valid', created_at: '2023-11-07T05:32:56Z' },
          { type: 'attempt', id: 'a1', content: 'Your code is 123456', capability: 'zalo', attempt_number: 1, status: 'pending' },
          { type: 'delivery_status', attempt_id: 'a1', status: 'delivered', originated_at: '2023-11-07T05:31:58+0000' },
          { type: 'carrier_event', detail: 'x' },
        ],
      }),
    )
    const result = await client.getAuthenticationStatus(UUID)
    expect(calls[0]?.method).toBe('GET')
    expect(calls[0]?.url).toBe(`https://api.ding.live/v1/authentication/${UUID}`)
    expect(result.signals).toMatchObject({ ip: '127.0.0.1', deviceType: 'ANDROID', isReturningUser: true })
    expect(result.events.map((e) => e.type)).toEqual(['balance_update', 'check', 'attempt', 'delivery_status', 'unknown'])
    expect(result.events[1]).toMatchObject({ type: 'check', code: '123456', status: 'valid' })
    expect(result.events[2]).toMatchObject({ type: 'attempt', content: 'Your code is 123456', capability: 'zalo' })
    expect(result.events[3]).toMatchObject({ type: 'delivery_status', originatedAt: new Date('2023-11-07T05:31:58Z') })
    expect(result.events[4]).toMatchObject({ type: 'unknown', rawType: 'carrier_event', raw: { detail: 'x' } })
  })

  it('looks up a number with the customer-uuid header and an encoded path', async () => {
    const { client, calls } = dingClient(() =>
      json({ phone_number: '+14155552671', carrier: 'AT&T', line_type: 'Mobile', country_code: 'US' }),
    )
    const result = await client.lookup('+14155552671', { type: ['cnam'] })
    expect(calls[0]?.url).toBe('https://api.ding.live/v1/lookup/%2B14155552671?type=cnam')
    expect(calls[0]?.headers['customer-uuid']).toBe(CUSTOMER)
    expect(calls[0]?.body).toBeUndefined()
    expect(result).toMatchObject({ carrier: 'AT&T', lineType: 'Mobile', countryCode: 'US' })
  })

  it('validates lookup and status input before sending', async () => {
    const { client, calls } = dingClient(() => json({}))
    expect((await rejection(client.lookup('0044 7700'))).code).toBe('invalid_request')
    expect((await rejection(client.getAuthenticationStatus(''))).code).toBe('invalid_request')
    expect(calls).toHaveLength(0)
  })
})

describe('response meta', () => {
  it('reads the server Date header and the local receipt time for clock-offset estimates', async () => {
    const { client } = dingClient(
      () => json({ authentication_uuid: UUID, status: 'pending' }, 200, { date: 'Tue, 07 Nov 2023 05:31:56 GMT' }),
      {
        clock: { now: () => Date.parse('2023-11-07T05:36:56Z') },
      },
    )
    const result = await client.createAuthentication({ phoneNumber: '+14155552671' })
    expect(result.meta.serverDate).toEqual(new Date('2023-11-07T05:31:56Z'))
    expect(result.meta.receivedAt).toEqual(new Date('2023-11-07T05:36:56Z'))
  })
})

describe('createEndpointClient', () => {
  it("talks to the app's endpoint at /api/otp with the three contract operations and no secret", async () => {
    const fake = fakeFetch((call) =>
      call.url.endsWith('/check')
        ? json({ authentication_uuid: UUID, status: 'valid', verification_token: 'proof' })
        : json({
            authentication_uuid: UUID,
            status: 'pending',
            flow_token: 'ft',
            next_retry_at: '2026-01-01T00:00:30Z',
            remaining_retry: 2,
          }),
    )
    const client = createEndpointClient({ fetch: fake.fetch })
    expect(Object.keys(client).sort()).toEqual(['check', 'createAuthentication', 'retry'])
    const sent = await client.createAuthentication({ phoneNumber: '+447700900123' })
    expect(sent).toMatchObject({ flowToken: 'ft', remainingRetry: 2 })
    const checked = await client.check({ authenticationUuid: UUID, checkCode: '123456', flowToken: 'ft' })
    expect(checked.verificationToken).toBe('proof')
    expect(fake.calls.map((c) => c.url)).toEqual(['/api/otp/authentication', '/api/otp/check'])
    expect(fake.calls[0]?.headers['x-api-key']).toBeUndefined()
    expect(fake.calls[0]?.body).toEqual({ phone_number: '+447700900123' })
  })

  it('sends the endpoint only the fields it reads from a browser, checked as the full client checks them', async () => {
    const fake = fakeFetch(() => json({ authentication_uuid: UUID, status: 'pending' }))
    const client = createEndpointClient({ fetch: fake.fetch })
    await client.createAuthentication({
      phoneNumber: '+447700900123',
      locale: 'fr-FR',
      deviceType: 'WEB',
      appVersion: '2.1.0',
      isReturningUser: true,
      // Set by the endpoint itself, never by the browser.
      ip: '203.0.113.7',
      callbackUrl: 'https://example.com/hooks/otp',
      templateId: 'template-1',
    })
    expect(fake.calls[0]?.body).toEqual({
      phone_number: '+447700900123',
      locale: 'fr-FR',
      device_type: 'WEB',
      app_version: '2.1.0',
      is_returning_user: true,
    })
    const refused = client.createAuthentication({ phoneNumber: '+447700900123', deviceType: 'TV' as 'WEB' })
    await expect(refused).rejects.toMatchObject({ code: 'invalid_request', field: 'deviceType' })
    expect(fake.calls).toHaveLength(1)
  })

  it('asks for a channel on send and resend, and reads the channel used and the channels on offer', async () => {
    const fake = fakeFetch((call) =>
      call.url.endsWith('/retry')
        ? json({
            authentication_uuid: UUID,
            status: 'approved',
            channel: 'voice',
            available_channels: ['sms', 'whatsapp', 'voice'],
          })
        : json({ authentication_uuid: UUID, status: 'pending', channel: 'whatsapp', available_channels: ['sms', 'whatsapp'] }),
    )
    const client = createEndpointClient({ fetch: fake.fetch })
    const sent = await client.createAuthentication({ phoneNumber: '+447700900123', channel: 'whatsapp' })
    expect(sent).toMatchObject({ channel: 'whatsapp', availableChannels: ['sms', 'whatsapp'] })
    const resent = await client.retry({ authenticationUuid: UUID, flowToken: 'ft', channel: 'voice' })
    expect(resent).toMatchObject({ status: 'approved', channel: 'voice', availableChannels: ['sms', 'whatsapp', 'voice'] })
    expect(fake.calls.map((call) => call.body)).toEqual([
      { phone_number: '+447700900123', channel: 'whatsapp' },
      { authentication_uuid: UUID, flow_token: 'ft', channel: 'voice' },
    ])
  })

  it('sends no channel when none is asked for, and reads an answer without one as before', async () => {
    const fake = fakeFetch(() => json({ authentication_uuid: UUID, status: 'approved' }))
    const client = createEndpointClient({ fetch: fake.fetch })
    const resent = await client.retry({ authenticationUuid: UUID, flowToken: 'ft' })
    expect(resent.channel).toBeUndefined()
    expect(resent.availableChannels).toBeUndefined()
    expect(fake.calls[0]?.body).toEqual({ authentication_uuid: UUID, flow_token: 'ft' })
  })

  it('lets any channel name through to the endpoint, which refuses what it does not offer', async () => {
    const fake = fakeFetch(() =>
      json({ code: 'unsupported_channel', message: 'Channel "fax" is not offered for this number; offered: sms, voice' }, 400),
    )
    const client = createEndpointClient({ fetch: fake.fetch })
    const refused = await rejection(client.createAuthentication({ phoneNumber: '+447700900123', channel: 'fax' }))
    expect(refused).toMatchObject({ code: 'unsupported_channel', status: 400 })
    expect(fake.calls[0]?.body).toEqual({ phone_number: '+447700900123', channel: 'fax' })
    const tooLong = client.createAuthentication({ phoneNumber: '+447700900123', channel: 'x'.repeat(33) })
    await expect(tooLong).rejects.toMatchObject({ code: 'invalid_request', field: 'channel' })
  })

  it("sends a human check's token with the send, and reads the check a 403 captcha_required asks for", async () => {
    const fake = fakeFetch((call) =>
      (call.body as { captcha_token?: string }).captcha_token === undefined
        ? json(
            {
              code: 'captcha_required',
              message: 'Complete the human check first',
              captcha: { provider: 'turnstile', site_key: '1x00000000000000000000AA' },
            },
            403,
          )
        : json({ authentication_uuid: UUID, status: 'pending', flow_token: 'ft' }),
    )
    const client = createEndpointClient({ fetch: fake.fetch })
    const asked = await rejection(client.createAuthentication({ phoneNumber: '+447700900123' }))
    expect(asked).toMatchObject({
      code: 'captcha_required',
      status: 403,
      message: 'Complete the human check first',
      captcha: { provider: 'turnstile', siteKey: '1x00000000000000000000AA' },
    })
    expect(asked.toJSON().captcha).toEqual({ provider: 'turnstile', siteKey: '1x00000000000000000000AA' })
    const sent = await client.createAuthentication({ phoneNumber: '+447700900123', captchaToken: 'XXXX.DUMMY.TOKEN' })
    expect(sent.flowToken).toBe('ft')
    expect(fake.calls.map((call) => call.body)).toEqual([
      { phone_number: '+447700900123' },
      { phone_number: '+447700900123', captcha_token: 'XXXX.DUMMY.TOKEN' },
    ])
    const empty = client.createAuthentication({ phoneNumber: '+447700900123', captchaToken: '' })
    await expect(empty).rejects.toMatchObject({ code: 'invalid_request', field: 'captchaToken' })
    expect(fake.calls).toHaveLength(2)
  })

  it('keeps the code of a captcha_required answer whose captcha is missing or malformed, without a challenge', async () => {
    for (const captcha of [undefined, 'turnstile', { provider: 'turnstile' }, { provider: '', site_key: 'k' }, { provider: 1 }]) {
      const fake = fakeFetch(() => json({ code: 'captcha_required', message: 'Human check needed', captcha }, 403))
      const error = await rejection(
        createEndpointClient({ fetch: fake.fetch }).createAuthentication({ phoneNumber: '+447700900123' }),
      )
      expect(error.code).toBe('captcha_required')
      expect(error.captcha).toBeUndefined()
      expect('captcha' in error.toJSON()).toBe(false)
    }
  })

  it('never sends a human check token to Ding, whose API has no such field', async () => {
    const { client, calls } = dingClient(() => json({ authentication_uuid: UUID, status: 'pending' }))
    await client.createAuthentication({ phoneNumber: '+447700900123', captchaToken: 'XXXX.DUMMY.TOKEN' })
    expect(calls[0]?.body).not.toHaveProperty('captcha_token')
  })

  it('validates before sending, like the full client', async () => {
    const fake = fakeFetch(() => json({}))
    const client = createEndpointClient({ baseUrl: '/otp', fetch: fake.fetch })
    await expect(client.check({ authenticationUuid: UUID, checkCode: ' ' })).rejects.toMatchObject({ code: 'invalid_request' })
    expect(fake.calls).toHaveLength(0)
  })
})
