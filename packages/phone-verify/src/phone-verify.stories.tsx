import { type Clock, createEndpointClient } from '@otpflow/core'
import { createSandbox, SANDBOX_TEST_NUMBERS, type Sandbox, type SandboxOptions } from '@otpflow/core/sandbox'
import type { Meta, StoryObj } from '@storybook/react-vite'
import type { CSSProperties } from 'react'
import { expect, spyOn, userEvent, waitFor, within } from 'storybook/test'
import { ar, locales } from './locales'
import { PhoneVerify, type PhoneVerifyProps } from './phone-verify'

import './styles.css'

/** A clock that only moves when a story moves it, shared by the sandbox and the flow: deadlines stay put on screen. */
interface StoryClock extends Clock {
  advance(ms: number): void
}

function storyClock(): StoryClock {
  let now = Date.parse('2026-11-26T09:00:00Z')
  return {
    now: () => now,
    advance: (ms) => {
      now += ms
    },
  }
}

interface Scenario {
  args: PhoneVerifyProps
  sandbox: Sandbox
  clock: StoryClock
}

/**
 * Every story drives the real component against the sandbox running in the browser, with its own sandbox and clock
 * (no backend, nothing mocked). Persistence is off so no story resumes another's flow.
 */
function scenario(options: Omit<SandboxOptions, 'clock'> = {}, props: Partial<PhoneVerifyProps> = {}): Scenario {
  const clock = storyClock()
  const sandbox = createSandbox({ ...options, clock })
  return { sandbox, clock, args: { client: sandbox, defaultCountry: 'GB', flowOptions: { clock, persist: false }, ...props } }
}

const number = '+44 7700 900123'
const e164 = '+447700900123'

type Canvas = ReturnType<typeof within>

async function sendCode(canvas: Canvas, phone = number): Promise<HTMLElement> {
  await userEvent.type(canvas.getByLabelText('Phone number'), phone)
  await userEvent.click(canvas.getByRole('button', { name: 'Send code' }))
  return canvas.findByLabelText('Verification code')
}

function codeFor(sandbox: Sandbox, phone = e164): string {
  const code = sandbox.outbox.latest(phone)?.code
  if (!code) throw new Error(`the sandbox sent no code to ${phone}`)
  return code
}

const wrongCodeFor = (sandbox: Sandbox) => (codeFor(sandbox) === '000000' ? '111111' : '000000')

const meta = {
  title: 'PhoneVerify',
  component: PhoneVerify,
  parameters: {
    docs: {
      description: {
        component:
          'The drop-in: number, code, done. Each story below is one state a user meets, reached by its play function against the sandbox running in the browser (test numbers, a clock that only moves when the story moves it).',
      },
    },
  },
  argTypes: {
    client: { control: false },
    flowOptions: { control: false },
    // A language is its messages object; `locale` only refines its formats (`fr-CA`).
    messages: { control: 'select', options: Object.keys(locales), mapping: locales },
    locale: { control: 'text' },
  },
  // A story's sandbox lives as long as the page: forget what an earlier run of the same story sent (a rerun, or
  // coming back to it), so that its play function counts only its own messages.
  beforeEach: ({ args }) => {
    const client = args.client as Partial<Sandbox> | undefined
    client?.reset?.()
  },
  decorators: [
    (Story) => (
      <div style={{ maxWidth: '26rem' }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof PhoneVerify>

// Storybook reads the stories' metadata from the default export.
export default meta
type Story = StoryObj<typeof meta>

const empty = scenario()
export const Empty: Story = {
  args: empty.args,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByLabelText('Phone number')).toHaveValue('')
    await expect(canvas.getByRole('combobox', { name: 'Country' })).toBeVisible()
    await expect(canvas.getByRole('button', { name: 'Send code' })).toBeEnabled()
  },
}

const invalidNumber = scenario()
export const InvalidNumber: Story = {
  args: invalidNumber.args,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const phone = canvas.getByLabelText('Phone number')
    await userEvent.type(phone, '12')
    await userEvent.click(canvas.getByRole('button', { name: 'Send code' }))
    await expect(await canvas.findByRole('alert')).toHaveTextContent('Enter a valid phone number.')
    await expect(phone).toHaveAttribute('aria-invalid', 'true')
    await expect(phone).toHaveFocus()
    await expect(invalidNumber.sandbox.outbox.messages()).toHaveLength(0)
  },
}

const sending = scenario({ latencyMs: 10 * 60 * 1000 })
export const Sending: Story = {
  args: sending.args,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const send = spyOn(sending.sandbox, 'createAuthentication')
    await userEvent.type(canvas.getByLabelText('Phone number'), number)
    await userEvent.click(canvas.getByRole('button', { name: 'Send code' }))
    const button = await canvas.findByRole('button', { name: 'Sending…' })
    await expect(button).toHaveAttribute('aria-disabled', 'true')
    await expect(send).toHaveBeenCalledTimes(1)
    // A second click while sending sends nothing more.
    await userEvent.click(button)
    await expect(send).toHaveBeenCalledTimes(1)
    await expect(canvas.queryByLabelText('Verification code')).toBeNull()
  },
}

