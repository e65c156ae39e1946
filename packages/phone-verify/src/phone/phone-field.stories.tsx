import type { Meta, StoryObj } from '@storybook/react-vite'
import { useEffect, useState } from 'react'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { PhoneField, type PhoneFieldProps } from './phone-field'
import type { CountryCode } from './phone-text'

import '../styles.css'

/**
 * The field as a parent uses it: the country lives in the parent's state (a country picker beside it would set it
 * too), and follows the international numbers the field recognises. The story's `country` control sets it as well.
 */
function PhoneFieldInAForm({ country: initialCountry, onCountryChange, ...props }: PhoneFieldProps) {
  const [country, setCountry] = useState<CountryCode | undefined>(initialCountry)
  useEffect(() => setCountry(initialCountry), [initialCountry])
  return (
    <PhoneField
      {...props}
      country={country}
      onCountryChange={(next) => {
        setCountry(next)
        onCountryChange?.(next)
      }}
    />
  )
}

const meta = {
  title: 'Parts/PhoneField',
  component: PhoneField,
  render: (args) => <PhoneFieldInAForm {...args} />,
  parameters: {
    docs: {
      description: {
        component: [
          'The phone number input of `<PhoneVerify>`: a `type="tel"` input with phone autofill that formats the number',
          'for `country` as it is typed without moving the caret, reads pasted and autofilled numbers in any form',
          '(`+44 7700 900123`, `07700 900123`, `447700900123`, Arabic-Indic digits), and calls `onCountryChange` when an',
          'international number belongs to another country. `onValueChange` gets the shown text, the country and the',
          'E.164 number once it has a possible length. It reads left to right in any page direction.',
          '',
          'The formatting rules (libphonenumber-js metadata) load after the first render: text typed before they arrive is',
          'formatted when they do. Hooks for styling: `data-part="phone-input"`, `data-state` `empty` | `filled`.',
        ].join('\n'),
      },
    },
  },
  args: {
    'aria-label': 'Phone number',
    country: 'GB',
    onValueChange: fn(),
    onCountryChange: fn(),
  },
  argTypes: {
    country: { control: 'select', options: ['GB', 'US', 'FR', 'DE', 'IN', 'BR', 'EG', 'IL'] },
    defaultValue: { control: 'text' },
    disabled: { control: 'boolean' },
    'aria-invalid': { control: 'boolean' },
    // A controlled value needs an onValueChange that stores it; the stories use the field uncontrolled.
    value: { control: false },
  },
  decorators: [
    (Story) => (
      <div style={{ maxWidth: '26rem', display: 'grid' }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof PhoneField>

// Storybook reads the stories' metadata from the default export.
export default meta
type Story = StoryObj<typeof meta>

/** Nothing typed yet. */
export const Empty: Story = {
  play: async ({ canvasElement }) => {
    const input = within(canvasElement).getByLabelText('Phone number')
    await expect(input).toHaveValue('')
    await expect(input).toHaveAttribute('type', 'tel')
    await expect(input).toHaveAttribute('autocomplete', 'tel')
    await expect(input).toHaveAttribute('data-state', 'empty')
  },
}

/** A number given in international form (`defaultValue`), shown as people in the chosen country write it. */
export const Filled: Story = {
  args: { defaultValue: '+44 7700 900123' },
  play: async ({ canvasElement }) => {
    const input = within(canvasElement).getByLabelText('Phone number')
    await waitFor(() => expect(input).toHaveValue('07700 900123'))
    await expect(input).toHaveAttribute('data-state', 'filled')
  },
}

/**
 * The error state: `aria-invalid` (as `<PhoneVerify>` sets it with "Enter a valid phone number.") draws the
 * stylesheet's danger border.
 */
export const Invalid: Story = {
  args: { defaultValue: '12', 'aria-invalid': true },
  play: async ({ canvasElement }) => {
    const input = within(canvasElement).getByLabelText('Phone number')
    await expect(input).toHaveAttribute('aria-invalid', 'true')
    await expect(getComputedStyle(input).borderTopWidth).toBe('2px')
  },
}

/** Disabled (while the code is being sent): nothing can be typed. */
export const Disabled: Story = {
  args: { defaultValue: '07700 900123', disabled: true },
  play: async ({ canvasElement }) => {
    const input = within(canvasElement).getByLabelText('Phone number')
    await expect(input).toBeDisabled()
    await userEvent.type(input, '4')
    await expect(input).toHaveValue('07700 900123')
  },
}

/** Typing a national number: spaced as it is typed, and read as E.164 once it has a possible length. */
export const Typing: Story = {
  play: async ({ canvasElement, args }) => {
    const input = within(canvasElement).getByLabelText('Phone number')
    await userEvent.type(input, '07700900123')
    await waitFor(() => expect(input).toHaveValue('07700 900123'))
    await expect(args.onValueChange).toHaveBeenLastCalledWith({ value: '07700 900123', country: 'GB', e164: '+447700900123' })
  },
}

/** Pasting a French number with its dial code while the United Kingdom is chosen: the country follows the number. */
export const PasteInternational: Story = {
  play: async ({ canvasElement, args }) => {
    const input = within(canvasElement).getByLabelText('Phone number')
    // The formatting rules arrive after the first render; a paste before them is read when they do.
    await userEvent.click(input)
    await userEvent.paste('+33 6 12 34 56 78')
    await waitFor(() => expect(args.onCountryChange).toHaveBeenCalledWith('FR'))
    await waitFor(() => expect(args.onValueChange).toHaveBeenLastCalledWith(expect.objectContaining({ e164: '+33612345678' })))
  },
}

/** In Hebrew (the toolbar's language): the page reads right to left, the number still left to right. */
export const RightToLeft: Story = {
  args: { 'aria-label': 'מספר טלפון', country: 'IL' },
  globals: { locale: 'he' },
  play: async ({ canvasElement, args }) => {
    await expect(canvasElement.querySelector('[data-story-globals]')).toHaveAttribute('dir', 'rtl')
    const input = within(canvasElement).getByLabelText('מספר טלפון')
    await expect(input).toHaveAttribute('dir', 'ltr')
    await userEvent.type(input, '0501234567')
    await waitFor(() => expect(args.onValueChange).toHaveBeenLastCalledWith(expect.objectContaining({ e164: '+972501234567' })))
  },
}
