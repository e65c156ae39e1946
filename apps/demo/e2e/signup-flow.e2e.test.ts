import { locales } from '@otpflow/phone-verify/locales'
import type { BrowserContext, Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { checkStep, latestCode, openDemoPerTest, type RunningDemo } from './harness'

const phoneNumber = '+447700900123'
const typedNumber = '+44 7700 900123'

let demo: RunningDemo
let context: BrowserContext
let page: Page

// A fresh server per test: its own sandbox and limits, so no test inherits another's sends.
openDemoPerTest(async (opened) => {
  ;({ demo, context, page } = opened)
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: demo.url })
})

const phoneField = () => page.getByLabel('Phone number', { exact: true })
const codeField = () => page.getByLabel('Verification code', { exact: true })
const statusText = () => page.locator('[data-scope="phone-verify"] [role="status"]')
const alertText = () => page.locator('[data-scope="phone-verify"] [role="alert"]')
const focusedAttribute = (name: string) =>
  page.evaluate((attribute) => document.activeElement?.getAttribute(attribute) ?? null, name)

async function text(locator: Locator): Promise<string> {
  return (await locator.textContent()) ?? ''
}

async function sendCode(): Promise<void> {
  await phoneField().pressSequentially(typedNumber)
  await page.getByRole('button', { name: 'Send code' }).click()
  await codeField().waitFor()
}

/** The code shown in the page's "Sandbox inbox" panel, read as a user reads it. */
async function codeFromInbox(previous?: string): Promise<string> {
  const code = page.getByTestId('sandbox-code')
  await expect.poll(async () => ((await code.count()) > 0 ? await text(code) : '')).toMatch(/^\d{6}$/)
  if (previous !== undefined) await expect.poll(() => text(code)).not.toBe(previous)
  return text(code)
}

async function expectVerified(): Promise<void> {
  await expect.poll(() => text(statusText())).toContain('Phone number verified')
}

