import { act, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { getPhoneKit, loadPhoneMetadata } from './metadata'
import { PhoneFieldHarness } from './phone-field.harness'

// Digits typed before the phone kit has loaded are formatted in place when it lands. A file of its own: the kit loads
// after the first render, and here (its own module instance) it has not loaded when typing starts, as on a fresh page;
// phone-field.test.tsx loads it first.

const field = () => screen.getByLabelText<HTMLInputElement>('Phone number')

describe('PhoneField when the phone kit arrives while the user types', () => {
  it('keeps an international number international, follows its country and keeps typing in place', async () => {
    expect(getPhoneKit()).toBeUndefined()
    const user = userEvent.setup()
    render(<PhoneFieldHarness initialCountry="US" />)
    await user.type(field(), '+44 7700')
    // Without the kit, the field keeps what was typed, without the separators it cannot place yet.
    expect(field()).toHaveValue('+447700')

    await act(async () => {
      await loadPhoneMetadata()
    })
    expect(field()).toHaveValue('+44 7700')
    expect(screen.getByTestId('country')).toHaveTextContent('GB')
    expect(field().selectionStart).toBe('+44 7700'.length)

    await user.type(field(), '900123')
    expect(field()).toHaveValue('+44 7700 900123')
    expect(screen.getByTestId('e164')).toHaveTextContent('+447700900123')
  })

  it('still reads a value handed in before any typing like a paste: national, with its country picked', async () => {
    render(<PhoneFieldHarness initialCountry="US" defaultValue="+44 7700 900123" />)
    await act(async () => {
      await loadPhoneMetadata()
    })
    expect(field()).toHaveValue('07700 900123')
    expect(screen.getByTestId('country')).toHaveTextContent('GB')
  })
})
