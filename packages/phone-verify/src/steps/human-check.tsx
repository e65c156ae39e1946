import type { ReactNode } from 'react'
import { usePhoneVerify } from '../phone-verify-context'
import { ChangeNumberButton } from './change-number-button'

/**
 * The human check the endpoint asked for, under the number it is for: the app's widget (the `captcha` render slot)
 * in a fieldset named "Security check" that takes the focus when it comes, with Change number beside it.
 */
export function HumanCheck(): ReactNode {
  const { flow, messages, locale, classNames, captcha, ids, refs } = usePhoneVerify()
  if (flow.status !== 'humanCheck' || !captcha?.render) return null
  return (
    <fieldset
      ref={refs.humanCheck}
      aria-labelledby={ids.humanCheck}
      // Focused when it comes, so that the next Tab reaches the widget; never a stop of its own.
      tabIndex={-1}
      data-scope="phone-verify"
      data-part="human-check"
      data-state={flow.error ? 'error' : 'open'}
      className={classNames.humanCheck}
    >
      <legend id={ids.humanCheck} data-scope="phone-verify" data-part="human-check-title">
        {messages.humanCheck}
      </legend>
      <p data-scope="phone-verify" data-part="hint" className={classNames.hint}>
        {messages.humanCheckHint}
      </p>
      <div data-scope="phone-verify" data-part="human-check-widget">
        {captcha.render({
          challenge: flow.challenge,
          onToken: flow.passHumanCheck,
          onError: flow.failHumanCheck,
          locale,
        })}
      </div>
      <ChangeNumberButton />
    </fieldset>
  )
}
