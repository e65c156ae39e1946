import type { CountryCode } from 'libphonenumber-js/core'
import { useState } from 'react'
import { PhoneField, type PhoneValueDetails } from './phone-field'

/** A `PhoneField` with its country in state, as an app holds it, showing the country and E.164 it reports. */
export function PhoneFieldHarness({ initialCountry, defaultValue }: { initialCountry: CountryCode; defaultValue?: string }) {
  const [country, setCountry] = useState<CountryCode | undefined>(initialCountry)
  const [details, setDetails] = useState<PhoneValueDetails>()
  return (
    <>
      <label htmlFor="phone">Phone number</label>
      <PhoneField
        id="phone"
        country={country}
        onCountryChange={setCountry}
        onValueChange={setDetails}
        {...(defaultValue === undefined ? {} : { defaultValue })}
      />
      <output data-testid="country">{country}</output>
      <output data-testid="e164">{details?.e164 ?? ''}</output>
      <button type="button" onClick={() => setCountry('FR')}>
        France
      </button>
    </>
  )
}
