import { type ErrorGroup, errorGroup, type KnownOtpErrorCode, type OtpContract, type OtpErrorCode } from '@otpflow/core'
import { usePhoneFormat } from '@otpflow/phone-verify'
import { OtpFlowProvider, useCountdown, useOtpFlow } from '@otpflow/react'
import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import './custom-verification.css'
import { CUSTOM_STRINGS, type CustomStrings } from './custom-verification-strings'

export interface CustomVerificationProps {
  /** The endpoint client in the app, a sandbox in Storybook: anything with the contract's three calls. */
  client: OtpContract
  /** The UI's words. @default English */
  strings?: CustomStrings
  /** Called with the E.164 number whose code step is on screen, and `undefined` when another step replaces it. */
  onCodeStep?: (phoneNumber: string | undefined) => void
}

/**
 * Phone verification drawn entirely by the app: plain inputs and buttons, with `useOtpFlow` deciding what to show and
 * `useCountdown` naming the resend button. No component of `@otpflow/phone-verify` is used; only its phone kit writes
 * the numbers as people read them.
 */
export function CustomVerification({ client, strings = CUSTOM_STRINGS.en, onCodeStep }: CustomVerificationProps) {
  return (
    <OtpFlowProvider client={client}>
      <CustomFlow t={strings} onCodeStep={onCodeStep} />
    </OtpFlowProvider>
  )
}

type ErrorKey = keyof Omit<CustomStrings['errors'], 'unknown'>

/** Codes with words of their own on this page; every other code gets its group's, from core's `ERROR_CODES`. */
const CODE_KEYS: Partial<Record<KnownOtpErrorCode, ErrorKey>> = {
  invalid_code: 'invalidCode',
  expired: 'expired',
  invalid_phone_number: 'invalidNumber',
  // What the endpoint answers a send whose number it cannot read.
  invalid_request: 'invalidNumber',
  invalid_line: 'landline',
  unsupported_region: 'unsupportedRegion',
}

/**
 * The words of each group. The provider failing (the sandbox's +12025550105 does it on purpose) is `unavailable`;
 * a code request the server no longer knows (a restart, a flow token that no longer passes) is `session`: only a new
 * code helps.
 */
const GROUP_KEYS: Partial<Record<ErrorGroup, ErrorKey>> = {
  phone: 'blocked',
  wait: 'rateLimited',
  network: 'network',
  timeout: 'timeout',
  unavailable: 'unavailable',
  session: 'sessionLost',
}

/** Words for every error, never the code itself: an error without words of its own gets the general message. */
function errorText(t: CustomStrings, code: OtpErrorCode | undefined): string | undefined {
  if (code === undefined) return undefined
  const key = (Object.hasOwn(CODE_KEYS, code) ? CODE_KEYS[code as KnownOtpErrorCode] : undefined) ?? GROUP_KEYS[errorGroup(code)]
  return key ? t.errors[key] : t.errors.unknown
}