describe('signup page, in Chromium against the production build', () => {
  it('signs up with the code read from the sandbox inbox', async () => {
    await page.goto(`${demo.url}/`)
    await page.getByRole('heading', { level: 1, name: 'Create your account' }).waitFor()
    await checkStep(page, 'signup-01-empty')

    await page.getByLabel('Full name').fill('Ada Lovelace')
    await page.getByLabel('Email').fill('ada@example.com')
    await sendCode()
    // Focus moves to the code field when its step appears.
    await expect.poll(() => focusedAttribute('autocomplete')).toBe('one-time-code')
    const code = await codeFromInbox()
    expect(code).toBe(await latestCode(demo, phoneNumber))
    await checkStep(page, 'signup-02-code-sent')

    await page.keyboard.type(code)
    await expectVerified()
    await checkStep(page, 'signup-03-verified')

    await page.getByRole('button', { name: 'Create account' }).click()
    const result = page.getByTestId('signup-result')
    // The number as people read it, not its E.164 form.
    await expect.poll(async () => ((await result.count()) > 0 ? await text(result) : '')).toContain(typedNumber)
    expect(await text(result)).not.toContain(phoneNumber)
    expect(await text(result)).toContain('Ada Lovelace')
    await checkStep(page, 'signup-04-account-created')
  })

  it('takes a pasted code with dashes', async () => {
    await page.goto(`${demo.url}/`)
    await sendCode()
    const code = await codeFromInbox()
    await page.evaluate((value) => navigator.clipboard.writeText(value), `${code.slice(0, 3)}-${code.slice(3)}`)
    await codeField().focus()
    await page.keyboard.press('ControlOrMeta+V')
    await expectVerified()
    await checkStep(page, 'paste-01-verified')
  })

  it('shows a wrong code, clears and refocuses the field, then takes the right one', async () => {
    await page.goto(`${demo.url}/`)
    await sendCode()
    const code = await codeFromInbox()
    await page.keyboard.type(code === '000000' ? '111111' : '000000')
    await expect.poll(() => text(alertText())).toContain('That code is not right')
    await expect.poll(() => codeField().inputValue()).toBe('')
    expect(await focusedAttribute('autocomplete')).toBe('one-time-code')
    expect(await codeField().getAttribute('aria-invalid')).toBe('true')
    await checkStep(page, 'wrong-code-01-alert')

    await page.keyboard.type(code)
    await expectVerified()
    await checkStep(page, 'wrong-code-02-verified')
  })

  it('lets the user resend once the countdown has run out, with the browser clock moved forward', async () => {
    await page.clock.install()
    await page.goto(`${demo.url}/`)
    await sendCode()
    const first = await codeFromInbox()
    const waiting = page.getByRole('button', { name: /^Resend code in 0:(30|29)$/ })
    await waiting.waitFor()
    expect(await waiting.isDisabled()).toBe(true)
    await checkStep(page, 'resend-01-countdown')

    // The server's deadline and the page's clock move together, as real time would.
    demo.clock.advance(31_000)
    await page.clock.fastForward(31_000)
    const resend = page.getByRole('button', { name: 'Resend code', exact: true })
    await expect.poll(() => resend.isEnabled()).toBe(true)
    await expect.poll(() => text(statusText())).toContain('You can request a new code now')
    await checkStep(page, 'resend-02-available')

    await resend.click()
    const second = await codeFromInbox(first)
    await expect.poll(() => text(statusText())).toContain('Code sent to')
    await codeField().focus()
    await page.keyboard.type(second)
    await expectVerified()
    await checkStep(page, 'resend-03-verified')
  })

  it('resumes the code step after a reload in the middle of the flow', async () => {
    await page.goto(`${demo.url}/`)
    await sendCode()
    await checkStep(page, 'reload-01-before')
    await page.reload()
    await codeField().waitFor()
    // The number is written in groups once the phone kit has loaded, which may land after the restored step.
    await expect.poll(() => page.getByText('+44 7700 900123').count()).toBeGreaterThan(0)
    // No SMS was sent by the reload: the region says what to do, with the number read in groups.
    await expect.poll(() => text(statusText())).toBe('Enter the code sent to +44 7700 900123')
    await checkStep(page, 'reload-02-resumed')

    // The inbox still shows the code for the resumed step.
    const code = await codeFromInbox()
    expect(code).toBe(await latestCode(demo, phoneNumber))
    await codeField().focus()
    await page.keyboard.type(code)
    await expectVerified()
    await checkStep(page, 'reload-03-verified')
  })

  it('can be completed with the keyboard alone', async () => {
    await page.goto(`${demo.url}/`)
    // Tab from the top of the page, past the header's links and the languages' disclosure, to the form's first field.
    for (let presses = 0; presses < 8 && (await focusedAttribute('autocomplete')) !== 'name'; presses++)
      await page.keyboard.press('Tab')
    expect(await focusedAttribute('autocomplete')).toBe('name')
    await page.keyboard.type('Grace Hopper')
    await page.keyboard.press('Tab')
    await page.keyboard.type('grace@example.com')
    await page.keyboard.press('Tab')
    expect(await focusedAttribute('role')).toBe('combobox')
    await page.keyboard.press('Tab')
    expect(await focusedAttribute('autocomplete')).toBe('tel')
    await page.keyboard.type(typedNumber)
    await page.keyboard.press('Enter')
    await codeField().waitFor()
    await expect.poll(() => focusedAttribute('autocomplete')).toBe('one-time-code')
    await checkStep(page, 'keyboard-01-code-step')

    await page.keyboard.type(await codeFromInbox())
    await expectVerified()
    // After the verification, Tab reaches "Create account" and Enter submits the form.
    for (
      let presses = 0;
      presses < 10 && (await page.evaluate(() => document.activeElement?.textContent)) !== 'Create account';
      presses++
    ) {
      await page.keyboard.press('Tab')
    }
    await page.keyboard.press('Enter')
    const result = page.getByTestId('signup-result')
    await expect.poll(async () => ((await result.count()) > 0 ? await text(result) : '')).toContain(typedNumber)
    await checkStep(page, 'keyboard-02-account-created')
  })

  it('runs right to left in Arabic, with the code still reading left to right', async () => {
    await page.goto(`${demo.url}/?locale=ar`)
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl')
    expect(await page.locator('html').getAttribute('lang')).toBe('ar')
    await page.locator('[data-scope="phone-verify"][data-part="root"][dir="rtl"]').waitFor()
    await checkStep(page, 'rtl-01-empty')

    await page.locator('input[autocomplete="tel"]').pressSequentially(typedNumber)
    await page.locator('[data-part="send-button"]').click()
    const input = page.locator('input[autocomplete="one-time-code"]')
    await input.waitFor()
    await checkStep(page, 'rtl-02-code-step')

    const code = await codeFromInbox()
    await input.focus()
    await page.keyboard.type(code.slice(0, 3))
    expect(await input.evaluate((element) => getComputedStyle(element).direction)).toBe('ltr')
    // The first digit typed sits in the leftmost slot.
    const slots = page.locator('[data-part="code-slot"]')
    const first = await slots.nth(0).boundingBox()
    const last = await slots.nth(5).boundingBox()
    expect(first && last && first.x < last.x).toBe(true)
    expect(await text(slots.nth(0))).toBe(code[0])
    await page.keyboard.type(code.slice(3))
    await page.locator('[data-part="verified-step"]').waitFor()
    await checkStep(page, 'rtl-03-verified')
  })
})

