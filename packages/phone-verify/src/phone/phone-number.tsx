import type { ReactNode } from 'react'
import { getPhoneKit } from './metadata'

/** "+44 7700 900123" once the phone kit is there, the E.164 number before. */
export const international = (e164: string | undefined): string =>
  e164 ? (getPhoneKit()?.formatInternational(e164) ?? e164) : ''

/** A phone number inside text: kept on one line and left to right, in any page direction. */
export function PhoneNumber({ children }: { children: string }): ReactNode {
  return (
    <bdi dir="ltr" data-scope="phone-verify" data-part="phone-number">
      {children}
    </bdi>
  )
}

/** A message with the phone number in it, the number set apart as a {@link PhoneNumber}. */
export function withNumber(text: string, number: string): ReactNode {
  const at = number ? text.indexOf(number) : -1
  if (at < 0) return text
  return (
    <>
      {text.slice(0, at)}
      <PhoneNumber>{number}</PhoneNumber>
      {text.slice(at + number.length)}
    </>
  )
}
