import type { Messages } from '../messages'

export const en: Messages = {
  dir: 'ltr',
  country: 'Country',
  noCountryFound: 'No country found',
  phoneNumber: 'Phone number',
  phoneHint: 'We will text you a code to confirm this number.',
  sendCode: 'Send code',
  sending: 'Sending…',
  codeSentTo: (phoneNumber) => `Code sent to ${phoneNumber}`,
  verificationCode: 'Verification code',
  codeHint: (length, f) => `Enter the ${f.number(length)}-digit code from the text message.`,
  verify: 'Verify',
  verifying: 'Verifying…',
  resendCode: 'Resend code',
  resendCodeIn: (seconds, f) => `Resend code in ${f.countdown(seconds)}`,
  resending: 'Sending a new code…',
  noMoreCodes: 'No more codes can be sent',
  resendAvailable: 'You can request a new code now',
  changeNumber: 'Change number',
  tryAgain: 'Try again',
  sendNewCode: 'Send a new code',
  verified: 'Phone number verified',
  attemptsLeft: (count, f) => (count === 1 ? '1 attempt left' : `${f.number(count)} attempts left`),
  errors: {
    invalidNumber: 'Enter a valid phone number.',
    landline: 'This number cannot receive text messages. Enter a mobile number.',
    unsupportedRegion: 'We cannot send codes to this country. Choose another country or number.',
    rateLimited: (after, f) =>
      after === undefined
        ? 'Too many requests. Wait a moment, then try again.'
        : `Too many requests. Try again ${f.wait(after)}.`,
    blocked: 'This number cannot be verified. Use another number.',
    wrongCode: 'That code is not right. Check the text message and try again.',
    expired: 'This code has expired',
    tooManyAttempts: 'Too many wrong codes. Request a new code.',
    noResendsLeft: 'No more codes can be sent to this number. Use another number or try later.',
    network: 'No connection to the server. Check your connection and try again.',
    timeout: 'The server took too long to answer. Try again.',
    unavailable: 'The service is unavailable right now. Try again in a few minutes.',
    unknown: 'Something went wrong. Try again.',
  },
}