describe('every language and colour scheme', () => {
  it('serves each shipped locale from the switcher, right to left for Arabic, Hebrew and Persian, with no axe violation', async () => {
    await page.goto(`${demo.url}/`)
    const switcher = page.getByRole('navigation', { name: 'Language' })
    // Folded: the page's language, and one Tab to pass it.
    await expect.poll(() => switcher.locator('summary').textContent()).toBe('English')
    await switcher.locator('summary').click()
    const links = await switcher
      .getByRole('link')
      .evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('hreflang')))
    expect(links).toEqual(Object.keys(locales))
    expect(links).toHaveLength(21)
    for (const locale of links) {
      await page.goto(`${demo.url}/?locale=${locale}`)
      await page.locator(`[data-scope="phone-verify"][data-part="root"][lang="${locale}"]`).waitFor()
      const expected = locale === 'ar' || locale === 'he' || locale === 'fa' ? 'rtl' : 'ltr'
      expect(await page.locator('html').getAttribute('dir')).toBe(expected)
      expect(await page.locator('[data-scope="phone-verify"][data-part="root"]').getAttribute('dir')).toBe(expected)
      await checkStep(page, `locale-${locale}`)
    }
  })

  it('follows a dark system theme, still with no axe violation', async () => {
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.goto(`${demo.url}/`)
    await checkStep(page, 'dark-01-empty')
    await sendCode()
    await codeFromInbox()
    await checkStep(page, 'dark-02-code-sent')
  })
})

