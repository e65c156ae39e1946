import type { OtpContract, OtpError } from '@otpflow/core'
import type { CaptchaOption, UseOtpFlowOptions, VerifiedDetails } from '@otpflow/react'
import type { MessagesOverride } from './messages'
import type { CountryCode } from './phone/phone-text'

/** Classes for each part of `<PhoneVerify>`, added to the part's own `data-part` hooks. */
export interface PhoneVerifyClassNames {
  root?: string
  phoneStep?: string
  codeStep?: string
  verifiedStep?: string
  label?: string
  hint?: string
  countryPicker?: string
  countryList?: string
  countryOption?: string
  phoneField?: string
  sendButton?: string
  codeField?: string
  codeInput?: string
  codeSlot?: string
  verifyButton?: string
  resendButton?: string
  /** The other ways to get the code, beside the resend button. */
  channelOffer?: string
  channelButton?: string
  changeNumberButton?: string
  verifyAgainButton?: string
  humanCheck?: string
  status?: string
  actionButton?: string
}

export interface PhoneVerifyProps {
  /** The app's endpoint (`createOtpHandler`). Ignored when `client` is set. @default "/api/otp" (or the provider above) */
  endpoint?: string
  /** Any `OtpContract`: `createOtpClient(…)`, `createSandbox()`, a test double. */
  client?: OtpContract
  /**
   * Called once when the code is accepted, with the E.164 number, the proof for the backend and when it expires; again
   * with `restored: true` when a reload brings the verified number back (`flowOptions.persist`).
   */
  onVerified?: (details: VerifiedDetails) => void
  /** Called with every error the flow shows. */
  onError?: (error: OtpError) => void
  /** The country chosen at first. @default the region of the browser's language, else the first of `allowedCountries`, else US */
  defaultCountry?: CountryCode
  /**
   * Only these countries are offered, in this order: pass the list the endpoint's `allowedCountries` accepts.
   * @default every country
   */
  allowedCountries?: readonly CountryCode[]
  /** @deprecated Use `allowedCountries`, the word the endpoint uses for the same list. */
  countries?: readonly CountryCode[]
  /** Countries listed first. @default [] */
  preferredCountries?: readonly CountryCode[]
  /** A number to start with, in any form (`+44 7700 900123`, `07700 900123`). */
  defaultPhoneNumber?: string
  /**
   * BCP 47 locale of the country names, numbers and countdowns (`"fr-CA"`). The strings and the direction come from
   * `messages`. @default `messages.locale`, else "en"
   */
  locale?: string
  /**
   * The strings: a shipped language (`import { fr } from '@otpflow/phone-verify/locales/fr'`), a complete `Messages`
   * of your own, or some strings to replace over English (`errors` may be partial). @default English
   */
  messages?: MessagesOverride
  /** Digits of the code. @default 6 */
  codeLength?: number
  /** Checks the code as soon as it is complete. @default true */
  autoSubmit?: boolean
  /** Disables every control. @default false */
  disabled?: boolean
  /** Class of the root element, beside `classNames.root`. */
  className?: string
  /** A class for each part, added to its `data-part` hooks; one class wins over the stylesheet. */
  classNames?: PhoneVerifyClassNames
  /** Leaves out the stylesheet's rules (the `data-*` hooks stay). @default false */
  unstyled?: boolean
  /** Name of a hidden input carrying the verification token, for a surrounding `<form>`. */
  name?: string
  /**
   * The human check the endpoint may ask for before it sends a code (403 `captcha_required`, see `OtpError.captcha`):
   * a render slot (`{ render: ({ challenge, onToken, onError }) => … }`, e.g. `vendorCaptcha()` from
   * `@otpflow/phone-verify/captcha`), shown under the number only when the endpoint asks, or an async
   * `{ getToken: (challenge) => … }` for an invisible widget. The code is then sent with its token, to the same
   * number. Without it `captcha_required` shows its message and keeps the number.
   */
  captcha?: CaptchaOption
  /** Options passed to `useOtpFlow` (persistence, clock, resend delay, attempts per code). */
  flowOptions?: Pick<UseOtpFlowOptions, 'persist' | 'clock' | 'resendDelay' | 'maxAttempts'>
}
