import {
  type ChangeEvent,
  type ComponentPropsWithoutRef,
  forwardRef,
  type KeyboardEvent,
  useEffect,
  useRef,
  useState,
} from 'react'
import { composeHandlers, useMergedRef } from '../use-merged-ref'
import type { CountryCode } from './phone-text'
import { capDigits, caretAfterSignificant, cleanPhoneText, countDigits, countSignificant, MAX_PHONE_DIGITS } from './phone-text'
import { usePhoneKit } from './use-phone-kit'

export interface PhoneValueDetails {
  /** What the field shows, formatted. */
  value: string
  /** The country the number belongs to. */
  country: CountryCode | undefined
  /** E.164 (`+447700900123`) once the number has a possible length, else `undefined`. */
  e164: string | undefined
}

export interface PhoneFieldProps
  extends Omit<ComponentPropsWithoutRef<'input'>, 'value' | 'defaultValue' | 'type' | 'dir' | 'onChange'> {
  /** The shown text, controlled. Pair with `onValueChange`. */
  value?: string
  /** The initial text, uncontrolled. Any form is accepted (`+44 7700 900123`, `07700 900123`…) and normalized. */
  defaultValue?: string
  /** Called on every change with the shown text, its country and, once it has a possible length, its E.164 number. */
  onValueChange?: (details: PhoneValueDetails) => void
  /** The chosen country: national numbers are read and formatted for it. */
  country: CountryCode | undefined
  /** Called when a typed, pasted or autofilled international number belongs to another country. */
  onCountryChange?: (country: CountryCode) => void
  /** The input's own change event, before the text is formatted; `onValueChange` gets the result. */
  onChange?: (event: ChangeEvent<HTMLInputElement>) => void
}

const bulkInputTypes = new Set(['insertFromPaste', 'insertFromDrop', 'insertReplacementText', 'insertFromYank'])

/**
 * The phone number input: formats as you type without moving the caret, normalizes pasted and autofilled numbers,
 * and follows the country of an international number.
 *
 * @example
 * <PhoneField country={country} onCountryChange={setCountry} onValueChange={({ e164 }) => setNumber(e164)} />
 */
