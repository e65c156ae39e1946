import { createEndpointClient } from '@otpflow/core'
import { PhoneVerify, usePhoneFormat } from '@otpflow/phone-verify'
import { vendorCaptcha } from '@otpflow/phone-verify/captcha'
import { locales } from '@otpflow/phone-verify/locales'
import '@otpflow/phone-verify/styles.css'
import { type FormEvent, type RefObject, useEffect, useId, useMemo, useRef, useState } from 'react'
import type { DemoLocale, DemoStrings } from '../i18n'
import { reportSends } from '../sandbox-client'

export interface SignupPageProps {
  locale: DemoLocale
  t: DemoStrings
  /** After each send or resend. */
  onSent: () => void
  /** The E.164 number whose code step is on screen, `undefined` on the other steps. */
  onCodeStep: (phoneNumber: string | undefined) => void
}

type SignupResult =
  | { status: 'submitting' }
  | { status: 'created'; name: string; phoneNumber: string }
  | { status: 'refused'; message: string }

/** What the page says for each refusal of `/api/signup`: words, never the server's code. */
function refusalMessage(t: DemoStrings, code: string | undefined): string {
  if (code === 'expired_token') return t.signupExpired
  if (code === 'invalid_token' || code === 'sandbox_token' || code === 'token_used' || code === 'invalid_request')
    return t.signupRejected
  return t.signupFailed
}

/**
 * Follows the number of the code step `<PhoneVerify>` shows, through its `data-part` hooks: the component has no
 * callback for its steps, and a step resumed from the session (a reload, "change number" and back) sends nothing the
 * client could report.
 */
function useCodeStepNumber(container: RefObject<HTMLElement | null>, onChange: (phoneNumber: string | undefined) => void) {
  useEffect(() => {
    const element = container.current
    if (!element) return
    let last: string | undefined
    const read = () => {
      const shown = element.querySelector(
        '[data-scope="phone-verify"][data-part="code-step"] [data-part="sent-to"] [data-part="phone-number"]',
      )?.textContent
      // Shown "+44 7700 900123" (or E.164 before the phone kit has loaded): its digits after the + are the E.164 number.
      const digits = shown?.replace(/\D/g, '')
      const phoneNumber = shown?.trim().startsWith('+') && digits ? `+${digits}` : undefined
      if (phoneNumber === last) return
      last = phoneNumber
      onChange(phoneNumber)
    }
    read()
    const observer = new MutationObserver(read)
    observer.observe(element, { childList: true, subtree: true, characterData: true })
    return () => {
      observer.disconnect()
      onChange(undefined)
    }
  }, [container, onChange])
}

/** The human check the endpoint may ask for (OTP_CAPTCHA and its keys): nothing of it loads until it does. */
const captcha = vendorCaptcha()

/** A realistic signup form: the verification token rides along in the form's hidden `phone_token` input. */
export function SignupPage({ locale, t, onSent, onCodeStep }: SignupPageProps) {
  const client = useMemo(() => reportSends(createEndpointClient({ baseUrl: '/api/otp' }), onSent), [onSent])
  const format = usePhoneFormat()
  const [result, setResult] = useState<SignupResult>()
  const submitting = useRef(false)
  const formRef = useRef<HTMLFormElement>(null)
  const messageRef = useRef<HTMLParagraphElement>(null)
  const nameId = useId()
  const emailId = useId()
  const titleId = useId()
  useCodeStepNumber(formRef, onCodeStep)

  // The answer takes the focus, so it is read out and the next Tab continues from it; the button keeps the focus
  // while the form is sent (it is only aria-disabled), so it never falls to <body>.
  useEffect(() => {
    if (result?.status === 'created' || result?.status === 'refused') messageRef.current?.focus()
  }, [result])

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (submitting.current) return
    const form = new FormData(event.currentTarget)
    const fields = Object.fromEntries([...form.entries()].map(([key, value]) => [key, String(value)]))
    if (!fields.phone_token) {
      setResult({ status: 'refused', message: t.verifyFirst })
      return
    }
    submitting.current = true
    setResult({ status: 'submitting' })
    try {
      const response = await fetch('/api/signup', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(fields),
      })
      const body = (await response.json().catch(() => ({}))) as { name?: string; phone_number?: string; code?: string }
      if (response.ok && body.phone_number)
        setResult({ status: 'created', name: body.name ?? '', phoneNumber: body.phone_number })
      else setResult({ status: 'refused', message: refusalMessage(t, body.code) })
    } catch {
      setResult({ status: 'refused', message: t.signupNetwork })
    } finally {
      submitting.current = false
    }
  }

  const busy = result?.status === 'submitting'
  return (
    <section aria-labelledby={titleId} className="demo-card">
      <h1 id={titleId}>{t.signupTitle}</h1>
      <p className="demo-intro">{t.signupIntro}</p>
      <form ref={formRef} className="demo-form" onSubmit={onSubmit}>
        <div className="demo-field">
          <label htmlFor={nameId}>{t.name}</label>
          <input id={nameId} name="name" autoComplete="name" required />
        </div>
        <div className="demo-field">
          <label htmlFor={emailId}>{t.email}</label>
          <input id={emailId} name="email" type="email" autoComplete="email" required />
        </div>
        <PhoneVerify client={client} messages={locales[locale]} name="phone_token" captcha={captcha} />
        <button type="submit" className="demo-button" aria-disabled={busy || undefined}>
          {busy ? t.creatingAccount : t.createAccount}
        </button>
      </form>
      {result?.status === 'created' ? (
        <p ref={messageRef} tabIndex={-1} className="demo-result" data-testid="signup-result">
          {t.accountCreated(result.name)} <bdi dir="ltr">{format(result.phoneNumber)}</bdi>
        </p>
      ) : result?.status === 'refused' ? (
        <p ref={messageRef} tabIndex={-1} className="demo-error" data-testid="signup-error">
          {result.message}
        </p>
      ) : null}
    </section>
  )
}
