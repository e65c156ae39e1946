import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest'
import { DEMO_LOCALES } from '../src/i18n'
import { checkStep, latestCode, launchChromium, type RunningDemo, startDemo } from './harness'

// The page's own layout, measured in Chromium against the production build.

let browser: Browser
let demo: RunningDemo
let context: BrowserContext
let page: Page

beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(() => browser.close())

beforeEach(async () => {
  demo = await startDemo(inject('clientDir'))
})
afterEach(async () => {
  await context.close()
  await demo.close()
})

async function openPage(viewport: { width: number; height: number }): Promise<void> {
  context = await browser.newContext({ locale: 'en-US', viewport, isMobile: viewport.width < 500, hasTouch: true })
  page = await context.newPage()
}

describe('on a phone', () => {
  it.each([
    ['/', 'en'],
    ['/', 'ar'],
    ['/custom', 'he'],
  ])(
    'gives every header link of %s (%s), and the languages disclosure, a target of at least 24 by 24 px (WCAG 2.5.8)',
    async (path, locale) => {
      await openPage({ width: 375, height: 667 })
      await page.goto(`${demo.url}${path}?locale=${locale}`)
      // The languages fold into one disclosure: open, its links are measured with the others.
      await page.locator('.demo-languages summary').click()
      await page.locator('.demo-languages a').first().waitFor()
      const links = await page.locator('header a, header summary').evaluateAll((anchors) =>
        anchors.map((anchor) => {
          const box = anchor.getBoundingClientRect()
          return { text: anchor.textContent, width: Math.round(box.width * 10) / 10, height: Math.round(box.height * 10) / 10 }
        }),
      )
      // The home link, the two demo pages, the languages' disclosure and one link per shipped language.
      expect(links.length).toBe(4 + DEMO_LOCALES.length)
      const small = links.filter((link) => link.width < 24 || link.height < 24)
      expect(small, 'links smaller than 24 × 24 px').toEqual([])
      await checkStep(page, `header-targets-${locale}`)
    },
  )
})

describe('the signup card', () => {
  /** Blank height between the bottom of the step on screen and the "Create account" button below the component. */
  const blankUnderStep = () =>
    page.evaluate(() => {
      const step = document.querySelector('[data-scope="phone-verify"][data-part$="-step"]')
      const button = document.querySelector('form .demo-button')
      if (!step || !button) throw new Error('no step or no button on the page')
      return Math.round(button.getBoundingClientRect().top - step.getBoundingClientRect().bottom)
    })

  it('leaves no blank block under the number step, the code step or the verified message', async () => {
    await openPage({ width: 1100, height: 900 })
    await page.goto(`${demo.url}/`)
    const phone = page.getByLabel('Phone number', { exact: true })
    await phone.waitFor()
    // Only gaps separate a step from the button: the component's (0.75rem) around its status regions, which take no
    // height while silent, and the form's (1rem). The space reserved for the tallest step measured 134 px and 264 px.
    const gaps = 2 * 12 + 16
    expect(await blankUnderStep(), 'under the number step').toBeLessThanOrEqual(gaps)

    await phone.pressSequentially('+44 7700 900123')
    await page.getByRole('button', { name: 'Send code' }).click()
    const code = page.getByLabel('Verification code', { exact: true })
    await code.waitFor()
    expect(await blankUnderStep(), 'under the code step').toBeLessThanOrEqual(gaps)

    await code.focus()
    await page.keyboard.type(await latestCode(demo, '+447700900123'))
    await page.locator('[data-part="verified-step"]').waitFor()
    expect(await blankUnderStep(), 'under the verified message').toBeLessThanOrEqual(gaps)
    await checkStep(page, 'signup-card-verified-height')
  })
})
