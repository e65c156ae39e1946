import type { ReactNode } from 'react'
import { usePhoneVerify } from '../phone-verify-context'

/** "Change number", on the code step and the verified step: back to the number, kept. */
export function ChangeNumberButton({ state }: { state?: 'pending' | 'idle' }): ReactNode {
  const { messages, disabled, classNames, actions } = usePhoneVerify()
  return (
    <button
      type="button"
      data-scope="phone-verify"
      data-part="change-number-button"
      data-state={state}
      disabled={disabled}
      className={classNames.changeNumberButton}
      onClick={actions.changeNumber}
    >
      {messages.changeNumber}
    </button>
  )
}
