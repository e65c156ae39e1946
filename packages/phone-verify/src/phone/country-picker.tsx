import { type ComponentPropsWithoutRef, forwardRef, type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react'
import { en } from '../locales/en'
import type { Messages } from '../messages'
import { composeHandlers, useMergedRef } from '../use-merged-ref'
import { useFlagEmoji } from './flag-support'
import type { CountryCode } from './phone-text'
import { type Country, countryName, flagOf, searchCountries } from './phone-text'
import { usePhoneKit } from './use-phone-kit'

/** The strings of the country picker: the combobox's name ("Country") and "No country found". */
export type CountryPickerMessages = Pick<Messages, 'country' | 'noCountryFound'>

/** @deprecated Use `CountryPickerMessages`: the strings option is `messages` on every part. */
export type CountryPickerLabels = CountryPickerMessages

export interface CountryPickerProps
  extends Omit<ComponentPropsWithoutRef<'input'>, 'value' | 'defaultValue' | 'onChange' | 'type' | 'role' | 'children'> {
  /** The chosen country. */
  value: CountryCode | undefined
  /** Called when a country is chosen, after the focus came back to the picker: a parent may move it on from here. */
  onValueChange: (country: CountryCode) => void
  /** Only these countries, in this order (the endpoint's `allowedCountries`). @default every country */
  allowedCountries?: readonly CountryCode[] | undefined
  /** @deprecated Use `allowedCountries`, the word the endpoint uses for the same list. */
  countries?: readonly CountryCode[] | undefined
  /** Shown first. @default [] */
  preferredCountries?: readonly CountryCode[]
  /** Language of the country names (`Intl.DisplayNames`). @default "en" */
  locale?: string
  /** The strings. @default English */
  messages?: Partial<CountryPickerMessages>
  /** @deprecated Use `messages`, the strings option of every part. */
  labels?: Partial<CountryPickerMessages>
  /** Class of the popup listbox. */
  listClassName?: string
  /** Class of each option. */
  optionClassName?: string
}

/**
 * The country picker: an editable combobox (ARIA 1.2) with a listbox popup. Type a name, a dial code (`44`, `+44`)
 * or an ISO code (`gb`) to filter; arrows, Home, End, Page Up/Down move; Enter chooses; Escape closes.
 * Names come from `Intl.DisplayNames` in `locale`, flags are emoji, or the ISO code where the system has no flag
 * emoji: nothing is fetched.
 */
export const CountryPicker = forwardRef<HTMLInputElement, CountryPickerProps>(function CountryPicker(
  {
    value,
    onValueChange,
    allowedCountries,
    countries: deprecatedCountries,
    preferredCountries,
    locale = 'en',
    messages: messagesProp,
    labels: deprecatedLabels,
    className,
    listClassName,
    optionClassName,
    disabled,
    onKeyDown,
    onBlur,
    onClick,
    onMouseDown,
    onMouseUp,
    ...props
  },
  forwardedRef,
) {
  const messages = { ...en, ...deprecatedLabels, ...messagesProp }
  const countries = allowedCountries ?? deprecatedCountries
  const kit = usePhoneKit()
  const emojiFlags = useFlagEmoji()
  const flag = (code: CountryCode) => (emojiFlags ? flagOf(code) : code)
  const inputRef = useRef<HTMLInputElement>(null)
  const ref = useMergedRef(forwardedRef, inputRef)
  const id = useId()
  const listId = `${id}-list`
  const optionId = (code: string) => `${id}-${code}`
  const [open, setOpen] = useState(false)
  const [query, setQuery] = useState<string | null>(null)
  const [active, setActive] = useState(0)
  // While no search is typed the field shows the chosen country's label; it is selected whenever the field keeps focus
  // (opened by a click, closed by Escape, a country chosen), so the next keystroke starts a search instead of editing
  // the label ("US +1" + "44" would search for "US +144"). After render, because React resets the caret with the value.
  const selectLabel = useRef(false)

  const countriesKey = countries?.join()
  const preferredKey = preferredCountries?.join()
  // biome-ignore lint/correctness/useExhaustiveDependencies: the keys stand for the arrays, which callers often recreate
  const all = useMemo<Country[]>(
    () => (kit ? kit.listCountries(locale, countries, preferredCountries) : []),
    [kit, locale, countriesKey, preferredKey],
  )
  const results = useMemo(() => searchCountries(all, query ?? ''), [all, query])
  const selected = all.find((country) => country.code === value)
  const display = selected ? `${flag(selected.code)} +${selected.callingCode}` : value ? flag(value) : ''
  const activeCountry = open ? results[Math.min(active, results.length - 1)] : undefined
  const preferredCount = query
    ? 0
    : (preferredCountries ?? []).filter((code) => all.some((country) => country.code === code)).length

  const show = () => {
    if (open) return
    if (query === null) selectLabel.current = true
    setOpen(true)
    setActive(
      Math.max(
        0,
        all.findIndex((country) => country.code === value),
      ),
    )
  }
  const close = () => {
    setOpen(false)
    setQuery(null)
  }
  const choose = (country: Country) => {
    close()
    selectLabel.current = true
    inputRef.current?.focus()
    // Last, so that a parent may move the focus on (to the number field, as <PhoneVerify> does).
    onValueChange(country.code)
  }

  useEffect(() => {
    if (!selectLabel.current) return
    selectLabel.current = false
    const input = inputRef.current
    if (input && query === null && input.ownerDocument.activeElement === input) input.select()
  })

  useEffect(() => {
    if (!activeCountry) return
    // jsdom has no scrollIntoView
    document.getElementById(optionId(activeCountry.code))?.scrollIntoView?.({ block: 'nearest' })
  })

  const handleKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const last = results.length - 1
    const move = (to: number) => {
      event.preventDefault()
      if (!open) return show()
      setActive(Math.max(0, Math.min(last, to)))
    }
    const current = Math.min(active, last)
    switch (event.key) {
      case 'ArrowDown':
        if (!event.altKey) return move(current + 1)
        event.preventDefault()
        return show()
      case 'ArrowUp':
        return move(current - 1)
      case 'PageDown':
        return move(current + 10)
      case 'PageUp':
        return move(current - 10)
      case 'Home':
        if (open) move(0)
        return
      case 'End':
        if (open) move(last)
        return
      case 'Enter':
        // Never submits a surrounding form.
        event.preventDefault()
        if (open && activeCountry) choose(activeCountry)
        else show()
        return
      case 'Escape':
        if (open) {
          event.preventDefault()
          close()
          selectLabel.current = true
        }
        return
      case 'Tab':
        close()
        return
    }
  }

  return (
    <div
      data-scope="phone-verify"
      data-part="country-picker"
      data-state={open ? 'open' : 'closed'}
      {...(disabled ? { 'data-disabled': '' } : {})}
      className={className}
    >
      <input
        ref={ref}
        type="text"
        role="combobox"
        aria-label={messages.country}
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={activeCountry ? optionId(activeCountry.code) : undefined}
        autoComplete="off"
        spellCheck={false}
        // The flag and dial code read left to right; a search typed in Arabic or Hebrew reads right to left.
        dir="auto"
        disabled={disabled}
        data-part="country-trigger"
        data-state={open ? 'open' : 'closed'}
        title={selected?.name ?? (value ? countryName(value, locale) : undefined)}
        {...props}
        value={query ?? display}
        onChange={(event) => {
          setQuery(event.currentTarget.value)
          setActive(0)
          setOpen(true)
        }}
        onFocus={(event) => {
          props.onFocus?.(event)
          event.currentTarget.select()
        }}
        onMouseDown={composeHandlers(onMouseDown, (event) => {
          // Already focused (after Escape or a choice): a press would drop the caret inside the label; keep it selected.
          const input = event.currentTarget
          if (query === null && input.ownerDocument.activeElement === input) {
            event.preventDefault()
            input.select()
          }
        })}
        onMouseUp={composeHandlers(onMouseUp, (event) => {
          // Chromium collapses a selection clicked inside on mouseup, after the click: "US +1" would become a caret
          // after "+" and a search for "fran" would read "US +fran1". The label stays selected until a search starts.
          if (query === null) event.preventDefault()
        })}
        onClick={composeHandlers(onClick, () => {
          // A click inside a typed search places the caret there; it neither closes the list nor drops the search.
          if (!open) show()
          else if (query === null) close()
        })}
        onBlur={composeHandlers(onBlur, close)}
        onKeyDown={composeHandlers(onKeyDown, handleKeyDown)}
      />
      <div
        id={listId}
        role="listbox"
        aria-label={messages.country}
        hidden={!open}
        data-part="country-list"
        data-state={open ? 'open' : 'closed'}
        className={listClassName}
      >
        {open && results.length === 0 ? (
          // biome-ignore lint/a11y/useFocusableInteractive: options of an aria-activedescendant listbox are never focused
          <div role="option" aria-selected={false} aria-disabled="true" data-part="country-empty">
            {messages.noCountryFound}
          </div>
        ) : null}
        {open
          ? results.map((country, index) => (
              // biome-ignore lint/a11y/useFocusableInteractive: the focus stays in the combobox, which points here with aria-activedescendant
              // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox handles the keys (arrows, Enter) for its options
              <div
                key={country.code}
                id={optionId(country.code)}
                role="option"
                aria-selected={country.code === value}
                data-part="country-option"
                data-state={country.code === value ? 'checked' : 'unchecked'}
                {...(country === activeCountry ? { 'data-highlighted': '' } : {})}
                {...(index === preferredCount - 1 ? { 'data-last-preferred': '' } : {})}
                className={optionClassName}
                // Keeps the focus (and the open list) in the combobox while the pointer chooses.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => choose(country)}
              >
                <span aria-hidden="true" data-part="country-flag" data-state={emojiFlags ? 'emoji' : 'code'}>
                  {flag(country.code)}
                </span>
                <span data-part="country-name">{country.name}</span>
                <span data-part="country-dial-code" dir="ltr">
                  +{country.callingCode}
                </span>
              </div>
            ))
          : null}
      </div>
    </div>
  )
})
