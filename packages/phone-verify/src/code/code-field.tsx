import {
  type ChangeEvent,
  type ComponentPropsWithoutRef,
  type CSSProperties,
  forwardRef,
  type MouseEvent,
  useEffect,
  useRef,
  useState,
} from 'react'
import { toAsciiDigits } from '../digits'
import { composeHandlers, useMergedRef } from '../use-merged-ref'
import { normalizeCode } from './normalize-code'

export interface CodeFieldProps
  extends Omit<ComponentPropsWithoutRef<'input'>, 'value' | 'defaultValue' | 'type' | 'dir' | 'onChange' | 'maxLength'> {
  /** The code, controlled. Pair with `onValueChange`. */
  value?: string
  /** The initial code, uncontrolled. */
  defaultValue?: string
  /** Called with the cleaned code (ASCII digits only) on every change. */
  onValueChange?: (value: string) => void
  /** Called once each time the field holds a complete code it did not hold just before. */
  onComplete?: (code: string) => void
  /** Number of digits. @default 6 */
  codeLength?: number
  /** @deprecated Use `codeLength`, the word `<PhoneVerify>` and the sandbox use for the same number. */
  length?: number
  /** Marks the field and its slots invalid (`aria-invalid`, `data-invalid`). @default false */
  invalid?: boolean
  /**
   * Fills the field from the SMS through the WebOTP API where the browser has it (Chrome on Android). The request is
   * aborted when the field unmounts or is disabled.
   * @default true
   */
  webOtp?: boolean
  /** Class of the wrapper. `className` goes to the input. */
  rootClassName?: string
  /** Class of each slot. */
  slotClassName?: string
  /** The input's own change event, before the text is cleaned; `onValueChange` gets the cleaned code. */
  onChange?: (event: ChangeEvent<HTMLInputElement>) => void
}

interface Selection {
  start: number
  end: number
}

/**
 * The one-time-code field: one real `<input autocomplete="one-time-code">` (autofill, paste, screen readers, native
 * keys) with slots drawn over it. Clicking a slot selects that digit. The row reads left to right in any page
 * direction, and a gutter after the last slot leaves room for password-manager badges.
 *
 * @example
 * <CodeField aria-label="Verification code" onComplete={(code) => flow.checkCode(code)} />
 */
