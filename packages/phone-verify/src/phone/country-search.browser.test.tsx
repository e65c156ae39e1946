import { render } from '@testing-library/react'
import type { CountryCode } from 'libphonenumber-js/core'
import { useState } from 'react'
import { beforeAll, describe, expect, it } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import { ar } from '../locales/ar'
import { en } from '../locales/en'
import { fr } from '../locales/fr'
import { he } from '../locales/he'
import type { Messages } from '../messages'
import { CountryPicker } from './country-picker'
import { loadPhoneMetadata } from './metadata'
import '../styles.css'

beforeAll(async () => {
  await loadPhoneMetadata()
})

/** The picker on a page in `messages`' language and direction, as `<PhoneVerify>` sets them. */
function Harness({ messages }: { messages: Messages }) {
  const [value, setValue] = useState<CountryCode | undefined>('US')
  return (
    <div dir={messages.dir} lang={messages.locale}>
      <CountryPicker value={value} onValueChange={setValue} locale={messages.locale} messages={messages} />
      <output data-testid="value">{value}</output>
    </div>
  )
}

const PAGES = { he, ar, fr, en }

const options = () => [...document.querySelectorAll('[data-part="country-option"]')]
const optionNames = (count: number) =>
  options()
    .slice(0, count)
    .map((option) => option.querySelector('[data-part="country-name"]')?.textContent)

/** Types `query` into the picker as a user would, then returns the country Enter chooses. */
async function typeAndChoose(messages: Messages, query: string): Promise<string | null> {
  render(<Harness messages={messages} />)
  await userEvent.click(page.getByRole('combobox', { name: messages.country }))
  await userEvent.keyboard(query)
  await expect.poll(() => (page.getByRole('combobox').element() as HTMLInputElement).value).toBe(query)
  await userEvent.keyboard('{Enter}')
  return page.getByTestId('value').element().textContent
}

// Typed with Chromium's real keyboard into the real field: what a user on each page would try first.
describe('CountryPicker search in Chromium, on right-to-left and left-to-right pages', () => {
  it.each([
    ['he', 'France', 'FR'],
    ['he', 'צרפת', 'FR'],
    ['he', 'germ', 'DE'],
    ['he', 'Deutschland', 'DE'],
    ['he', 'uk', 'GB'],
    ['he', '+20', 'EG'],
    ['he', 'eg', 'EG'],
    ['ar', 'Egypt', 'EG'],
    ['ar', 'مصر', 'EG'],
    ['ar', 'المانيا', 'DE'],
    ['ar', '٤٤', 'GB'],
    ['ar', 'USA', 'US'],
    ['fr', 'ger', 'DE'],
    ['fr', 'Allemagne', 'DE'],
    ['fr', 'royaume', 'GB'],
    ['fr', 'England', 'GB'],
    ['fr', 'mexique', 'MX'],
    ['en', 'مصر', 'EG'],
    ['en', 'Deutschland', 'DE'],
    ['en', 'cote', 'CI'],
  ] as const)('on the %s page, %j then Enter chooses %s', async (language, query, code) => {
    expect(await typeAndChoose(PAGES[language], query)).toBe(code)
  })

  it('lists the country whose name starts with the search first on the French page: "ger" offers Allemagne first', async () => {
    render(<Harness messages={fr} />)
    await userEvent.click(page.getByRole('combobox', { name: fr.country }))
    await userEvent.keyboard('ger')
    await expect.poll(() => optionNames(1)).toEqual(['Allemagne'])
    const names = options().map((option) => option.querySelector('[data-part="country-name"]')?.textContent)
    expect(names).toContain('Algérie')
    expect(names.indexOf('Allemagne')).toBeLessThan(names.indexOf('Algérie'))
  })

  it('offers the United Kingdom before Ukraine for "uk" on the Hebrew page, both in Hebrew', async () => {
    render(<Harness messages={he} />)
    await userEvent.click(page.getByRole('combobox', { name: he.country }))
    await userEvent.keyboard('uk')
    await expect.poll(() => optionNames(2)).toEqual(['בריטניה', 'אוקראינה'])
  })
})