const codeSent = scenario()
export const CodeSent: Story = {
  args: codeSent.args,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const codeField = await sendCode(canvas)
    await waitFor(() => expect(codeField).toHaveFocus())
    await expect(canvas.getByRole('status')).toHaveTextContent('Code sent to')
    await expect(codeField).toHaveAttribute('autocomplete', 'one-time-code')
    await expect(codeField).toHaveAttribute('inputmode', 'numeric')
    await expect(codeSent.sandbox.outbox.messages()).toHaveLength(1)
  },
}

const wrongCode = scenario()
export const WrongCode: Story = {
  args: wrongCode.args,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const codeField = await sendCode(canvas)
    await userEvent.type(codeField, wrongCodeFor(wrongCode.sandbox))
    await expect(await canvas.findByText(/That code is not right/)).toBeVisible()
    await waitFor(() => expect(codeField).toHaveValue(''))
    await expect(codeField).toHaveFocus()
    await expect(codeField).toHaveAttribute('aria-invalid', 'true')
  },
}

// One check per code, known to the flow as well: one wrong code spends them, whatever the sandbox says with it.
const tooManyWrongCodes = scenario({ maxCheckAttempts: 1 })
export const TooManyWrongCodes: Story = {
  args: { ...tooManyWrongCodes.args, flowOptions: { ...tooManyWrongCodes.args.flowOptions, maxAttempts: 1 } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const codeField = await sendCode(canvas)
    await userEvent.type(codeField, wrongCodeFor(tooManyWrongCodes.sandbox))
    await expect(await canvas.findByText('Too many wrong codes. Request a new code.')).toBeVisible()
    // The way out is a new code, from the code step, and it has the focus.
    const sendNew = canvas.getByRole('button', { name: 'Send a new code' })
    await waitFor(() => expect(sendNew).toHaveFocus())
    await expect(codeField).toBeDisabled()
    await userEvent.click(sendNew)
    await waitFor(() => expect(tooManyWrongCodes.sandbox.outbox.messages()).toHaveLength(2))
    await waitFor(() => expect(canvas.getByLabelText('Verification code')).toHaveFocus())
  },
}

const expired = scenario({ ttlSeconds: 600 })
export const Expired: Story = {
  args: expired.args,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const codeField = await sendCode(canvas)
    const code = codeFor(expired.sandbox)
    expired.clock.advance(601 * 1000)
    await userEvent.type(codeField, code)
    await expect(await canvas.findByText('This code has expired')).toBeVisible()
    await expect(canvas.getByRole('button', { name: 'Send a new code' })).toBeEnabled()
  },
}