describe('browser-only behaviour of the fields', () => {
  it('keeps the caret after the digit typed in the middle of the phone number, and in place after a Backspace', async () => {
    await page.goto(`${demo.url}/`)
    const field = phoneField()
    await field.pressSequentially('+44 7700 90012')
    const digits = async () => (await field.inputValue()).replace(/\D/g, '')
    const digitsBeforeCaret = () =>
      field.evaluate((input: HTMLInputElement) => input.value.slice(0, input.selectionStart ?? 0).replace(/\D/g, '').length)
    const charBeforeCaret = () => field.evaluate((input: HTMLInputElement) => input.value[(input.selectionStart ?? 1) - 1])
    // The field may show the number nationally once the country follows the dial code: positions are counted in digits.
    const before = await digits()
    const at = before.length - 3

    // Put the caret after a digit in the middle, between two groups' worth of formatting, then type a digit there.
    await field.evaluate((input: HTMLInputElement, target: number) => {
      let seen = 0
      const index = [...input.value].findIndex((char) => /\d/.test(char) && ++seen === target)
      input.setSelectionRange(index + 1, index + 1)
    }, at)
    expect(await digitsBeforeCaret()).toBe(at)
    await page.keyboard.type('5')
    expect(await digits()).toBe(`${before.slice(0, at)}5${before.slice(at)}`)
    expect(await digitsBeforeCaret()).toBe(at + 1)
    expect(await charBeforeCaret()).toBe('5')

    // Backspace removes that digit again and leaves the caret where it was among the digits.
    await page.keyboard.press('Backspace')
    expect(await digits()).toBe(before)
    expect(await digitsBeforeCaret()).toBe(at)
    await checkStep(page, 'caret-01-phone-field')
  })

  it('puts the caret on the clicked slot of the code field, so the next digit corrects that one', async () => {
    await page.goto(`${demo.url}/`)
    await sendCode()
    const code = await codeFromInbox()
    const wrongSecond = code[1] === '9' ? '8' : '9'
    await page.keyboard.type(`${code[0]}${wrongSecond}${code.slice(2, 5)}`)
    expect(await codeField().inputValue()).toBe(`${code[0]}${wrongSecond}${code.slice(2, 5)}`)

    // A user clicks where the second slot is drawn (the real input lies over the slots and takes the click).
    const slot = await page.locator('[data-part="code-slot"]').nth(1).boundingBox()
    if (!slot) throw new Error('the second slot is not drawn')
    await page.mouse.click(slot.x + slot.width / 2, slot.y + slot.height / 2)
    expect(await codeField().evaluate((input: HTMLInputElement) => [input.selectionStart, input.selectionEnd])).toEqual([1, 2])
    await page.keyboard.type(code[1] ?? '')
    expect(await codeField().inputValue()).toBe(code.slice(0, 5))
    await checkStep(page, 'slot-click-01-corrected')
    await page.keyboard.press('End')
    await page.keyboard.type(code[5] ?? '')
    await expectVerified()
  })

  it('shows a focus ring on the code field after a wrong code, in the light and the dark theme', async () => {
    await page.goto(`${demo.url}/`)
    await sendCode()
    const code = await codeFromInbox()
    await page.keyboard.type(code === '000000' ? '111111' : '000000')
    await expect.poll(() => text(alertText())).toContain('That code is not right')
    await expect.poll(() => codeField().inputValue()).toBe('')
    expect(await focusedAttribute('autocomplete')).toBe('one-time-code')
    // The real input is invisible: the slot under the caret must carry a visible ring (WCAG 2.4.7).
    const ring = () =>
      page.evaluate(() => {
        const active = [...document.querySelectorAll<HTMLElement>('[data-part="code-slot"][data-active]')]
        const slot = active[0]
        if (!slot) return { active: 0 }
        const style = getComputedStyle(slot)
        const root = getComputedStyle(slot.closest('[data-scope="phone-verify"][data-part="root"]') ?? document.body)
        return {
          active: active.length,
          index: [...document.querySelectorAll('[data-part="code-slot"]')].indexOf(slot),
          outline: `${style.outlineStyle} ${style.outlineWidth}`,
          color: style.outlineColor,
          focusColor: root.getPropertyValue('--otpflow-focus').trim(),
        }
      })
    const light = await ring()
    expect(light).toMatchObject({ active: 1, index: 0, outline: 'solid 2px' })
    await checkStep(page, 'focus-ring-01-light')
    await page.emulateMedia({ colorScheme: 'dark' })
    const dark = await ring()
    expect(dark).toMatchObject({ active: 1, index: 0, outline: 'solid 2px' })
    expect(dark.color).not.toBe(light.color)
    await checkStep(page, 'focus-ring-02-dark')
  })

  it('fits a 320 px screen: the whole number shows, the open country list stays inside, in both directions', async () => {
    await page.setViewportSize({ width: 320, height: 700 })
    for (const locale of ['en', 'ar']) {
      await page.goto(`${demo.url}/?locale=${locale}`)
      const phone = page.locator('input[autocomplete="tel"]')
      await phone.pressSequentially('+44 7700 900123')
      // Formatting starts once the phone metadata (loaded after first render) is there; it then reformats what was typed.
      await expect.poll(() => phone.inputValue()).toBe('+44 7700 900123')
      const overflow = await phone.evaluate((input: HTMLInputElement) => input.scrollWidth - input.clientWidth)
      expect(overflow, `${locale}: the number scrolls inside its field`).toBeLessThanOrEqual(0)
      await page.locator('[data-part="country-trigger"]').click()
      const list = page.locator('[data-part="country-list"]')
      await list.waitFor()
      const box = await list.boundingBox()
      expect(box && box.x >= 0 && box.x + box.width <= 320, `${locale}: list at ${JSON.stringify(box)}`).toBe(true)
      const widths = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth])
      expect(widths[0], `${locale}: page scrolls sideways`).toBe(widths[1])
      await checkStep(page, `country-list-320-${locale}`)
    }
  })

  it('draws each flag as one glyph, or shows the ISO code where the system has no flag emoji, fetching nothing', async () => {
    const requests: string[] = []
    page.on('request', (request) => requests.push(request.url()))
    await page.goto(`${demo.url}/`)
    await page.locator('[data-part="country-trigger"]').click()
    await page.keyboard.type('United Kingdom')
    const flag = page.locator('[data-part="country-option"][data-highlighted] [data-part="country-flag"]')
    await flag.waitFor()
    // Whether this system draws a flag: measured here with laid-out text, apart from the component's own canvas check.
    const systemDrawsFlags = await flag.evaluate((element) => {
      const measure = (content: string) => {
        const span = document.createElement('span')
        span.textContent = content
        span.style.font = getComputedStyle(element).font
        span.style.fontSize = '32px'
        document.body.append(span)
        const width = span.getBoundingClientRect().width
        span.remove()
        return width
      }
      return measure('\u{1F1EC}\u{1F1E7}') < measure('\u{1F1EC}') * 1.5
    })
    expect(await text(flag)).toBe(systemDrawsFlags ? '\u{1F1EC}\u{1F1E7}' : 'GB')
    expect(await flag.getAttribute('data-state')).toBe(systemDrawsFlags ? 'emoji' : 'code')
    const trigger = page.locator('[data-part="country-trigger"]')
    await page.keyboard.press('Enter')
    expect(await trigger.inputValue()).toBe(systemDrawsFlags ? '\u{1F1EC}\u{1F1E7} +44' : 'GB +44')
    await checkStep(page, 'flags-01-chosen')
    expect(requests.filter((url) => !url.startsWith(demo.url) && !url.startsWith('data:'))).toEqual([])
  })

  it('moves focus back to the phone field on "Change number", with the number kept', async () => {
    await page.goto(`${demo.url}/`)
    await sendCode()
    await page.getByRole('button', { name: 'Change number' }).click()
    await expect.poll(() => focusedAttribute('autocomplete')).toBe('tel')
    // Kept, shown in the national form of the country the number belongs to.
    expect((await phoneField().inputValue()).replace(/\D/g, '')).toMatch(/^(44|0)7700900123$/)
    await checkStep(page, 'change-number-01-phone-step')
  })
})

describe('custom page on useOtpFlow', () => {
  it('verifies with its own UI and passes axe at every step', async () => {
    await page.goto(`${demo.url}/custom`)
    await page.getByRole('heading', { level: 1, name: 'Verify your phone' }).waitFor()
    await checkStep(page, 'custom-01-phone-step')
    await page.getByLabel('Mobile number, with country code').fill(phoneNumber)
    await page.getByRole('button', { name: 'Text me a code' }).click()
    await page.getByLabel(/Code sent to/).waitFor()
    await checkStep(page, 'custom-02-code-step')
    await page.keyboard.type(await codeFromInbox())
    await page.getByText('Verified:').waitFor()
    await checkStep(page, 'custom-03-verified')
  })

  it("speaks the page's language, right to left in Hebrew", async () => {
    await page.goto(`${demo.url}/custom?locale=he`)
    await page.getByLabel('מספר נייד, עם קידומת המדינה').fill(phoneNumber)
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl')
    await checkStep(page, 'custom-he-01-phone-step')
    await page.getByRole('button', { name: 'שלחו לי קוד' }).click()
    await page.getByLabel(/הקוד נשלח אל/).waitFor()
    await checkStep(page, 'custom-he-02-code-step')
  })
})
