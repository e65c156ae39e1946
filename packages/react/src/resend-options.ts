import type { OtpChannel } from '@otpflow/core'

/** What `resend()` takes besides the flow: another way to send the code. */
export interface ResendOptions {
  /**
   * The channel to send the code on this time ("Call me instead": `'voice'`; `'whatsapp'`): one of the flow's
   * `availableChannels`, another is ignored. Without it the code goes out again on the channel in use.
   */
  channel?: OtpChannel | undefined
}

/** What `send()` takes besides the number. */
export interface SendOptions {
  /**
   * The channel of the first code (`'voice'`, `'whatsapp'`), when the endpoint offers it for the number (else it
   * answers `unsupported_channel`). Without it the endpoint uses its first channel, SMS unless configured otherwise.
   */
  channel?: OtpChannel | undefined
}
