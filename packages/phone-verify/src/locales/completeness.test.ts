import { describe, expect, it } from 'vitest'
import { normalizeCode } from '../code/normalize-code'
import { createMessageFormat, type MessageFormat, type Messages } from '../messages'
import { en } from './en'
import { type LocaleName, locales } from './index'

// Every shipped language against English: the same keys, the same values in its sentences, a sentence for each
// plural category the language has, and nothing left in English unless it is meant to be.

const PHONE = '+44 7700 900123'
/** Counts and seconds the sentences are read with: 6 digits, 27 attempts, 75 s (1:15), 120 s (2 minutes). */
const SAMPLES = [6, 27, 75, 120] as const

type Rendered = Map<string, string>

/** The keys of messages as paths (`errors.expired`), each with its kind: a plain string or a function. */
function keysOf(messages: object, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    value && typeof value === 'object'
      ? keysOf(value, `${prefix}${key}.`)
      : [`${prefix}${key}:${typeof value === 'function' ? 'function' : 'string'}`],
  )
}

/** The function messages of English that take a phone number (their sentence holds it), the rest take a count. */
const PHONE_KEYS = new Set(
  Object.entries(en)
    .filter(([, value]) => typeof value === 'function' && String(value(PHONE, createMessageFormat('en'))).includes(PHONE))
    .map(([key]) => key),
)

/** Every sentence of the messages: strings as they are, functions called on the phone number or each sample. */
function render(messages: Messages, f: MessageFormat): Rendered {
  const out: Rendered = new Map()
  const visit = (object: object, prefix: string) => {
    for (const [key, value] of Object.entries(object)) {
      const path = `${prefix}${key}`
      if (key === 'locale' || key === 'dir') continue
      if (typeof value === 'string') out.set(path, value)
      else if (typeof value === 'function') {
        if (PHONE_KEYS.has(path)) out.set(path, value(PHONE, f))
        else {
          for (const sample of SAMPLES) out.set(`${path}(${sample})`, value(sample, f))
          if (path === 'errors.rateLimited') out.set(`${path}()`, value(undefined, f))
        }
      } else if (value && typeof value === 'object') visit(value, `${path}.`)
    }
  }
  visit(messages, '')
  return out
}

/** The values a sentence holds, as English shows them: the phone number, a count, a countdown, a wait. */
function valuesIn(text: string, key: string, f: MessageFormat): string[] {
  const sample = Number(/\((\d+)\)$/.exec(key)?.[1])
  const values = Number.isNaN(sample)
    ? [['phone', PHONE]]
    : [
        ['number', f.number(sample)],
        ['countdown', f.countdown(sample)],
        ['wait', f.wait(sample)],
      ]
  return values.filter(([, value]) => value !== undefined && text.includes(value)).map(([kind]) => kind ?? '')
}

const LANGUAGES = (Object.keys(locales) as LocaleName[]).filter((name) => name !== 'en')

/**
 * The attempts-left sentence of each language for each plural category it has, `#` standing for the count as the
 * language writes it. Arabic and Hebrew spell out one and two (and Arabic none) instead of writing the count.
 */
const ATTEMPTS_LEFT: Record<LocaleName, Partial<Record<Intl.LDMLPluralRule, string>>> = {
  en: { one: '# attempt left.', other: '# attempts left.' },
  fr: { one: '# essai restant.', many: '# d’essais restants.', other: '# essais restants.' },
  de: { one: 'Noch # Versuch.', other: 'Noch # Versuche.' },
  es: { one: 'Queda # intento.', many: 'Quedan # de intentos.', other: 'Quedan # intentos.' },
  pt: { one: 'Resta # tentativa.', many: 'Restam # de tentativas.', other: 'Restam # tentativas.' },
  it: { one: 'Ti resta # tentativo.', many: 'Ti restano # di tentativi.', other: 'Ti restano # tentativi.' },
  nl: { one: 'Nog # poging over.', other: 'Nog # pogingen over.' },
  pl: { one: 'Została # próba.', few: 'Zostały # próby.', many: 'Zostało # prób.', other: 'Zostało # próby.' },
  tr: { one: '# deneme hakkınız kaldı.', other: '# deneme hakkınız kaldı.' },
  ru: { one: 'Осталась # попытка.', few: 'Осталось # попытки.', many: 'Осталось # попыток.', other: 'Осталось # попытки.' },
  uk: { one: 'Залишилася # спроба.', few: 'Залишилося # спроби.', many: 'Залишилося # спроб.', other: 'Залишилося # спроби.' },
  ar: {
    zero: 'لم تتبقَّ أي محاولة.',
    one: 'تتبقّى محاولة واحدة.',
    two: 'تتبقّى محاولتان.',
    few: 'تتبقّى # محاولات.',
    many: 'تتبقّى # محاولة.',
    other: 'تتبقّى # محاولة.',
  },
  he: { one: 'נותר ניסיון אחד.', two: 'נותרו שני ניסיונות.', other: 'נותרו # ניסיונות.' },
  fa: { one: '# تلاش دیگر باقی مانده است.', other: '# تلاش دیگر باقی مانده است.' },
  hi: { one: '# प्रयास बाकी है।', other: '# प्रयास बाकी हैं।' },
  id: { other: 'Sisa # percobaan.' },
  vi: { other: 'Còn # lần thử.' },
  ja: { other: 'あと # 回入力できます。' },
  ko: { other: '#번 더 시도할 수 있습니다.' },
  'zh-Hans': { other: '还可尝试 # 次。' },
  'zh-Hant': { other: '還可嘗試 # 次。' },
}

