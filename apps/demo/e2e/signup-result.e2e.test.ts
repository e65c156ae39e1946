import type { Page, Route } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { DEMO_LOCALES, DEMO_STRINGS } from '../src/i18n'
import { checkStep, latestCode, openDemoPerTest, type RunningDemo } from './harness'

// What the signup form does with its answer, in Chromium against the production build: where the focus goes, and
// what a person reads when the server refuses the proof.

let demo: RunningDemo
let page: Page

openDemoPerTest((opened) => {
  ;({ demo, page } = opened)
})

/** What has the focus, described well enough to tell a button, a message and <body> apart. */
const focused = () =>
  page.evaluate(() => {
    const element = document.activeElement
    return {
      tag: element?.tagName.toLowerCase() ?? '',
      testId: element?.getAttribute('data-testid') ?? null,
      type: element?.getAttribute('type') ?? null,
    }
  })

const focusedText = () => page.evaluate(() => document.activeElement?.textContent ?? '')

/** Fills the form and verifies `phoneNumber` with the code from the outbox, in any of the page's languages. */
async function verifyOnThePage(phoneNumber: string, path = '/'): Promise<void> {
  await page.goto(`${demo.url}${path}`)
  await page.locator('input[autocomplete="name"]').fill('Ada Lovelace')
  await page.locator('input[autocomplete="email"]').fill('ada@example.com')
  await page.locator('input[autocomplete="tel"]').pressSequentially(phoneNumber)
  await page.locator('[data-part="send-button"]').click()
  const code = page.locator('input[autocomplete="one-time-code"]')
  await code.waitFor()
  await code.focus()
  await page.keyboard.type(await latestCode(demo, phoneNumber))
  await page.locator('[data-part="verified-step"]').waitFor()
}

describe('after "Create account"', () => {
  it('keeps the focus on the button while the form is sent, then moves it to the answer', async () => {
    await verifyOnThePage('+447700900123')
    // The signup answer waits until the test has looked at the page in the middle of the request.
    let release: () => void = () => {}
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    let requests = 0
    await page.route('**/api/signup', async (route: Route) => {
      requests += 1
      await held
      await route.continue()
    })

    const button = page.locator('button[type="submit"].demo-button')
    await button.focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => button.textContent()).toBe('Creating account…')
    expect(await button.getAttribute('aria-disabled')).toBe('true')
    expect(await focused()).toEqual({ tag: 'button', testId: null, type: 'submit' })
    // A second press while it is sent does not send the form twice.
    await page.keyboard.press('Enter')
    await checkStep(page, 'signup-result-01-sending')

    release()
    await expect.poll(focused).toEqual({ tag: 'p', testId: 'signup-result', type: null })
    expect(requests).toBe(1)
    expect(await button.getAttribute('aria-disabled')).toBeNull()
    await checkStep(page, 'signup-result-02-created')
  })

  it('moves the focus to the message that asks to verify first, when the number is not verified', async () => {
    await page.goto(`${demo.url}/`)
    await page.getByLabel('Full name').fill('Ada Lovelace')
    await page.getByLabel('Email').fill('ada@example.com')
    await page.getByRole('button', { name: 'Create account' }).click()
    await expect.poll(focusedText).toBe(DEMO_STRINGS.en.verifyFirst)
  })

  it.each(DEMO_LOCALES)(
    'says in words (%s) that the proof expired, never the server code, and moves the focus there',
    async (locale) => {
      const t = DEMO_STRINGS[locale]
      await verifyOnThePage('+447700900123', `/?locale=${locale}`)
      // The proof lives ten minutes on the server; the person took longer to send the form.
      demo.clock.advance(11 * 60 * 1000)
      await page.locator('button[type="submit"].demo-button').click()
      await expect.poll(() => page.locator('main').textContent()).toContain(t.signupExpired)
      expect(await page.locator('main').textContent()).not.toContain('expired_token')
      await expect.poll(focusedText).toBe(t.signupExpired)
      await checkStep(page, `signup-result-expired-${locale}`)
    },
  )

  it('says in words that a refused proof must be verified again', async () => {
    await verifyOnThePage('+447700900123')
    // A proof the server cannot accept (here: tampered with in the page before the form is sent).
    await page.locator('input[name="phone_token"]').evaluate((input: HTMLInputElement) => {
      input.value = `${input.value.slice(0, -4)}AAAA`
    })
    await page.getByRole('button', { name: 'Create account' }).click()
    await expect.poll(() => page.locator('main').textContent()).toContain(DEMO_STRINGS.en.signupRejected)
    expect(await page.locator('main').textContent()).not.toContain('invalid_token')
    await expect.poll(focusedText).toBe(DEMO_STRINGS.en.signupRejected)
  })
})
