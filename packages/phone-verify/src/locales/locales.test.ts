import { describe, expect, it } from 'vitest'
import { createMessageFormat, type Messages, mergeMessages } from '../messages'
import { en } from './en'
import { locales, messagesFor } from './index'

/** Every string of a messages object, with the functions called on sample values. */
function allStrings(messages: Messages, locale: string): string[] {
  const f = createMessageFormat(locale)
  const strings: string[] = []
  const visit = (value: unknown) => {
    if (typeof value === 'string') strings.push(value)
    else if (typeof value === 'function') {
      strings.push(String(value(3, f)), String(value(1, f)), String(value(undefined, f)))
    } else if (value && typeof value === 'object') for (const item of Object.values(value)) visit(item)
  }
  visit(messages)
  return strings
}

describe('locales', () => {
  it.each(Object.keys(locales))('%s has every string of English, none empty', (name) => {
    const messages = locales[name as keyof typeof locales]
    const keys = (object: object): string[] =>
      Object.entries(object).flatMap(([key, value]) =>
        value && typeof value === 'object' ? keys(value).map((inner) => `${key}.${inner}`) : [key],
      )
    expect(keys(messages).sort()).toEqual(keys(en).sort())
    for (const text of allStrings(messages, name)) expect(text.trim()).not.toBe('')
  })

  it('names its own language in each', () => {
    for (const [name, messages] of Object.entries(locales)) expect(messages.locale).toBe(name)
  })

  it('picks the language of a regional tag and falls back to English', () => {
    expect(messagesFor('fr-CA')).toBe(locales.fr)
    expect(messagesFor('pt_BR')).toBe(locales.pt)
    expect(messagesFor('ja-JP')).toBe(locales.ja)
    expect(messagesFor('sw')).toBe(en)
    expect(messagesFor('not a tag')).toBe(en)
  })

  it.each([
    ['zh', 'zh-Hans'],
    ['zh-CN', 'zh-Hans'],
    ['zh-SG', 'zh-Hans'],
    ['zh-Hans-HK', 'zh-Hans'],
    ['zh-TW', 'zh-Hant'],
    ['zh_HK', 'zh-Hant'],
    ['zh-MO', 'zh-Hant'],
    ['zh-Hant', 'zh-Hant'],
  ] as const)('picks Chinese by its script: %s reads %s', (tag, name) => {
    expect(messagesFor(tag)).toBe(locales[name])
  })

  it('formats countdowns and waits for the locale', () => {
    expect(en.resendCodeIn(27, createMessageFormat('en'))).toBe('Resend code in 0:27')
    expect(locales.fr.resendCodeIn(75, createMessageFormat('fr'))).toBe('Renvoyer le code dans 1:15')
    expect(locales.de.errors.rateLimited(120, createMessageFormat('de'))).toBe(
      'Zu viele Anfragen. Versuchen Sie es in 2 Minuten erneut.',
    )
    expect(locales.ar.resendCodeIn(30, createMessageFormat('ar-EG'))).toContain('٠:٣٠')
  })

  it.each([
    ['en', [1, 2, 5], ['1 attempt left.', '2 attempts left.', '5 attempts left.']],
    ['fr', [1, 2], ['1 essai restant.', '2 essais restants.']],
    ['de', [1, 3], ['Noch 1 Versuch.', 'Noch 3 Versuche.']],
    ['es', [1, 4], ['Queda 1 intento.', 'Quedan 4 intentos.']],
    ['pt', [1, 4], ['Resta 1 tentativa.', 'Restam 4 tentativas.']],
    ['he', [1, 2, 3], ['נותר ניסיון אחד.', 'נותרו שני ניסיונות.', 'נותרו 3 ניסיונות.']],
    [
      'ar',
      [1, 2, 3, 11, 100],
      ['تتبقّى محاولة واحدة.', 'تتبقّى محاولتان.', 'تتبقّى ٣ محاولات.', 'تتبقّى ١١ محاولة.', 'تتبقّى ١٠٠ محاولة.'],
    ],
  ] as const)('%s says the attempts left in its plural forms', (name, counts, expected) => {
    const messages = locales[name]
    // Egyptian Arabic writes Arabic-Indic digits; Arabic alone writes Latin ones in recent ICU.
    const f = createMessageFormat(name === 'ar' ? 'ar-EG' : name)
    expect(counts.map((count) => messages.attemptsLeft(count, f))).toEqual(expected)
  })

  it('merges overrides, errors included', () => {
    const merged = mergeMessages(en, { sendCode: 'Text me', errors: { expired: 'Too late' } })
    expect(merged.sendCode).toBe('Text me')
    expect(merged.errors.expired).toBe('Too late')
    expect(merged.errors.network).toBe(en.errors.network)
  })
})
