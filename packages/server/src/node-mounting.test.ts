import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getRequestListener, serve } from '@hono/node-server'
import { getConnInfo } from '@hono/node-server/conninfo'
import { Hono } from 'hono'
import { afterEach, describe, expect, it } from 'vitest'
import { createOtpHandler, type OtpHandler } from './handler'
import { toNodeHandler } from './node'
import { sandboxProvider } from './providers/sandbox'

const SECRET = 'test-secret-that-is-at-least-32-bytes-long!'
const PHONE = '+14155552671'

const servers: Server[] = []

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
})

async function listening(server: Server): Promise<string> {
  servers.push(server)
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

function setup() {
  const provider = sandboxProvider()
  const ips: (string | undefined)[] = []
  const handler = createOtpHandler({
    provider: {
      ...provider,
      send: (input, ctx) => {
        ips.push(ctx.ip)
        return provider.send(input, ctx)
      },
    },
    secret: SECRET,
    logger: false,
  })
  return { handler, sandbox: provider.sandbox, ips }
}

/** The whole flow over real HTTP, as a browser on the same origin does it. */
async function verifyOverHttp(origin: string, sandbox: ReturnType<typeof setup>['sandbox']) {
  const headers = { 'content-type': 'application/json', origin }
  const sent = await fetch(`${origin}/api/otp/authentication`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ phone_number: PHONE }),
  })
  expect(sent.status).toBe(200)
  const { authentication_uuid, flow_token } = (await sent.json()) as { authentication_uuid: string; flow_token: string }
  const code = sandbox.outbox.latest(PHONE)?.code
  const checked = await fetch(`${origin}/api/otp/check`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ authentication_uuid, check_code: code, flow_token }),
  })
  return (await checked.json()) as { status: string; verification_token?: string }
}

/** `toNodeHandler(handler)`, and the handler as is, which `@hono/node-server` also accepts (deprecated). */
const MOUNTS = [
  ['toNodeHandler(handler)', (handler: OtpHandler) => toNodeHandler(handler)],
  ['the handler itself', (handler: OtpHandler) => handler],
] as const

describe.each(MOUNTS)('mounting %s in Node', (_, mount) => {
  it('@hono/node-server serve({ fetch }) passes the connection IP through', async () => {
    const { handler, sandbox, ips } = setup()
    const server = serve({ fetch: mount(handler), port: 0, hostname: '127.0.0.1' }) as Server
    await new Promise((resolve) => server.once('listening', resolve))
    const checked = await verifyOverHttp(await listening(server), sandbox)
    expect(checked.status).toBe('valid')
    expect(checked.verification_token).toEqual(expect.any(String))
    expect(ips).toEqual(['127.0.0.1'])
  })

  it("reads the headers from Node's request under @hono/node-server: origin, media type, length, user agent, proxy", async () => {
    const provider = sandboxProvider()
    const seen: { ip?: string | undefined; userAgent?: string | undefined }[] = []
    const handler = createOtpHandler({
      provider: {
        ...provider,
        send: (input, ctx) => {
          seen.push({ ip: ctx.ip, userAgent: ctx.userAgent })
          return provider.send(input, ctx)
        },
      },
      secret: SECRET,
      logger: false,
      trustProxy: true,
      allowedOrigins: ['https://app.example.com'],
    })
    const server = serve({ fetch: mount(handler), port: 0, hostname: '127.0.0.1' }) as Server
    await new Promise((resolve) => server.once('listening', resolve))
    const origin = await listening(server)
    const post = (headers: Record<string, string>, body = JSON.stringify({ phone_number: PHONE })) =>
      fetch(`${origin}/api/otp/authentication`, { method: 'POST', headers, body })

    const sent = await post({
      'content-type': 'application/json; charset=utf-8',
      origin: 'https://app.example.com',
      'user-agent': 'otpflow-test/1.0',
      'x-forwarded-for': '203.0.113.7, 198.51.100.2',
    })
    expect(sent.status).toBe(200)
    expect(sent.headers.get('access-control-allow-origin')).toBe('https://app.example.com')
    expect(seen).toEqual([{ ip: '198.51.100.2', userAgent: 'otpflow-test/1.0' }])

    expect((await post({ 'content-type': 'application/json', origin: 'https://evil.example' })).status).toBe(403)
    expect((await post({ 'content-type': 'text/plain' })).status).toBe(415)
    const large = await post(
      { 'content-type': 'application/json' },
      JSON.stringify({ phone_number: PHONE, pad: 'x'.repeat(9000) }),
    )
    expect(large.status).toBe(413)
    expect(((await large.json()) as { code: string }).code).toBe('payload_too_large')
    // Behind the proxy, the public origin comes from X-Forwarded-Host/-Proto.
    const proxied = await post({
      'content-type': 'application/json',
      origin: 'https://otp.example.com',
      'x-forwarded-host': 'otp.example.com',
      'x-forwarded-proto': 'https',
    })
    expect(proxied.status).toBe(200)
  })

  it('behind a body parser that read the body first (Express json(), text() or raw()), it uses what the parser left', async () => {
    const details: (string | undefined)[] = []
    const provider = sandboxProvider()
    const handler = createOtpHandler({ provider, secret: SECRET, logger: (entry) => details.push(entry.detail) })
    const listener = getRequestListener(mount(handler))
    let leave: 'object' | 'string' | 'bytes' | 'nothing' = 'object'
    // What express.json(), express.text() and express.raw() do: read the stream to its end and set req.body.
    const server = createServer((request, response) => {
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', () => {
        const raw = Buffer.concat(chunks)
        const body = { object: JSON.parse(raw.toString()), string: raw.toString(), bytes: raw, nothing: undefined }[leave]
        Object.assign(request, { body })
        void listener(request, response)
      })
    })
    const origin = await listening(server)
    const send = () =>
      fetch(`${origin}/api/otp/authentication`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ phone_number: PHONE }),
      })
    for (const kind of ['object', 'string', 'bytes'] as const) {
      leave = kind
      const sent = await send()
      expect(sent.status, kind).toBe(200)
      expect(((await sent.json()) as { status: string }).status).toBe('pending')
    }
    leave = 'nothing'
    const lost = await send()
    expect(lost.status).toBe(500)
    expect(((await lost.json()) as { code: string }).code).toBe('server_error')
    expect(details.at(-1)).toMatch(/read before the handler/)
  })

  it('inside a Hono app, with getConnInfo for the IP', async () => {
    const { handler, sandbox, ips } = setup()
    const app = new Hono()
    app.get('/health', (c) => c.json({ ok: true }))
    app.all('/api/otp/*', (c) => handler(c.req.raw, { ip: getConnInfo(c).remote.address }))
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server
    await new Promise((resolve) => server.once('listening', resolve))
    const origin = await listening(server)
    expect((await verifyOverHttp(origin, sandbox)).status).toBe('valid')
    expect(ips).toEqual(['127.0.0.1'])
  })

  it('as a Connect-style middleware (Vite dev server, Express) through getRequestListener', async () => {
    const { handler, sandbox } = setup()
    const listener = getRequestListener(mount(handler))
    const server = createServer((request, response) => {
      if (request.url?.startsWith('/api/otp/')) return void listener(request, response)
      response.writeHead(200, { 'content-type': 'text/plain' }).end('the app')
    })
    const origin = await listening(server)
    expect((await verifyOverHttp(origin, sandbox)).status).toBe('valid')
    expect(await (await fetch(`${origin}/`)).text()).toBe('the app')
  })
})
