import type { ReactNode } from 'react'
import { CodeField } from '../code/code-field'
import { international, withNumber } from '../phone/phone-number'
import { usePhoneKit } from '../phone/use-phone-kit'
import { usePhoneVerify } from '../phone-verify-context'
import { ResendButton } from '../resend-button'
import { ChangeNumberButton } from './change-number-button'

/** The second step: where the code went, the code field, Verify (without auto-submit) and Resend code. */
export function CodeStep(): ReactNode {
  const {
    flow,
    messages,
    format,
    locale,
    clock,
    disabled,
    classNames,
    codeLength,
    autoSubmit,
    ids,
    refs,
    code,
    setCode,
    error,
    setAnnouncement,
    actions,
  } = usePhoneVerify()
  // Re-renders once the phone kit arrives, to write the number in groups.
  usePhoneKit()
  const checking = flow.status === 'checking'
  const invalid = error?.field === 'code'
  // Expired, or too many wrong codes: no code can be checked or resent here, only a new one sent.
  const closed = flow.status === 'expired' || flow.status === 'blocked'
  const number = international(flow.phoneNumber)
  return (
    <div
      data-scope="phone-verify"
      data-part="code-step"
      data-state={flow.status}
      aria-busy={checking || undefined}
      className={classNames.codeStep}
    >
      <div data-scope="phone-verify" data-part="sent-to">
        <p data-scope="phone-verify" data-part="sent-to-text">
          {withNumber(messages.codeSentTo(number, format), number)}
        </p>
        <ChangeNumberButton state={flow.status === 'sending' ? 'pending' : 'idle'} />
      </div>
      <label htmlFor={ids.code} data-scope="phone-verify" data-part="label" className={classNames.label}>
        {messages.verificationCode}
      </label>
      <p id={ids.codeHint} data-scope="phone-verify" data-part="hint" className={classNames.hint}>
        {messages.codeHint(codeLength, format)}
      </p>
      <CodeField
        ref={refs.code}
        id={ids.code}
        codeLength={codeLength}
        value={code}
        onValueChange={setCode}
        onComplete={(value) => {
          if (autoSubmit) actions.checkCode(value)
        }}
        onKeyDown={(event) => {
          if (event.key !== 'Enter') return
          event.preventDefault()
          if (code.length === codeLength) actions.checkCode(code)
        }}
        readOnly={checking}
        disabled={disabled || closed}
        invalid={invalid}
        aria-describedby={invalid ? `${ids.codeHint} ${ids.error}` : ids.codeHint}
        rootClassName={classNames.codeField}
        className={classNames.codeInput}
        slotClassName={classNames.codeSlot}
      />
      {autoSubmit ? null : (
        <button
          type="button"
          data-scope="phone-verify"
          data-part="verify-button"
          data-state={checking ? 'pending' : 'idle'}
          aria-disabled={checking || code.length < codeLength || undefined}
          disabled={disabled}
          className={classNames.verifyButton}
          onClick={() => {
            if (!checking && code.length === codeLength) actions.checkCode(code)
          }}
        >
          {checking ? messages.verifying : messages.verify}
        </button>
      )}
      {closed ? null : (
        <ResendButton
          ref={refs.resendButton}
          availableAt={flow.resendAvailableAt}
          remaining={flow.remainingResends}
          pending={flow.status === 'sending'}
          onResend={actions.resend}
          onAvailable={() => setAnnouncement({ kind: 'resendAvailable' })}
          clock={clock}
          locale={locale}
          messages={messages}
          disabled={disabled}
          className={classNames.resendButton}
        />
      )}
    </div>
  )
}
