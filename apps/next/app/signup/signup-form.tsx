'use client'

import { zodResolver } from '@hookform/resolvers/zod'
import { createEndpointClient, type OtpContract } from '@otpflow/core'
import { usePhoneFormat } from '@otpflow/phone-verify'
import { vendorCaptcha } from '@otpflow/phone-verify/captcha'
import { createPhoneVerifyFieldSchema, PhoneVerifyField } from '@otpflow/phone-verify/react-hook-form'
import { type RefObject, useCallback, useEffect, useId, useMemo, useRef, useState, useTransition } from 'react'
import { useForm } from 'react-hook-form'
import { z } from 'zod'
import { createAccount, type SignupResult } from './actions'
import { SandboxInbox } from './sandbox-inbox'
import { accountFields } from './signup-schema'

/** The form's schema: the phone is valid once verified, with the proof the Server Action checks. */
const signupFormSchema = z.object({
  ...accountFields,
  phone: createPhoneVerifyFieldSchema({ message: 'Verify your phone number: send a code and enter it.' }),
})
type SignupInput = z.input<typeof signupFormSchema>
/** The human check the endpoint may ask for (OTP_CAPTCHA): nothing of it loads until it does. */
const captcha = vendorCaptcha()
type SignupValues = z.output<typeof signupFormSchema>

/** The endpoint's client, telling the page when a code was just sent or resent (when the sandbox inbox reads again). */
function reportSends(client: OtpContract, onSent: () => void): OtpContract {
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

/**
 * The number of the code step on screen, read from `<PhoneVerify>`'s `data-part` hooks: a step resumed after a reload
 * sends nothing the client could report, and the inbox must still show its code.
 */
function useCodeStepNumber(container: RefObject<HTMLElement | null>): string | undefined {
  const [phoneNumber, setPhoneNumber] = useState<string>()
  useEffect(() => {
    const element = container.current
    if (!element) return
    const read = () => {
      const shown = element.querySelector(
        '[data-scope="phone-verify"][data-part="code-step"] [data-part="sent-to"] [data-part="phone-number"]',
      )?.textContent
      // Shown "+44 7700 900123" (or E.164 before the phone kit has loaded): its digits after the + are the E.164 number.
      const digits = shown?.replace(/\D/g, '')
      setPhoneNumber(shown?.trim().startsWith('+') && digits ? `+${digits}` : undefined)
    }
    read()
    const observer = new MutationObserver(read)
    observer.observe(element, { childList: true, subtree: true, characterData: true })
    return () => observer.disconnect()
  }, [container])
  return phoneNumber
}

export interface SignupFormProps {
  /** The endpoint runs on the sandbox: show the inbox where its codes arrive. */
  sandbox: boolean
}

/** Full name, email and the phone verification in one react-hook-form form, checked by one zod schema. */
export function SignupForm({ sandbox }: SignupFormProps) {
  const [sends, setSends] = useState(0)
  const onSent = useCallback(() => setSends((count) => count + 1), [])
  const client = useMemo(() => reportSends(createEndpointClient({ baseUrl: '/api/otp' }), onSent), [onSent])
  const form = useForm<SignupInput, unknown, SignupValues>({
    resolver: zodResolver(signupFormSchema),
    defaultValues: { name: '', email: '', phone: null },
  })
  const {
    register,
    handleSubmit,
    control,
    formState: { errors },
  } = form
  const [result, setResult] = useState<SignupResult>()
  const [pending, startTransition] = useTransition()
  const format = usePhoneFormat()
  const formRef = useRef<HTMLFormElement>(null)
  const resultRef = useRef<HTMLParagraphElement>(null)
  const codeStepNumber = useCodeStepNumber(formRef)
  const nameId = useId()
  const emailId = useId()

  // The answer takes the focus, so it is read out and the next Tab continues from it.
  useEffect(() => {
    if (result) resultRef.current?.focus()
  }, [result])

  const onValid = (values: SignupValues) => {
    if (pending) return
    startTransition(async () => {
      try {
        setResult(await createAccount(values))
      } catch {
        setResult({ status: 'refused', code: 'network_error', message: 'The account could not be created. Try again.' })
      }
    })
  }

  return (
    <div className="layout">
      <form ref={formRef} className="form" noValidate onSubmit={handleSubmit(onValid)}>
        <div className="field">
          <label htmlFor={nameId}>Full name</label>
          <input
            id={nameId}
            autoComplete="name"
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={errors.name ? `${nameId}-error` : undefined}
            {...register('name')}
          />
          <p id={`${nameId}-error`} className="field-error" role="alert">
            {errors.name?.message}
          </p>
        </div>
        <div className="field">
          <label htmlFor={emailId}>Email</label>
          <input
            id={emailId}
            type="email"
            autoComplete="email"
            aria-invalid={errors.email ? true : undefined}
            aria-describedby={errors.email ? `${emailId}-error` : undefined}
            {...register('email')}
          />
          <p id={`${emailId}-error`} className="field-error" role="alert">
            {errors.email?.message}
          </p>
        </div>
        <PhoneVerifyField control={control} name="phone" client={client} captcha={captcha} />
        <button type="submit" className="button" aria-disabled={pending || undefined}>
          {pending ? 'Creating your account…' : 'Create account'}
        </button>
        {result?.status === 'created' ? (
          <p ref={resultRef} tabIndex={-1} className="result" data-testid="signup-result">
            Account created for {result.name}: <bdi dir="ltr">{format(result.phoneNumber)}</bdi> verified
          </p>
        ) : result?.status === 'refused' ? (
          <p ref={resultRef} tabIndex={-1} className="result-error" data-testid="signup-error">
            {result.message}
          </p>
        ) : null}
      </form>
      {sandbox ? <SandboxInbox phoneNumber={codeStepNumber} refreshKey={sends} /> : null}
    </div>
  )
}
