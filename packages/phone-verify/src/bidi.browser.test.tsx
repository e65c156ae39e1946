import { createSandbox } from '@otpflow/core/sandbox'
import { render } from '@testing-library/react'
import { beforeAll, describe, expect, it } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import { ar } from './locales/ar'
import { fa } from './locales/fa'
import { he } from './locales/he'
import type { Messages, MessagesOverride } from './messages'
import { CountryPicker } from './phone/country-picker'
import { loadPhoneMetadata } from './phone/metadata'
import { PhoneVerify } from './phone-verify'
import { ResendButton } from './resend-button'
import './styles.css'

beforeAll(async () => {
  await loadPhoneMetadata()
})

/** Digits of any script, the plus and the colon: the characters whose order on screen says whether a number reads right. */
const NUMBERISH = /[+:\p{Nd}]/u

/**
 * The number-like characters of `element` in the order Chromium draws them, left to right, read from the laid-out
 * glyphs (one range per character). Text in the DOM is in logical order; only the layout shows a reversed number.
 */
function drawnOrder(element: Element): string {
  const glyphs: { char: string; left: number; top: number }[] = []
  const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? ''
    for (let index = 0; index < text.length; index++) {
      const char = text[index] ?? ''
      if (!NUMBERISH.test(char)) continue
      const range = element.ownerDocument.createRange()
      range.setStart(node, index)
      range.setEnd(node, index + 1)
      const rect = range.getBoundingClientRect()
      if (rect.width > 0) glyphs.push({ char, left: rect.left, top: Math.round(rect.top) })
    }
  }
  const lines = new Set(glyphs.map((glyph) => glyph.top))
  if (lines.size > 1) throw new Error(`the number is drawn over ${lines.size} lines; widen the test's box`)
  return glyphs
    .sort((a, b) => a.left - b.left)
    .map((glyph) => glyph.char)
    .join('')
}

const part = (name: string) => {
  const element = document.querySelector(`[data-part="${name}"]`)
  if (!element) throw new Error(`no ${name} on screen`)
  return element
}

/** The kit on a right-to-left page, wide enough for every line to fit on one. */
function mountOnRtlPage(messages: Messages | MessagesOverride, sandbox = createSandbox()) {
  document.documentElement.dir = 'rtl'
  render(
    <div dir="rtl" style={{ width: '48rem' }}>
      <PhoneVerify defaultCountry="EG" messages={messages} flowOptions={{ persist: false }} client={sandbox} />
    </div>,
  )
  return sandbox
}

