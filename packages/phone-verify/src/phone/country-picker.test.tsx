import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import axe from 'axe-core'
import type { CountryCode } from 'libphonenumber-js/core'
import { useState } from 'react'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { CountryPicker, type CountryPickerProps } from './country-picker'
import { resetFlagSupport } from './flag-support'
import { loadPhoneMetadata } from './metadata'

beforeAll(async () => {
  await loadPhoneMetadata()
})

function Harness(props: Partial<CountryPickerProps> & { initial?: CountryCode }) {
  const [value, setValue] = useState<CountryCode | undefined>(props.initial ?? 'US')
  return (
    <>
      <CountryPicker {...props} value={value} onValueChange={setValue} />
      <output data-testid="value">{value}</output>
    </>
  )
}

const combobox = () => screen.getByRole('combobox', { name: 'Country' })
const options = () => within(screen.getByRole('listbox', { hidden: true })).queryAllByRole('option')
const active = () => document.getElementById(combobox().getAttribute('aria-activedescendant') ?? '')

describe('CountryPicker', () => {
  it('is a combobox named Country showing the flag and dial code', () => {
    render(<Harness initial="GB" />)
    expect(combobox()).toHaveValue('🇬🇧 +44')
    expect(combobox()).toHaveAttribute('aria-expanded', 'false')
    expect(combobox()).toHaveAttribute('title', 'United Kingdom')
  })

  it.each([
    ['germany', 'DE'],
    ['+49', 'DE'],
    ['49', 'DE'],
    ['de', 'DE'],
    ['united k', 'GB'],
    ['44', 'GB'],
  ])('finds %j and chooses it with Enter', async (query, code) => {
    const user = userEvent.setup()
    render(<Harness />)
    await user.click(combobox())
    await user.keyboard(query)
    expect(options()[0]).toHaveAttribute('id', active()?.id)
    await user.keyboard('{Enter}')
    expect(screen.getByTestId('value')).toHaveTextContent(code)
    expect(combobox()).toHaveAttribute('aria-expanded', 'false')
    expect(combobox()).toHaveFocus()
  })

  describe('where the system draws no flag emoji', () => {
    /** A canvas that measures text as the system draws it: a flag as one glyph, or as two letters side by side. */
    function stubCanvas(flagGlyphs: 1 | 2) {
      class FakeCanvas {
        getContext() {
          return {
            font: '',
            measureText: (text: string) => ({ width: 40 * ([...text].length === 2 ? flagGlyphs : 1) }),
          }
        }
      }
      vi.stubGlobal('OffscreenCanvas', FakeCanvas)
      resetFlagSupport()
    }
    afterEach(() => {
      vi.unstubAllGlobals()
      resetFlagSupport()
    })

    it('shows the ISO code instead of two empty boxes', async () => {
      stubCanvas(2)
      const user = userEvent.setup()
      render(<Harness initial="GB" />)
      expect(combobox()).toHaveValue('GB +44')
      await user.click(combobox())
      const flag = document.querySelector(`#${CSS.escape(active()?.id ?? '')} [data-part="country-flag"]`)
      expect(flag).toHaveTextContent('GB')
      expect(flag).toHaveAttribute('data-state', 'code')
    })

    it('keeps the emoji where the system draws a flag as one glyph', () => {
      stubCanvas(1)
      render(<Harness initial="GB" />)
      expect(combobox()).toHaveValue('🇬🇧 +44')
    })
  })

  it('names countries in the given locale and searches those names', async () => {
    const user = userEvent.setup()
    render(<Harness locale="de" />)
    await user.click(combobox())
    await user.keyboard('konigr')
    expect(options()[0]).toHaveTextContent('Vereinigtes Königreich')
    await user.keyboard('{Enter}')
    expect(screen.getByTestId('value')).toHaveTextContent('GB')
  })

  it('moves through the list with arrows, Home and End, and closes on Escape without choosing', async () => {
    const user = userEvent.setup()
    render(<Harness allowedCountries={['FR', 'DE', 'IT', 'ES']} initial="FR" />)
    await user.click(combobox())
    expect(combobox()).toHaveAttribute('aria-expanded', 'true')
    expect(active()).toHaveTextContent('France')
    await user.keyboard('{ArrowDown}')
    expect(active()).toHaveTextContent('Germany')
    await user.keyboard('{End}')
    expect(active()).toHaveTextContent('Spain')
    await user.keyboard('{Home}')
    expect(active()).toHaveTextContent('France')
    await user.keyboard('{ArrowUp}')
    expect(active()).toHaveTextContent('France')
    await user.keyboard('{ArrowDown}{ArrowDown}{Escape}')
    expect(combobox()).toHaveAttribute('aria-expanded', 'false')
    expect(screen.getByTestId('value')).toHaveTextContent('FR')
    await user.keyboard('{ArrowDown}')
    expect(combobox()).toHaveAttribute('aria-expanded', 'true')
    await user.keyboard('{ArrowDown}{ArrowDown}{Enter}')
    expect(screen.getByTestId('value')).toHaveTextContent('IT')
  })

  it('offers only the given countries, preferred ones first', async () => {
    const user = userEvent.setup()
    render(<Harness allowedCountries={['FR', 'DE', 'BE']} preferredCountries={['BE']} />)
    await user.click(combobox())
    expect(options().map((option) => option.textContent)).toEqual(['🇧🇪Belgium+32', '🇫🇷France+33', '🇩🇪Germany+49'])
  })

  it('takes its strings from messages, and still from the deprecated countries and labels', async () => {
    const user = userEvent.setup()
    const { unmount } = render(<Harness allowedCountries={['FR']} messages={{ country: 'Pays', noCountryFound: 'Aucun pays' }} />)
    await user.type(screen.getByRole('combobox', { name: 'Pays' }), 'zzz')
    expect(screen.getByText('Aucun pays')).toBeInTheDocument()
    unmount()
    render(<Harness countries={['FR', 'DE']} labels={{ country: 'Land' }} />)
    await user.click(screen.getByRole('combobox', { name: 'Land' }))
    expect(options().map((option) => option.textContent)).toEqual(['🇫🇷France+33', '🇩🇪Germany+49'])
  })

  it('puts preferred countries first without repeating them', async () => {
    const user = userEvent.setup()
    render(<Harness preferredCountries={['GB', 'US']} />)
    await user.click(combobox())
    const codes = options().map((option) => option.id.split('-').pop())
    expect(codes.slice(0, 2)).toEqual(['GB', 'US'])
    expect(codes.filter((code) => code === 'GB')).toHaveLength(1)
  })

  it('chooses with the pointer', async () => {
    const user = userEvent.setup()
    render(<Harness />)
    await user.click(combobox())
    await user.keyboard('japan')
    await user.click(screen.getByRole('option', { name: /Japan/ }))
    expect(screen.getByTestId('value')).toHaveTextContent('JP')
  })

  it('says when nothing matches', async () => {
    const user = userEvent.setup()
    render(<Harness />)
    await user.click(combobox())
    await user.keyboard('zzzz')
    expect(screen.getByRole('option')).toHaveTextContent('No country found')
  })

  it('has no axe violations, closed and open', async () => {
    const user = userEvent.setup()
    const { container } = render(<Harness />)
    expect((await axe.run(container)).violations).toEqual([])
    await user.click(combobox())
    expect((await axe.run(container)).violations).toEqual([])
  })
})
