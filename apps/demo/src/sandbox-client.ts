import type { OtpContract } from '@otpflow/core'

/**
 * Wraps the endpoint client so the page learns which number a code was just sent to, which is what the sandbox inbox
 * panel asks the outbox for. The flow itself sees the same contract, untouched.
 */
export function reportSends(client: OtpContract, onSent: (phoneNumber: string | undefined) => void): OtpContract {
  return {
    createAuthentication: async (input, options) => {
      const result = await client.createAuthentication(input, options)
      onSent(input.phoneNumber)
      return result
    },
    check: (input, options) => client.check(input, options),
    retry: async (input, options) => {
      const result = await client.retry(input, options)
      onSent(undefined)
      return result
    },
  }
}
