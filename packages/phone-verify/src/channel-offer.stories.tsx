import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, within } from 'storybook/test'
import { ChannelOffer } from './channel-offer'
import { locales } from './locales'

import './styles.css'

const channels = ['sms', 'whatsapp', 'voice'] as const

const meta = {
  title: 'Parts/ChannelOffer',
  component: ChannelOffer,
  parameters: {
    docs: {
      description: {
        component: [
          'The other ways to get the code, beside "Resend code" once a resend is open: "Call me instead", "Send via',
          'WhatsApp", "Text me instead", one button for each channel on offer (the flow\'s `availableChannels`) other than',
          "the one in use (`channel`). A switch of channel is a resend, so nothing is offered before the resend's",
          'deadline (`open`). The button pressed keeps the focus while its resend is on its way (`pending`,',
          '`aria-disabled`). `onSelect(channel)` is where `flow.resend({ channel })` goes.',
          '',
          'Hooks for styling: `data-part="channel-offer"` (`data-state` `idle` | `pending`), and each `channel-button`',
          '(`data-channel`, `data-state` `idle` | `pending`).',
        ].join('\n'),
      },
    },
  },
  args: {
    channel: 'sms',
    availableChannels: channels,
    open: true,
    onSelect: fn(),
  },
  argTypes: {
    channel: { control: 'inline-radio', options: channels },
    availableChannels: { control: 'check', options: channels },
    open: { control: 'boolean' },
    pending: { control: 'boolean' },
    pendingChannel: { control: 'inline-radio', options: [undefined, ...channels] },
    disabled: { control: 'boolean' },
    // A shipped language's strings; the toolbar's language sets them when this is not set.
    messages: { control: 'select', options: Object.keys(locales), mapping: locales },
  },
  decorators: [
    (Story) => (
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0 1.25rem', minHeight: '2.75rem' }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof ChannelOffer>

// Storybook reads the stories' metadata from the default export.
export default meta
type Story = StoryObj<typeof meta>

/** The code went by text message and the endpoint also offers WhatsApp and a call: both are offered. */
export const Offered: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getAllByRole('button').map((button) => button.textContent)).toEqual([
      'Send via WhatsApp',
      'Call me instead',
    ])
    await userEvent.click(canvas.getByRole('button', { name: 'Call me instead' }))
    await expect(args.onSelect).toHaveBeenCalledWith('voice')
  },
}

/** Before the resend's deadline (`open: false`): nothing is offered, since a switch waits for the same deadline. */
export const BeforeTheDeadline: Story = {
  args: { open: false },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('[data-part="channel-offer"]')).toBeNull()
  },
}

/** One channel only (the one in use): no other way to offer, nothing drawn. */
export const NoOtherChannel: Story = {
  args: { availableChannels: ['sms'] },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('[data-part="channel-offer"]')).toBeNull()
  },
}

/** A call on its way: every button is `aria-disabled` and stays focusable; the one pressed says it is the one. */
export const Pending: Story = {
  args: { pending: true, pendingChannel: 'voice' },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    const call = canvas.getByRole('button', { name: 'Call me instead' })
    await expect(call).toHaveAttribute('aria-disabled', 'true')
    await expect(call).toHaveAttribute('data-state', 'pending')
    await expect(canvas.getByRole('button', { name: 'Send via WhatsApp' })).toHaveAttribute('data-state', 'idle')
    await userEvent.click(call)
    await expect(args.onSelect).not.toHaveBeenCalled()
  },
}

/** Disabled from outside (the whole component is). */
export const Disabled: Story = {
  args: { disabled: true },
  play: async ({ canvasElement }) => {
    for (const button of within(canvasElement).getAllByRole('button')) await expect(button).toBeDisabled()
  },
}

/** In Arabic (the toolbar's language): its words, in the page's right-to-left order. */
export const RightToLeft: Story = {
  args: { channel: 'voice' },
  globals: { locale: 'ar' },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await expect(canvasElement.querySelector('[data-story-globals]')).toHaveAttribute('dir', 'rtl')
    await userEvent.click(canvas.getByRole('button', { name: locales.ar.sendViaSms }))
    await expect(args.onSelect).toHaveBeenCalledWith('sms')
  },
}
