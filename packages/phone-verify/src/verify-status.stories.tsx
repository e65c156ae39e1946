import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, within } from 'storybook/test'
import { locales } from './locales'
import { VerifyStatus } from './verify-status'

import './styles.css'

const meta = {
  title: 'Parts/VerifyStatus',
  component: VerifyStatus,
  parameters: {
    docs: {
      description: {
        component: [
          'The flow\'s live regions: a `role="status"` for progress ("Code sent to …", "Phone number verified"),',
          'announced politely, and a `role="alert"` for errors, announced at once, with the ways out of the error',
          '(`actions`) after it. Both regions stay in the page while empty, because a screen reader reads only the text',
          'put into a region it already knows.',
          '',
          'With the stylesheet the progress text is for screen readers only: `<PhoneVerify>` also shows it where it',
          'happens (the sent-to line, the verified step). The error is shown. Hooks for styling: `data-part="status"`',
          '(`data-state` `empty` | `message` | `error`), `status-message`, `status-error` (`data-state` `empty` | `filled`)',
          'and `status-actions`.',
        ].join('\n'),
      },
    },
  },
  argTypes: {
    message: { control: 'text' },
    error: { control: 'text' },
    errorId: { control: 'text' },
    actions: { control: false },
  },
  decorators: [
    (Story) => (
      <div style={{ maxWidth: '26rem' }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof VerifyStatus>

// Storybook reads the stories' metadata from the default export.
export default meta
type Story = StoryObj<typeof meta>

/** Nothing to say yet: both regions are in the page, empty, ready to announce. */
export const Empty: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('status')).toBeEmptyDOMElement()
    await expect(canvas.getByRole('alert')).toBeEmptyDOMElement()
    await expect(canvasElement.querySelector('[data-part="status"]')).toHaveAttribute('data-state', 'empty')
  },
}

/** Progress: read out politely; on screen it is where it happens, so the stylesheet hides the region's copy. */
export const Message: Story = {
  args: { message: 'Code sent to +44 7700 900123' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('status')).toHaveTextContent('Code sent to +44 7700 900123')
    await expect(canvas.getByRole('alert')).toBeEmptyDOMElement()
    await expect(canvasElement.querySelector('[data-part="status"]')).toHaveAttribute('data-state', 'message')
  },
}

/** The error state: shown and read out at once; `errorId` lets the field it concerns point to it. */
export const ErrorMessage: Story = {
  args: { error: locales.en.errors.wrongCode, errorId: 'code-error' },
  play: async ({ canvasElement }) => {
    const alert = within(canvasElement).getByRole('alert')
    await expect(alert).toHaveTextContent('That code is not right')
    await expect(alert).toHaveAttribute('id', 'code-error')
    await expect(alert).toBeVisible()
    await expect(canvasElement.querySelector('[data-part="status"]')).toHaveAttribute('data-state', 'error')
  },
}

const sendNewCode = fn()
/** An error with its way out: the button comes after the message. */
export const ErrorWithAction: Story = {
  args: {
    error: locales.en.errors.expired,
    actions: (
      <button type="button" data-part="action-button" onClick={sendNewCode}>
        {locales.en.sendNewCode}
      </button>
    ),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('alert')).toHaveTextContent(locales.en.errors.expired)
    await userEvent.click(canvas.getByRole('button', { name: locales.en.sendNewCode }))
    await expect(sendNewCode).toHaveBeenCalledTimes(1)
  },
}

/** In Hebrew (the toolbar's language): the regions follow the page's direction. */
export const RightToLeft: Story = {
  args: { error: locales.he.errors.expired },
  globals: { locale: 'he' },
  play: async ({ canvasElement }) => {
    const alert = within(canvasElement).getByRole('alert')
    await expect(alert).toHaveTextContent(locales.he.errors.expired)
    await expect(getComputedStyle(alert).direction).toBe('rtl')
  },
}
