import { useCallback, useRef, useState, useSyncExternalStore } from 'react'
import { getPhoneKit } from './phone/metadata'
import type { PhoneValueDetails } from './phone/phone-field'
import { type CountryCode, guessCountry } from './phone/phone-text'

const noSubscribe = () => () => {}
const guessOnClient = () => guessCountry()
const guessOnServer = () => undefined

/** The number being typed on the number step: its text, its country, whether it validates. */
export interface NumberEntry {
  /** The country national numbers are read in. */
  country: CountryCode
  setCountry: (country: CountryCode) => void
  /** The number as the field shows it. */
  text: string
  /** The field changed: what it shows, and the E.164 number once it reads as one. */
  change: (details: PhoneValueDetails) => void
  /** The number did not validate when a code was asked for, and has not changed since. */
  invalid: boolean
  clearInvalid: () => void
  /** Validates the number shown: `onValid` gets its E.164 form; `onInvalid` runs when it does not validate. */
  submit: (onValid: (e164: string) => void, onInvalid: () => void) => void
  /** Shows a number the flow remembers (after a reload) in the field, when the field is empty. The same function for the component's whole life. */
  showAgain: (e164: string) => void
}

export interface NumberEntryOptions {
  defaultPhoneNumber: string | undefined
  defaultCountry: CountryCode | undefined
  allowedCountries: readonly CountryCode[] | undefined
}

export function useNumberEntry({ defaultPhoneNumber, defaultCountry, allowedCountries }: NumberEntryOptions): NumberEntry {
  // The guess reads the browser's languages after hydration, so the server's HTML and the first client render agree.
  const guessed = useSyncExternalStore(noSubscribe, guessOnClient, guessOnServer)
  // With the phone kit already loaded (a second mount, or preloaded), a default number is read at once, so a country
  // guessed a moment later cannot be mistaken for the user's choice and rewrite it.
  const [initial] = useState(() => {
    const loaded = getPhoneKit()
    if (!defaultPhoneNumber || !loaded) return { text: defaultPhoneNumber ?? '', country: defaultCountry }
    const normalized = loaded.normalize(defaultPhoneNumber, defaultCountry)
    return { text: normalized.text, country: normalized.country ?? defaultCountry }
  })
  const [chosenCountry, setCountry] = useState<CountryCode | undefined>(initial.country)
  const fits = (code: CountryCode | undefined): code is CountryCode =>
    code !== undefined && (!allowedCountries || allowedCountries.includes(code))
  const country = chosenCountry ?? (fits(guessed) ? guessed : (allowedCountries?.[0] ?? 'US'))

  const [text, setText] = useState(initial.text)
  const textRef = useRef(text)
  textRef.current = text

  const showAgain = useCallback((e164: string) => {
    if (textRef.current !== '') return
    const normalized = getPhoneKit()?.normalize(e164, undefined) ?? { text: e164, country: undefined }
    setText(normalized.text)
    if (normalized.country) setCountry(normalized.country)
  }, [])

  // One field, one rule (a possible length, from the phone kit): plain state, no form library. Until the kit has
  // loaded no number reads as possible, so Send code says the number is not valid rather than sending it unread.
  const [invalid, setInvalid] = useState(false)

  return {
    country,
    setCountry,
    text,
    change: ({ value }) => {
      setText(value)
      if (invalid) setInvalid(false)
    },
    invalid,
    clearInvalid: () => setInvalid(false),
    submit: (onValid, onInvalid) => {
      // Read from what the field shows now: a default number may never have gone through a change.
      const kit = getPhoneKit()
      const phoneNumber = kit?.toE164(text, country) ?? text
      if (kit?.isPossible(phoneNumber)) {
        setInvalid(false)
        onValid(phoneNumber)
      } else {
        setInvalid(true)
        onInvalid()
      }
    },
    showAgain,
  }
}
