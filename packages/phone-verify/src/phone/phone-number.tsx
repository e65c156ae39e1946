import type { ReactNode } from 'react'
import { getPhoneKit } from './metadata'

/** "+44 7700 900123" once the phone kit is there, the E.164 number before. */
export const international = (e164: string | undefined): string =>
  e164 ? (getPhoneKit()?.formatInternational(e164) ?? e164) : ''

/** A phone number inside text: kept on one line and left to right, in any page direction. */
export function PhoneNumber({ children }: { children: string }): ReactNode {
  return isolateIn(children, children)
}

/**
 * A message with a value in it (a phone number, a countdown), the value set apart left to right in a `<bdi>`. The
 * kit does it, not each language's strings: an app's own wording, or a string without isolating characters, on a
 * right-to-left page would otherwise draw `+20 7700900123` as `7700900123 20+`.
 */
export function isolateIn(text: string, value: string, part = 'phone-number'): ReactNode {
  const at = value ? text.indexOf(value) : -1
  if (at < 0) return text
  return (
    <>
      {text.slice(0, at)}
      <bdi dir="ltr" data-scope="phone-verify" data-part={part}>
        {value}
      </bdi>
      {text.slice(at + value.length)}
    </>
  )
}

/** A message with the phone number in it, the number set apart as a {@link PhoneNumber}. */
export const withNumber = (text: string, number: string): ReactNode => isolateIn(text, number)
