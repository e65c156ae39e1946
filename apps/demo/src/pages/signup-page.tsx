import { createEndpointClient } from '@otpflow/core'
import { PhoneVerify } from '@otpflow/phone-verify'
import { locales } from '@otpflow/phone-verify/locales'
import '@otpflow/phone-verify/styles.css'
import { type FormEvent, useId, useMemo, useState } from 'react'
import type { DemoLocale, DemoStrings } from '../i18n'
import { reportSends } from '../sandbox-client'

export interface SignupPageProps {
  locale: DemoLocale
  t: DemoStrings
  onSent: (phoneNumber: string | undefined) => void
}

type SignupResult =
  | { status: 'submitting' }
  | { status: 'created'; name: string; phoneNumber: string }
  | { status: 'refused'; message: string }

/** A realistic signup form: the verification token rides along in the form's hidden `phone_token` input. */
export function SignupPage({ locale, t, onSent }: SignupPageProps) {
  const client = useMemo(() => reportSends(createEndpointClient({ baseUrl: '/api/otp' }), onSent), [onSent])
  const [result, setResult] = useState<SignupResult>()
  const nameId = useId()
  const emailId = useId()
  const titleId = useId()

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const fields = Object.fromEntries([...form.entries()].map(([key, value]) => [key, String(value)]))
    if (!fields.phone_token) {
      setResult({ status: 'refused', message: t.verifyFirst })
      return
    }
    setResult({ status: 'submitting' })
    try {
      const response = await fetch('/api/signup', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(fields),
      })
      const body = (await response.json()) as { name?: string; phone_number?: string; code?: string }
      if (response.ok && body.phone_number)
        setResult({ status: 'created', name: body.name ?? '', phoneNumber: body.phone_number })
      else setResult({ status: 'refused', message: t.signupFailed(body.code ?? String(response.status)) })
    } catch {
      setResult({ status: 'refused', message: t.signupFailed('network_error') })
    }
  }

  return (
    <section aria-labelledby={titleId} className="demo-card">
      <h1 id={titleId}>{t.signupTitle}</h1>
      <p className="demo-intro">{t.signupIntro}</p>
      <form className="demo-form" onSubmit={onSubmit}>
        <div className="demo-field">
          <label htmlFor={nameId}>{t.name}</label>
          <input id={nameId} name="name" autoComplete="name" required />
        </div>
        <div className="demo-field">
          <label htmlFor={emailId}>{t.email}</label>
          <input id={emailId} name="email" type="email" autoComplete="email" required />
        </div>
        <PhoneVerify client={client} messages={locales[locale]} name="phone_token" />
        <button type="submit" className="demo-button" disabled={result?.status === 'submitting'}>
          {result?.status === 'submitting' ? t.creatingAccount : t.createAccount}
        </button>
      </form>
      <div role="status" className="demo-result">
        {result?.status === 'created' ? (
          <p data-testid="signup-result">
            {t.accountCreated(result.name)} <bdi dir="ltr">{result.phoneNumber}</bdi>
          </p>
        ) : null}
      </div>
      <div role="alert" className="demo-error">
        {result?.status === 'refused' ? <p>{result.message}</p> : null}
      </div>
    </section>
  )
}
