import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { checkStep, openDemoPerTest, type RunningDemo } from './harness'

const phoneNumber = '+447700900123'
const typedNumber = '+44 7700 900123'

let demo: RunningDemo
let page: Page

openDemoPerTest((opened) => {
  ;({ demo, page } = opened)
})

const phoneField = () => page.getByLabel('Phone number', { exact: true })
const codeField = () => page.getByLabel('Verification code', { exact: true })
const statusText = () => page.locator('[data-scope="phone-verify"] [role="status"]')
const callMe = () => page.getByRole('button', { name: 'Call me instead', exact: true })

async function text(locator: Locator): Promise<string> {
  return (await locator.textContent()) ?? ''
}

interface OutboxMessage {
  code: string
  sent_at: string
  channel: string
}

/** What the sandbox sent to the number, oldest first, with each code's channel: the endpoint's outbox route. */
async function outbox(): Promise<OutboxMessage[]> {
  const response = await fetch(`${demo.url}/api/otp/sandbox/outbox?phone_number=${encodeURIComponent(phoneNumber)}`)
  const { messages } = (await response.json()) as { messages: OutboxMessage[] }
  return messages.sort((a, b) => a.sent_at.localeCompare(b.sent_at))
}

describe('signup page: another way to get the code, in Chromium against the production build on the sandbox', () => {
  it('offers a call once the countdown has run out, calls, and verifies with the code the call read out', async () => {
    await page.clock.install()
    await page.goto(`${demo.url}/`)
    await phoneField().pressSequentially(typedNumber)
    await page.getByRole('button', { name: 'Send code' }).click()
    await codeField().waitFor()
    await expect.poll(async () => (await outbox()).map((message) => message.channel)).toEqual(['sms'])
    // A switch is a resend: nothing is offered while the resend counts down.
    await page.getByRole('button', { name: /^Resend code in 0:(30|29)$/ }).waitFor()
    expect(await callMe().count()).toBe(0)

    // The server's deadline and the page's clock move together, as real time would.
    demo.clock.advance(31_000)
    await page.clock.fastForward(31_000)
    await expect.poll(() => callMe().isEnabled()).toBe(true)
    expect(await page.getByRole('button', { name: 'Send via WhatsApp', exact: true }).isEnabled()).toBe(true)
    await checkStep(page, 'channels-01-offer')

    await callMe().click()
    await expect.poll(() => text(statusText())).toContain(`We called ${typedNumber}`)
    const messages = await outbox()
    expect(messages.map((message) => message.channel)).toEqual(['sms', 'voice'])
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('autocomplete') ?? null))
      .toBe('one-time-code')
    await checkStep(page, 'channels-02-called')

    await page.keyboard.type(messages.at(-1)?.code ?? '')
    await expect.poll(() => text(statusText())).toContain('Phone number verified')
    await checkStep(page, 'channels-03-verified')
  })
})

describe('the channel offer on a 320 px screen', () => {
  it.each(['de', 'ar', 'ru'])('stays inside the card with nothing cut off (%s)', async (locale) => {
    await page.setViewportSize({ width: 320, height: 800 })
    await page.clock.install()
    await page.goto(`${demo.url}/?locale=${locale}`)
    await page.locator(`[data-scope="phone-verify"][data-part="root"][lang="${locale}"]`).waitFor()
    await phoneField().or(page.locator('input[type="tel"]')).first().pressSequentially(typedNumber)
    await page.locator('[data-part="send-button"]').click()
    await page.locator('[data-part="code-input"]').waitFor()
    demo.clock.advance(31_000)
    await page.clock.fastForward(31_000)
    const buttons = page.locator('[data-part="channel-button"]')
    await expect.poll(() => buttons.count()).toBe(2)
    // Every button of the offer, and Resend code, within the card and the screen, and no text clipped inside them.
    const card = await page.locator('.demo-card').boundingBox()
    const boxes = await page.locator('[data-part="channel-button"], [data-part="resend-button"]').evaluateAll((elements) =>
      elements.map((element) => {
        const box = element.getBoundingClientRect()
        return { left: box.left, right: box.right, clipped: element.scrollWidth > element.clientWidth + 1 }
      }),
    )
    expect(card).not.toBeNull()
    for (const box of boxes) {
      expect(box.left).toBeGreaterThanOrEqual(card?.x ?? 0)
      expect(box.right).toBeLessThanOrEqual((card?.x ?? 0) + (card?.width ?? 0))
      expect(box.clipped).toBe(false)
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
    await checkStep(page, `channels-320-${locale}`)
  })
})
