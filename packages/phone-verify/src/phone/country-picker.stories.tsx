import type { Meta, StoryObj } from '@storybook/react-vite'
import { useEffect, useState } from 'react'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { locales } from '../locales'
import { CountryPicker, type CountryPickerProps } from './country-picker'
import type { CountryCode } from './phone-text'

import '../styles.css'

/** The picker as a parent uses it: the chosen country in the parent's state; the `value` control sets it too. */
function CountryPickerInAForm({ value: initialValue, onValueChange, ...props }: CountryPickerProps) {
  const [value, setValue] = useState<CountryCode | undefined>(initialValue)
  useEffect(() => setValue(initialValue), [initialValue])
  return (
    <CountryPicker
      {...props}
      value={value}
      onValueChange={(country) => {
        setValue(country)
        onValueChange(country)
      }}
    />
  )
}

const countries: CountryCode[] = ['GB', 'US', 'FR', 'DE', 'ES', 'PT', 'BR', 'IN', 'EG', 'SA', 'IL']

const meta = {
  title: 'Parts/CountryPicker',
  component: CountryPicker,
  render: (args) => <CountryPickerInAForm {...args} />,
  parameters: {
    docs: {
      description: {
        component: [
          'The country picker of `<PhoneVerify>`: an editable combobox (ARIA 1.2) with a listbox popup. Type a name, a',
          'dial code (`44`, `+44`) or an ISO code (`gb`) to filter; arrows, Home, End, Page Up and Down move; Enter chooses;',
          'Escape closes. Country names come from `Intl.DisplayNames` in `locale` and flags are emoji (or the ISO code where',
          'the system draws no flags): nothing is fetched. Controlled: `value` and `onValueChange`.',
          '',
          'Hooks for styling: `data-part="country-picker"` and `country-trigger` (`data-state` `open` | `closed`),',
          '`country-list`, each `country-option` (`data-state` `checked` | `unchecked`, `data-highlighted`,',
          '`data-last-preferred`), `country-flag`, `country-name`, `country-dial-code`, and `country-empty`.',
        ].join('\n'),
      },
    },
  },
  args: {
    value: 'GB',
    onValueChange: fn(),
  },
  argTypes: {
    value: { control: 'select', options: [undefined, ...countries] },
    allowedCountries: { control: 'check', options: countries },
    preferredCountries: { control: 'check', options: countries },
    // A shipped language's strings; the toolbar's language sets them (and `locale`) when neither is set here.
    messages: { control: 'select', options: Object.keys(locales), mapping: locales },
    locale: { control: 'text' },
    disabled: { control: 'boolean' },
    countries: { table: { disable: true } },
    labels: { table: { disable: true } },
  },
  decorators: [
    (Story) => (
      // Room below for the open list, inside the story's frame.
      <div style={{ maxWidth: '26rem', minHeight: '20rem' }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof CountryPicker>

// Storybook reads the stories' metadata from the default export.
export default meta
type Story = StoryObj<typeof meta>

/** No country chosen yet: the field is empty and names itself "Country". */
export const Empty: Story = {
  args: { value: undefined },
  play: async ({ canvasElement }) => {
    const combobox = within(canvasElement).getByRole('combobox', { name: 'Country' })
    await expect(combobox).toHaveValue('')
    await expect(combobox).toHaveAttribute('aria-expanded', 'false')
  },
}

/** A country chosen: its flag and dial code (the country's name is the field's title). */
export const Filled: Story = {
  play: async ({ canvasElement }) => {
    const combobox = within(canvasElement).getByRole('combobox', { name: 'Country' })
    await waitFor(() => expect((combobox as HTMLInputElement).value).toMatch(/\+44$/))
    await expect(combobox).toHaveAttribute('title', 'United Kingdom')
  },
}

/** Opened: the list starts at the chosen country, which is checked. */
export const Open: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.click(canvas.getByRole('combobox', { name: 'Country' }))
    const list = canvas.getByRole('listbox', { name: 'Country' })
    await expect(list).toBeVisible()
    const checked = within(list).getByRole('option', { selected: true })
    await expect(checked).toHaveTextContent('United Kingdom')
    await expect(checked).toHaveAttribute('data-highlighted')
  },
}

/** Choosing by keyboard: a few letters of the name, then Enter; the list closes on the chosen country. */
export const ChooseByTyping: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    const combobox = canvas.getByRole('combobox', { name: 'Country' })
    await userEvent.click(combobox)
    await userEvent.keyboard('fran')
    await expect(canvas.getByRole('option', { name: /France/ })).toHaveAttribute('data-highlighted')
    await userEvent.keyboard('{Enter}')
    await expect(args.onValueChange).toHaveBeenCalledWith('FR')
    await expect(combobox).toHaveAttribute('aria-expanded', 'false')
    await expect((combobox as HTMLInputElement).value).toMatch(/\+33$/)
    await expect(combobox).toHaveFocus()
  },
}

/** Choosing by dial code and pointer: `+49`, then a click on Germany. */
export const ChooseByDialCode: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await userEvent.click(canvas.getByRole('combobox', { name: 'Country' }))
    await userEvent.keyboard('+49')
    await userEvent.click(canvas.getByRole('option', { name: /Germany/ }))
    await expect(args.onValueChange).toHaveBeenCalledWith('DE')
  },
}

/** A search that matches nothing says so, in the list. */
export const NoCountryFound: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.click(canvas.getByRole('combobox', { name: 'Country' }))
    await userEvent.keyboard('zzz')
    await expect(canvas.getByRole('option', { name: 'No country found' })).toHaveAttribute('aria-disabled', 'true')
  },
}

/** Only the countries the endpoint accepts (`allowedCountries`), in its order, the preferred ones first and set apart. */
export const AllowedAndPreferred: Story = {
  args: { allowedCountries: ['GB', 'FR', 'DE', 'ES'], preferredCountries: ['ES'] },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.click(canvas.getByRole('combobox', { name: 'Country' }))
    const names = canvas.getAllByRole('option').map((option) => option.querySelector('[data-part="country-name"]')?.textContent)
    await expect(names).toEqual(['Spain', 'United Kingdom', 'France', 'Germany'])
    await expect(canvas.getByRole('option', { name: /Spain/ })).toHaveAttribute('data-last-preferred')
  },
}

/** Disabled: it cannot be opened. */
export const Disabled: Story = {
  args: { disabled: true },
  play: async ({ canvasElement }) => {
    const combobox = within(canvasElement).getByRole('combobox', { name: 'Country' })
    await expect(combobox).toBeDisabled()
    await expect(canvasElement.querySelector('[data-part="country-picker"]')).toHaveAttribute('data-disabled')
  },
}

/**
 * In Arabic (the toolbar's language, which gives the picker its words and `locale`): the page reads right to left,
 * the names are Arabic and an Arabic search finds them.
 */
export const RightToLeft: Story = {
  globals: { locale: 'ar' },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await expect(canvasElement.querySelector('[data-story-globals]')).toHaveAttribute('dir', 'rtl')
    const combobox = canvas.getByRole('combobox', { name: 'البلد' })
    await userEvent.click(combobox)
    await userEvent.keyboard('فرنسا')
    await userEvent.keyboard('{Enter}')
    await expect(args.onValueChange).toHaveBeenCalledWith('FR')
  },
}
