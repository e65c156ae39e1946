import type { Clock, OtpContract, RetryResult } from '@otpflow/core'
import { createSandbox, SANDBOX_TEST_NUMBERS, type Sandbox } from '@otpflow/core/sandbox'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { PhoneVerify, type PhoneVerifyProps } from './phone-verify'

import './styles.css'

/** A clock that only moves when a story moves it, shared by the sandbox and the flow. */
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
 * The sandbox in the browser offers SMS, WhatsApp and a call, as an endpoint with every channel does; `client` wraps
 * it when a story needs a resend held on its way.
 */
function scenario(client?: (sandbox: Sandbox) => OtpContract): Scenario {
  const clock = storyClock()
  const sandbox = createSandbox({ clock })
  return {
    sandbox,
    clock,
    args: { client: client ? client(sandbox) : sandbox, defaultCountry: 'GB', flowOptions: { clock, persist: false } },
  }
}

type Canvas = ReturnType<typeof within>

/** Sends a code to `phone`, then moves past the 30-second resend deadline: the other ways are offered. */
async function resendOpen(canvas: Canvas, { clock }: Scenario, phone = '+44 7700 900123') {
  await userEvent.type(canvas.getByLabelText('Phone number'), phone)
  await userEvent.click(canvas.getByRole('button', { name: 'Send code' }))
  await canvas.findByLabelText('Verification code')
  clock.advance(30 * 1000)
  // The flow reads its clock again when the tab comes back: the story's clock moved, not the page's.
  document.dispatchEvent(new Event('visibilitychange'))
  return canvas.findByRole('button', { name: 'Call me instead' })
}

const meta = {
  title: 'PhoneVerify/Channels',
  component: PhoneVerify,
  parameters: {
    docs: {
      description: {
        component:
          'Another way to get the code: once the resend is open, the channels the endpoint offers besides the one in use appear beside Resend code. Each story is one state, reached by its play function against the sandbox in the browser.',
      },
    },
  },
  argTypes: { client: { control: false }, flowOptions: { control: false } },
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

const offer = scenario()
/** The resend is open: Resend code (by text again), Send via WhatsApp and Call me instead, side by side. */
export const ChannelOffer: Story = {
  args: offer.args,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const call = await resendOpen(canvas, offer)
    await expect(call).toBeEnabled()
    await expect(canvas.getByRole('button', { name: 'Send via WhatsApp' })).toBeEnabled()
    await expect(canvas.getByRole('button', { name: 'Resend code' })).toBeEnabled()
    await expect(canvas.queryByRole('button', { name: 'Text me instead' })).toBeNull()
  },
}

const calling = scenario((sandbox) => ({
  ...sandbox,
  // The call is being placed: its answer never comes in this story.
  retry: (input) => (input.channel === 'voice' ? new Promise<RetryResult>(() => {}) : sandbox.retry(input)),
}))
/** "Call me instead" pressed: the call is being placed, and the button keeps the focus while it is. */
export const VoiceCallInProgress: Story = {
  args: calling.args,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const call = await resendOpen(canvas, calling)
    await userEvent.click(call)
    await waitFor(() => expect(call).toHaveAttribute('aria-disabled', 'true'))
    await expect(call).toHaveAttribute('data-state', 'pending')
    await expect(call).toHaveFocus()
    await expect(canvas.getByRole('button', { name: 'Sending a new code…' })).toBeVisible()
    await expect(canvas.getByLabelText('Verification code')).toBeEnabled()
  },
}

const called = scenario()
/** The call was placed: the step says so, the hint speaks of the call, and the code read out verifies. */
export const CalledInstead: Story = {
  args: called.args,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.click(await resendOpen(canvas, called))
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('We called +44 7700 900123'))
    await expect(canvas.getByText('Enter the 6-digit code you heard in the call.')).toBeVisible()
    await expect(called.sandbox.outbox.latest()?.channel).toBe('voice')
    await expect(canvas.getByLabelText('Verification code')).toHaveFocus()
  },
}

const refused = scenario()
/** A number that takes no calls: the refusal is said, the call is offered no more, the code sent still works. */
export const RefusedChannel: Story = {
  args: refused.args,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.click(await resendOpen(canvas, refused, SANDBOX_TEST_NUMBERS.noVoice))
    await waitFor(() =>
      expect(canvas.getByRole('alert')).toHaveTextContent('The code cannot be sent this way to this number. Choose another way.'),
    )
    await expect(canvas.queryByRole('button', { name: 'Call me instead' })).toBeNull()
    await expect(canvas.getByRole('button', { name: 'Send via WhatsApp' })).toBeEnabled()
    await expect(refused.sandbox.outbox.messages()).toHaveLength(1)
  },
}
