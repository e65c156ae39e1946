import { getConnInfo } from '@hono/node-server/conninfo'
import { serveStatic } from '@hono/node-server/serve-static'
import type { Clock } from '@otpflow/core'
import { isOtpError } from '@otpflow/core'
import { type OtpLogger, verifyPhoneToken } from '@otpflow/server'
import { Hono } from 'hono'
import { createDemoProvider, type DemoProvider } from './provider'

export interface DemoAppOptions {
  /** Environment to read the provider and the secret from (see `.env.example`). */
  env: Record<string, string | undefined>
  /** Folder of the built client to serve, with `index.html` for every page. Absent in dev, where Vite serves the page. */
  staticRoot?: string
  /** Where the sandbox codes and the startup banner go. */
  log?: (line: string) => void
  /** One line per endpoint request; `false` for silence. @default JSON lines on the console */
  logger?: OtpLogger | false
  /** Time for the tokens and the sandbox. @default systemClock */
  clock?: Clock
}

export interface DemoApp {
  app: Hono
  provider: DemoProvider
}

/** The demo's whole backend: the OTP endpoint at `/api/otp`, the signup that checks its proof, and the page's config. */
export function createDemoApp({ env: rawEnv, staticRoot, log = console.log, logger, clock }: DemoAppOptions): DemoApp {
  // A copied .env.example leaves variables empty; empty means unset, so it runs on the sandbox instead of refusing to start.
  const env = Object.fromEntries(Object.entries(rawEnv).filter(([, value]) => value !== undefined && value.trim() !== ''))
  const provider = createDemoProvider(env, { log, logger, ...(clock ? { clock } : {}) })
  const app = new Hono()

  app.all('/api/otp/*', (c) => provider.handler(c.req.raw, { ip: clientIp(c) }))

  app.get('/api/config', (c) => c.json({ sandbox: provider.handler.sandbox !== undefined, provider: provider.name }))

  app.post('/api/signup', async (c) => {
    const body = await readBody(c.req.raw)
    const token = body?.phone_token
    if (typeof token !== 'string' || token === '') {
      return c.json({ code: 'invalid_request', message: 'phone_token is required: verify a phone number first.' }, 400)
    }
    try {
      // A sandbox proof is worth something only while the demo itself runs on the sandbox: with a real provider, a token
      // the sandbox signed (same OTP_SECRET, say from a dev run) must not pass for a number nobody received a code on.
      // Spent in the endpoint's own store (Redis with REDIS_URL): one proof makes one account, whichever instance
      // receives the second submit.
      const verified = await verifyPhoneToken(token, {
        secret: provider.secret,
        allowSandbox: provider.handler.sandbox !== undefined,
        store: provider.handler.store,
        ...(clock ? { clock } : {}),
      })
      return c.json({
        name: typeof body?.name === 'string' ? body.name : '',
        email: typeof body?.email === 'string' ? body.email : '',
        phone_number: verified.phoneNumber,
        verified_at: verified.verifiedAt.toISOString(),
      })
    } catch (error) {
      if (isOtpError(error)) {
        // A used proof is genuine and current, just spent: a conflict with the account it already made, not bad
        // credentials. A store out of reach is ours to fix, and the same proof may pass once it is back.
        const status = error.code === 'token_used' ? 409 : error.code === 'service_unavailable' ? 503 : 401
        return c.json({ code: error.code, message: error.message }, status)
      }
      throw error
    }
  })

  app.all('/api/*', (c) => c.json({ code: 'not_found', message: 'No such endpoint.' }, 404))

  if (staticRoot) {
    app.use('/*', serveStatic({ root: staticRoot }))
    // Every page of the demo is the same document; the router in the browser picks the page. A missing file (a stale
    // hashed asset after a deploy) is a 404, not the page, which a browser would otherwise try to run as a script.
    app.use('/*', async (c, next) => {
      if (/\.[^/]+$/.test(c.req.path)) return c.text('Not found', 404)
      await next()
    })
    app.get('/*', serveStatic({ root: staticRoot, path: 'index.html' }))
  }

  return { app, provider }
}

function clientIp(c: Parameters<typeof getConnInfo>[0]): string | undefined {
  try {
    return getConnInfo(c).remote.address
  } catch {
    // Not running on @hono/node-server (e.g. `app.request()` in a test): there is no socket to ask.
    return undefined
  }
}

async function readBody(request: Request): Promise<Record<string, unknown> | undefined> {
  const type = request.headers.get('content-type') ?? ''
  try {
    if (type.includes('application/json')) {
      const json: unknown = await request.json()
      return json !== null && typeof json === 'object' ? (json as Record<string, unknown>) : undefined
    }
    // A plain HTML form post (no JavaScript) carries the token in the hidden input `<PhoneVerify name>` renders.
    const form = await request.formData()
    return Object.fromEntries([...form.entries()].map(([key, value]) => [key, String(value)]))
  } catch {
    return undefined
  }
}
