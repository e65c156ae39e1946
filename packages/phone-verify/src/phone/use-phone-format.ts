import { useCallback } from 'react'
import { usePhoneKit } from './use-phone-kit'

/**
 * Writes an E.164 number as people read it (`+44 7700 900123`), with the phone kit `<PhoneVerify>` formats with
 * (libphonenumber-js, in a chunk of its own, loaded once after the first render). Until it has arrived, and on the
 * server, the E.164 text stands in, so a server-rendered page hydrates without a mismatch. Print the result inside
 * `<bdi dir="ltr">` on pages that may run right to left.
 *
 * @example
 * const format = usePhoneFormat()
 * return <p>Verified: <bdi dir="ltr">{format(phoneNumber)}</bdi></p>
 */
export function usePhoneFormat(): (e164: string) => string {
  const kit = usePhoneKit()
  return useCallback((e164: string) => (kit ? kit.formatInternational(e164) : e164), [kit])
}
