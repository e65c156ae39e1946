import { render } from '@testing-library/react'
import type { CountryCode } from 'libphonenumber-js/core'
import { useState } from 'react'
import { beforeAll, describe, expect, it } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import { CountryPicker } from './country-picker'
import { loadPhoneMetadata } from './metadata'
import '../styles.css'

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

const combobox = () => page.getByRole('combobox', { name: 'Country' })
const chosen = () => page.getByTestId('value')
const text = () => (combobox().element() as HTMLInputElement).value

// Real mouse and keyboard: Chromium moves the caret and the selection on its own (on mouseup, after the click), which
// jsdom does not model, so these only mean something here.
describe('CountryPicker in Chromium, searched again while it keeps focus', () => {
  it('searches from scratch when opened again by the mouse after Escape', async () => {
    render(<Harness />)
    await userEvent.click(combobox())
    await userEvent.keyboard('{Escape}')
    await expect.element(combobox()).toHaveFocus()
    await userEvent.click(combobox())
    await userEvent.keyboard('fran')
    await expect.poll(text).toBe('fran')
    await expect.element(page.getByRole('option', { name: /France/ })).toBeVisible()
    await userEvent.keyboard('{Enter}')
    await expect.element(chosen()).toHaveTextContent('FR')
  })

  it('searches from scratch when typing straight after Escape', async () => {
    render(<Harness />)
    await userEvent.click(combobox())
    await userEvent.keyboard('{Escape}')
    await userEvent.keyboard('ita')
    await expect.poll(text).toBe('ita')
  })

  it('searches from scratch after a country is chosen, by keyboard or by mouse', async () => {
    render(<Harness />)
    await userEvent.click(combobox())
    await userEvent.keyboard('fran{Enter}')
    await expect.element(chosen()).toHaveTextContent('FR')
    await userEvent.keyboard('germany{Enter}')
    await expect.element(chosen()).toHaveTextContent('DE')
    await userEvent.click(combobox())
    await userEvent.keyboard('japan')
    await userEvent.click(page.getByRole('option', { name: /Japan/ }))
    await expect.element(chosen()).toHaveTextContent('JP')
    await userEvent.click(combobox())
    await userEvent.keyboard('44')
    await expect.poll(text).toBe('44')
  })

  it('searches from scratch after the list was closed by a click on the field', async () => {
    render(<Harness />)
    await userEvent.click(combobox())
    await userEvent.click(combobox())
    await expect.element(combobox()).toHaveAttribute('aria-expanded', 'false')
    await userEvent.keyboard('spa')
    await expect.poll(text).toBe('spa')
  })

  it('keeps a typed search and its list when the field is clicked inside it', async () => {
    render(<Harness />)
    await userEvent.click(combobox())
    await userEvent.keyboard('fran')
    await userEvent.click(combobox())
    await expect.element(combobox()).toHaveAttribute('aria-expanded', 'true')
    await expect.poll(text).toMatch(/^fran/)
    await expect.element(page.getByRole('option', { name: /France/ })).toBeVisible()
  })
})
