/**
 * A fake of a captcha vendor's siteverify API on 127.0.0.1, answering as the vendor documents it: a form-encoded POST
 * of `secret`, `response` (the token), `remoteip` (and `sitekey` for hCaptcha), a JSON answer with `success`,
 * `error-codes`, `challenge_ts`, `hostname` (and `score`, `action` for reCAPTCHA v3). Each token it issued passes once;
 * a replay fails as at the vendor.
 */
import { type FakeRequest, type FakeResponse, listen, readRequest, writeResponse } from './fake-http'

export type FakeVendor = 'turnstile' | 'hcaptcha' | 'recaptcha'

const PATHS: Record<FakeVendor, string> = {
  turnstile: '/turnstile/v0/siteverify',
  hcaptcha: '/siteverify',
  recaptcha: '/recaptcha/api/siteverify',
}

/** What each vendor says of a token it has already seen. */
const REPLAYED: Record<FakeVendor, string> = {
  turnstile: 'timeout-or-duplicate',
  hcaptcha: 'invalid-or-already-seen-response',
  recaptcha: 'timeout-or-duplicate',
}

export interface IssuedToken {
  /** The page the widget was solved on. @default 'app.example' */
  hostname?: string
  /** reCAPTCHA v3's score. */
  score?: number
  /** reCAPTCHA v3's action. */
  action?: string
}

export interface FakeSiteverify {
  /** `http://127.0.0.1:<port>`: the host alone, to which the verifier adds the vendor's path. */
  readonly url: string
  readonly requests: FakeRequest[]
  /** A token the fake will pass once, as if a person had solved the widget. */
  issue(token: string, answer?: IssuedToken): void
  /** The next answer, whatever is asked (an outage, garbage). */
  failNext(response: FakeResponse): void
  close(): Promise<void>
}

export async function startFakeSiteverify(options: {
  vendor: FakeVendor
  secret: string
  siteKey: string
}): Promise<FakeSiteverify> {
  const { vendor, secret, siteKey } = options
  const issued = new Map<string, IssuedToken>()
  const spent = new Set<string>()
  const requests: FakeRequest[] = []
  const failures: FakeResponse[] = []

  const verdict = (fields: Record<string, unknown>): Record<string, unknown> => {
    const fail = (...codes: string[]) => ({ success: false, 'error-codes': codes })
    if (typeof fields.secret !== 'string' || fields.secret === '') return fail('missing-input-secret')
    if (fields.secret !== secret) return fail('invalid-input-secret')
    const token = fields.response
    if (typeof token !== 'string' || token === '') return fail('missing-input-response')
    if (vendor === 'hcaptcha' && fields.sitekey !== undefined && fields.sitekey !== siteKey)
      return fail('sitekey-secret-mismatch')
    if (spent.has(token)) return fail(REPLAYED[vendor])
    const answer = issued.get(token)
    if (answer === undefined) return fail('invalid-input-response')
    spent.add(token)
    return {
      success: true,
      'error-codes': [],
      challenge_ts: new Date().toISOString(),
      hostname: answer.hostname ?? 'app.example',
      ...(answer.score === undefined ? {} : { score: answer.score }),
      ...(answer.action === undefined ? {} : { action: answer.action }),
    }
  }

  const server = await listen((request, response) => {
    void (async () => {
      const received = await readRequest(request)
      requests.push(received)
      const failure = failures.shift()
      if (failure !== undefined) return writeResponse(response, failure)
      if (received.path !== PATHS[vendor] || received.method !== 'POST')
        return writeResponse(response, { status: 404, body: 'not found' })
      if (!received.headers['content-type']?.startsWith('application/x-www-form-urlencoded') || received.body === undefined) {
        return writeResponse(response, { status: 200, body: { success: false, 'error-codes': ['bad-request'] } })
      }
      writeResponse(response, { status: 200, body: verdict(received.body) })
    })()
  })
  return {
    url: `http://127.0.0.1:${server.port}`,
    requests,
    issue: (token, answer = {}) => {
      issued.set(token, answer)
    },
    failNext: (response) => {
      failures.push(response)
    },
    close: server.close,
  }
}