export const PhoneField = forwardRef<HTMLInputElement, PhoneFieldProps>(function PhoneField(
  { value: valueProp, defaultValue, onValueChange, country, onCountryChange, onChange, onKeyDown, ...props },
  forwardedRef,
) {
  const kit = usePhoneKit()
  const inputRef = useRef<HTMLInputElement>(null)
  const ref = useMergedRef(forwardedRef, inputRef)
  const [internal, setInternal] = useState(defaultValue ?? '')
  const controlled = valueProp !== undefined
  const value = controlled ? valueProp : internal

  const commit = (text: string, nextCountry: CountryCode | undefined, caret: number | undefined) => {
    const input = inputRef.current
    if (input && input.value !== text) input.value = text
    // Writing the DOM value before React renders the same value keeps the browser's caret where we put it.
    if (input && caret !== undefined && document.activeElement === input) input.setSelectionRange(caret, caret)
    if (!controlled) setInternal(text)
    if (nextCountry && nextCountry !== country) onCountryChange?.(nextCountry)
    onValueChange?.({ value: text, country: nextCountry, e164: kit?.toE164(text, nextCountry) })
  }

  // Whether the text is the user's own typing (or paste), as opposed to a value handed in before any input.
  const typed = useRef(false)

  /** Formats raw text with the caret kept after the same number of digits. */
  const applyTyping = (raw: string, caret: number) => {
    typed.current = true
    const clean = capDigits(cleanPhoneText(raw))
    const detected = clean.startsWith('+') ? kit?.countryOf(clean, country) : undefined
    const nextCountry = detected ?? country
    const text = kit ? kit.format(clean, nextCountry) : clean
    commit(text, nextCountry, caretAfterSignificant(text, countSignificant(raw, caret)))
  }

  const handleChange = (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget
    const raw = input.value
    const inputType = (event.nativeEvent as InputEvent).inputType
    // Autofill and paste bring the whole number at once; some browsers fire them with no inputType at all.
    const bulk = inputType ? bulkInputTypes.has(inputType) : raw.length - value.length > 1
    if (bulk && kit) {
      typed.current = true
      // Whatever follows the 15th digit cannot belong to the number (an extension, a second number).
      const normalized = kit.normalize(capDigits(cleanPhoneText(raw)), country)
      commit(normalized.text, normalized.country, normalized.text.length)
      return
    }
    const caret = input.selectionStart ?? raw.length
    // A digit typed past E.164's fifteen is refused, as maxlength would: the text and the caret stay as they were.
    if (!bulk && countDigits(raw) > MAX_PHONE_DIGITS && countDigits(raw) > countDigits(value)) {
      const before = Math.max(0, caret - (raw.length - value.length))
      input.value = value
      input.setSelectionRange(before, before)
      return
    }
    applyTyping(raw, caret)
  }

  const handleKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const input = event.currentTarget
    const start = input.selectionStart ?? 0
    if (input.readOnly || start !== input.selectionEnd || event.altKey || event.ctrlKey || event.metaKey) return
    const text = input.value
    const isDigitOrPlus = (index: number) => /[\d+]/.test(text[index] ?? '')
    // Backspace right after a separator deletes the digit before it, Delete right before one the digit after it;
    // otherwise the separator would be removed and formatted straight back, and the key would seem dead.
    if (event.key === 'Backspace' && start > 0 && !isDigitOrPlus(start - 1)) {
      let index = start - 1
      while (index >= 0 && !isDigitOrPlus(index)) index--
      if (index < 0) return
      event.preventDefault()
      applyTyping(text.slice(0, index) + text.slice(index + 1), index)
    } else if (event.key === 'Delete' && start < text.length && !isDigitOrPlus(start)) {
      let index = start
      while (index < text.length && !isDigitOrPlus(index)) index++
      if (index >= text.length) return
      event.preventDefault()
      applyTyping(text.slice(0, index) + text.slice(index + 1), start)
    }
  }

  // When the phone kit arrives, a value given before (`defaultValue`) is normalized like a paste, while text the user
  // is typing is formatted as typing would have done it (an international number stays international, the caret keeps
  // its place). When the user picks another country, a national number is reformatted for it, and an international
  // number of another country keeps its national digits (the calling code now comes from the picker).
  const latest = useRef({ value, commit, applyTyping })
  latest.current = { value, commit, applyTyping }
  const previousCountry = useRef(country)
  useEffect(() => {
    const picked = previousCountry.current !== country
    previousCountry.current = country
    if (!kit) return
    const { value: current, commit: apply, applyTyping: format } = latest.current
    const clean = cleanPhoneText(current)
    if (clean === '') return
    if (!picked && typed.current) {
      const input = inputRef.current
      const caret = input && document.activeElement === input ? (input.selectionStart ?? current.length) : current.length
      format(current, caret)
      return
    }
    let next: { text: string; country: CountryCode | undefined }
    if (!picked) next = kit.normalize(current, country)
    else if (!clean.startsWith('+')) next = { text: kit.format(clean, country), country }
    else {
      const owner = kit.countryOf(clean, country)
      next = owner === country ? { text: current, country } : { text: kit.format(kit.nationalDigits(clean), country), country }
    }
    if (next.text !== current || next.country !== country) apply(next.text, next.country, undefined)
  }, [country, kit])

  return (
    <input
      ref={ref}
      type="tel"
      autoComplete="tel"
      inputMode="tel"
      dir="ltr"
      data-scope="phone-verify"
      data-part="phone-input"
      data-state={value === '' ? 'empty' : 'filled'}
      {...props}
      value={value}
      onChange={(event) => {
        onChange?.(event)
        handleChange(event)
      }}
      onKeyDown={composeHandlers(onKeyDown, handleKeyDown)}
    />
  )
})
