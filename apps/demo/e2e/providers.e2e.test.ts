import { type ChildProcess, spawn } from 'node:child_process'
import { en } from '@otpflow/phone-verify'
import type { Browser, BrowserContext, Page, Request } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import { startFakeDing } from '../../../packages/server/src/testing/fake-ding'
import type { FakeRequest } from '../../../packages/server/src/testing/fake-http'
import { startFakePrelude } from '../../../packages/server/src/testing/fake-prelude'
import { startFakeTwilio } from '../../../packages/server/src/testing/fake-twilio'
import { checkStep, launchChromium } from './harness'

// The demo on each real provider, chosen by environment alone: the bundled production server is started with the
// provider's variables pointing at a fake of its API on 127.0.0.1, and a user signs up in Chromium.

const OTP_SECRET = 'providers-e2e-otp-secret-0123456789abcdefghij'
const phoneNumber = '+447700900123'
const typedNumber = '+44 7700 900123'
/** The page's English messages, read from the kit so that a change of wording does not break these tests. */
const messages = en

/** One provider's fake API, and the environment that points the demo at it. */
interface FakeProviderApi {
  /** Everything the server needs, and nothing else: the provider's variables, its base URL and `OTP_SECRET`. */
  env: Record<string, string>
  /** Values that must never reach the browser. */
  secrets: string[]
  requests: FakeRequest[]
  /** The code the fake "sent" by SMS to this number, read as the user reads their phone. */
  latestCode(phoneNumber: string): string | undefined
  close(): Promise<void>
}

const providers: { name: string; start: () => Promise<FakeProviderApi> }[] = [
  {
    name: 'ding',
    start: async () => {
      const fake = await startFakeDing({
        apiKey: 'ding-api-key-e2e-must-stay-server-side-1a2b',
        customerUuid: 'd1e2e2e2-0000-4000-8000-00000000c0de',
      })
      return {
        env: { DING_API_KEY: fake.apiKey, DING_CUSTOMER_UUID: fake.customerUuid, DING_BASE_URL: fake.url, OTP_SECRET },
        secrets: [fake.apiKey, fake.customerUuid, OTP_SECRET],
        requests: fake.requests,
        latestCode: fake.latestCode,
        close: fake.close,
      }
    },
  },
  {
    name: 'prelude',
    start: async () => {
      const fake = await startFakePrelude({ apiKey: 'sk_prelude_e2e_must_stay_server_side_3c4d' })
      return {
        env: { PRELUDE_API_KEY: fake.apiKey, PRELUDE_BASE_URL: fake.url, OTP_SECRET },
        secrets: [fake.apiKey, OTP_SECRET],
        requests: fake.requests,
        latestCode: fake.latestCode,
        close: fake.close,
      }
    },
  },
  {
    name: 'twilio',
    start: async () => {
      const fake = await startFakeTwilio({
        accountSid: 'ACe2e0e2e0e2e0e2e0e2e0e2e0e2e0e2e0',
        authToken: 'twilio-auth-token-e2e-must-stay-server-side-5e6f',
        serviceSid: 'VAe2e0e2e0e2e0e2e0e2e0e2e0e2e0e2e0',
      })
      return {
        env: {
          TWILIO_ACCOUNT_SID: fake.accountSid,
          TWILIO_AUTH_TOKEN: fake.authToken,
          TWILIO_VERIFY_SERVICE_SID: fake.serviceSid,
          TWILIO_BASE_URL: fake.url,
          OTP_SECRET,
        },
        secrets: [fake.authToken, OTP_SECRET],
        requests: fake.requests,
        latestCode: fake.latestCode,
        close: fake.close,
      }
    },
  },
]

interface BuiltServer {
  url: string
  output: string[]
  close(): Promise<void>
}

