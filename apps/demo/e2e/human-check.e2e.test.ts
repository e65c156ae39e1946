import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import { type FakeSiteverify, startFakeSiteverify } from '../../../packages/server/src/testing/fake-siteverify'
import { checkStep, latestCode, launchChromium, type RunningDemo, startDemo } from './harness'

// The demo with a human check configured by environment (OTP_CAPTCHA=turnstile, policy always), in Chromium: the
// endpoint asks before it sends, the page shows the vendor's widget, and the send goes out with its token.

const SECRET = 'demo-turnstile-secret'
const SITE_KEY = 'demo-turnstile-site-key'
const TOKEN = 'demo-turnstile-token'
const PHONE = '+447400123456'

/**
 * A stand-in for Cloudflare's script (no outside network here): a widget that is one button handing over a token,
 * then the page's `onload` callback, as the real script does.
 */
const STAND_IN_TURNSTILE = `(function () {
  var onload = /[?&]onload=([^&]+)/.exec(document.currentScript.src)[1];
  window.turnstile = {
    render: function (element, params) {
      var button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'I am human';
      button.addEventListener('click', function () { params.callback(${JSON.stringify(TOKEN)}); });
      element.appendChild(button);
      return 'widget-1';
    },
    remove: function () {},
  };
  window[onload]();
})()`

let browser: Browser
let demo: RunningDemo | undefined
let siteverify: FakeSiteverify | undefined

beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(() => browser.close())
afterEach(async () => {
  await demo?.close()
  await siteverify?.close()
  demo = undefined
  siteverify = undefined
})

describe('the signup page with OTP_CAPTCHA set', () => {
  it('shows the widget when the endpoint asks, then sends the code with its token', async () => {
    siteverify = await startFakeSiteverify({ vendor: 'turnstile', secret: SECRET, siteKey: SITE_KEY })
    demo = await startDemo(inject('clientDir'), {
      OTP_CAPTCHA: 'turnstile',
      OTP_CAPTCHA_SECRET: SECRET,
      OTP_CAPTCHA_SITE_KEY: SITE_KEY,
      OTP_CAPTCHA_POLICY: 'always',
      OTP_CAPTCHA_BASE_URL: siteverify.url,
    })
    siteverify.issue(TOKEN, { hostname: '127.0.0.1' })
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1100, height: 900 } })
    const scripts: string[] = []
    await context.route('https://challenges.cloudflare.com/**', (route) => {
      scripts.push(route.request().url())
      return route.fulfill({ contentType: 'text/javascript', body: STAND_IN_TURNSTILE })
    })
    const page = await context.newPage()
    await page.goto(`${demo.url}/`)
    await page.getByRole('heading', { level: 1, name: 'Create your account' }).waitFor()
    // Nothing of the vendor before the endpoint asks.
    expect(scripts).toEqual([])

    await page.getByLabel('Phone number', { exact: true }).pressSequentially('+44 7400 123456')
    await page.getByRole('button', { name: 'Send code' }).click()
    const check = page.getByRole('group', { name: 'Security check' })
    await check.waitFor()
    await expect.poll(() => scripts.length).toBe(1)
    await page.getByRole('button', { name: 'I am human' }).waitFor()
    expect(await page.getByLabel('Phone number', { exact: true }).inputValue()).toBe('+44 7400 123456')
    await checkStep(page, 'human-check-01-asked')

    await page.getByRole('button', { name: 'I am human' }).click()
    await page.getByLabel('Verification code', { exact: true }).waitFor()
    // The endpoint checked the widget's token with the vendor, once.
    expect(siteverify.requests.filter((request) => request.body?.response === TOKEN)).toHaveLength(1)
    await page.getByLabel('Verification code', { exact: true }).fill(await latestCode(demo, PHONE))
    await expect
      .poll(() => page.locator('[data-scope="phone-verify"] [role="status"]').textContent())
      .toContain('Phone number verified')
    await context.close()
  })
})
