import { type Clock, systemClock } from '@otpflow/core'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState } from 'react'
import { expect, waitFor, within } from 'storybook/test'
import { useCountdown } from './use-countdown'

const START = Date.parse('2026-11-26T09:00:00Z')

let time = START
/** A clock that moves only when a story moves it: the countdown reaches 0 without the story waiting for it. */
const clock = {
  now: () => time,
  advance(ms: number) {
    time += ms
    // useCountdown reads the clock again when the tab comes back to the front, as after a sleep.
    document.dispatchEvent(new Event('visibilitychange'))
  },
} satisfies Clock & { advance(ms: number): void }

interface CountdownProps {
  /** Seconds from the first render to the deadline (`resendAvailableAt` in a flow); none: no deadline. */
  secondsLeft: number | undefined
  /** The clock the countdown reads. @default the system clock */
  clock?: Clock
}

/** What a resend button does with the hook: its seconds in the label, disabled until 0. */
function Countdown({ secondsLeft, clock }: CountdownProps) {
  // The deadline counts from the first render: the story's start on the story's clock, now on the system clock.
  const [origin] = useState(() => (clock ?? systemClock).now())
  const deadline = secondsLeft === undefined ? undefined : new Date(origin + secondsLeft * 1000)
  const seconds = useCountdown(deadline, clock ? { clock } : undefined)
  return (
    <div style={{ display: 'grid', gap: '0.5rem', justifyItems: 'start', font: '15px/1.5 system-ui, sans-serif' }}>
      <p style={{ margin: 0 }}>
        <code>useCountdown(deadline)</code> = <output data-part="seconds">{seconds}</output>
      </p>
      <button type="button" disabled={seconds > 0}>
        {seconds > 0 ? `Resend code in ${seconds} s` : 'Resend code'}
      </button>
    </div>
  )
}

const secondsOf = (canvasElement: HTMLElement) => Number(canvasElement.querySelector('[data-part="seconds"]')?.textContent)

const meta = {
  title: 'Hooks/useCountdown',
  component: Countdown,
  // The page for this hook is use-countdown.mdx: the component here is a story's, not the kit's.
  tags: ['!autodocs'],
  args: { secondsLeft: 30, clock },
  // A new deadline from the control counts from the moment it is set.
  render: (args) => <Countdown key={args.secondsLeft} {...args} />,
  argTypes: {
    secondsLeft: { control: { type: 'range', min: -10, max: 180, step: 1 } },
    clock: { control: false },
  },
  // Every story starts at the same time, however often it runs.
  beforeEach: () => {
    time = START
  },
} satisfies Meta<typeof Countdown>

// Storybook reads the stories' metadata from the default export.
export default meta
type Story = StoryObj<typeof meta>

/** On the system clock: set a deadline with the control and watch it count down to 0. */
export const Live: Story = {
  render: ({ secondsLeft }) => <Countdown key={secondsLeft} secondsLeft={secondsLeft} />,
  play: async ({ canvasElement }) => {
    await expect(secondsOf(canvasElement)).toBeGreaterThan(0)
    await expect(within(canvasElement).getByRole('button')).toBeDisabled()
  },
}

/** A deadline 30 seconds ahead: 30, and the button waits. */
export const Counting: Story = {
  play: async ({ canvasElement }) => {
    await expect(secondsOf(canvasElement)).toBe(30)
    await expect(within(canvasElement).getByRole('button', { name: 'Resend code in 30 s' })).toBeDisabled()
  },
}

/**
 * The clock moves (the story moves it, nobody waits): 12.5 s later the countdown says 18, rounded up, and at the
 * deadline 0, and the button is ready.
 */
export const ReachesZero: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    clock.advance(12_500)
    await waitFor(() => expect(secondsOf(canvasElement)).toBe(18))
    clock.advance(17_500)
    await waitFor(() => expect(secondsOf(canvasElement)).toBe(0))
    await expect(canvas.getByRole('button', { name: 'Resend code' })).toBeEnabled()
  },
}

/**
 * A tab that slept past the deadline: computed from the deadline, never counted, so it shows 0 as soon as the tab is
 * back, whatever the timers missed.
 */
export const AfterASleep: Story = {
  play: async ({ canvasElement }) => {
    clock.advance(10 * 60 * 1000)
    await waitFor(() => expect(secondsOf(canvasElement)).toBe(0))
  },
}

/** A deadline already past: 0 from the first render. */
export const PastDeadline: Story = {
  args: { secondsLeft: -5 },
  play: async ({ canvasElement }) => {
    await expect(secondsOf(canvasElement)).toBe(0)
  },
}

/** No deadline (`undefined`, as outside the code step): 0, and no timer runs. */
export const NoDeadline: Story = {
  args: { secondsLeft: undefined },
  play: async ({ canvasElement }) => {
    await expect(secondsOf(canvasElement)).toBe(0)
  },
}
