import type { OtpContract } from '@otpflow/core'

/**
 * Wraps the endpoint client so the page learns when a code was just sent or resent, which is when the sandbox inbox
 * reads the outbox again. The flow itself sees the same contract, untouched.
 */
export function reportSends(client: OtpContract, onSent: () => void): OtpContract {
  return {
    createAuthentication: async (input, options) => {
      const result = await client.createAuthentication(input, options)
      onSent()
      return result
    },
    check: (input, options) => client.check(input, options),
    retry: async (input, options) => {
      const result = await client.retry(input, options)
      onSent()
      return result
    },
  }
}
