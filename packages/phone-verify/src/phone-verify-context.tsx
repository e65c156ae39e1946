import type { Clock, OtpChannel } from '@otpflow/core'
import type { CaptchaOption, UseOtpFlowResult } from '@otpflow/react'
import { createContext, createRef, type RefObject, useContext, useId, useState } from 'react'
import type { MessageFormat, Messages } from './messages'
import type { CountryCode } from './phone/phone-text'
import type { Announcement, ErrorAction, ErrorDescription, PhoneVerifyStep } from './phone-verify-decisions'
import type { PhoneVerifyClassNames } from './phone-verify-props'
import type { NumberEntry } from './use-number-entry'

/** The elements the focus is moved to as the flow goes on. */
export interface PartRefs {
  root: RefObject<HTMLDivElement | null>
  phone: RefObject<HTMLInputElement | null>
  sendButton: RefObject<HTMLButtonElement | null>
  code: RefObject<HTMLInputElement | null>
  resendButton: RefObject<HTMLButtonElement | null>
  verifiedMessage: RefObject<HTMLParagraphElement | null>
  actionButton: RefObject<HTMLButtonElement | null>
  humanCheck: RefObject<HTMLFieldSetElement | null>
}

/** What the user can do, each already ignoring what does not apply in the current state. */
export interface VerifyActions {
  /** Sends a code to the number shown, once it validates; the field takes the focus when it does not. */
  send: () => void
  /** Checks a code; the code just rejected is not checked again, and the user is told so. */
  checkCode: (code: string) => void
  resend: () => void
  /** Sends the code again on another channel ("Call me instead"), once the resend is open. */
  switchChannel: (channel: OtpChannel) => void
  changeNumber: () => void
  /** A new code to the same number: after expiry (the flow's resend) or after too many wrong codes (a new send). */
  sendNewCode: () => void
  /** A new code, then a new proof, for the number just verified. */
  verifyAgain: () => void
  /** Runs the way out an error offers. */
  takeWayOut: (action: ErrorAction) => void
}

/** What the steps of `<PhoneVerify>` share: the flow, the props they read, what is typed and shown, the actions. */
export interface PhoneVerifyContextValue {
  flow: UseOtpFlowResult
  step: PhoneVerifyStep
  messages: Messages
  format: MessageFormat
  /** Locale of the country names, numbers and countdowns. */
  locale: string
  clock: Clock
  disabled: boolean
  classNames: PhoneVerifyClassNames
  allowedCountries: readonly CountryCode[] | undefined
  preferredCountries: readonly CountryCode[] | undefined
  codeLength: number
  autoSubmit: boolean
  /** The human check the app shows when the endpoint asks for one. */
  captcha: CaptchaOption | undefined
  ids: PartIds
  refs: PartRefs
  number: NumberEntry
  /** The code typed so far. */
  code: string
  setCode: (code: string) => void
  /** The error on screen, if any. */
  error: ErrorDescription | undefined
  /** Forgets the flow's error on screen: the number it was about is being edited. */
  dismissError: () => void
  announcement: Announcement | undefined
  setAnnouncement: (announcement: Announcement | undefined) => void
  actions: VerifyActions
}

const PhoneVerifyContext = createContext<PhoneVerifyContextValue | null>(null)

export const PhoneVerifyProvider = PhoneVerifyContext.Provider

/** The state shared by the steps of `<PhoneVerify>`, which render only inside it (they are not exported). */
export function usePhoneVerify(): PhoneVerifyContextValue {
  return useContext(PhoneVerifyContext) as PhoneVerifyContextValue
}

/** `id`s that tie labels, hints and the error to their fields. */
export interface PartIds {
  phone: string
  phoneHint: string
  code: string
  codeHint: string
  error: string
  humanCheck: string
}

export function usePartIds(): PartIds {
  const id = useId()
  return {
    phone: `${id}-phone`,
    phoneHint: `${id}-phone-hint`,
    code: `${id}-code`,
    codeHint: `${id}-code-hint`,
    error: `${id}-error`,
    humanCheck: `${id}-human-check`,
  }
}

/** One ref per element the focus goes to, the same for the component's whole life. */
export function usePartRefs(): PartRefs {
  const [refs] = useState<PartRefs>(() => ({
    root: createRef(),
    phone: createRef(),
    sendButton: createRef(),
    code: createRef(),
    resendButton: createRef(),
    verifiedMessage: createRef(),
    actionButton: createRef(),
    humanCheck: createRef(),
  }))
  return refs
}