/** `pnpm --filter demo serve`: the bundled server in its own Node process, configured only by `env`. */
async function startBuiltServer(env: Record<string, string>): Promise<BuiltServer> {
  // Nothing inherited may pick the provider: only the variables given here configure it.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(DING|PRELUDE|TWILIO|OTP)_|^ALLOWED_ORIGINS$/.test(name)),
  )
  const child: ChildProcess = spawn(process.execPath, [inject('serverEntry')], {
    env: { ...inherited, ...env, PORT: '0', HOST: '127.0.0.1' },
  })
  const output: string[] = []
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk))
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      output.push(chunk)
      const port = /http:\/\/localhost:(\d+)/.exec(output.join(''))?.[1]
      if (port) resolve(`http://127.0.0.1:${port}`)
    })
    child.once('exit', (code) => reject(new Error(`the demo server exited (${code}): ${output.join('')}`)))
  })
  return {
    url,
    output,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill()
      }),
  }
}

interface SeenResponse {
  url: string
  status: number
  headers: Record<string, string>
  body: string
}

/**
 * Every response the page received, headers and body, to search for secrets afterwards. Bodies are read once a request
 * has finished: the body of one the page aborted (a fetch cancelled on unmount) never arrives, and waiting for it hangs.
 */
function recordResponses(page: Page): () => Promise<SeenResponse[]> {
  const pending: Promise<SeenResponse | undefined>[] = []
  const read = async (request: Request, finished: boolean): Promise<SeenResponse | undefined> => {
    const response = await request.response()
    if (response === null) return undefined
    return {
      url: response.url(),
      status: response.status(),
      headers: finished ? await response.allHeaders() : response.headers(),
      // Redirects have no body to read.
      body: finished
        ? await response.body().then(
            (buffer) => buffer.toString('utf8'),
            () => '',
          )
        : '',
    }
  }
  page.on('requestfinished', (request) => pending.push(read(request, true)))
  page.on('requestfailed', (request) => pending.push(read(request, false)))
  return async () => (await Promise.all(pending)).filter((response) => response !== undefined)
}

let browser: Browser
let context: BrowserContext | undefined
let server: BuiltServer | undefined
let api: FakeProviderApi | undefined

beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(() => browser.close())
afterEach(async () => {
  await context?.close()
  await server?.close()
  await api?.close()
  context = undefined
  server = undefined
  api = undefined
})

