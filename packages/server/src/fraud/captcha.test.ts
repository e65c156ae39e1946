import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOtpHandlerFromEnv } from '../from-env'
import { createOtpHandler, type OtpHandlerOptions } from '../handler'
import type { OtpLogEntry } from '../log'
import { sandboxProvider } from '../providers/sandbox'
import type { OtpProvider } from '../providers/types'
import { listen } from '../testing/fake-http'
import { type FakeSiteverify, type FakeVendor, startFakeSiteverify } from '../testing/fake-siteverify'
import { type CaptchaVerifier, hcaptchaVerifier, recaptchaVerifier, turnstileVerifier } from './captcha'

const SECRET = 'captcha-endpoint-secret-at-least-32-bytes'
const ORIGIN = 'https://app.example'
const START = Date.parse('2026-03-01T10:07:00Z')
const CAPTCHA_SECRET = 'captcha-vendor-secret-0x4AAAAAAAdoNotLogMe'
const SITE_KEY = '0x4AAAAAAA-public-site-key'

const VENDORS: readonly FakeVendor[] = ['turnstile', 'hcaptcha', 'recaptcha']
const fakes = {} as Record<FakeVendor, FakeSiteverify>

beforeAll(async () => {
  for (const vendor of VENDORS) fakes[vendor] = await startFakeSiteverify({ vendor, secret: CAPTCHA_SECRET, siteKey: SITE_KEY })
})
afterAll(async () => {
  await Promise.all(VENDORS.map((vendor) => fakes[vendor].close()))
})

const verifierFor = (vendor: FakeVendor, url: string, extra: Partial<Parameters<typeof turnstileVerifier>[0]> = {}) => {
  const options = { secret: CAPTCHA_SECRET, siteKey: SITE_KEY, baseUrl: url, ...extra }
  return vendor === 'turnstile'
    ? turnstileVerifier(options)
    : vendor === 'hcaptcha'
      ? hcaptchaVerifier(options)
      : recaptchaVerifier(options)
}

function setup(captcha: CaptchaVerifier | undefined, options: Partial<OtpHandlerOptions> = {}) {
  const clock = {
    time: START,
    now() {
      return this.time
    },
  }
  const sandbox = sandboxProvider({ clock })
  const sentTo: string[] = []
  const provider = {
    name: sandbox.name,
    sandbox: sandbox.sandbox,
    send: (input, ctx) => {
      sentTo.push(input.phoneNumber)
      return sandbox.send(input, ctx)
    },
    check: (flow, code, ctx) => sandbox.check(flow, code, ctx),
    retry: (flow, ctx) => sandbox.retry(flow, ctx),
  } as OtpProvider
  const log: OtpLogEntry[] = []
  const handler = createOtpHandler({
    provider,
    secret: SECRET,
    clock,
    logger: (entry) => log.push(entry),
    ...(captcha === undefined ? {} : { captcha }),
    ...options,
  })
  return { handler, sentTo, log, clock }
}

interface Answer {
  status: number
  retryAfter: string | null
  text: string
  body: Record<string, unknown>
}

let tokens = 0
const newToken = () => {
  tokens += 1
  return `token-${tokens}-${'x'.repeat(40)}`
}
let clients = 0
const newIp = () => {
  clients += 1
  return `10.7.${(clients >> 8) & 255}.${clients & 255}`
}

async function send(
  handler: (request: Request, info?: { ip?: string }) => Promise<Response>,
  phoneNumber: string,
  captchaToken?: string,
  ip = newIp(),
): Promise<Answer> {
  const response = await handler(
    new Request(`${ORIGIN}/api/otp/authentication`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: JSON.stringify({ phone_number: phoneNumber, ...(captchaToken === undefined ? {} : { captcha_token: captchaToken }) }),
    }),
    { ip },
  )
  const text = await response.text()
  return { status: response.status, retryAfter: response.headers.get('retry-after'), text, body: JSON.parse(text) }
}

const gb = (block: number, number: number) => `+447400${String(block).padStart(2, '0')}${String(number).padStart(4, '0')}`

