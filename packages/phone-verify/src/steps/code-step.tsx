import type { ReactNode } from 'react'
import { ChannelOffer } from '../channel-offer'
import { CodeField } from '../code/code-field'
import { international, withNumber } from '../phone/phone-number'
import { usePhoneKit } from '../phone/use-phone-kit'
import { usePhoneVerify } from '../phone-verify-context'
import { codeHintText, codeSentText } from '../phone-verify-decisions'
import { ResendButton } from '../resend-button'
import { ChangeNumberButton } from './change-number-button'

/**
 * The second step: where the code went (by text, in a call, on WhatsApp), the code field, Verify (without auto-submit),
 * Resend code and, once the resend is open, the other ways to get the code.
 */
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
  // A resend on its way keeps the offer on screen, so the button pressed keeps the focus.
  const resending = flow.status === 'sending' && flow.reason === 'resend'
  const offerOpen = resending || (flow.status === 'awaitingCode' && flow.resendStatus === 'available')
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
          {withNumber(codeSentText(flow.channel, number, messages, format), number)}
        </p>
        <ChangeNumberButton state={flow.status === 'sending' ? 'pending' : 'idle'} />
      </div>
      <label htmlFor={ids.code} data-scope="phone-verify" data-part="label" className={classNames.label}>
        {messages.verificationCode}
      </label>
      <p id={ids.codeHint} data-scope="phone-verify" data-part="hint" className={classNames.hint}>
        {codeHintText(flow.channel, codeLength, messages, format)}
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
        <div data-scope="phone-verify" data-part="resend-options">
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
          <ChannelOffer
            channel={flow.channel}
            availableChannels={flow.availableChannels}
            open={offerOpen}
            pending={resending}
            pendingChannel={flow.requestedChannel}
            onSelect={actions.switchChannel}
            messages={messages}
            disabled={disabled}
            className={classNames.channelOffer}
            buttonClassName={classNames.channelButton}
          />
        </div>
      )}
    </div>
  )
}
