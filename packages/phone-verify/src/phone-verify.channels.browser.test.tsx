import type { OtpContract, RequestOptions, RetryInput, RetryResult } from '@otpflow/core'
import { createSandbox, type Sandbox } from '@otpflow/core/sandbox'
import { act, render } from '@testing-library/react'
import { beforeAll, describe, expect, it } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import { loadPhoneMetadata } from './phone/metadata'
import { PhoneVerify } from './phone-verify'
import './styles.css'

beforeAll(async () => {
  await loadPhoneMetadata()
})

function manualClock(start = Date.UTC(2026, 10, 26, 12)) {
  let now = start
  return {
    now: () => now,
    advance(seconds: number) {
      now += seconds * 1000
    },
  }
}

/** Resends that wait until the test lets them through, so the focus can be looked at while one is on its way. */
function heldResends(sandbox: Sandbox) {
  const waiting: (() => void)[] = []
  const client: OtpContract = {
    ...sandbox,
    retry: (input: RetryInput, options?: RequestOptions) =>
      new Promise<RetryResult>((resolve, reject) => {
        waiting.push(() => {
          sandbox.retry(input, options).then(resolve, reject)
        })
      }),
  }
  const release = () => act(async () => waiting.shift()?.())
  return { client, release }
}

function mount() {
  const clock = manualClock()
  const sandbox = createSandbox({ clock })
  const { client, release } = heldResends(sandbox)
  render(
    <div style={{ maxWidth: '26rem' }}>
      <PhoneVerify client={client} defaultCountry="GB" flowOptions={{ persist: false, clock }} />
    </div>,
  )
  return { clock, sandbox, release }
}

const codeField = () => page.getByLabelText('Verification code')
const active = () => document.activeElement
const digits = (input: Element) => (input as HTMLInputElement).value.replace(/\D/g, '')

async function codeStepWithResendOpen(clock: ReturnType<typeof manualClock>) {
  await userEvent.fill(page.getByLabelText('Phone number'), '07700 900123')
  await userEvent.click(page.getByRole('button', { name: 'Send code' }))
  await expect.element(codeField()).toHaveFocus()
  clock.advance(30)
  await act(async () => document.dispatchEvent(new Event('visibilitychange')))
  await expect.element(page.getByRole('button', { name: 'Call me instead' })).toBeVisible()
}

describe('PhoneVerify in Chromium: another way to get the code', () => {
  it('reaches "Call me instead" by keyboard after Resend code, holds the focus on it while the call is placed, then gives it back to the code field with the digits typed', async () => {
    const { clock, sandbox, release } = mount()
    await codeStepWithResendOpen(clock)
    await userEvent.keyboard('48')
    await expect.poll(() => digits(codeField().element())).toBe('48')

    // The code field (it checks the code once complete: no Verify button), then Resend code, then the other ways.
    await userEvent.keyboard('{Tab}')
    await expect.element(page.getByRole('button', { name: 'Resend code' })).toHaveFocus()
    // In the order the endpoint lists its channels: WhatsApp, then a call.
    await userEvent.keyboard('{Tab}')
    await expect.element(page.getByRole('button', { name: 'Send via WhatsApp' })).toHaveFocus()
    await userEvent.keyboard('{Tab}')
    const call = page.getByRole('button', { name: 'Call me instead' })
    await expect.element(call).toHaveFocus()
    await userEvent.keyboard('{Enter}')

    // On its way: the button pressed keeps the focus and says it is busy; the code field stays as it was.
    await expect.element(call).toHaveAttribute('aria-disabled', 'true')
    expect(active()).toBe(call.element())
    expect(digits(codeField().element())).toBe('48')
    await expect.element(codeField()).toBeEnabled()

    await release()
    await expect.element(codeField()).toHaveFocus()
    expect(digits(codeField().element())).toBe('48')
    await expect.element(page.getByRole('status')).toHaveTextContent('We called +44 7700 900123')
    expect(sandbox.outbox.latest()?.channel).toBe('voice')
    // The offer waits for the next deadline: no focus is left on a control that went away.
    await expect.element(page.getByRole('button', { name: 'Call me instead' })).not.toBeInTheDocument()
  })

  it('puts the offer beside Resend code on one line where it fits', async () => {
    const { clock } = mount()
    await codeStepWithResendOpen(clock)
    const resend = page.getByRole('button', { name: 'Resend code' }).element().getBoundingClientRect()
    const whatsapp = page.getByRole('button', { name: 'Send via WhatsApp' }).element().getBoundingClientRect()
    expect(Math.abs(whatsapp.top - resend.top)).toBeLessThan(2)
    expect(whatsapp.left).toBeGreaterThan(resend.right)
  })
})
