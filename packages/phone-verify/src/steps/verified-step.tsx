import type { ReactNode } from 'react'
import { international, PhoneNumber } from '../phone/phone-number'
import { usePhoneKit } from '../phone/use-phone-kit'
import { usePhoneVerify } from '../phone-verify-context'
import { ChangeNumberButton } from './change-number-button'

/** The last step: the verified number, Verify again and Change number. */
export function VerifiedStep(): ReactNode {
  const { flow, messages, disabled, classNames, refs, actions } = usePhoneVerify()
  // Re-renders once the phone kit arrives, to write the number in groups.
  usePhoneKit()
  return (
    <div data-scope="phone-verify" data-part="verified-step" data-state="verified" className={classNames.verifiedStep}>
      <p ref={refs.verifiedMessage} tabIndex={-1} data-scope="phone-verify" data-part="verified-message">
        {messages.verified} <PhoneNumber>{international(flow.phoneNumber)}</PhoneNumber>
      </p>
      <div data-scope="phone-verify" data-part="verified-actions">
        <button
          type="button"
          data-scope="phone-verify"
          data-part="verify-again-button"
          disabled={disabled}
          className={classNames.verifyAgainButton}
          onClick={actions.verifyAgain}
        >
          {messages.verifyAgain}
        </button>
        <ChangeNumberButton />
      </div>
    </div>
  )
}