describe.each(VENDORS)('a human check by %s, asked on every send', (vendor) => {
  const always = (extra: Partial<Parameters<typeof turnstileVerifier>[0]> = {}) =>
    setup(verifierFor(vendor, fakes[vendor].url, extra), { captchaPolicy: 'always' })

  it('answers 403 captcha_required naming the widget, and sends nothing, when the send has no token', async () => {
    const ctx = always()
    const asked = await send(ctx.handler, gb(1, 1))
    expect(asked.status).toBe(403)
    expect(asked.body).toEqual({
      code: 'captcha_required',
      message: 'Complete the human check to get a code',
      captcha: { provider: vendor, site_key: SITE_KEY },
    })
    expect(ctx.sentTo).toEqual([])
  })

  it("lets a solved token through once, verifying it with the vendor's siteverify as a form", async () => {
    const ctx = always()
    const fake = fakes[vendor]
    const token = newToken()
    fake.issue(token)
    const before = fake.requests.length
    const sent = await send(ctx.handler, gb(1, 2), token, '198.51.100.23')
    expect(sent.status).toBe(200)
    expect(ctx.sentTo).toEqual([gb(1, 2)])
    const request = fake.requests[before]
    expect(request?.method).toBe('POST')
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(request?.body).toEqual({
      secret: CAPTCHA_SECRET,
      response: token,
      remoteip: '198.51.100.23',
      ...(vendor === 'hcaptcha' ? { sitekey: SITE_KEY } : {}),
    })
    // The vendor passes each token once; the endpoint caches no "yes", so a replay asks the vendor and fails.
    const replay = await send(ctx.handler, gb(1, 3), token)
    expect(replay.status).toBe(403)
    expect(replay.body).toMatchObject({ code: 'captcha_required', captcha: { provider: vendor, site_key: SITE_KEY } })
    expect(replay.body.message).toBe('The human check failed or expired: complete it again to get a code')
    expect(fake.requests.length).toBe(before + 2)
    expect(ctx.sentTo).toEqual([gb(1, 2)])
  })

  it('refuses a token the vendor does not know, or one solved on another site', async () => {
    const ctx = always()
    expect((await send(ctx.handler, gb(1, 4), 'forged-token')).body.code).toBe('captcha_required')
    const token = newToken()
    fakes[vendor].issue(token, { hostname: 'evil.example' })
    const elsewhere = await send(ctx.handler, gb(1, 5), token)
    expect(elsewhere.status).toBe(403)
    expect(ctx.log.at(-1)?.detail).toContain('solved on "evil.example"')
    expect(ctx.sentTo).toEqual([])
  })

  it('fails closed with 503 when the vendor is unreachable, answers 5xx or garbage, or refuses the secret', async () => {
    const fake = fakes[vendor]
    const ctx = always()
    for (const failure of [
      { status: 500, body: 'Internal Server Error' },
      { status: 200, body: '<html>captive portal</html>' },
      { status: 200, body: { unexpected: true } },
    ]) {
      fake.failNext(failure)
      const token = newToken()
      fake.issue(token)
      expect(await send(ctx.handler, gb(1, 6), token)).toMatchObject({ status: 503, body: { code: 'service_unavailable' } })
    }
    const wrongSecret = setup(verifierFor(vendor, fake.url, { secret: 'not-the-secret' }), { captchaPolicy: 'always' })
    const token = newToken()
    fake.issue(token)
    expect((await send(wrongSecret.handler, gb(1, 7), token)).status).toBe(503)
    expect(wrongSecret.log.at(-1)?.detail).toContain('refused the configuration: invalid-input-secret')

    const gone = await listen(() => {})
    await gone.close()
    const down = setup(verifierFor(vendor, `http://127.0.0.1:${gone.port}`), { captchaPolicy: 'always' })
    expect((await send(down.handler, gb(1, 8), newToken())).status).toBe(503)
    expect(down.log.at(-1)?.detail).toContain('could not be reached')

    const hang = await listen(() => {})
    try {
      const slow = setup(verifierFor(vendor, `http://127.0.0.1:${hang.port}`, { timeoutMs: 200 }), { captchaPolicy: 'always' })
      expect((await send(slow.handler, gb(1, 9), newToken())).status).toBe(503)
      expect(slow.log.at(-1)?.detail).toContain('did not answer within 200 ms')
      expect([...ctx.sentTo, ...wrongSecret.sentTo, ...down.sentTo, ...slow.sentTo]).toEqual([])
    } finally {
      await hang.close()
    }
  })

  it('never shows the secret: not in an answer, not in a log line', async () => {
    const ctx = always()
    const token = newToken()
    fakes[vendor].issue(token)
    const answers = [
      await send(ctx.handler, gb(2, 1)),
      await send(ctx.handler, gb(2, 2), token),
      await send(ctx.handler, gb(2, 3), token),
    ]
    fakes[vendor].failNext({ status: 502, body: 'Bad Gateway' })
    answers.push(await send(ctx.handler, gb(2, 4), newToken()))
    expect(answers.map((answer) => answer.status)).toEqual([403, 200, 403, 503])
    for (const answer of answers) expect(answer.text).not.toContain(CAPTCHA_SECRET)
    for (const line of ctx.log) expect(JSON.stringify(line)).not.toContain(CAPTCHA_SECRET)
  })
})

