import type { Browser, BrowserContext, Locator, Page, Request } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { checkStep, consoleProblems, latestCode, launchChromium, type RunningNext, startNext } from './harness'

let browser: Browser
let app: RunningNext
let context: BrowserContext
let page: Page
let problems: string[]

beforeAll(async () => {
  browser = await launchChromium()
  // No configuration at all: the sandbox, and a secret the route handler makes, which the Server Action must share.
  app = await startNext()
})
afterAll(async () => {
  await browser?.close()
  await app?.close()
})

beforeEach(async () => {
  // @axe-core/playwright needs pages from browser.newContext().
  context = await browser.newContext({ locale: 'en-US', viewport: { width: 1100, height: 900 } })
  page = await context.newPage()
  problems = consoleProblems(page)
})
afterEach(async () => {
  await context.close()
})

const phoneField = () => page.getByLabel('Phone number', { exact: true })
const codeField = () => page.getByLabel('Verification code', { exact: true })
const statusText = () => page.locator('[data-scope="phone-verify"] [role="status"]')
const alertText = () => page.locator('[data-scope="phone-verify"] [role="alert"]')
const createAccount = () => page.getByRole('button', { name: 'Create account' })
const result = () => page.getByTestId('signup-result')

async function text(locator: Locator): Promise<string> {
  return (await locator.count()) > 0 ? ((await locator.textContent()) ?? '') : ''
}

/** The Server Action's requests: a POST to the page carrying Next's `next-action` header. */
function serverActionPosts(): Request[] {
  const posts: Request[] = []
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.headers()['next-action'] !== undefined) posts.push(request)
  })
  return posts
}

async function openSignup(): Promise<void> {
  await page.goto(`${app.url}/signup`)
  await page.getByRole('heading', { level: 1, name: 'Create your account' }).waitFor()
}

async function sendCode(typed: string): Promise<void> {
  await phoneField().pressSequentially(typed)
  await page.getByRole('button', { name: 'Send code' }).click()
  await codeField().waitFor()
}

/** The code shown in the page's "Sandbox inbox", read as a user reads it. */
async function codeFromInbox(): Promise<string> {
  const code = page.getByTestId('sandbox-code')
  await expect.poll(() => text(code)).toMatch(/^\d{6}$/)
  return text(code)
}

async function expectVerified(): Promise<void> {
  await expect.poll(() => text(statusText())).toContain('Phone number verified')
}

describe('/signup of the Next.js example, in Chromium against next build + next start', () => {
  it('signs up on the sandbox: send, a wrong code, the right code, submit, and the verified number shown', async () => {
    const posts = serverActionPosts()
    await openSignup()
    await checkStep(page, 'next-signup-01-empty')

    await page.getByLabel('Full name').fill('Ada Lovelace')
    await page.getByLabel('Email').fill('ada@example.com')
    await sendCode('+44 7700 900123')
    const code = await codeFromInbox()
    expect(code).toBe(await latestCode(app, '+447700900123'))
    await checkStep(page, 'next-signup-02-code-sent')

    await page.keyboard.type(code === '000000' ? '111111' : '000000')
    await expect.poll(() => text(alertText())).toContain('That code is not right')
    await expect.poll(() => codeField().inputValue()).toBe('')
    await checkStep(page, 'next-signup-03-wrong-code')

    await page.keyboard.type(code)
    await expectVerified()
    await checkStep(page, 'next-signup-04-verified')

    await createAccount().click()
    await expect.poll(() => text(result())).toBe('Account created for Ada Lovelace: +44 7700 900123 verified')
    expect(posts).toHaveLength(1)
    await checkStep(page, 'next-signup-05-created')

    // The action spent the proof in the endpoint's store: the same verification makes no second account.
    await createAccount().click()
    await expect.poll(() => text(page.getByTestId('signup-error'))).toContain('already used')
    expect(posts).toHaveLength(2)
    expect(problems).toEqual([])
  })

  it('refuses to submit before the phone is verified: the phone field is marked invalid, the message announced, nothing sent', async () => {
    const posts = serverActionPosts()
    await openSignup()
    await page.getByLabel('Full name').fill('Ada Lovelace')
    await page.getByLabel('Email').fill('ada@example.com')
    await createAccount().click()

    const message = 'Verify your phone number: send a code and enter it.'
    await expect.poll(() => phoneField().getAttribute('aria-invalid')).toBe('true')
    // The message describes the phone field, and is announced: it is in an alert region.
    const describedBy = ((await phoneField().getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean)
    const descriptions = await Promise.all(describedBy.map((id) => text(page.locator(`[id="${id}"]`))))
    expect(descriptions.join(' ')).toContain(message)
    expect(await text(alertText())).toContain(message)
    // The form moves the focus to its first invalid field.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('tel')
    expect(posts).toEqual([])
    await checkStep(page, 'next-submit-before-verify')
    expect(problems).toEqual([])
  })

  it('resumes the code step after a reload mid-flow, and finishes the signup', async () => {
    await openSignup()
    await sendCode('+44 7700 900456')
    const code = await codeFromInbox()

    await page.reload()
    await codeField().waitFor()
    // The inbox finds the resumed step's number without a new send.
    expect(await codeFromInbox()).toBe(code)
    await page.getByLabel('Full name').fill('Grace Hopper')
    await page.getByLabel('Email').fill('grace@example.com')
    await codeField().fill(code)
    await expectVerified()
    await createAccount().click()
    await expect.poll(() => text(result())).toBe('Account created for Grace Hopper: +44 7700 900456 verified')
    await checkStep(page, 'next-reload-created')
    expect(problems).toEqual([])
  })

  it('is usable before the phone metadata chunk arrives: typed digits are kept and formatted once it lands', async () => {
    // Hold back every script that carries libphonenumber-js's metadata until the fields have been typed into.
    let release: () => void = () => undefined
    const released = new Promise<void>((resolve) => {
      release = resolve
    })
    const held: string[] = []
    await page.route('**/_next/static/**/*.js', async (route) => {
      const response = await route.fetch()
      const body = await response.text()
      if (body.includes('country_calling_codes')) {
        held.push(route.request().url())
        await released
      }
      await route.fulfill({ response, body })
    })
    await openSignup()
    await page.getByLabel('Full name').fill('Ada Lovelace')
    await phoneField().pressSequentially('+44 7700 900789')
    await expect.poll(() => held.length).toBeGreaterThan(0)
    expect((await phoneField().inputValue()).replace(/\D/g, '')).toBe('447700900789')

    release()
    await expect.poll(() => phoneField().inputValue()).toBe('+44 7700 900789')
    await page.getByRole('button', { name: 'Send code' }).click()
    await codeField().waitFor()
    expect(problems).toEqual([])
  })
})
