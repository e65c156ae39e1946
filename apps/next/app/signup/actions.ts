'use server'

import { isOtpError } from '@otpflow/core'
import { verifyPhoneToken } from '@otpflow/server'
import { otpEndpoint } from '../../lib/otp-endpoint'
import { signupRequestSchema } from './signup-schema'

export type SignupResult =
  | { status: 'created'; name: string; phoneNumber: string }
  | { status: 'refused'; code: string; message: string }

const REFUSALS: Record<string, string> = {
  expired_token: 'Your phone verification has expired. Verify your number again.',
  token_used: 'This verification was already used to create an account. Verify your number again.',
  invalid_token: 'The phone verification could not be checked. Verify your number again.',
  sandbox_token: 'The phone verification could not be checked. Verify your number again.',
  service_unavailable: 'The service is unavailable right now. Try again in a moment.',
}

/**
 * Creates the account: a Server Action, so the browser calls it like a function and Next.js posts the form's values to
 * it. The "verified" state in the browser proves nothing: the proof is checked here, with the secret that signed it,
 * and spent in the endpoint's store, so one verification makes one account.
 */
export async function createAccount(values: unknown): Promise<SignupResult> {
  const parsed = signupRequestSchema.safeParse(values)
  if (!parsed.success) return { status: 'refused', code: 'invalid_request', message: 'Check the form and try again.' }
  const { name, phone } = parsed.data
  const { handler, secret } = otpEndpoint()
  try {
    const verified = await verifyPhoneToken(phone.token, {
      secret,
      // A sandbox proof is worth something only while the app itself runs on the sandbox.
      allowSandbox: handler.sandbox !== undefined,
      store: handler.store,
    })
    // The number the proof carries, never the one the browser sent beside it.
    return { status: 'created', name, phoneNumber: verified.phoneNumber }
  } catch (error) {
    if (isOtpError(error)) {
      return { status: 'refused', code: error.code, message: REFUSALS[error.code] ?? 'The account could not be created.' }
    }
    throw error
  }
}
