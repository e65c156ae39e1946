import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { startFakeDing } from '../../../packages/server/src/testing/fake-ding'
import { startRedisServer } from '../../../packages/server/src/testing/redis-server'
import { createDemoApp } from '../server/app'
import { latestCode, type RunningDemo, startDemo } from './harness'

let demo: RunningDemo

beforeAll(async () => {
  demo = await startDemo(inject('clientDir'))
})
afterAll(() => demo.close())

async function post(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${demo.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: demo.url },
    body: JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

let numbersUsed = 0

/**
 * Runs send → outbox → check over HTTP, as the browser does, and returns the proof the endpoint signed.
 * Each call uses its own number: the endpoint allows only a few sends per number in ten minutes.
 */
async function verificationToken(): Promise<{ token: string; phoneNumber: string }> {
  numbersUsed += 1
  const phoneNumber = `+4477009001${String(numbersUsed).padStart(2, '0')}`
  const sent = await post('/api/otp/authentication', { phone_number: phoneNumber })
  expect(sent.status).toBe(200)
  const checked = await post('/api/otp/check', {
    authentication_uuid: sent.body.authentication_uuid,
    check_code: await latestCode(demo, phoneNumber),
    flow_token: sent.body.flow_token,
  })
  expect(checked.body.status).toBe('valid')
  return { token: String(checked.body.verification_token), phoneNumber }
}

describe('/api/signup', () => {
  it('tells the page it runs on the sandbox, and the terminal says so loudly', async () => {
    const config = (await (await fetch(`${demo.url}/api/config`)).json()) as { sandbox: boolean }
    expect(config.sandbox).toBe(true)
    expect(demo.lines.join('\n')).toMatch(/SANDBOX: no SMS is sent/)
  })

  it('prints each sandbox code to the terminal with the number masked', async () => {
    await post('/api/otp/authentication', { phone_number: '+33612345678' })
    const code = await latestCode(demo, '+33612345678')
    expect(demo.lines).toContain(`[otpflow sandbox] code ${code} for +33•••••5678`)
  })

  it('answers the verified number for a genuine token', async () => {
    const { token, phoneNumber } = await verificationToken()
    const signup = await post('/api/signup', { name: 'Ada', email: 'ada@example.com', phone_token: token })
    expect(signup.status).toBe(200)
    expect(signup.body).toMatchObject({ name: 'Ada', phone_number: phoneNumber })
  })

  it('creates one account per proof: a second submit with the same token gets 409 token_used', async () => {
    const { token, phoneNumber } = await verificationToken()
    const first = await post('/api/signup', { name: 'Ada', email: 'ada@example.com', phone_token: token })
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ phone_number: phoneNumber })
    const second = await post('/api/signup', { name: 'Mallory', email: 'mallory@example.com', phone_token: token })
    expect(second.status).toBe(409)
    expect(second.body.code).toBe('token_used')
    // Two submits at once (a double click, a replay racing the page): one account.
    const { token: raced } = await verificationToken()
    const statuses = await Promise.all(
      [1, 2, 3].map(async () => (await post('/api/signup', { name: 'Ada', phone_token: raced })).status),
    )
    expect(statuses.sort()).toEqual([200, 409, 409])
  })

  it('accepts a plain HTML form post carrying the hidden phone_token field', async () => {
    const { token, phoneNumber } = await verificationToken()
    const response = await fetch(`${demo.url}/api/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ name: 'Ada', phone_token: token }).toString(),
    })
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ phone_number: phoneNumber })
  })

  it('refuses a forged token whose phone number was swapped', async () => {
    const [header, payload, signature] = (await verificationToken()).token.split('.')
    const claims = JSON.parse(Buffer.from(String(payload), 'base64url').toString()) as Record<string, unknown>
    const forgedPayload = Buffer.from(JSON.stringify({ ...claims, phone_number: '+15555550100', sub: '+15555550100' })).toString(
      'base64url',
    )
    const signup = await post('/api/signup', { phone_token: `${header}.${forgedPayload}.${signature}` })
    expect(signup.status).toBe(401)
    expect(signup.body.code).toBe('invalid_token')
  })

  it('refuses an unsigned token (alg: none)', async () => {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
    // The server's time (another test may have moved it), so that only the missing signature is wrong.
    const now = Math.floor(demo.clock.now() / 1000)
    const claims = {
      iss: 'otpflow',
      aud: 'otpflow:verification',
      sub: '+447700900123',
      phone_number: '+447700900123',
      iat: now,
      exp: now + 600,
    }
    const token = `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.`
    const signup = await post('/api/signup', { phone_token: token })
    expect(signup.status).toBe(401)
    expect(signup.body.code).toBe('invalid_token')
  })

  it('refuses a genuine token once it has expired', async () => {
    const { token } = await verificationToken()
    demo.clock.advance(11 * 60 * 1000)
    const signup = await post('/api/signup', { phone_token: token })
    expect(signup.status).toBe(401)
    expect(signup.body.code).toBe('expired_token')
  })

  it.each([
    ['broken JSON', '{not json', 'application/json'],
    ['a JSON array', '[1,2]', 'application/json'],
    ['JSON null', 'null', 'application/json'],
    ['a number as token', '{"phone_token":42}', 'application/json'],
    ['an object as token', '{"phone_token":{"alg":"none"}}', 'application/json'],
    ['a token of three junk parts', '{"phone_token":"a.b.c"}', 'application/json'],
    ['a 20 kB token', `{"phone_token":"${'x'.repeat(20_000)}"}`, 'application/json'],
    ['a broken percent-encoded form', 'phone_token=%E0%A4%A', 'application/x-www-form-urlencoded'],
    ['plain text', 'phone_token', 'text/plain'],
    ['an empty body', '', 'application/json'],
  ])('answers %s with a JSON 4xx, never a 5xx', async (_label, raw, contentType) => {
    const response = await fetch(`${demo.url}/api/signup`, {
      method: 'POST',
      headers: { 'content-type': contentType, origin: demo.url },
      body: raw,
    })
    expect(response.status).toBeGreaterThanOrEqual(400)
    expect(response.status).toBeLessThan(500)
    expect(await response.json()).toMatchObject({ code: expect.any(String) })
  })

  it('asks for a token when there is none', async () => {
    const signup = await post('/api/signup', { name: 'Ada' })
    expect(signup.status).toBe(400)
    expect(signup.body.code).toBe('invalid_request')
  })
})

describe('a proof signed on the sandbox', () => {
  const OTP_SECRET = 'shared-by-a-sandbox-and-a-real-provider-0123456789'

  async function postTo(target: RunningDemo, path: string, body: unknown) {
    const response = await fetch(`${target.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: target.url },
      body: JSON.stringify(body),
    })
    return { status: response.status, body: (await response.json()) as Record<string, unknown> }
  }

  it('creates an account while the demo runs on the sandbox, and never once it runs on a real provider with the same secret', async () => {
    const sandboxDemo = await startDemo(inject('clientDir'), { OTP_SECRET })
    const ding = await startFakeDing({ apiKey: 'ding-signup-e2e-key', customerUuid: 'd1e2e2e2-0000-4000-8000-00000000c0de' })
    const dingDemo = await startDemo(inject('clientDir'), {
      DING_API_KEY: ding.apiKey,
      DING_CUSTOMER_UUID: ding.customerUuid,
      DING_BASE_URL: ding.url,
      OTP_SECRET,
    })
    try {
      const phoneNumber = '+447700900199'
      const sent = await postTo(sandboxDemo, '/api/otp/authentication', { phone_number: phoneNumber })
      const checked = await postTo(sandboxDemo, '/api/otp/check', {
        authentication_uuid: sent.body.authentication_uuid,
        check_code: await latestCode(sandboxDemo, phoneNumber),
        flow_token: sent.body.flow_token,
      })
      const token = String(checked.body.verification_token)

      const onSandbox = await postTo(sandboxDemo, '/api/signup', { name: 'Ada', phone_token: token })
      expect(onSandbox.status).toBe(200)
      expect(onSandbox.body.phone_number).toBe(phoneNumber)

      // Anyone can read the sandbox's codes: its proof says nothing about a real phone.
      const onDing = await postTo(dingDemo, '/api/signup', { name: 'Ada', phone_token: token })
      expect(onDing.status).toBe(401)
      expect(onDing.body.code).toBe('sandbox_token')
    } finally {
      await dingDemo.close()
      await ding.close()
      await sandboxDemo.close()
    }
  })
})

