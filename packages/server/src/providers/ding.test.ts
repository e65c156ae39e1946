import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { systemClock } from '@otpflow/core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createOtpHandlerFromEnv } from '../from-env'
import { createOtpHandler } from '../handler'
import type { OtpLogEntry } from '../log'
import { createMemoryStore } from '../store'
import { verifyPhoneToken } from '../tokens'
import { dingProvider, dingProviderFromEnv } from './ding'

const API_KEY = 'ding-api-key-never-shown-to-clients'
const CUSTOMER_UUID = 'c0ffee00-1111-4222-8333-444455556666'
const SECRET = 'test-secret-that-is-at-least-32-bytes-long!'
const ORIGIN = 'https://app.example'
const PHONE = '+14155552671'
const AUTH_UUID = '4a1b2c3d-0000-4000-8000-000000000001'

interface Received {
  method: string
  path: string
  headers: IncomingMessage['headers']
  body: Record<string, unknown>
}

type Reply = (response: ServerResponse) => void

/** A stand-in for Ding on 127.0.0.1: records what it receives and answers with the next scripted reply. */
let server: Server
let baseUrl: string
let received: Received[] = []
let reply: Reply

const jsonReply =
  (status: number, body: unknown, headers: Record<string, string> = {}): Reply =>
  (response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers })
    response.end(JSON.stringify(body))
  }