export const CodeField = forwardRef<HTMLInputElement, CodeFieldProps>(function CodeField(
  {
    value: valueProp,
    defaultValue,
    onValueChange,
    onComplete,
    codeLength: codeLengthProp,
    length: deprecatedLength,
    invalid = false,
    webOtp = true,
    disabled,
    className,
    rootClassName,
    slotClassName,
    style,
    onChange,
    onClick,
    onFocus,
    onBlur,
    onSelect,
    onKeyUp,
    ...props
  },
  forwardedRef,
) {
  const codeLength = codeLengthProp ?? deprecatedLength ?? 6
  const inputRef = useRef<HTMLInputElement>(null)
  const ref = useMergedRef(forwardedRef, inputRef)
  const [internal, setInternal] = useState(() => normalizeCode(defaultValue ?? '', codeLength))
  const controlled = valueProp !== undefined
  const value = controlled ? valueProp : internal
  const [focused, setFocused] = useState(false)
  const [selection, setSelection] = useState<Selection>({ start: value.length, end: value.length })
  const lastComplete = useRef<string | undefined>(undefined)

  const commit = (next: string, caret?: number) => {
    const input = inputRef.current
    if (input && input.value !== next) input.value = next
    if (input && caret !== undefined && document.activeElement === input) input.setSelectionRange(caret, caret)
    if (caret !== undefined) updateSelection(caret, caret)
    if (!controlled) setInternal(next)
    if (next !== value) onValueChange?.(next)
    if (next.length === codeLength && next !== lastComplete.current) {
      lastComplete.current = next
      onComplete?.(next)
    } else if (next.length < codeLength) lastComplete.current = undefined
  }
  const commitRef = useRef(commit)
  commitRef.current = commit

  // A parent clearing the field (after a wrong code) makes the same code count as new when typed again.
  useEffect(() => {
    if (value.length < codeLength) lastComplete.current = undefined
  }, [value, codeLength])

  useEffect(() => {
    if (!webOtp || disabled || typeof window === 'undefined' || !('OTPCredential' in window)) return
    const controller = new AbortController()
    const request = { otp: { transport: ['sms'] }, signal: controller.signal } as CredentialRequestOptions
    navigator.credentials
      .get(request)
      .then((credential) => {
        const code = (credential as { code?: string } | null)?.code
        if (code && !controller.signal.aborted) {
          const next = normalizeCode(code, codeLength)
          commitRef.current(next, next.length)
        }
      })
      // Aborted, or the user dismissed the browser's prompt: typing stays the way in.
      .catch(() => {})
    return () => controller.abort()
  }, [webOtp, disabled, codeLength])

  // select and keyup follow every keystroke: an unchanged selection must not even schedule a render.
  const selectionRef = useRef(selection)
  const updateSelection = (start: number, end: number) => {
    const current = selectionRef.current
    if (current.start === start && current.end === end) return
    selectionRef.current = { start, end }
    setSelection(selectionRef.current)
  }
  const syncSelection = () => {
    const input = inputRef.current
    if (input) updateSelection(input.selectionStart ?? 0, input.selectionEnd ?? 0)
  }

  const handleChange = (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget
    const raw = input.value
    const caret = input.selectionStart ?? raw.length
    const ascii = toAsciiDigits(raw)
    // A digit typed into a full field replaces the digit after the caret instead of being dropped at the end.
    if (value.length === codeLength && raw.length === codeLength + 1 && /^\d+$/.test(ascii) && caret <= codeLength) {
      const next = ascii.slice(0, caret) + ascii.slice(caret + 1)
      return commit(next, Math.min(caret, codeLength))
    }
    const next = normalizeCode(raw, codeLength)
    if (next === raw) return commit(next, caret)
    const digitsBeforeCaret = toAsciiDigits(raw.slice(0, caret)).replace(/\D/g, '').length
    const bulk = raw.length - value.length > 1
    commit(next, bulk ? next.length : Math.min(digitsBeforeCaret, next.length))
  }

  const handleClick = (event: MouseEvent<HTMLInputElement>) => {
    // The input spans the slots: the pointer's slot is the digit to correct. Select it so the next digit replaces it.
    const slots = event.currentTarget.parentElement?.querySelectorAll<HTMLElement>('[data-part="code-slot"]') ?? []
    const index = [...slots].findIndex((slot) => {
      const rect = slot.getBoundingClientRect()
      return rect.width > 0 && event.clientX >= rect.left && event.clientX < rect.right
    })
    if (index < 0) return
    const input = event.currentTarget
    const start = Math.min(index, value.length)
    const end = index < value.length ? index + 1 : start
    input.setSelectionRange(start, end)
    updateSelection(start, end)
  }

  const full = value.length === codeLength
  // The selection last seen in the input, clamped to the value: a parent that clears or shortens the value (after a
  // wrong code) does not fire select, and a stale caret past the end would leave no slot showing the focus.
  const start = Math.min(selection.start, value.length)
  const end = Math.min(selection.end, value.length)
  const slots = Array.from({ length: codeLength }, (_, index) => {
    const char = value[index]
    const caretHere = start === end && (start === index || (full && index === codeLength - 1 && start === codeLength))
    const active = focused && (caretHere || (index >= start && index < end))
    return { index, char, active }
  })

  return (
    <div
      data-scope="phone-verify"
      data-part="code-field"
      data-state={full ? 'complete' : 'incomplete'}
      {...(invalid ? { 'data-invalid': '' } : {})}
      {...(disabled ? { 'data-disabled': '' } : {})}
      {...(focused ? { 'data-focus': '' } : {})}
      dir="ltr"
      className={rootClassName}
      style={{ '--otpflow-code-length': codeLength, ...style } as CSSProperties}
    >
      <input
        ref={ref}
        type="text"
        autoComplete="one-time-code"
        inputMode="numeric"
        translate="no"
        spellCheck={false}
        autoCorrect="off"
        autoCapitalize="off"
        // Hints for password managers not to offer a password here; the gutter in the stylesheet covers the rest.
        data-1p-ignore=""
        data-lpignore="true"
        data-bwignore=""
        data-form-type="other"
        data-part="code-input"
        data-state={full ? 'complete' : 'incomplete'}
        aria-invalid={invalid || undefined}
        disabled={disabled}
        className={className}
        {...props}
        value={value}
        onChange={(event) => {
          onChange?.(event)
          handleChange(event)
        }}
        onClick={composeHandlers(onClick, handleClick)}
        onSelect={composeHandlers(onSelect, syncSelection)}
        onKeyUp={composeHandlers(onKeyUp, syncSelection)}
        onFocus={composeHandlers(onFocus, () => {
          setFocused(true)
          syncSelection()
        })}
        onBlur={composeHandlers(onBlur, () => setFocused(false))}
      />
      <div data-part="code-slots" data-state={full ? 'complete' : 'incomplete'} aria-hidden="true">
        {slots.map(({ index, char, active }) => (
          <div
            key={index}
            data-part="code-slot"
            data-state={char === undefined ? 'empty' : 'filled'}
            {...(active ? { 'data-active': '' } : {})}
            {...(invalid ? { 'data-invalid': '' } : {})}
            className={slotClassName}
          >
            {char}
            {active && start === end && char === undefined ? <span data-part="code-caret" /> : null}
          </div>
        ))}
      </div>
    </div>
  )
})