/** A count in `category` for `locale`: the first whole number up to 200, else a million, else a fraction (1.5). */
function sampleOf(category: Intl.LDMLPluralRule, rules: Intl.PluralRules): number {
  const candidates = [...Array.from({ length: 201 }, (_, index) => index), 1_000_000, 1.5, 0.5]
  const sample = candidates.find((count) => rules.select(count) === category)
  if (sample === undefined) throw new Error(`no sample count in ${category}`)
  return sample
}

/**
 * Sentences the same as English on purpose, by language and key. None today: brand names (WhatsApp, SMS) stay as they
 * are inside translated sentences, and every shipped sentence has words of its own.
 */
const SAME_AS_ENGLISH: Partial<Record<LocaleName, readonly string[]>> = {}

describe('every shipped language is complete', () => {
  it('ships the 21 languages, English built in and the rest opt-in', () => {
    expect(Object.keys(locales).sort()).toEqual(
      [
        'ar',
        'de',
        'en',
        'es',
        'fa',
        'fr',
        'he',
        'hi',
        'id',
        'it',
        'ja',
        'ko',
        'nl',
        'pl',
        'pt',
        'ru',
        'tr',
        'uk',
        'vi',
        'zh-Hans',
        'zh-Hant',
      ].sort(),
    )
  })

  it.each(LANGUAGES)('%s has every key of English, each a string or a function as in English', (name) => {
    expect(keysOf(locales[name]).sort()).toEqual(keysOf(en).sort())
  })

  it.each(LANGUAGES)(
    '%s puts the same values in its sentences as English (the number, the count, the countdown, the wait)',
    (name) => {
      const messages = locales[name]
      const f = createMessageFormat(messages.locale)
      const english = render(en, createMessageFormat('en'))
      const ours = render(messages, f)
      for (const [key, text] of english) {
        const theirs = ours.get(key) ?? ''
        expect(theirs.trim(), key).not.toBe('')
        expect(valuesIn(theirs, key, f), `${name} ${key}: ${theirs}`).toEqual(valuesIn(text, key, createMessageFormat('en')))
      }
    },
  )

  it.each(Object.keys(locales) as LocaleName[])('%s has a sentence for every plural category of its language', (name) => {
    const messages = locales[name]
    const f = createMessageFormat(messages.locale)
    const rules = new Intl.PluralRules(messages.locale)
    const categories = rules.resolvedOptions().pluralCategories
    expect(Object.keys(ATTEMPTS_LEFT[name]).sort()).toEqual([...categories].sort())
    for (const category of categories) {
      const count = sampleOf(category, rules)
      expect(f.plural(count)).toBe(category)
      expect(messages.attemptsLeft(count, f), `${name} ${category} (${count})`).toBe(
        ATTEMPTS_LEFT[name][category]?.replace('#', f.number(count)),
      )
    }
  })

  it.each(LANGUAGES)('%s leaves no sentence in English unless it is meant to', (name) => {
    const english = render(en, createMessageFormat('en'))
    const ours = render(locales[name], createMessageFormat(locales[name].locale))
    const same = [...english].filter(([key, text]) => ours.get(key) === text).map(([key]) => key)
    expect(same).toEqual(SAME_AS_ENGLISH[name] ?? [])
  })

  it('writes right to left in Arabic, Hebrew and Persian only', () => {
    const rtl = Object.entries(locales)
      .filter(([, messages]) => messages.dir === 'rtl')
      .map(([name]) => name)
    expect(rtl.sort()).toEqual(['ar', 'fa', 'he'])
  })

  it('writes Persian counts and countdowns in Persian digits', () => {
    const f = createMessageFormat('fa')
    expect(locales.fa.attemptsLeft(3, f)).toBe('۳ تلاش دیگر باقی مانده است.')
    expect(locales.fa.resendCodeIn(75, f)).toContain('۱:۱۵')
    expect(locales.fa.codeHint(6, f)).toContain('۶')
  })

  it.each(['arab', 'arabext', 'deva', 'beng', 'fullwide', 'latn'])(
    'takes a code written in %s digits, as SMS apps in the shipped languages write them',
    (numberingSystem) => {
      const written = new Intl.NumberFormat(`en-u-nu-${numberingSystem}`, { useGrouping: false }).format(123456)
      expect(written).not.toBe(numberingSystem === 'latn' ? '' : '123456')
      expect(normalizeCode(written, 6)).toBe('123456')
    },
  )
})