describe('reCAPTCHA v3', () => {
  it('holds the score to minScore and the action to the one asked', async () => {
    const fake = fakes.recaptcha
    const ctx = setup(
      recaptchaVerifier({ secret: CAPTCHA_SECRET, siteKey: SITE_KEY, baseUrl: fake.url, minScore: 0.7, action: 'otp' }),
      {
        captchaPolicy: 'always',
      },
    )
    const low = newToken()
    fake.issue(low, { score: 0.3, action: 'otp' })
    expect((await send(ctx.handler, gb(3, 1), low)).status).toBe(403)
    const otherAction = newToken()
    fake.issue(otherAction, { score: 0.9, action: 'login' })
    expect((await send(ctx.handler, gb(3, 2), otherAction)).status).toBe(403)
    const good = newToken()
    fake.issue(good, { score: 0.9, action: 'otp' })
    expect((await send(ctx.handler, gb(3, 3), good)).status).toBe(200)
  })
})

describe('a human check when the send is risky (the default policy)', () => {
  const turnstile = () => turnstileVerifier({ secret: CAPTCHA_SECRET, siteKey: SITE_KEY, baseUrl: fakes.turnstile.url })

  it('asks nothing of an ordinary send, and ignores a token it did not ask for', async () => {
    const ctx = setup(turnstile())
    const before = fakes.turnstile.requests.length
    expect((await send(ctx.handler, gb(4, 1))).status).toBe(200)
    expect((await send(ctx.handler, gb(4, 2), 'unasked-token')).status).toBe(200)
    expect(fakes.turnstile.requests.length).toBe(before)
  })

  it('asks for it where the conversion guard would hold the block, and lets a person through with a token', async () => {
    const ctx = setup(turnstile())
    for (let index = 0; index < 10; index += 1) expect((await send(ctx.handler, gb(5, index))).status).toBe(200)
    const asked = await send(ctx.handler, gb(5, 10))
    expect(asked).toMatchObject({ status: 403, body: { code: 'captcha_required' } })
    expect(ctx.log.at(-1)?.detail).toContain('Conversion guard')
    const token = newToken()
    fakes.turnstile.issue(token)
    expect((await send(ctx.handler, gb(5, 10), token)).status).toBe(200)
    expect(ctx.sentTo).toHaveLength(11)
  })

  it("asks it of concurrent sends past the block's threshold too: the guard counts atomically", async () => {
    const ctx = setup(turnstile())
    const answers = await Promise.all(Array.from({ length: 30 }, (_, index) => send(ctx.handler, gb(9, index))))
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(10)
    for (const answer of answers.filter((answer) => answer.status !== 200))
      expect(answer).toMatchObject({ status: 403, body: { code: 'captcha_required', captcha: { provider: 'turnstile' } } })
    expect(ctx.sentTo).toHaveLength(10)
  })

  it('asks for it once a client has spent half its per-IP limit', async () => {
    const ctx = setup(turnstile())
    const ip = '203.0.113.50'
    for (let index = 0; index < 10; index += 1)
      expect((await send(ctx.handler, gb(10 + index, 1), undefined, ip)).status).toBe(200)
    expect((await send(ctx.handler, gb(30, 1), undefined, ip)).status).toBe(403)
    expect((await send(ctx.handler, gb(30, 1))).status).toBe(200)
  })

  it('asks for it for a number outside usualCountries', async () => {
    const ctx = setup(turnstile(), { usualCountries: ['gb', 'IE'] })
    expect((await send(ctx.handler, gb(6, 1))).status).toBe(200)
    const asked = await send(ctx.handler, '+33612345678')
    expect(asked.status).toBe(403)
    expect(ctx.log.at(-1)?.detail).toContain('FR is not one of usualCountries')
  })

  it('refuses a token longer than 4096 characters as an invalid request', async () => {
    const ctx = setup(turnstile(), { captchaPolicy: 'always' })
    const answer = await send(ctx.handler, gb(7, 1), 'x'.repeat(4097))
    expect(answer).toMatchObject({ status: 400, body: { code: 'invalid_request', field: 'captcha_token' } })
  })
})

