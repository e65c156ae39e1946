import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getRequestListener } from '@hono/node-server'
import express, { type ErrorRequestHandler } from 'express'
import { afterEach, describe, expect, it } from 'vitest'
import { createOtpHandlerFromEnv } from './from-env'
import { toNodeHandler } from './node'
import { verifyPhoneToken } from './tokens'

const SECRET = 'express-test-secret-that-is-at-least-32-bytes'
const PHONE = '+447700900123'

const servers: Server[] = []

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
})

async function listen(app: express.Express): Promise<string> {
  const server = app.listen(0, '127.0.0.1')
  servers.push(server)
  await new Promise((resolve) => server.once('listening', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

/** The endpoint as the server README builds it, on the sandbox, with the IP each send saw. */
function endpoint() {
  const handler = createOtpHandlerFromEnv({ OTP_PROVIDER: 'sandbox', OTP_SECRET: SECRET }, { logger: false, warn: () => {} })
  const ips: (string | undefined)[] = []
  const send = handler.provider.send.bind(handler.provider)
  handler.provider.send = (input, context) => {
    ips.push(context.ip)
    return send(input, context)
  }
  return { handler, ips, otp: getRequestListener(toNodeHandler(handler)) }
}

function post(origin: string, route: string, body: string) {
  return fetch(`${origin}/api/otp/${route}`, { method: 'POST', headers: { 'content-type': 'application/json', origin }, body })
}

/** Send, read the code from the outbox route, check it: the whole flow over HTTP through the Express app. */
async function verifyThrough(origin: string): Promise<string> {
  const sent = await post(origin, 'authentication', JSON.stringify({ phone_number: PHONE }))
  expect(sent.status).toBe(200)
  const { authentication_uuid, flow_token } = (await sent.json()) as { authentication_uuid: string; flow_token: string }
  const outbox = await fetch(`${origin}/api/otp/sandbox/outbox?phone_number=${encodeURIComponent(PHONE)}`)
  expect(outbox.status).toBe(200)
  const { messages } = (await outbox.json()) as { messages: { code: string }[] }
  const checked = await post(origin, 'check', JSON.stringify({ authentication_uuid, flow_token, check_code: messages[0]?.code }))
  expect(checked.status).toBe(200)
  const answer = (await checked.json()) as { status: string; verification_token: string }
  expect(answer.status).toBe('valid')
  return answer.verification_token
}

/**
 * For an app whose `express.json()` runs before the endpoint: body-parser refuses a body it cannot parse through
 * Express's error handlers (`type: 'entity.parse.failed'`, documented by body-parser), which answer HTML by default.
 * This one answers it as the endpoint answers a malformed body.
 */
const malformedJsonAsJson: ErrorRequestHandler = (error, _request, response, next) =>
  error?.type === 'entity.parse.failed'
    ? void response.status(400).json({ code: 'invalid_request', message: 'The body is not valid JSON' })
    : next(error)

describe('the endpoint in an Express 5 app on loopback', () => {
  it('mounted in one line, sends and checks a code, reads the client IP from the socket and hands out a proof', async () => {
    const { handler, ips, otp } = endpoint()
    const app = express()
    app.get('/health', (_request, response) => void response.json({ ok: true }))
    app.all('/api/otp/*path', otp)
    const origin = await listen(app)

    const token = await verifyThrough(origin)
    expect(await verifyPhoneToken(token, { secret: SECRET, allowSandbox: true, store: handler.store })).toMatchObject({
      phoneNumber: PHONE,
    })
    expect(ips).toEqual(['127.0.0.1'])
    // The app's own routes are untouched, and unknown paths under the mount are the endpoint's JSON 404.
    expect(await (await fetch(`${origin}/health`)).json()).toEqual({ ok: true })
    const unknown = await post(origin, 'nope', '{}')
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toMatchObject({ code: 'not_found' })
  })

  it('mounted before express.json(), answers a malformed body itself: 400 invalid_request', async () => {
    const { otp } = endpoint()
    const app = express()
    app.all('/api/otp/*path', otp)
    app.use(express.json())
    app.post('/signup', (request, response) => void response.json({ got: request.body }))
    const origin = await listen(app)

    const malformed = await post(origin, 'authentication', '{"phone_number": ')
    expect(malformed.status).toBe(400)
    expect(await malformed.json()).toMatchObject({ code: 'invalid_request' })
    // The parser still serves the app's other routes.
    const signup = await fetch(`${origin}/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    })
    expect(await signup.json()).toEqual({ got: { a: 1 } })
  })

  it('behind express.json(), reads the parsed body: send and check work, and the size limit still holds', async () => {
    const { otp } = endpoint()
    const app = express()
    app.use(express.json())
    app.all('/api/otp/*path', otp)
    const origin = await listen(app)

    await verifyThrough(origin)
    // Under express.json()'s 100 kB, over the endpoint's 8 KiB: refused from Content-Length.
    const large = await post(origin, 'authentication', JSON.stringify({ phone_number: PHONE, pad: 'x'.repeat(9000) }))
    expect(large.status).toBe(413)
    expect(await large.json()).toMatchObject({ code: 'payload_too_large' })
    const schema = await post(origin, 'authentication', JSON.stringify({ phone: PHONE }))
    expect(schema.status).toBe(400)
    expect(await schema.json()).toMatchObject({ code: 'invalid_request' })
  })

  it("behind express.json(), a malformed body gets 400 invalid_request from the app's error handler", async () => {
    const { otp } = endpoint()
    const app = express()
    app.use(express.json())
    app.all('/api/otp/*path', otp)
    app.use(malformedJsonAsJson)
    const origin = await listen(app)

    const malformed = await post(origin, 'authentication', '{"phone_number": ')
    expect(malformed.status).toBe(400)
    expect(malformed.headers.get('content-type')).toMatch(/^application\/json/)
    expect(await malformed.json()).toMatchObject({ code: 'invalid_request' })
  })

  it('behind express.json() without that error handler, the malformed body never reaches the endpoint (Express answers HTML)', async () => {
    const { otp } = endpoint()
    const app = express()
    app.use(express.json())
    app.all('/api/otp/*path', otp)
    const origin = await listen(app)

    const malformed = await post(origin, 'authentication', '{"phone_number": ')
    expect(malformed.status).toBe(400)
    expect(malformed.headers.get('content-type')).toMatch(/^text\/html/)
  })
})
