import { locales } from '@otpflow/phone-verify/locales'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { DEMO_STRINGS } from '../src/i18n'
import { checkStep, openDemoPerTest, type RunningDemo } from './harness'

// A number the phone kit has no pattern for, typed as a user in Egypt would: the kit can only write it as
// "+20 7700900123", calling code, space, the rest at once, which a right-to-left line draws as "7700900123 20+" unless
// it is isolated left to right.
const typed = '07700900123'
const e164 = '+207700900123'

let demo: RunningDemo
let page: Page

openDemoPerTest((opened) => {
  ;({ demo, page } = opened)
})

/**
 * The digits, plus signs and colons of the element as Chromium draws them, left to right, read from the laid-out
 * glyphs: the DOM keeps them in logical order, only the layout shows a reversed number.
 */
function drawnOrder(selector: string): Promise<string> {
  return page
    .locator(selector)
    .first()
    .evaluate((element) => {
      const glyphs: { char: string; left: number }[] = []
      const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? ''
        for (let index = 0; index < text.length; index++) {
          const char = text[index] ?? ''
          if (!/[+:\p{Nd}]/u.test(char)) continue
          const range = element.ownerDocument.createRange()
          range.setStart(node, index)
          range.setEnd(node, index + 1)
          const rect = range.getBoundingClientRect()
          if (rect.width > 0) glyphs.push({ char, left: rect.left })
        }
      }
      return glyphs
        .sort((a, b) => a.left - b.left)
        .map((glyph) => glyph.char)
        .join('')
    })
}

describe.each(['ar', 'he', 'fa'] as const)('numbers on the %s page read left to right', (locale) => {
  const messages = locales[locale]
  const t = DEMO_STRINGS[locale]

  it('in the status line, where the code went, the sandbox inbox, the countdown, the verified message and the account', async () => {
    await page.goto(`${demo.url}/?locale=${locale}`)
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl')
    // Egypt chosen by its dial code in the picker, as a user there would.
    await page.getByRole('combobox', { name: messages.country }).click()
    await page.keyboard.type('+20')
    await page.keyboard.press('Enter')
    await page.getByLabel(messages.phoneNumber, { exact: true }).pressSequentially(typed)
    await page.locator('[data-part="send-button"]').click()
    await page.getByLabel(messages.verificationCode, { exact: true }).waitFor()

    const status = '[data-scope="phone-verify"] [role="status"]'
    await expect.poll(() => page.locator(status).textContent()).toContain('+20 7700900123')
    expect(await drawnOrder(status)).toBe(e164)
    expect(await drawnOrder('[data-part="sent-to-text"]')).toBe(e164)
    // The resend button counts down, its minutes before its seconds (in Persian digits on the Persian page).
    expect(await drawnOrder('[data-part="resend-button"]')).toMatch(/^\p{Nd}+:\p{Nd}{2}$/u)

    const code = page.getByTestId('sandbox-code')
    await expect.poll(async () => ((await code.count()) > 0 ? await code.textContent() : '')).toMatch(/^\d{6}$/)
    expect(await drawnOrder('[data-testid="sandbox-number"]')).toBe(e164)
    expect(await drawnOrder('[data-testid="sandbox-code"]')).toBe(await code.textContent())
    await checkStep(page, `rtl-numbers-${locale}-code-step`)

    await page.getByLabel(messages.verificationCode, { exact: true }).pressSequentially((await code.textContent()) ?? '')
    await page.locator('[data-part="verified-message"]').waitFor()
    expect(await drawnOrder('[data-part="verified-message"]')).toBe(e164)

    await page.getByLabel(t.name).fill('Ada')
    await page.getByLabel(t.email).fill('ada@example.com')
    await page.getByRole('button', { name: t.createAccount }).click()
    await page.getByTestId('signup-result').waitFor()
    // The sentence may wrap before the number; the number itself reads whole.
    expect(await drawnOrder('[data-testid="signup-result"] bdi[dir="ltr"]')).toBe(e164)
  })
})
