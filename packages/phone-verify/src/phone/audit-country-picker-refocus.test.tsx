import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { CountryCode } from 'libphonenumber-js/core'
import { useState } from 'react'
import { beforeAll, describe, expect, it } from 'vitest'
import { CountryPicker } from './country-picker'
import { loadPhoneMetadata } from './metadata'

beforeAll(async () => {
  await loadPhoneMetadata()
})

function Harness() {
  const [value, setValue] = useState<CountryCode | undefined>('US')
  return (
    <>
      <CountryPicker value={value} onValueChange={setValue} />
      <output data-testid="value">{value}</output>
    </>
  )
}

const combobox = () => screen.getByRole('combobox', { name: 'Country' })

describe('CountryPicker, searched again while it keeps focus', () => {
  it('after Escape, a second click and typing start a new search instead of editing the label', async () => {
    const user = userEvent.setup()
    render(<Harness />)
    await user.click(combobox())
    await user.keyboard('{Escape}')
    expect(combobox()).toHaveFocus()
    await user.click(combobox())
    await user.keyboard('44')
    expect(combobox()).toHaveValue('44')
    await user.keyboard('{Enter}')
    expect(screen.getByTestId('value')).toHaveTextContent('GB')
  })

  it('after Escape, typing straight away starts a new search', async () => {
    const user = userEvent.setup()
    render(<Harness />)
    await user.click(combobox())
    await user.keyboard('{Escape}')
    await user.keyboard('ita')
    expect(combobox()).toHaveValue('ita')
  })

  it('after a country is chosen, typing again searches from scratch', async () => {
    const user = userEvent.setup()
    render(<Harness />)
    await user.click(combobox())
    await user.keyboard('fran{Enter}')
    expect(screen.getByTestId('value')).toHaveTextContent('FR')
    await user.keyboard('germany{Enter}')
    expect(screen.getByTestId('value')).toHaveTextContent('DE')
  })
})