beforeAll(async () => {
  server = createServer((request, response) => {
    let raw = ''
    request.on('data', (chunk) => {
      raw += chunk
    })
    request.on('end', () => {
      received.push({
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body: raw ? JSON.parse(raw) : {},
      })
      reply(response)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

beforeEach(() => {
  received = []
  reply = jsonReply(500, { message: 'no reply scripted' })
})

function setup(timeoutMs = 2000) {
  const logs: OtpLogEntry[] = []
  const handler = createOtpHandler({
    provider: dingProvider({ apiKey: API_KEY, customerUuid: CUSTOMER_UUID, baseUrl, timeoutMs }),
    secret: SECRET,
    logger: (entry) => logs.push(entry),
  })
  return { handler, logs }
}

function post(path: string, body: unknown) {
  return new Request(`${ORIGIN}/api/otp${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN },
    body: JSON.stringify(body),
  })
}

async function answer(response: Response) {
  const text = await response.text()
  // Nothing the endpoint answers may carry a secret.
  expect(text).not.toContain(API_KEY)
  expect(text).not.toContain(CUSTOMER_UUID)
  expect(text).not.toContain(SECRET)
  return { status: response.status, body: JSON.parse(text) as Record<string, unknown>, headers: response.headers }
}

const pending = jsonReply(200, {
  authentication_uuid: AUTH_UUID,
  status: 'pending',
  created_at: '2026-04-01T08:00:00Z',
  expires_at: '2099-04-01T08:10:00Z',
})

async function startFlow(handler: ReturnType<typeof setup>['handler']) {
  reply = pending
  const sent = await answer(await handler(post('/authentication', { phone_number: PHONE }), { ip: '::ffff:203.0.113.7' }))
  return String(sent.body.flow_token)
}

describe('dingProvider through the handler, against a fake Ding on 127.0.0.1', () => {
  it('sends with the key in the header, the customer UUID and the client IP added to the body', async () => {
    const { handler } = setup()
    reply = pending
    const sent = await answer(
      await handler(
        post('/authentication', {
          phone_number: PHONE,
          locale: 'fr-FR',
          device_type: 'WEB',
          customer_uuid: 'forged',
          ip: '6.6.6.6',
        }),
        {
          ip: '::ffff:203.0.113.7',
        },
      ),
    )
    expect(sent.status).toBe(200)
    expect(sent.body).toMatchObject({
      authentication_uuid: AUTH_UUID,
      status: 'pending',
      created_at: '2026-04-01T08:00:00.000Z',
      expires_at: '2099-04-01T08:10:00.000Z',
      next_retry_at: '2026-04-01T08:00:30.000Z',
      flow_token: expect.any(String),
    })
    expect(received).toHaveLength(1)
    expect(received[0]?.method).toBe('POST')
    expect(received[0]?.path).toBe('/v1/authentication')
    expect(received[0]?.headers['x-api-key']).toBe(API_KEY)
    expect(received[0]?.body).toEqual({
      customer_uuid: CUSTOMER_UUID,
      phone_number: PHONE,
      ip: '203.0.113.7',
      locale: 'fr-FR',
      device_type: 'WEB',
    })
  })

  it('checks and retries with the authentication from the flow token', async () => {
    const { handler } = setup()
    const flowToken = await startFlow(handler)
    reply = jsonReply(200, { authentication_uuid: AUTH_UUID, status: 'valid' })
    const checked = await answer(
      await handler(post('/check', { authentication_uuid: AUTH_UUID, check_code: '123456', flow_token: flowToken })),
    )
    expect(checked.body).toMatchObject({ authentication_uuid: AUTH_UUID, status: 'valid' })
    expect(await verifyPhoneToken(String(checked.body.verification_token), { secret: SECRET })).toMatchObject({
      phoneNumber: PHONE,
    })
    expect(received[1]?.body).toEqual({ customer_uuid: CUSTOMER_UUID, authentication_uuid: AUTH_UUID, check_code: '123456' })

    reply = jsonReply(200, {
      authentication_uuid: AUTH_UUID,
      status: 'approved',
      created_at: '2026-04-01T08:01:00Z',
      next_retry_at: '2026-04-01T08:02:00Z',
      remaining_retry: 2,
    })
    const retried = await answer(await handler(post('/retry', { authentication_uuid: AUTH_UUID, flow_token: flowToken })))
    expect(retried.body).toEqual({
      authentication_uuid: AUTH_UUID,
      status: 'approved',
      created_at: '2026-04-01T08:01:00.000Z',
      next_retry_at: '2026-04-01T08:02:00.000Z',
      remaining_retry: 2,
      // Ding places no calls and takes no channel: SMS alone is on offer.
      channel: 'sms',
      available_channels: ['sms'],
    })
    expect(received[2]?.body).toEqual({ customer_uuid: CUSTOMER_UUID, authentication_uuid: AUTH_UUID })
  })

  it('Ding timing out → 504 upstream_timeout', async () => {
    const { handler } = setup(100)
    reply = () => {
      // Never answers: the provider's timeout must fire.
    }
    const { status, body } = await answer(await handler(post('/authentication', { phone_number: PHONE })))
    expect(status).toBe(504)
    expect(body.code).toBe('upstream_timeout')
  })

  it.each([
    ['a 500 with JSON', jsonReply(500, { message: 'boom' })],
    ['a 503 without a body', jsonReply(503, '')],
    [
      'an HTML error page',
      ((response) => {
        response.writeHead(502, { 'content-type': 'text/html' })
        response.end('<html><body>Bad Gateway</body></html>')
      }) as Reply,
    ],
    [
      'garbage with a 200',
      ((response) => {
        response.writeHead(200, { 'content-type': 'application/json' })
        response.end('{"authentication_uuid": "x", "sta')
      }) as Reply,
    ],
    ['an unknown status', jsonReply(200, { authentication_uuid: AUTH_UUID, status: 'teleported' })],
  ])('Ding answering %s → 502 upstream_error', async (_label, scripted) => {
    const { handler, logs } = setup()
    reply = scripted
    const { status, body } = await answer(await handler(post('/authentication', { phone_number: PHONE })))
    expect(status).toBe(502)
    expect(body).toEqual({ code: 'upstream_error', message: 'The verification service answered with an error' })
    expect(logs[0]).toMatchObject({ level: 'error', status: 502, outcome: 'upstream_error' })
  })

  it.each([
    ['401', jsonReply(401, { message: 'Unauthorized' }), 'unauthorized'],
    ['403 from the gateway', jsonReply(403, { message: 'Forbidden' }), 'unauthorized'],
    ['account_invalid', jsonReply(400, { code: 'account_invalid', message: 'The customer UUID is invalid' }), 'account_invalid'],
    ['suspended_account', jsonReply(400, { code: 'suspended_account', message: 'suspended' }), 'suspended_account'],
    ['negative_balance', jsonReply(400, { code: 'negative_balance', message: 'no money' }), 'negative_balance'],
    ['spending_limit_exceeded', jsonReply(400, { code: 'spending_limit_exceeded', message: 'limit' }), 'spending_limit_exceeded'],
  ])('Ding %s → 503 service_unavailable, the detail only in the log', async (_label, scripted, detail) => {
    const { handler, logs } = setup()
    reply = scripted
    const { status, body } = await answer(await handler(post('/authentication', { phone_number: PHONE })))
    expect(status).toBe(503)
    expect(body).toEqual({ code: 'service_unavailable', message: 'The verification service is unavailable' })
    expect(JSON.stringify(body)).not.toContain(detail)
    expect(logs[0]?.detail).toContain(detail)
    expect(logs[0]?.detail).not.toContain(API_KEY)
  })

  it.each(['invalid_phone_number', 'invalid_line', 'blocked_number', 'unsupported_region'])(
    'Ding %s → 400 with that code',
    async (code) => {
      const { handler } = setup()
      reply = jsonReply(400, { code, message: `upstream says ${code}`, doc_url: 'https://docs.prelude.so/x' })
      const { status, body } = await answer(await handler(post('/authentication', { phone_number: PHONE })))
      expect(status).toBe(400)
      expect(body.code).toBe(code)
    },
  )

  it('Ding 429 → 429 rate_limited with its Retry-After', async () => {
    const { handler } = setup()
    reply = jsonReply(429, { message: 'slow down' }, { 'retry-after': '42' })
    const { status, body, headers } = await answer(await handler(post('/authentication', { phone_number: PHONE })))
    expect(status).toBe(429)
    expect(body.code).toBe('rate_limited')
    expect(headers.get('retry-after')).toBe('42')
  })

  it('a fault on check is mapped the same way', async () => {
    const { handler } = setup()
    const flowToken = await startFlow(handler)
    reply = jsonReply(500, { message: 'boom' })
    const { status } = await answer(
      await handler(post('/check', { authentication_uuid: AUTH_UUID, check_code: '123456', flow_token: flowToken })),
    )
    expect(status).toBe(502)
  })
})

describe('dingProvider baseUrl', () => {
  const host = () => baseUrl.replace(/\/v1$/, '')

  it.each([
    ['the host', () => host()],
    ['the host with a trailing slash', () => `${host()}/`],
    ['the host and /v1', () => baseUrl],
    ['the host and /v1/', () => `${baseUrl}/`],
  ])("reaches Ding's routes with %s", async (_form, url) => {
    reply = pending
    const provider = dingProvider({ apiKey: API_KEY, customerUuid: CUSTOMER_UUID, baseUrl: url() })
    const sent = await provider.send({ phoneNumber: PHONE }, { store: createMemoryStore(), clock: systemClock })
    expect(sent.status).toBe('pending')
    expect(received.map((request) => request.path)).toEqual(['/v1/authentication'])
  })

  it('reads DING_BASE_URL given as a host and adds /v1', async () => {
    reply = pending
    const provider = dingProviderFromEnv({ DING_API_KEY: API_KEY, DING_CUSTOMER_UUID: CUSTOMER_UUID, DING_BASE_URL: host() })
    await provider?.send({ phoneNumber: PHONE }, { store: createMemoryStore(), clock: systemClock })
    expect(received.map((request) => request.path)).toEqual(['/v1/authentication'])
  })
})

describe('createOtpHandlerFromEnv with Ding', () => {
  it('uses Ding when both variables are set, at DING_BASE_URL', async () => {
    const handler = createOtpHandlerFromEnv(
      { DING_API_KEY: API_KEY, DING_CUSTOMER_UUID: CUSTOMER_UUID, DING_BASE_URL: baseUrl, OTP_SECRET: SECRET },
      { logger: false },
    )
    expect(handler.provider.name).toBe('ding')
    expect(handler.sandbox).toBeUndefined()
    reply = pending
    const sent = await answer(await handler(post('/authentication', { phone_number: PHONE })))
    expect(sent.status).toBe(200)
    expect(received[0]?.headers['x-api-key']).toBe(API_KEY)
    expect((await handler(new Request(`${ORIGIN}/api/otp/sandbox/outbox`))).status).toBe(404)
  })
})
