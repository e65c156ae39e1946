import type { ReactNode } from 'react'
import { CountryPicker } from '../phone/country-picker'
import { PhoneField } from '../phone/phone-field'
import { usePhoneVerify } from '../phone-verify-context'
import { sendPending } from '../phone-verify-decisions'
import { HumanCheck } from './human-check'

/** The first step: the country, the number, and Send code. */
export function NumberStep(): ReactNode {
  const {
    flow,
    messages,
    locale,
    disabled,
    classNames,
    allowedCountries,
    preferredCountries,
    ids,
    refs,
    number,
    error,
    dismissError,
    actions,
  } = usePhoneVerify()
  const sending = sendPending(flow)
  const invalid = error?.field === 'phone'
  return (
    <div
      data-scope="phone-verify"
      data-part="phone-step"
      data-state={sending ? 'pending' : 'idle'}
      className={classNames.phoneStep}
    >
      <label htmlFor={ids.phone} data-scope="phone-verify" data-part="label" className={classNames.label}>
        {messages.phoneNumber}
      </label>
      <div data-scope="phone-verify" data-part="phone-row">
        <CountryPicker
          value={number.country}
          onValueChange={(next) => {
            number.setCountry(next)
            number.clearInvalid()
            // The number comes next: typed into the picker it would search countries ("7700": no country found).
            const phone = refs.phone.current
            if (phone) {
              phone.focus()
              phone.setSelectionRange(phone.value.length, phone.value.length)
            }
          }}
          locale={locale}
          messages={messages}
          disabled={disabled}
          allowedCountries={allowedCountries}
          preferredCountries={preferredCountries}
          className={classNames.countryPicker}
          listClassName={classNames.countryList}
          optionClassName={classNames.countryOption}
        />
        <PhoneField
          ref={refs.phone}
          id={ids.phone}
          value={number.text}
          country={number.country}
          onCountryChange={number.setCountry}
          onValueChange={(details) => {
            number.change(details)
            dismissError()
          }}
          onKeyDown={(event) => {
            if (event.key !== 'Enter') return
            // Sends the code instead of submitting a surrounding form.
            event.preventDefault()
            actions.send()
          }}
          disabled={disabled}
          // The code goes to the number as it was when sent (or asked a human check for): an edit now would show a number
          // that gets no code. Change number, beside the check, makes it editable again.
          readOnly={sending || flow.status === 'humanCheck'}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? `${ids.phoneHint} ${ids.error}` : ids.phoneHint}
          {...(invalid ? { 'data-invalid': '' } : {})}
          className={classNames.phoneField}
        />
      </div>
      <p id={ids.phoneHint} data-scope="phone-verify" data-part="hint" className={classNames.hint}>
        {messages.phoneHint}
      </p>
      <button
        ref={refs.sendButton}
        type="button"
        data-scope="phone-verify"
        data-part="send-button"
        data-state={sending ? 'pending' : 'idle'}
        // aria-disabled rather than disabled while sending: the button keeps the focus and cannot send twice.
        aria-disabled={sending || undefined}
        disabled={disabled}
        className={classNames.sendButton}
        onClick={actions.send}
      >
        {sending ? messages.sending : messages.sendCode}
      </button>
      <HumanCheck />
    </div>
  )
}
