import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { CUSTOM_STRINGS } from '../src/components/custom-verification-strings'
import { DEMO_LOCALES } from '../src/i18n'
import { checkStep, latestCode, openDemoPerTest, type RunningDemo } from './harness'

// The custom page on useOtpFlow, in Chromium against the production build: what a person reads there.

let demo: RunningDemo
let page: Page

openDemoPerTest((opened) => {
  ;({ demo, page } = opened)
})

const en = CUSTOM_STRINGS.en
const phoneField = () => page.locator('main input[type="tel"]')
const sendButton = () => page.locator('main button[type="submit"]')
const hint = () => page.locator('main [role="alert"]')

describe('the custom page', () => {
  it.each(DEMO_LOCALES)(
    'says in words (%s) that the service failed, when the provider answers an error, never "upstream_error"',
    async (locale) => {
      await page.goto(`${demo.url}/custom?locale=${locale}`)
      // The sandbox's test number for a provider failure: the endpoint answers 502 upstream_error.
      await phoneField().fill('+12025550105')
      await sendButton().click()
      await expect.poll(() => hint().textContent()).toBe(CUSTOM_STRINGS[locale].errors.unavailable)
      expect(await page.locator('main').textContent()).not.toContain('upstream_error')
      await checkStep(page, `custom-unavailable-${locale}`)
    },
  )

  it('says in words that the code request is gone when the server no longer knows it, and asks for a new code', async () => {
    await page.goto(`${demo.url}/custom`)
    await phoneField().fill('+447700900123')
    await sendButton().click()
    await page.getByLabel(/Code sent to/).waitFor()
    // What a restarted server answers for a flow it did not sign.
    await page.route('**/api/otp/check', (route) =>
      route.fulfill({
        status: 401,
        contentType: 'application/json',
        body: JSON.stringify({
          code: 'invalid_flow_token',
          message: 'The flow token is missing, invalid or for another authentication',
        }),
      }),
    )
    await page.keyboard.type('123456')
    await expect.poll(() => hint().textContent()).toBe(en.errors.sessionLost)
    expect(await page.locator('main').textContent()).not.toContain('invalid_flow_token')
    expect(await sendButton().textContent()).toBe(en.sendCode)
  })

  it('writes the number as people read it on the code step and once verified', async () => {
    await page.goto(`${demo.url}/custom`)
    await phoneField().fill('+447700900123')
    await sendButton().click()
    const label = page.getByLabel(/Code sent to/)
    await label.waitFor()
    await expect.poll(() => page.locator('main label').textContent()).toBe(`${en.codeSentTo} +44 7700 900123`)
    await page.keyboard.type(await latestCode(demo, '+447700900123'))
    await page.getByText(en.verified).waitFor()
    await expect.poll(() => page.locator('main [role="status"]').textContent()).toContain(`${en.verified} +44 7700 900123`)
    expect(await page.locator('main').textContent()).not.toContain('+447700900123')
    await checkStep(page, 'custom-formatted-verified')
  })
})
