import type { Clock } from '@otpflow/core'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { locales } from './locales'
import { createMessageFormat } from './messages'
import { ResendButton, type ResendButtonProps } from './resend-button'

import './styles.css'

const START = Date.parse('2026-11-26T09:00:00Z')

let time = START
/** A clock that moves only when a story moves it: the countdown reaches 0 without the story waiting for it. */
const clock = {
  now: () => time,
  advance(ms: number) {
    time += ms
    // The countdown reads the clock again when the tab comes back to the front; no need to wait for its next second.
    document.dispatchEvent(new Event('visibilitychange'))
  },
} satisfies Clock & { advance(ms: number): void }

type ResendButtonStoryArgs = ResendButtonProps & {
  /** Seconds from the story's start to the server's resend deadline: the stories' `availableAt`. */
  secondsLeft: number
}

const meta = {
  title: 'Parts/ResendButton',
  component: ResendButton,
  render: ({ secondsLeft, ...args }) => <ResendButton {...args} availableAt={new Date(START + secondsLeft * 1000)} />,
  parameters: {
    docs: {
      description: {
        component: [
          'The resend button of `<PhoneVerify>`: disabled and named with its countdown ("Resend code in 0:27") until the',
          'server\'s deadline (`availableAt`, the flow\'s `resendAvailableAt`), then "Resend code"; "No more codes can be',
          'sent" once `remaining` is 0. While a resend is on its way (`pending`) it keeps the focus and is `aria-disabled`.',
          'The countdown is `useCountdown` on `clock` (the system clock by default): it is computed from the deadline,',
          'never counted, so a sleeping tab or a re-render cannot make it drift. These stories run it on a clock that moves',
          'only when a story moves it.',
          '',
          'Hooks for styling: `data-part="resend-button"`, `data-state` `waiting` | `ready` | `pending` | `exhausted`.',
        ].join('\n'),
      },
    },
  },
  args: {
    // Set from secondsLeft, on the story's clock.
    availableAt: undefined,
    secondsLeft: 30,
    clock,
    onResend: fn(),
    onAvailable: fn(),
  },
  argTypes: {
    secondsLeft: { control: { type: 'range', min: 0, max: 180, step: 1 } },
    remaining: { control: { type: 'number', min: 0, max: 5 } },
    pending: { control: 'boolean' },
    disabled: { control: 'boolean' },
    // A shipped language's strings; the toolbar's language sets them (and `locale`) when neither is set here.
    messages: { control: 'select', options: Object.keys(locales), mapping: locales },
    locale: { control: 'text' },
    availableAt: { control: false },
    clock: { control: false },
  },
  // Every story starts at the same time, however often it runs.
  beforeEach: () => {
    time = START
  },
} satisfies Meta<ResendButtonStoryArgs>

// Storybook reads the stories' metadata from the default export.
export default meta
type Story = StoryObj<ResendButtonStoryArgs>

/** Before the deadline: disabled, counting down. */
export const Waiting: Story = {
  play: async ({ canvasElement }) => {
    const button = within(canvasElement).getByRole('button', { name: 'Resend code in 0:30' })
    await expect(button).toBeDisabled()
    await expect(button).toHaveAttribute('data-state', 'waiting')
  },
}

/** The deadline passed: a click asks for a new code. */
export const Ready: Story = {
  args: { secondsLeft: 0 },
  play: async ({ canvasElement, args }) => {
    const button = within(canvasElement).getByRole('button', { name: 'Resend code' })
    await expect(button).toBeEnabled()
    await userEvent.click(button)
    await expect(args.onResend).toHaveBeenCalledTimes(1)
  },
}

/**
 * The countdown reaching 0: the story moves the clock 30 seconds (no real waiting), the button turns into "Resend
 * code" and `onAvailable` fires once, for the flow to announce "You can request a new code now".
 */
export const CountdownReachesZero: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('button', { name: 'Resend code in 0:30' })).toBeDisabled()
    clock.advance(12_000)
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Resend code in 0:18' })).toBeDisabled())
    await expect(args.onAvailable).not.toHaveBeenCalled()
    clock.advance(18_000)
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Resend code' })).toBeEnabled())
    // After the render that shows it (an effect).
    await waitFor(() => expect(args.onAvailable).toHaveBeenCalledTimes(1))
  },
}

/** A resend on its way: still focusable (`aria-disabled`, not `disabled`), and a second click sends nothing. */
export const Pending: Story = {
  args: { secondsLeft: 0, pending: true },
  play: async ({ canvasElement, args }) => {
    const button = within(canvasElement).getByRole('button', { name: 'Sending a new code…' })
    await expect(button).toHaveAttribute('aria-disabled', 'true')
    await expect(button).toBeEnabled()
    await userEvent.click(button)
    await expect(args.onResend).not.toHaveBeenCalled()
  },
}

/** No resends left (`remaining: 0`): says so, and stays disabled. */
export const NoMoreCodes: Story = {
  args: { secondsLeft: 0, remaining: 0 },
  play: async ({ canvasElement }) => {
    const button = within(canvasElement).getByRole('button', { name: 'No more codes can be sent' })
    await expect(button).toBeDisabled()
    await expect(button).toHaveAttribute('data-state', 'exhausted')
  },
}

/** Disabled from outside (the whole component is), even with the deadline past. */
export const Disabled: Story = {
  args: { secondsLeft: 0, disabled: true },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('button', { name: 'Resend code' })).toBeDisabled()
  },
}

/** In Arabic (the toolbar's language): its words, the countdown in the language's digits, isolated left to right. */
export const RightToLeft: Story = {
  args: { secondsLeft: 27 },
  globals: { locale: 'ar' },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('[data-story-globals]')).toHaveAttribute('dir', 'rtl')
    const button = within(canvasElement).getByRole('button')
    await expect(button).toHaveTextContent(locales.ar.resendCodeIn(27, createMessageFormat('ar')))
    await expect(button).toBeDisabled()
  },
}
