import { fireEvent, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadPhoneMetadata } from './metadata'
import { PhoneFieldHarness } from './phone-field.harness'

beforeAll(async () => {
  await loadPhoneMetadata()
})

const field = () => screen.getByLabelText<HTMLInputElement>('Phone number')

describe('PhoneField', () => {
  it('is a tel field with phone autofill', () => {
    render(<PhoneFieldHarness initialCountry="US" />)
    expect(field()).toHaveAttribute('type', 'tel')
    expect(field()).toHaveAttribute('autocomplete', 'tel')
    expect(field()).toHaveAttribute('inputmode', 'tel')
  })

  it('formats as you type and keeps the caret at the end', async () => {
    const user = userEvent.setup()
    render(<PhoneFieldHarness initialCountry="US" />)
    await user.type(field(), '4155552671')
    expect(field()).toHaveValue('(415) 555-2671')
    expect(field().selectionStart).toBe('(415) 555-2671'.length)
    expect(screen.getByTestId('e164')).toHaveTextContent('+14155552671')
  })

  it.each([
    ['Arabic-Indic', '٠٧٧٠٠٩٠٠١٢٣'],
    ['Persian', '۰۷۷۰۰۹۰۰۱۲۳'],
  ])('takes %s digits typed one by one in order, with the caret after each', async (_script, typed) => {
    const user = userEvent.setup()
    render(<PhoneFieldHarness initialCountry="GB" />)
    await user.type(field(), typed)
    expect(field()).toHaveValue('07700 900123')
    expect(field().selectionStart).toBe('07700 900123'.length)
    expect(screen.getByTestId('country')).toHaveTextContent('GB')
    expect(screen.getByTestId('e164')).toHaveTextContent('+447700900123')
  })

  it('takes no digit past the 15 of an E.164 number when typed', async () => {
    const user = userEvent.setup()
    render(<PhoneFieldHarness initialCountry="GB" />)
    await user.type(field(), '+44 7700 900123 4567 8901 2345 6789')
    expect(field().value.replace(/\D/g, '')).toBe('447700900123456')
    // Typed in the middle of a full number, a digit is refused and the caret stays put.
    field().setSelectionRange(4, 4)
    await user.keyboard('9')
    expect(field().value.replace(/\D/g, '')).toBe('447700900123456')
    expect(field().selectionStart).toBe(4)
  })

  it('keeps the first 15 digits of a pasted number that has more', async () => {
    const user = userEvent.setup()
    render(<PhoneFieldHarness initialCountry="US" />)
    await user.click(field())
    await user.paste('4155552671 4155552671 4155552671')
    expect(field().value.replace(/\D/g, '')).toBe('415555267141555')
  })

  it('keeps the caret after the digit typed in the middle of the number', async () => {
    const user = userEvent.setup()
    render(<PhoneFieldHarness initialCountry="US" />)
    await user.type(field(), '415552671')
    expect(field()).toHaveValue('(415) 552-671')
    // caret after "(415) 55", insert the missing 5
    await user.type(field(), '5', { initialSelectionStart: 8, initialSelectionEnd: 8 })
    expect(field()).toHaveValue('(415) 555-2671')
    expect(field().selectionStart).toBe(9)
  })

  it('deletes the digit before a separator on Backspace instead of getting stuck', async () => {
    const user = userEvent.setup()
    render(<PhoneFieldHarness initialCountry="US" />)
    await user.type(field(), '4155552671')
    // caret right after "(415) 555-", behind the dash
    field().setSelectionRange(10, 10)
    await user.keyboard('{Backspace}')
    expect(field()).toHaveValue('(415) 552-671')
    expect(field().selectionStart).toBe(8)
  })

  it('deletes a digit in the middle and keeps the caret there', async () => {
    const user = userEvent.setup()
    render(<PhoneFieldHarness initialCountry="US" />)
    await user.type(field(), '4155552671')
    field().setSelectionRange(3, 3)
    await user.keyboard('{Backspace}')
    expect(field()).toHaveValue('(455) 552-671')
    expect(field().selectionStart).toBe(2)
  })

  it('deletes the digit after a separator on Delete', async () => {
    const user = userEvent.setup()
    render(<PhoneFieldHarness initialCountry="US" />)
    await user.type(field(), '4155552671')
    field().setSelectionRange(9, 9)
    await user.keyboard('{Delete}')
    expect(field()).toHaveValue('(415) 555-671')
    expect(field().selectionStart).toBe(9)
  })

  it.each([
    ['+44 7700 900123', 'US'],
    ['0044 7700 900123', 'US'],
    ['07700 900123', 'GB'],
    ['+44 (0)7700 900123', 'DE'],
  ] as const)('reads a pasted %j (with %s chosen) as a United Kingdom number', async (pasted, chosen) => {
    const user = userEvent.setup()
    render(<PhoneFieldHarness initialCountry={chosen} />)
    await user.click(field())
    await user.paste(pasted)
    expect(field()).toHaveValue('07700 900123')
    expect(screen.getByTestId('country')).toHaveTextContent('GB')
    expect(screen.getByTestId('e164')).toHaveTextContent('+447700900123')
  })

  it('reads a pasted (415) 555-2671 with United States chosen', async () => {
    const user = userEvent.setup()
    render(<PhoneFieldHarness initialCountry="US" />)
    await user.click(field())
    await user.paste('(415) 555-2671')
    expect(field()).toHaveValue('(415) 555-2671')
    expect(screen.getByTestId('e164')).toHaveTextContent('+14155552671')
  })

  it('normalizes an autofilled number that arrives without an input type', () => {
    render(<PhoneFieldHarness initialCountry="FR" />)
    fireEvent.change(field(), { target: { value: '+1 (415) 555-2671' } })
    expect(screen.getByTestId('country')).toHaveTextContent('US')
    expect(field()).toHaveValue('(415) 555-2671')
    expect(screen.getByTestId('e164')).toHaveTextContent('+14155552671')
  })

  it('does not double the dial code when the autofilled number repeats it', () => {
    render(<PhoneFieldHarness initialCountry="GB" />)
    fireEvent.change(field(), { target: { value: '447700900123' } })
    expect(field()).toHaveValue('07700 900123')
    expect(screen.getByTestId('e164')).toHaveTextContent('+447700900123')
  })

  it('follows the country of a typed international number', async () => {
    const user = userEvent.setup()
    render(<PhoneFieldHarness initialCountry="US" />)
    await user.type(field(), '+447700900123')
    expect(field()).toHaveValue('+44 7700 900123')
    expect(screen.getByTestId('country')).toHaveTextContent('GB')
    expect(screen.getByTestId('e164')).toHaveTextContent('+447700900123')
  })

  it('normalizes a default value in international form', async () => {
    render(<PhoneFieldHarness initialCountry="US" defaultValue="+447700900123" />)
    expect(await screen.findByDisplayValue('07700 900123')).toBe(field())
    expect(screen.getByTestId('country')).toHaveTextContent('GB')
  })

  it('reformats the number for a newly chosen country', async () => {
    const user = userEvent.setup()
    render(<PhoneFieldHarness initialCountry="US" />)
    await user.type(field(), '0612345678')
    await user.click(screen.getByRole('button', { name: 'France' }))
    expect(field()).toHaveValue('06 12 34 56 78')
    expect(screen.getByTestId('e164')).toHaveTextContent('+33612345678')
  })

  it('accepts Arabic-Indic digits', async () => {
    const user = userEvent.setup()
    render(<PhoneFieldHarness initialCountry="GB" />)
    await user.click(field())
    await user.paste('٠٧٧٠٠ ٩٠٠١٢٣')
    expect(field()).toHaveValue('07700 900123')
  })
})
