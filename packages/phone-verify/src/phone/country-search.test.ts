import { beforeAll, describe, expect, it } from 'vitest'
import { foldForSearch, searchCountries } from './country-search'
import { loadPhoneMetadata } from './metadata'
import type { PhoneEngine } from './phone-engine'
import { listCountries } from './phone-logic'

let engine: PhoneEngine
beforeAll(async () => {
  engine = (await loadPhoneMetadata()).engine
})

/** The first few countries a search on a page in `locale` offers, as ISO codes. */
const search = (locale: string, query: string, count = 3) =>
  searchCountries(listCountries(engine, locale), query)
    .slice(0, count)
    .map((country) => country.code)

const first = (locale: string, query: string) => search(locale, query, 1)[0]

describe('searchCountries on a page in any language', () => {
  // Every way of finding a country, on a left-to-right page and on right-to-left ones.
  describe.each(['fr', 'he', 'ar', 'en', 'ja'])('on the %s page', (locale) => {
    it.each([
      ['France', 'FR'],
      ['germany', 'DE'],
      ['GERMANY', 'DE'],
      ['united k', 'GB'],
      ['Deutschland', 'DE'],
      ['españa', 'ES'],
      ['espana', 'ES'],
      ['日本', 'JP'],
      ['مصر', 'EG'],
      ['ישראל', 'IL'],
      ['uk', 'GB'],
      ['USA', 'US'],
      ['England', 'GB'],
      ['de', 'DE'],
      ['+49', 'DE'],
      ['49', 'DE'],
      ['٤٩', 'DE'],
      ['۴۹', 'DE'],
      ['+44', 'GB'],
      ['1', 'US'],
    ])('finds %j first as %s', (query, code) => {
      expect(first(locale, query)).toBe(code)
    })
  })

  it.each([
    ['fr', 'Allemagne', 'DE'],
    ['fr', 'allem', 'DE'],
    ['fr', 'royaume', 'GB'],
    ['de', 'konigr', 'GB'],
    ['de', 'Vereinigtes', 'GB'],
    ['he', 'צרפת', 'FR'],
    ['he', 'גרמניה', 'DE'],
    ['ar', 'فرنسا', 'FR'],
    ['ar', 'المانيا', 'DE'],
    ['ja', 'ドイツ', 'DE'],
    ['ja', 'どいつ', 'DE'],
    ['ru', 'герм', 'DE'],
    ['fa', 'آلمان', 'DE'],
    ['fa', 'ایران', 'IR'],
    ['tr', 'ispanya', 'ES'],
    ['tr', 'İspanya', 'ES'],
    ['zh-Hans', '德国', 'DE'],
    ['ko', '독일', 'DE'],
    ['hi', 'जर्मनी', 'DE'],
  ])('finds a country by its name in the page language (%s: %j → %s), whatever the keyboard typed', (locale, query, code) => {
    expect(first(locale, query)).toBe(code)
  })

  it('finds Allemagne on the French page from "ger", before countries whose name only contains it', () => {
    const found = search('fr', 'ger', 10)
    expect(found[0]).toBe('DE')
    // Algérie and Niger contain "ger" in French; they come after.
    expect(found).toEqual(expect.arrayContaining(['DZ', 'NE']))
    expect(found.indexOf('DE')).toBeLessThan(found.indexOf('DZ'))
  })

  it('offers the United Kingdom first for "uk", then Ukraine, whose name only starts with it', () => {
    expect(search('en', 'uk', 2)).toEqual(['GB', 'UA'])
    expect(search('he', 'uk', 2)).toEqual(['GB', 'UA'])
  })

  it('puts a name that starts with the search before one that contains it', () => {
    const found = search('en', 'mal', 20)
    // Malawi, Malaysia, Maldives, Mali, Malta start with it; Somalia only contains it.
    expect(found.slice(0, 5)).toEqual(['MW', 'MY', 'MV', 'ML', 'MT'])
    expect(found.indexOf('SO')).toBeGreaterThan(4)
  })

  it('keeps the page language names and list order: the list is the one on screen, filtered', () => {
    const countries = listCountries(engine, 'fr', ['BE', 'FR', 'CH'])
    expect(searchCountries(countries, '').map((country) => country.code)).toEqual(['BE', 'FR', 'CH'])
    expect(searchCountries(countries, 'suisse').map((country) => country.name)).toEqual(['Suisse'])
    expect(searchCountries(countries, 'schweiz').map((country) => country.name)).toEqual(['Suisse'])
    expect(searchCountries(countries, 'belgium').map((country) => country.code)).toEqual(['BE'])
  })

  it('finds nothing for text that is no name, code or dial code', () => {
    expect(search('he', 'zzzz')).toEqual([])
    expect(search('ar', '+999')).toEqual([])
  })
})

describe('foldForSearch', () => {
  it.each([
    ['Côte d’Ivoire', 'cote d’ivoire'],
    ['ＧＥＲ', 'ger'],
    ['İSPANYA', 'ispanya'],
    ['أَلمانيا', 'المانيا'],
    ['שָׁלוֹם', 'שלום'],
    // Kana marks go like accents: hiragana and katakana, voiced or not, read alike.
    ['どいつ', 'トイツ'],
    ['ドイツ', 'トイツ'],
    ['ｿﾞ', 'ソ'],
  ])('reads %j as %j', (text, folded) => {
    expect(foldForSearch(text)).toBe(folded)
  })
})
