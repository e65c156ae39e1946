import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, within } from 'storybook/test'
import { CodeField } from './code-field'

import '../styles.css'

const slotsOf = (canvasElement: HTMLElement) => [...canvasElement.querySelectorAll<HTMLElement>('[data-part="code-slot"]')]
const slotText = (canvasElement: HTMLElement) => slotsOf(canvasElement).map((slot) => slot.textContent ?? '')

const meta = {
  title: 'Parts/CodeField',
  component: CodeField,
  parameters: {
    docs: {
      description: {
        component: [
          'The one-time-code field of `<PhoneVerify>`, exported for a layout of your own: one real',
          '`<input autocomplete="one-time-code" inputmode="numeric">` (autofill from the SMS, paste, screen readers and the',
          "platform's keys all reach it) with slots drawn over it. Pasted or autofilled text is cleaned to its digits,",
          'Arabic-Indic and other digits become ASCII, `onComplete` fires once per complete code, and the row reads left to',
          'right in a right-to-left page. Give it a name (`aria-label`, or a `<label htmlFor>`).',
          '',
          'Hooks for styling: `data-part="code-field"` (`data-state` `complete` | `incomplete`, `data-invalid`,',
          '`data-disabled`, `data-focus`), `code-input`, `code-slots`, and each `code-slot` (`data-state` `empty` | `filled`,',
          '`data-active` under the caret).',
        ].join('\n'),
      },
    },
  },
  args: {
    'aria-label': 'Verification code',
    onValueChange: fn(),
    onComplete: fn(),
  },
  argTypes: {
    codeLength: { control: { type: 'number', min: 4, max: 10 } },
    invalid: { control: 'boolean' },
    disabled: { control: 'boolean' },
    webOtp: { control: 'boolean' },
    defaultValue: { control: 'text' },
    // A controlled value needs an onValueChange that stores it; the stories use the field uncontrolled.
    value: { control: false },
    length: { table: { disable: true } },
  },
  decorators: [
    (Story) => (
      <div style={{ maxWidth: '26rem' }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof CodeField>

// Storybook reads the stories' metadata from the default export.
export default meta
type Story = StoryObj<typeof meta>

/** Nothing typed: six empty slots, the field incomplete. */
export const Empty: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const input = canvas.getByLabelText('Verification code')
    await expect(input).toHaveValue('')
    await expect(input).toHaveAttribute('autocomplete', 'one-time-code')
    await expect(input).toHaveAttribute('inputmode', 'numeric')
    await expect(slotText(canvasElement)).toEqual(['', '', '', '', '', ''])
    await expect(canvasElement.querySelector('[data-part="code-field"]')).toHaveAttribute('data-state', 'incomplete')
  },
}

/** A whole code given as `defaultValue`: every slot filled, the field complete. */
export const Filled: Story = {
  args: { defaultValue: '482913' },
  play: async ({ canvasElement }) => {
    await expect(slotText(canvasElement)).toEqual(['4', '8', '2', '9', '1', '3'])
    await expect(canvasElement.querySelector('[data-part="code-field"]')).toHaveAttribute('data-state', 'complete')
  },
}

/** The error state, a code the server refused: `invalid` marks the input (`aria-invalid`) and every slot (`data-invalid`). */
export const Invalid: Story = {
  args: { defaultValue: '482913', invalid: true },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByLabelText('Verification code')).toHaveAttribute('aria-invalid', 'true')
    for (const slot of slotsOf(canvasElement)) await expect(slot).toHaveAttribute('data-invalid')
  },
}

/** Disabled (while a code is being checked, or with no checks left): nothing can be typed. */
export const Disabled: Story = {
  args: { disabled: true },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    const input = canvas.getByLabelText('Verification code')
    await expect(input).toBeDisabled()
    await userEvent.type(input, '123')
    await expect(input).toHaveValue('')
    await expect(args.onValueChange).not.toHaveBeenCalled()
  },
}

/**
 * Typing: each digit fills the next slot, anything else is dropped, and `onComplete` fires once with the whole
 * code; a seventh digit changes nothing.
 */
export const Typing: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    const input = canvas.getByLabelText('Verification code')
    await userEvent.type(input, '48a2 913')
    await expect(input).toHaveValue('482913')
    await expect(slotText(canvasElement)).toEqual(['4', '8', '2', '9', '1', '3'])
    await expect(args.onValueChange).toHaveBeenLastCalledWith('482913')
    await expect(args.onComplete).toHaveBeenCalledTimes(1)
    await expect(args.onComplete).toHaveBeenCalledWith('482913')
    await userEvent.type(input, '7')
    await expect(input).toHaveValue('482913')
    await expect(args.onComplete).toHaveBeenCalledTimes(1)
  },
}

/** Pasting the whole message: only its digits stay, and the code completes at once. */
export const Paste: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    const input = canvas.getByLabelText('Verification code')
    await userEvent.click(input)
    await userEvent.paste('Your code: 482-913')
    await expect(input).toHaveValue('482913')
    await expect(args.onComplete).toHaveBeenCalledTimes(1)
    await expect(args.onComplete).toHaveBeenCalledWith('482913')
  },
}

/** Four digits (`codeLength`), as some providers send: four slots, complete at the fourth digit. */
export const FourDigits: Story = {
  args: { codeLength: 4 },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await expect(slotsOf(canvasElement)).toHaveLength(4)
    await userEvent.type(canvas.getByLabelText('Verification code'), '4829')
    await expect(args.onComplete).toHaveBeenCalledWith('4829')
  },
}

/**
 * In Arabic (the toolbar's language): the page reads right to left, the code still left to right, and digits typed
 * on an Arabic keyboard (٤٨٢٩١٣) become the ASCII code the server checks.
 */
export const RightToLeft: Story = {
  args: { 'aria-label': 'رمز التحقق' },
  globals: { locale: 'ar' },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await expect(canvasElement.querySelector('[data-story-globals]')).toHaveAttribute('dir', 'rtl')
    const input = canvas.getByLabelText('رمز التحقق')
    await expect(getComputedStyle(input).direction).toBe('ltr')
    await userEvent.type(input, '٤٨٢٩١٣')
    await expect(input).toHaveValue('482913')
    await expect(args.onComplete).toHaveBeenCalledWith('482913')
    // The first digit sits in the leftmost slot.
    const [first, last] = [slotsOf(canvasElement)[0], slotsOf(canvasElement)[5]]
    if (!first || !last) throw new Error('no slots')
    await expect(first.getBoundingClientRect().left).toBeLessThan(last.getBoundingClientRect().left)
  },
}