const rateLimited = scenario()
export const RateLimited: Story = {
  args: rateLimited.args,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.type(canvas.getByLabelText('Phone number'), SANDBOX_TEST_NUMBERS.rateLimited)
    await userEvent.click(canvas.getByRole('button', { name: 'Send code' }))
    await expect(await canvas.findByText(/Too many requests/)).toBeVisible()
    await expect(rateLimited.sandbox.outbox.messages()).toHaveLength(0)
  },
}

const blocked = scenario()
export const Blocked: Story = {
  args: blocked.args,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.type(canvas.getByLabelText('Phone number'), SANDBOX_TEST_NUMBERS.spamDetected)
    await userEvent.click(canvas.getByRole('button', { name: 'Send code' }))
    await expect(await canvas.findByText('This number cannot be verified. Use another number.')).toBeVisible()
    await expect(blocked.sandbox.outbox.messages()).toHaveLength(0)
  },
}

const resendCountdown = scenario({ resendDelays: [30, 60, 120] })
export const ResendCountdown: Story = {
  args: resendCountdown.args,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await sendCode(canvas)
    const resend = await canvas.findByRole('button', { name: 'Resend code in 0:30' })
    await expect(resend).toBeDisabled()
    resendCountdown.clock.advance(12 * 1000)
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Resend code in 0:18' })).toBeVisible(), { timeout: 3000 })
  },
}

const noResendsLeft = scenario({ resendDelays: [0], maxResends: 1 })
export const NoResendsLeft: Story = {
  args: noResendsLeft.args,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await sendCode(canvas)
    await userEvent.click(await canvas.findByRole('button', { name: 'Resend code' }))
    await expect(await canvas.findByText(/No more codes can be sent/)).toBeVisible()
    await expect(noResendsLeft.sandbox.outbox.messages()).toHaveLength(2)
  },
}

const networkError: Scenario = (() => {
  const base = scenario()
  // The real endpoint client over a connection that fails, as when the device is offline.
  const offline = createEndpointClient({ baseUrl: '/api/otp', fetch: () => Promise.reject(new TypeError('Failed to fetch')) })
  return { ...base, args: { ...base.args, client: offline } }
})()
export const NetworkError: Story = {
  args: networkError.args,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const phone = canvas.getByLabelText('Phone number')
    await userEvent.type(phone, number)
    await userEvent.click(canvas.getByRole('button', { name: 'Send code' }))
    await expect(await canvas.findByText(/No connection to the server/)).toBeVisible()
    await expect(canvas.getByRole('button', { name: 'Try again' })).toBeEnabled()
    // Nothing typed is lost.
    await expect(phone).toHaveValue(number)
  },
}

const verified = scenario()
export const Verified: Story = {
  args: verified.args,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const codeField = await sendCode(canvas)
    await userEvent.type(codeField, codeFor(verified.sandbox))
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('Phone number verified'))
    await expect(canvasElement.querySelector('[data-part="verified-message"]')).toHaveTextContent('+44 7700 900123')
    await expect(canvas.queryByLabelText('Verification code')).toBeNull()
    await expect(canvas.getByRole('button', { name: 'Verify again' })).toBeEnabled()
    await expect(canvas.getByRole('button', { name: 'Change number' })).toBeEnabled()
  },
}

/** The sandbox, answering the right code with a proof that lasts 10 minutes, as the app's endpoint does. */
function withProof({ sandbox, clock, args }: Scenario): Scenario {
  const client = {
    ...sandbox,
    check: async (...parameters: Parameters<Sandbox['check']>) => {
      const result = await sandbox.check(...parameters)
      if (result.status !== 'valid') return result
      return { ...result, verificationToken: 'signed-proof', verificationExpiresAt: new Date(clock.now() + 10 * 60 * 1000) }
    },
  }
  return { sandbox, clock, args: { ...args, client } }
}

