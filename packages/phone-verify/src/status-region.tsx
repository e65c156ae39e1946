import type { ReactNode } from 'react'
import { international, withNumber } from './phone/phone-number'
import { usePhoneKit } from './phone/use-phone-kit'
import { usePhoneVerify } from './phone-verify-context'
import { announcementText } from './phone-verify-decisions'
import { VerifyStatus } from './verify-status'

/** The live regions under every step: progress announced politely, the error at once, with its way out. */
export function StatusRegion(): ReactNode {
  const { messages, format, disabled, classNames, ids, refs, error, announcement, actions } = usePhoneVerify()
  // A number is announced once it can be read in groups ("+44 7700 900123"), not as one long figure.
  const phoneKit = usePhoneKit()
  const message = announcementText(announcement, messages, format, (e164) => (phoneKit ? international(e164) : undefined))
  // The number inside it set apart left to right, whatever the strings do: see `isolateIn`.
  const e164 = (announcement as { phoneNumber?: string } | undefined)?.phoneNumber
  const action = error?.action
  return (
    <VerifyStatus
      message={withNumber(message, international(e164))}
      error={error?.text}
      errorId={ids.error}
      className={classNames.status}
      actions={
        action ? (
          <button
            ref={refs.actionButton}
            type="button"
            data-scope="phone-verify"
            data-part="action-button"
            data-state={action}
            disabled={disabled}
            className={classNames.actionButton}
            onClick={() => actions.takeWayOut(action)}
          >
            {messages[action]}
          </button>
        ) : undefined
      }
    />
  )
}
