/**
 * Phone numbers with a scripted answer in the sandbox, like the test cards of a payment sandbox.
 * They sit in the US fictional range 202-555-01xx, so they can never reach a real person.
 * Every other valid E.164 number behaves normally (a code lands in the outbox).
 *
 * | constant | number | send answer |
 * |---|---|---|
 * | `spamDetected` | `+12025550101` | 200, `status: 'spam_detected'`, no code sent |
 * | `rateLimited` | `+12025550102` | 200, `status: 'rate_limited'`, no code sent |
 * | `invalidPhoneNumber` | `+12025550103` | throws `OtpError('invalid_phone_number')`, HTTP 400 |
 * | `invalidLine` | `+12025550104` | throws `OtpError('invalid_line')`, HTTP 400 (a landline) |
 * | `serverError` | `+12025550105` | throws `OtpError('server_error')`, HTTP 500 |
 * | `slow` | `+12025550106` | answers normally after `slowMs` (default 8 s) |
 * | `noWhatsApp` | `+12025550107` | SMS and calls work; a send or resend by WhatsApp throws `OtpError('unsupported_channel')`, HTTP 400 |
 * | `noVoice` | `+12025550108` | SMS and WhatsApp work; a send or resend by a call throws `OtpError('unsupported_channel')`, HTTP 400 (a number that takes no calls) |
 */
export const SANDBOX_TEST_NUMBERS = {
  spamDetected: '+12025550101',
  rateLimited: '+12025550102',
  invalidPhoneNumber: '+12025550103',
  invalidLine: '+12025550104',
  serverError: '+12025550105',
  slow: '+12025550106',
  noWhatsApp: '+12025550107',
  noVoice: '+12025550108',
} as const

export type SandboxTestNumber = (typeof SANDBOX_TEST_NUMBERS)[keyof typeof SANDBOX_TEST_NUMBERS]

const TEST_NUMBERS: ReadonlySet<string> = new Set(Object.values(SANDBOX_TEST_NUMBERS))

/** Whether `phoneNumber` (E.164) is one of {@link SANDBOX_TEST_NUMBERS}. */
export function isSandboxTestNumber(phoneNumber: string): phoneNumber is SandboxTestNumber {
  return TEST_NUMBERS.has(phoneNumber)
}