describe('a human check from the environment', () => {
  const quiet = { logger: false as const, warn: () => {} }
  const env = {
    OTP_CAPTCHA: 'hcaptcha',
    OTP_CAPTCHA_SECRET: CAPTCHA_SECRET,
    OTP_CAPTCHA_SITE_KEY: SITE_KEY,
    OTP_CAPTCHA_POLICY: 'always',
  }

  it('builds the vendor of OTP_CAPTCHA with its keys and policy', async () => {
    const handler = createOtpHandlerFromEnv({ ...env, OTP_CAPTCHA_BASE_URL: fakes.hcaptcha.url }, quiet)
    expect((await send(handler, gb(8, 1))).body).toMatchObject({ captcha: { provider: 'hcaptcha', site_key: SITE_KEY } })
    const token = newToken()
    fakes.hcaptcha.issue(token)
    expect((await send(handler, gb(8, 2), token)).status).toBe(200)
  })

  it.each([
    [{ OTP_CAPTCHA: 'recaptcha-enterprise' }, /^OTP_CAPTCHA must be turnstile, hcaptcha or recaptcha/],
    [{ OTP_CAPTCHA_SECRET: undefined }, /^OTP_CAPTCHA_SECRET is missing/],
    [{ OTP_CAPTCHA_SITE_KEY: undefined }, /^OTP_CAPTCHA_SITE_KEY is missing/],
    [{ OTP_CAPTCHA_POLICY: 'sometimes' }, /^OTP_CAPTCHA_POLICY must be always or when-risky/],
    [{ OTP_CAPTCHA: undefined }, /^OTP_CAPTCHA_SECRET is set, but OTP_CAPTCHA is not/],
    [{ OTP_CAPTCHA_BASE_URL: 'ftp://captcha' }, /^OTP_CAPTCHA_BASE_URL must be an http\(s\) URL/],
    [{ OTP_CAPTCHA_MIN_SCORE: '7' }, /^OTP_CAPTCHA_MIN_SCORE must be a number from 0 to 1/],
    [{ OTP_USUAL_COUNTRIES: 'GB,United Kingdom' }, /^OTP_USUAL_COUNTRIES must list ISO 3166-1 alpha-2 codes/],
  ])('refuses to start on %j, naming the variable and never the secret', (change, message) => {
    let error: unknown
    try {
      createOtpHandlerFromEnv({ ...env, ...change }, quiet)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toMatch(message)
    expect((error as Error).message).not.toContain(CAPTCHA_SECRET)
  })
})
