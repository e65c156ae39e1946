import { useCallback, useRef, useState, useSyncExternalStore } from 'react'
import { type Resolver, type ResolverResult, useForm } from 'react-hook-form'
import { z } from 'zod/mini'
import { getPhoneKit } from './phone/metadata'
import type { PhoneValueDetails } from './phone/phone-field'
import { type CountryCode, guessCountry } from './phone/phone-text'

const noSubscribe = () => () => {}
const guessOnClient = () => guessCountry()
const guessOnServer = () => undefined

// zod/mini, as in @otpflow/core: one flavour of zod in the bundle, and a small one (the classic API cost 16 kB gzipped).
const phoneFormSchema = z.object({
  phoneNumber: z.string().check(z.refine((value) => getPhoneKit()?.isPossible(value) ?? false, { message: 'invalidNumber' })),
})
type PhoneForm = z.infer<typeof phoneFormSchema>

// The whole resolver for a one-field schema: a few lines instead of @hookform/resolvers (1.4 kB gzipped).
const phoneResolver: Resolver<PhoneForm> = async (values) => {
  const result = phoneFormSchema.safeParse(values)
  const answer: ResolverResult<PhoneForm> = result.success
    ? { values: result.data, errors: {} }
    : { values: {}, errors: { phoneNumber: { type: 'invalidNumber', message: result.error.issues[0]?.message ?? '' } } }
  return answer
}

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

  const form = useForm<PhoneForm>({ resolver: phoneResolver, defaultValues: { phoneNumber: '' } })
  const invalid = form.formState.errors.phoneNumber !== undefined

  return {
    country,
    setCountry,
    text,
    change: ({ value, e164 }) => {
      setText(value)
      form.setValue('phoneNumber', e164 ?? value)
      if (invalid) form.clearErrors('phoneNumber')
    },
    invalid,
    clearInvalid: () => form.clearErrors('phoneNumber'),
    submit: (onValid, onInvalid) => {
      // Read from what the field shows now: a default number may never have gone through a change.
      form.setValue('phoneNumber', getPhoneKit()?.toE164(text, country) ?? text)
      void form.handleSubmit(({ phoneNumber }) => onValid(phoneNumber), onInvalid)()
    },
    showAgain,
  }
}