function CustomFlow({ t, onCodeStep }: { t: CustomStrings; onCodeStep: CustomVerificationProps['onCodeStep'] }) {
  const flow = useOtpFlow()
  const format = usePhoneFormat()
  const [phoneNumber, setPhoneNumber] = useState(flow.phoneNumber ?? '')
  const phoneId = useId()
  const codeId = useId()
  const hintId = useId()
  const codeRef = useRef<HTMLInputElement>(null)
  const [code, setCode] = useState('')
  const inCodeStep = flow.status === 'awaitingCode' || flow.status === 'checking'

  useEffect(() => {
    if (inCodeStep) codeRef.current?.focus()
  }, [inCodeStep])

  const codeStepNumber = inCodeStep ? flow.phoneNumber : undefined
  useEffect(() => {
    onCodeStep?.(codeStepNumber)
    return () => onCodeStep?.(undefined)
  }, [onCodeStep, codeStepNumber])

  // A rejected code is cleared so the next one can be typed straight away.
  const rejected = flow.status === 'awaitingCode' ? flow.lastRejectedCode : undefined
  useEffect(() => {
    if (rejected) setCode('')
  }, [rejected])

  if (flow.status === 'verified') {
    return (
      <div className="custom-done" role="status">
        <p className="custom-check" aria-hidden="true">
          ✓
        </p>
        <p>
          {t.verified} <bdi dir="ltr">{format(flow.phoneNumber)}</bdi>
        </p>
        <button type="button" className="custom-link" onClick={() => flow.reset()}>
          {t.startAgain}
        </button>
      </div>
    )
  }

  if (inCodeStep) {
    const submit = (event: FormEvent) => {
      event.preventDefault()
      flow.checkCode(code)
    }
    return (
      <form className="custom-step" onSubmit={submit}>
        <p className="custom-step-label">{t.stepOf(2, 2)}</p>
        <label htmlFor={codeId}>
          {t.codeSentTo} <bdi dir="ltr">{flow.phoneNumber ? format(flow.phoneNumber) : null}</bdi>
        </label>
        <input
          ref={codeRef}
          id={codeId}
          className="custom-code"
          value={code}
          onChange={(event) => {
            const digits = event.target.value.replace(/\D/g, '').slice(0, 6)
            setCode(digits)
            if (digits.length === 6) flow.checkCode(digits)
          }}
          autoComplete="one-time-code"
          inputMode="numeric"
          dir="ltr"
          translate="no"
          aria-describedby={hintId}
          aria-invalid={flow.status === 'awaitingCode' && flow.error !== undefined ? true : undefined}
        />
        <p id={hintId} className="custom-hint" role="alert">
          {flow.status === 'awaitingCode' ? errorText(t, flow.error?.code) : null}
          {flow.status === 'awaitingCode' && flow.error && flow.attemptsLeft !== undefined
            ? ` ${t.attemptsLeft(flow.attemptsLeft)}`
            : null}
        </p>
        <div className="custom-actions">
          <button type="submit" className="custom-primary" disabled={flow.status === 'checking' || code.length < 6}>
            {flow.status === 'checking' ? t.checking : t.verify}
          </button>
          <ResendButton
            t={t}
            deadline={flow.resendAvailableAt}
            exhausted={flow.remainingResends === 0}
            onResend={() => flow.resend()}
          />
          <button type="button" className="custom-link" onClick={() => flow.changeNumber()}>
            {t.changeNumber}
          </button>
        </div>
      </form>
    )
  }

  const send = (event: FormEvent) => {
    event.preventDefault()
    flow.send(phoneNumber.replace(/[\s()-]/g, ''))
  }
  const problem =
    flow.status === 'error' || flow.status === 'blocked' || flow.status === 'expired' ? errorText(t, flow.error.code) : undefined
  return (
    <form className="custom-step" onSubmit={send}>
      <p className="custom-step-label">{t.stepOf(1, 2)}</p>
      <label htmlFor={phoneId}>{t.phoneLabel}</label>
      <input
        id={phoneId}
        className="custom-phone"
        type="tel"
        autoComplete="tel"
        inputMode="tel"
        dir="ltr"
        placeholder="+447700900123"
        value={phoneNumber}
        onChange={(event) => setPhoneNumber(event.target.value)}
        aria-describedby={hintId}
        aria-invalid={problem ? true : undefined}
        required
      />
      <p id={hintId} className="custom-hint" role="alert">
        {problem}
      </p>
      <div className="custom-actions">
        <button type="submit" className="custom-primary" disabled={flow.status === 'sending'}>
          {flow.status === 'sending' ? t.sending : t.sendCode}
        </button>
      </div>
    </form>
  )
}

/** Only this button re-renders each second while the countdown runs. */
function ResendButton({
  t,
  deadline,
  exhausted,
  onResend,
}: {
  t: CustomStrings
  deadline: Date | undefined
  exhausted: boolean
  onResend: () => void
}) {
  const secondsLeft = useCountdown(deadline)
  if (exhausted) return <p className="custom-hint">{t.noMoreCodes}</p>
  return (
    <button type="button" className="custom-secondary" disabled={secondsLeft > 0} onClick={onResend}>
      {secondsLeft > 0 ? t.resendIn(secondsLeft) : t.resend}
    </button>
  )
}