describe.each(providers)('the demo on $name, configured by environment alone', ({ name, start }) => {
  it('signs up in Chromium with the code the provider sent, after a wrong code, and never shows a key', async () => {
    api = await start()
    server = await startBuiltServer(api.env)
    const demo = server
    const fake = api
    expect(demo.output.join('')).toContain(`codes are sent by ${name}`)
    expect(demo.output.join('')).not.toContain('SANDBOX')

    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1100, height: 900 } })
    const page = await context.newPage()
    const responses = recordResponses(page)
    // What the page asks to decide whether to show the sandbox inbox.
    expect(await (await fetch(`${demo.url}/api/config`)).json()).toEqual({ sandbox: false, provider: name })
    await page.goto(`${demo.url}/`)
    await page.getByRole('heading', { level: 1, name: 'Create your account' }).waitFor()

    await page.getByLabel('Full name').fill('Ada Lovelace')
    await page.getByLabel('Email').fill('ada@example.com')
    await page.getByLabel('Phone number', { exact: true }).pressSequentially(typedNumber)
    await page.getByRole('button', { name: 'Send code' }).click()
    const codeField = page.getByLabel('Verification code', { exact: true })
    await codeField.waitFor()
    await expect.poll(() => fake.latestCode(phoneNumber)).toMatch(/^\d{6}$/)
    const code = fake.latestCode(phoneNumber) ?? ''
    await checkStep(page, `provider-${name}-01-code-sent`)

    // A wrong code: the provider says no, the page says so and clears the field for another try.
    await codeField.focus()
    await page.keyboard.type(code === '000000' ? '111111' : '000000')
    const alert = page.locator('[data-scope="phone-verify"] [role="alert"]')
    await expect
      .poll(async () => ((await alert.count()) > 0 ? await alert.textContent() : ''))
      .toContain(messages.errors.wrongCode)
    await expect.poll(() => codeField.inputValue()).toBe('')
    expect(await codeField.getAttribute('aria-invalid')).toBe('true')

    await codeField.focus()
    await page.keyboard.type(code)
    await page.locator('[data-scope="phone-verify"] [data-part="verified-step"]').waitFor()
    await checkStep(page, `provider-${name}-02-verified`)

    await page.getByRole('button', { name: 'Create account' }).click()
    const result = page.getByTestId('signup-result')
    // The verified number, written as people read it.
    await expect.poll(async () => ((await result.count()) > 0 ? await result.textContent() : '')).toContain(typedNumber)
    expect(await result.textContent()).toContain('Ada Lovelace')

    // Off the sandbox there is no inbox panel, and no outbox to read codes from.
    expect(await page.getByTestId('sandbox-inbox').count()).toBe(0)
    expect(await page.getByRole('complementary', { name: 'Sandbox inbox' }).count()).toBe(0)
    const outboxStatus = await page.evaluate(
      (number) => fetch(`/api/otp/sandbox/outbox?phone_number=${encodeURIComponent(number)}`).then((r) => r.status),
      phoneNumber,
    )
    expect(outboxStatus).toBe(404)
    await checkStep(page, `provider-${name}-03-account-created`)

    // The codes went through the fake API: one send, the wrong check and the right one.
    expect(fake.requests.length).toBeGreaterThanOrEqual(3)

    const seen = await responses()
    const paths = seen.map((response) => new URL(response.url).pathname)
    expect(paths).toEqual(
      expect.arrayContaining(['/', '/api/config', '/api/otp/authentication', '/api/otp/check', '/api/signup']),
    )
    for (const secret of fake.secrets) {
      const leaks = seen
        .filter((response) => response.body.includes(secret) || JSON.stringify(response.headers).includes(secret))
        .map((response) => response.url)
      expect(leaks, `responses holding ${secret}`).toEqual([])
    }
  })
})

describe('the demo with a key the provider refuses', () => {
  it('tells the user the service is unavailable, and keeps the key and the reason in the server', async () => {
    const fake = await startFakePrelude({ apiKey: 'sk_prelude_e2e_the_accepted_key_7a8b' })
    const refusedKey = 'sk_prelude_e2e_refused_key_must_stay_server_side_9c0d'
    api = { env: {}, secrets: [refusedKey], requests: fake.requests, latestCode: fake.latestCode, close: fake.close }
    server = await startBuiltServer({ PRELUDE_API_KEY: refusedKey, PRELUDE_BASE_URL: fake.url, OTP_SECRET })
    const demo = server

    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1100, height: 900 } })
    const page = await context.newPage()
    const responses = recordResponses(page)
    await page.goto(`${demo.url}/`)
    await page.getByLabel('Phone number', { exact: true }).pressSequentially(typedNumber)
    const sent = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/otp/authentication')
    await page.getByRole('button', { name: 'Send code' }).click()
    const answer = await sent
    expect(answer.status()).toBe(503)
    expect(await answer.json()).toMatchObject({ code: 'service_unavailable' })
    const alert = page.locator('[data-scope="phone-verify"] [role="alert"]')
    await expect
      .poll(async () => ((await alert.count()) > 0 ? await alert.textContent() : ''))
      .toContain(messages.errors.unavailable)
    await checkStep(page, 'provider-refused-key-01-unavailable')

    // The fake saw the key; the browser did not; the server's log line has Prelude's reason.
    expect(fake.requests.at(-1)?.headers.authorization).toBe(`Bearer ${refusedKey}`)
    const seen = await responses()
    expect(
      seen.filter((response) => response.body.includes(refusedKey) || JSON.stringify(response.headers).includes(refusedKey)),
    ).toEqual([])
    await expect.poll(() => demo.output.join('')).toContain('invalid_api_key')
    expect(demo.output.join('')).not.toContain(refusedKey)
  })
})
