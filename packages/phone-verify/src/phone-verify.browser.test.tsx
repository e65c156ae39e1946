// The type of cdp(), Chromium's DevTools session, comes with the Playwright provider.
/// <reference types="@vitest/browser-playwright" />
import type { CreateAuthenticationInput, CreateAuthenticationResult, OtpContract, RequestOptions } from '@otpflow/core'
import { OtpError } from '@otpflow/core'
import { createSandbox, type Sandbox } from '@otpflow/core/sandbox'
import { act, render } from '@testing-library/react'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { cdp, page, userEvent } from 'vitest/browser'
import { loadPhoneMetadata } from './phone/metadata'
import { PhoneVerify, type PhoneVerifyProps } from './phone-verify'
import './styles.css'

beforeAll(async () => {
  await loadPhoneMetadata()
})

/** A clock the test moves by hand, shared by the sandbox and the flow. */
function manualClock(start = Date.UTC(2026, 10, 26, 12)) {
  let now = start
  return {
    now: () => now,
    advance(seconds: number) {
      now += seconds * 1000
    },
  }
}

/** Sends that wait until the test lets them through, so what happens in between can be looked at. */
function heldSends(sandbox: Sandbox, failFirstWith?: OtpError) {
  const waiting: (() => void)[] = []
  let failures = failFirstWith ? 1 : 0
  const client: OtpContract = {
    ...sandbox,
    createAuthentication: (input: CreateAuthenticationInput, options?: RequestOptions) =>
      new Promise<CreateAuthenticationResult>((resolve, reject) => {
        waiting.push(() => {
          if (failures-- > 0 && failFirstWith) reject(failFirstWith)
          else resolve(sandbox.createAuthentication(input, options))
        })
      }),
  }
  const release = () => act(async () => waiting.shift()?.())
  return { client, release }
}

function mount(props: Partial<PhoneVerifyProps> & { client: OtpContract }) {
  return render(
    <div style={{ maxWidth: '26rem' }}>
      <PhoneVerify defaultCountry="GB" {...props} flowOptions={{ persist: false, ...props.flowOptions }} />
    </div>,
  )
}

const phoneField = () => page.getByLabelText('Phone number')
const sendButton = () => page.getByRole('button', { name: /^(Send code|Sending…)$/ })
const codeField = () => page.getByLabelText('Verification code')
const active = () => document.activeElement
const digits = (input: Element) => (input as HTMLInputElement).value.replace(/\D/g, '')

async function sendTo(number: string) {
  await userEvent.fill(phoneField(), number)
  await userEvent.click(page.getByRole('button', { name: 'Send code' }))
}