describe('two demo servers on one Redis (REDIS_URL)', () => {
  it('checks on one the code the other sent, and makes one account of a proof whichever server gets the submits', async () => {
    const redis = await startRedisServer()
    const env = { REDIS_URL: redis.url, OTP_SECRET: 'two-demo-servers-share-this-secret-0123456789' }
    const servers = [1, 2].map(() => createDemoApp({ env, log: () => {}, logger: false }))
    const [first, second] = servers as [ReturnType<typeof createDemoApp>, ReturnType<typeof createDemoApp>]
    const call = async (server: typeof first, path: string, body?: unknown) => {
      const response = await server.app.request(
        path,
        body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
      )
      return { status: response.status, body: (await response.json()) as Record<string, unknown> }
    }
    try {
      const phoneNumber = '+447700900198'
      const sent = await call(first, '/api/otp/authentication', { phone_number: phoneNumber })
      expect(sent.status).toBe(200)
      const outbox = await call(second, `/api/otp/sandbox/outbox?phone_number=${encodeURIComponent(phoneNumber)}`)
      const code = (outbox.body.messages as { code: string }[])[0]?.code
      expect(code).toMatch(/^\d{6}$/)
      const checked = await call(second, '/api/otp/check', {
        authentication_uuid: sent.body.authentication_uuid,
        check_code: code,
        flow_token: sent.body.flow_token,
      })
      expect(checked.body.status).toBe('valid')
      const token = String(checked.body.verification_token)

      expect((await call(first, '/api/signup', { name: 'Ada', phone_token: token })).status).toBe(200)
      const again = await call(second, '/api/signup', { name: 'Ada', phone_token: token })
      expect(again.status).toBe(409)
      expect(again.body.code).toBe('token_used')
    } finally {
      await Promise.all(servers.map((server) => (server.provider.handler.store as { close?: () => Promise<void> }).close?.()))
      await redis.close()
    }
  })
})