describe('numbers on right-to-left pages, as Chromium draws them', () => {
  it.each([
    ['Arabic', ar],
    ['Hebrew', he],
    ['Persian', fa],
  ])('reads +20 7700900123, a number the kit cannot write in groups, left to right on the %s page', async (_, messages) => {
    const sandbox = mountOnRtlPage(messages)
    await userEvent.fill(page.getByLabelText(messages.phoneNumber), '07700900123')
    await userEvent.click(page.getByRole('button', { name: messages.sendCode }))
    await expect.element(page.getByLabelText(messages.verificationCode)).toBeVisible()
    // The number as libphonenumber-js writes a number it has no pattern for: the calling code, then the rest at once.
    await expect.element(page.getByRole('status')).toHaveTextContent('+20 7700900123')
    expect(drawnOrder(page.getByRole('status').element())).toBe('+207700900123')
    expect(drawnOrder(part('sent-to-text'))).toBe('+207700900123')

    await userEvent.fill(page.getByLabelText(messages.verificationCode), sandbox.outbox.latest()?.code ?? '')
    await expect.element(page.getByText(messages.verified, { exact: false }).first()).toBeVisible()
    expect(drawnOrder(part('verified-message'))).toBe('+207700900123')
  })

  it.each([
    ['Arabic', ar, (number: string) => `أرسلنا الرمز إلى ${number}`],
    ['Hebrew', he, (number: string) => `שלחנו את הקוד אל ${number}`],
    ['Persian', fa, (number: string) => `کد را به ${number} فرستادیم`],
  ])(
    "reads the number left to right on the %s page in an app's own strings, which set no isolation",
    async (_, messages, sent) => {
      mountOnRtlPage({ ...messages, codeSentTo: sent })
      await userEvent.fill(page.getByLabelText(messages.phoneNumber), '07700900123')
      await userEvent.click(page.getByRole('button', { name: messages.sendCode }))
      await expect.element(page.getByRole('status')).toHaveTextContent(sent('+20 7700900123'))
      expect(drawnOrder(page.getByRole('status').element())).toBe('+207700900123')
      expect(drawnOrder(part('sent-to-text'))).toBe('+207700900123')
    },
  )

  it('forces every number, code and dial code left to right, and the kit right to left, on a left-to-right page', async () => {
    const sandbox = createSandbox()
    document.documentElement.dir = 'ltr'
    render(
      <div dir="ltr" style={{ width: '48rem' }}>
        <PhoneVerify
          defaultCountry="EG"
          messages={{ ...ar, codeSentTo: (number) => `أرسلنا الرمز إلى ${number}` }}
          flowOptions={{ persist: false }}
          client={sandbox}
        />
      </div>,
    )
    const direction = (element: Element) => {
      const style = getComputedStyle(element)
      return `${style.direction} ${style.unicodeBidi}`
    }
    expect(direction(part('root'))).toBe('rtl isolate')
    expect(getComputedStyle(page.getByLabelText(ar.phoneNumber).element()).direction).toBe('ltr')
    await userEvent.click(page.getByRole('combobox', { name: ar.country }))
    for (const dialCode of document.querySelectorAll('[data-part="country-dial-code"]'))
      expect(direction(dialCode)).toBe('ltr isolate')
    await userEvent.keyboard('{Escape}')
    await userEvent.fill(page.getByLabelText(ar.phoneNumber), '07700900123')
    await userEvent.click(page.getByRole('button', { name: ar.sendCode }))
    await expect.element(page.getByRole('status')).toHaveTextContent('+20 7700900123')
    const numbers = [...document.querySelectorAll('[data-part="phone-number"]')]
    // The line under the number's heading and the live region's announcement.
    expect(numbers).toHaveLength(2)
    for (const number of numbers) expect(direction(number)).toBe('ltr isolate')
    expect(direction(part('countdown'))).toBe('ltr isolate')
    expect(drawnOrder(part('resend-button'))).toMatch(/^\d+:\d\d$/)
    expect(getComputedStyle(page.getByLabelText(ar.verificationCode).element()).direction).toBe('ltr')
    expect(drawnOrder(page.getByRole('status').element())).toBe('+207700900123')
  })

  it('reads the countdown of the resend button left to right, from any strings', async () => {
    const clock = { now: () => Date.UTC(2026, 10, 26, 12) }
    const availableAt = new Date(clock.now() + 75_000)
    render(
      <div dir="rtl" style={{ width: '48rem' }}>
        <ResendButton
          availableAt={availableAt}
          onResend={() => undefined}
          clock={clock}
          locale="he"
          messages={{ resendCodeIn: (seconds, f) => `שליחה חוזרת בעוד ${f.countdown(seconds)} דקות` }}
        />
      </div>,
    )
    await expect.element(page.getByRole('button')).toHaveTextContent('1:15')
    expect(page.getByRole('button').element().querySelector('bdi[dir="ltr"]')).toHaveTextContent('1:15')
    expect(drawnOrder(page.getByRole('button').element())).toBe('1:15')
  })

  it('reads every dial code in the country list left to right on the Arabic page', async () => {
    render(
      <div dir="rtl" style={{ width: '48rem' }}>
        <CountryPicker
          value="EG"
          onValueChange={() => undefined}
          locale="ar"
          messages={ar}
          allowedCountries={['EG', 'SD', 'YE']}
        />
      </div>,
    )
    await userEvent.click(page.getByRole('combobox', { name: ar.country }))
    const dialCodes = [...document.querySelectorAll('[data-part="country-dial-code"]')]
    expect(dialCodes.map(drawnOrder)).toEqual(['+20', '+249', '+967'])
  })
})
