import type { RefObject } from 'react'

/** The value a form field bound to `<PhoneVerify>` holds once the number is verified. */
export interface PhoneVerifyFieldValue {
  /** The verified number, E.164 (`+447700900123`). */
  phoneNumber: string
  /**
   * The proof the app's backend checks with `verifyPhoneToken`. `undefined` when the client issues none (the
   * in-browser sandbox of `@otpflow/core/sandbox`, Ding called directly): there is then nothing a server could check.
   */
  token: string | undefined
}

/** What a form asks of `<PhoneVerify>` through its field handle. */
export interface FieldHandle {
  /** Focuses the control the user acts on next: the phone input, the code field, or the verified message. */
  focus: () => void
  /** Forgets the flow (and what it stored): back to the number step. */
  reset: () => void
}

/**
 * How a form library's field drives `<PhoneVerify>` (internal: the react-hook-form entry builds one). The component
 * reports its verified value, shows the form's error on the control on screen, and answers focus and reset.
 */
export interface FieldBinding {
  /** The form's error for the field, or `undefined`; an empty message shows the component's own words. */
  error: { message: string } | undefined
  /** Called with the verified value, and with `null` when the number is no longer verified; only on a change. */
  onValueChange: (value: PhoneVerifyFieldValue | null) => void
  /** The focus left the component for another element of the page. */
  onBlur: () => void
  handle: RefObject<FieldHandle | null>
}