const verificationExpired = withProof(scenario())
export const VerificationExpired: Story = {
  args: verificationExpired.args,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const codeField = await sendCode(canvas)
    await userEvent.type(codeField, codeFor(verificationExpired.sandbox))
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('Phone number verified'))
    await expect(canvas.getByRole('button', { name: 'Verify again' })).toBeVisible()
    // Ten minutes later (the tab comes back to the front): the proof is gone, the number stays.
    verificationExpired.clock.advance(10 * 60 * 1000)
    document.dispatchEvent(new Event('visibilitychange'))
    await expect(await canvas.findByText(/Your verification has expired/)).toBeVisible()
    await expect(canvas.getByLabelText('Phone number')).toHaveValue('07700 900123')
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Send code' })).toHaveFocus())
  },
}

const arabic = scenario({}, { messages: ar })
export const RightToLeftArabic: Story = {
  args: arabic.args,
  play: async ({ canvasElement }) => {
    const root = canvasElement.querySelector<HTMLElement>('[data-part="root"]')
    await expect(root).toHaveAttribute('dir', 'rtl')
    const phone = canvasElement.querySelector<HTMLInputElement>('input[autocomplete="tel"]')
    if (!phone) throw new Error('no phone field')
    await userEvent.type(phone, number)
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'إرسال الرمز' }))
    const code = await waitFor(() => {
      const field = canvasElement.querySelector<HTMLInputElement>('input[autocomplete="one-time-code"]')
      if (!field) throw new Error('code step not shown yet')
      return field
    })
    // The code reads left to right inside the right-to-left page.
    await expect(getComputedStyle(code).direction).toBe('ltr')
  },
}

const darkTheme = scenario()
export const DarkTheme: Story = {
  args: darkTheme.args,
  decorators: [
    (Story) => (
      <div data-theme="dark" style={{ padding: '1.5rem', background: '#0b0f17', colorScheme: 'dark' }}>
        <Story />
      </div>
    ),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await sendCode(canvas)
    await expect(canvas.getByLabelText('Verification code')).toBeVisible()
  },
}

/** A brand theme made only of the stylesheet's custom properties: no class, no selector, no override. */
const brandTheme = {
  '--otpflow-font': 'Georgia, "Times New Roman", serif',
  '--otpflow-fg': '#3b0764',
  '--otpflow-muted': '#581c87',
  '--otpflow-surface': '#faf5ff',
  '--otpflow-border': '#7e22ce',
  '--otpflow-accent': '#7e22ce',
  '--otpflow-accent-fg': '#ffffff',
  '--otpflow-accent-soft': '#f3e8ff',
  '--otpflow-focus': '#a21caf',
  '--otpflow-radius': '0',
  '--otpflow-slot-size': '2.5rem',
  '--otpflow-shadow': 'none',
} as CSSProperties

const customTheme = scenario()
export const CustomThemeWithCssVariables: Story = {
  args: customTheme.args,
  decorators: [
    (Story) => (
      <div style={brandTheme}>
        <Story />
      </div>
    ),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await sendCode(canvas)
    const slot = canvasElement.querySelector('[data-part="code-slot"]')
    if (!slot) throw new Error('no code slot')
    // The variables reach the parts: the square slots come from --otpflow-radius alone.
    await expect(getComputedStyle(slot).borderTopLeftRadius).toBe('0px')
  },
}

const unstyled = scenario({}, { unstyled: true })
export const Unstyled: Story = {
  args: unstyled.args,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const root = canvasElement.querySelector('[data-scope="phone-verify"][data-part="root"]')
    await expect(root).toHaveAttribute('data-unstyled')
    // With no rules of the stylesheet, the code step is the browser's own input and buttons, still fully labelled.
    const codeField = await sendCode(canvas)
    await expect(getComputedStyle(codeField).opacity).toBe('1')
    await expect(canvas.getByRole('button', { name: 'Change number' })).toBeVisible()
  },
}