describe('PhoneVerify in Chromium', () => {
  describe('choosing a country', () => {
    it('moves the focus to the number field after a country chosen with the keyboard, so digits go into the number', async () => {
      mount({ client: createSandbox() })
      await userEvent.click(page.getByRole('combobox', { name: 'Country' }))
      await userEvent.keyboard('fran')
      await userEvent.keyboard('{Enter}')
      await expect.element(phoneField()).toHaveFocus()
      await userEvent.keyboard('0612345678')
      await expect.element(phoneField()).toHaveValue('06 12 34 56 78')
      await expect
        .poll(() => (page.getByRole('combobox', { name: 'Country' }).element() as HTMLInputElement).value)
        .toMatch(/\+33$/)
      await expect.element(page.getByText('No country found')).not.toBeInTheDocument()
    })

    it('moves the focus to the number field after a country chosen with the mouse', async () => {
      mount({ client: createSandbox() })
      await userEvent.click(page.getByRole('combobox', { name: 'Country' }))
      await userEvent.keyboard('japan')
      await userEvent.click(page.getByRole('option', { name: /Japan/ }))
      await expect.element(phoneField()).toHaveFocus()
      await userEvent.keyboard('7700')
      await expect.poll(() => digits(phoneField().element())).toBe('7700')
    })
  })

  describe('keeping the focus when the control pressed goes away', () => {
    it('keeps it on the send button when "Try again" after a server error is replaced by the send', async () => {
      const sandbox = createSandbox()
      const { client, release } = heldSends(sandbox, new OtpError('server_error', 'down', { status: 500 }))
      mount({ client })
      await sendTo('07700 900123')
      await release()
      const tryAgain = page.getByRole('button', { name: 'Try again' })
      await expect.element(tryAgain).toBeVisible()
      await userEvent.click(tryAgain)
      await expect.element(tryAgain).not.toBeInTheDocument()
      // While the send runs: on the button that says so, not on the page.
      expect(active()).not.toBe(document.body)
      expect(active()).toBe(sendButton().element())
      await expect.element(sendButton()).toHaveAccessibleName('Sending…')
      await release()
      await expect.element(codeField()).toHaveFocus()
    })

    it('keeps it on the send button when "Try again" is pressed with the keyboard, then on the code field', async () => {
      const sandbox = createSandbox()
      const { client, release } = heldSends(sandbox, new OtpError('network_error', 'offline'))
      mount({ client })
      await sendTo('07700 900123')
      await release()
      await expect.element(page.getByRole('alert')).toHaveTextContent('No connection to the server.')
      await expect.element(page.getByRole('button', { name: 'Send code' })).toHaveFocus()
      await userEvent.keyboard('{Tab}')
      await expect.element(page.getByRole('button', { name: 'Try again' })).toHaveFocus()
      await userEvent.keyboard('{Enter}')
      expect(active()).toBe(sendButton().element())
      await release()
      await expect.element(codeField()).toHaveFocus()
    })

    it('keeps it on the resend button, saying "Sending a new code…", after "Send a new code" on an expired code', async () => {
      const clock = manualClock()
      const sandbox = createSandbox({ clock, ttlSeconds: 60 })
      const { client, release } = heldSends(sandbox)
      mount({ client, flowOptions: { clock } })
      await sendTo('07700 900123')
      await release()
      await expect.element(codeField()).toHaveFocus()
      clock.advance(61)
      await act(async () => document.dispatchEvent(new Event('visibilitychange')))
      const sendNew = page.getByRole('button', { name: 'Send a new code' })
      await expect.element(sendNew).toHaveFocus()
      await userEvent.keyboard('{Enter}')
      await expect.element(sendNew).not.toBeInTheDocument()
      expect(active()).toBe(page.getByRole('button', { name: 'Sending a new code…' }).element())
      await release()
      await expect.element(codeField()).toHaveFocus()
    })

    it('keeps it on the code field when "Try again" re-checks a code the network lost', async () => {
      const sandbox = createSandbox()
      let failures = 1
      let releaseCheck = () => {}
      const client: OtpContract = {
        ...sandbox,
        check: (input, options) => {
          if (failures-- > 0) return Promise.reject(new OtpError('network_error', 'offline'))
          return new Promise((resolve) => {
            releaseCheck = () => resolve(sandbox.check(input, options))
          })
        },
      }
      mount({ client })
      await sendTo('07700 900123')
      await expect.element(codeField()).toHaveFocus()
      await userEvent.keyboard(sandbox.outbox.latest()?.code ?? '')
      const tryAgain = page.getByRole('button', { name: 'Try again' })
      await userEvent.click(tryAgain)
      await expect.element(tryAgain).not.toBeInTheDocument()
      // While the check runs, and after: never the page.
      expect(active()).toBe(codeField().element())
      await act(async () => releaseCheck())
      await expect.element(page.getByRole('status')).toHaveTextContent('Phone number verified')
      expect(active()).not.toBe(document.body)
    })
  })

  describe('the error region', () => {
    it('is in the accessibility tree while empty, so its first message is read', async () => {
      mount({ client: createSandbox() })
      const alert = page.getByRole('alert')
      await expect.element(alert).toBeInTheDocument()
      await expect.element(alert).toBeEmptyDOMElement()
      expect(getComputedStyle(alert.element()).display).not.toBe('none')
      expect(getComputedStyle(alert.element()).visibility).toBe('visible')
      // Present but out of sight: it takes no room until it has something to say.
      expect(alert.element().getBoundingClientRect().height).toBeLessThanOrEqual(1)
      await userEvent.fill(phoneField(), '12')
      await userEvent.click(page.getByRole('button', { name: 'Send code' }))
      await expect.element(alert).toHaveTextContent('Enter a valid phone number.')
      await expect.element(alert).toBeVisible()
      expect(alert.element().getBoundingClientRect().height).toBeGreaterThan(1)
    })
  })

  describe('in forced colors (Windows high contrast)', () => {
    const setForcedColors = (value: 'active' | 'none') =>
      cdp().send('Emulation.setEmulatedMedia', { features: [{ name: 'forced-colors', value }] })

    afterEach(async () => {
      await cdp().send('Emulation.setEmulatedMedia', { features: [] })
    })

    const transparent = 'rgba(0, 0, 0, 0)'

    it('keeps the code input invisible over the slots: no second copy of the digits, no second caret', async () => {
      const sandbox = createSandbox()
      mount({ client: sandbox, autoSubmit: false })
      await setForcedColors('active')
      expect(matchMedia('(forced-colors: active)').matches).toBe(true)
      await sendTo('07700 900123')
      await expect.element(codeField()).toHaveFocus()
      await userEvent.keyboard('123')
      const input = codeField().element()
      const style = getComputedStyle(input)
      expect(style.color).toBe(transparent)
      expect(style.caretColor).toBe(transparent)
      expect(style.webkitTextFillColor).toBe(transparent)
      // The slots show the digits, in the system's text color.
      const slot = document.querySelector('[data-part="code-slot"]') as HTMLElement
      expect(slot).toHaveTextContent('1')
      expect(getComputedStyle(slot).color).not.toBe(transparent)
    })

    it('outlines the filled buttons, which have no border of their own', async () => {
      const sandbox = createSandbox()
      mount({ client: sandbox, autoSubmit: false })
      await setForcedColors('active')
      const outlined = (element: Element) => {
        const style = getComputedStyle(element)
        return { style: style.borderTopStyle, width: style.borderTopWidth, color: style.borderTopColor }
      }
      const send = outlined(page.getByRole('button', { name: 'Send code' }).element())
      expect(send.style).toBe('solid')
      expect(send.width).toBe('1px')
      expect(send.color).not.toBe(transparent)
      await sendTo('07700 900123')
      expect(outlined(page.getByRole('button', { name: 'Verify' }).element()).style).toBe('solid')
      // Out of forced colors the stylesheet's own look stands: no border.
      await setForcedColors('none')
      expect(outlined(page.getByRole('button', { name: 'Verify' }).element()).style).toBe('none')
    })

    it('marks the highlighted country with the system highlight, not a background the system removes', async () => {
      mount({ client: createSandbox() })
      await setForcedColors('active')
      await userEvent.click(page.getByRole('combobox', { name: 'Country' }))
      const option = document.querySelector('[data-part="country-option"][data-highlighted]') as HTMLElement
      const probe = document.createElement('span')
      probe.style.cssText = 'forced-color-adjust: none; background: Highlight'
      document.body.append(probe)
      expect(getComputedStyle(option).backgroundColor).toBe(getComputedStyle(probe).backgroundColor)
      probe.remove()
    })
  })
})
