import { type ComponentPropsWithoutRef, forwardRef, type ReactNode } from 'react'

export interface VerifyStatusProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** Progress to announce politely ("Code sent to …", "Phone number verified"). */
  message?: ReactNode
  /** An error to announce at once. */
  error?: ReactNode
  /** `id` of the error text, for `aria-describedby` on the field it concerns. */
  errorId?: string
  /** Ways out of the error (buttons), shown after it. */
  actions?: ReactNode
}

/**
 * The flow's live regions: a `role="status"` for progress and a `role="alert"` for errors. Both stay in the DOM
 * while empty, so screen readers announce the text put into them.
 */
export const VerifyStatus = forwardRef<HTMLDivElement, VerifyStatusProps>(function VerifyStatus(
  { message, error, errorId, actions, ...props },
  ref,
) {
  return (
    <div
      ref={ref}
      data-scope="phone-verify"
      data-part="status"
      data-state={error ? 'error' : message ? 'message' : 'empty'}
      {...props}
    >
      <p role="status" data-part="status-message" data-state={message ? 'filled' : 'empty'}>
        {message}
      </p>
      <p role="alert" id={errorId} data-part="status-error" data-state={error ? 'filled' : 'empty'}>
        {error}
      </p>
      {actions ? (
        <div data-part="status-actions" data-state="filled">
          {actions}
        </div>
      ) : null}
    </div>
  )
})
