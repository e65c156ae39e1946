import type { Clock } from '@otpflow/core'
import { useCountdown } from '@otpflow/react'
import { type ComponentPropsWithoutRef, forwardRef, useEffect, useRef } from 'react'
import { en } from './locales/en'
import { createMessageFormat, type MessageFormat, type Messages } from './messages'
import { isolateIn } from './phone/phone-number'
import { composeHandlers } from './use-merged-ref'

export type ResendButtonMessages = Pick<Messages, 'resendCode' | 'resendCodeIn' | 'resending' | 'noMoreCodes'>

export interface ResendButtonProps extends Omit<ComponentPropsWithoutRef<'button'>, 'children' | 'type'> {
  /** When a resend becomes possible (the flow's `resendAvailableAt`, from the server's deadline). */
  availableAt: Date | undefined
  /** Resends left, when known; `0` shows "No more codes can be sent". */
  remaining?: number | undefined
  /** A resend is in flight. @default false */
  pending?: boolean
  /** Called on a click once the resend is available (never during the countdown, while pending or with none left). */
  onResend: () => void
  /** Called once when the countdown reaches zero (to announce "You can request a new code now"). */
  onAvailable?: () => void
  /** @default the system clock */
  clock?: Clock
  /** Locale of the countdown's digits. @default "en" */
  locale?: string
  /** The button's words; each one left out is English's (`resendCode`, `resendCodeIn`, `resending`, `noMoreCodes`). */
  messages?: Partial<ResendButtonMessages>
}

/**
 * The resend button: disabled and named with its countdown ("Resend code in 0:27") until the server's deadline,
 * then "Resend code"; "No more codes can be sent" once none are left. While a resend is on its way it keeps the focus
 * and is `aria-disabled`.
 */
export const ResendButton = forwardRef<HTMLButtonElement, ResendButtonProps>(function ResendButton(
  {
    availableAt,
    remaining,
    pending = false,
    onResend,
    onAvailable,
    clock,
    locale = 'en',
    messages: messagesProp,
    disabled,
    onClick,
    ...props
  },
  ref,
) {
  const messages = { ...en, ...messagesProp }
  const seconds = useCountdown(availableAt, clock ? { clock } : undefined)
  const previous = useRef(seconds)
  const onAvailableRef = useRef(onAvailable)
  onAvailableRef.current = onAvailable
  useEffect(() => {
    if (previous.current > 0 && seconds === 0) onAvailableRef.current?.()
    previous.current = seconds
  }, [seconds])

  const state = remaining === 0 ? 'exhausted' : pending ? 'pending' : seconds > 0 ? 'waiting' : 'ready'
  const label =
    state === 'exhausted'
      ? messages.noMoreCodes
      : state === 'pending'
        ? messages.resending
        : state === 'waiting'
          ? countdownLabel(messages, seconds, createMessageFormat(locale))
          : messages.resendCode
  return (
    <button
      ref={ref}
      type="button"
      data-scope="phone-verify"
      data-part="resend-button"
      data-state={state}
      // Pressed, it stays focusable while the new code is on its way (aria-disabled): a disabled button would drop the
      // keyboard focus to the page.
      disabled={disabled || state === 'waiting' || state === 'exhausted'}
      aria-disabled={state === 'pending' || undefined}
      {...props}
      onClick={composeHandlers(onClick, () => {
        if (state === 'ready') onResend()
      })}
    >
      {label}
    </button>
  )
})

/** "Resend code in 0:27", the countdown kept left to right in any page direction. */
function countdownLabel(messages: ResendButtonMessages, seconds: number, f: MessageFormat) {
  return isolateIn(messages.resendCodeIn(seconds, f), f.countdown(seconds), 'countdown')
}
