import type { UseOtpFlowResult } from '@otpflow/react'
import { useEffect, useRef } from 'react'
import type { PartRefs } from './phone-verify-context'
import {
  type Announcement,
  announcementAfter,
  backOnNumber,
  channelSwitched,
  codeArrived,
  codeRejected,
  deadEndReached,
  humanCheckOpened,
  humanCheckPassed,
  justVerified,
  leftDeadEnd,
  type PhoneVerifyStep,
  resendFailed,
  type ShownFlow,
} from './phone-verify-decisions'

export interface FlowReactionsOptions {
  flow: UseOtpFlowResult
  step: PhoneVerifyStep
  refs: PartRefs
  setCode: (code: string) => void
  setAnnouncement: (announcement: Announcement | undefined) => void
  /** Shows a number the flow remembers in the empty field. */
  showNumber: (e164: string) => void
  /** The human check is shown (a render slot), not done out of sight (`getToken`). */
  showsHumanCheck: boolean
}

/**
 * Where the focus goes, what is announced and what is cleared as the flow moves on: one reaction per kind of
 * transition (the tests in `phone-verify-decisions`), run once the change is on screen. Several can follow one
 * change; a later one's focus wins. `refs`, `setCode`, `setAnnouncement` and `showNumber` stay the same for the
 * component's life, so the reactions follow the flow alone.
 */
export function useFlowReactions({
  flow,
  step,
  refs,
  setCode,
  setAnnouncement,
  showNumber,
  showsHumanCheck,
}: FlowReactionsOptions): void {
  const previous = useRef<ShownFlow>({ flow, step })

  useEffect(() => {
    const before = previous.current
    const after = { flow, step }
    previous.current = after
    if (before.flow === flow) return
    const focus = (ref: { current: HTMLElement | null }) => ref.current?.focus()
    // A change nobody asked for here (a deadline) moves the focus only if it was in the component, or fell out of it
    // with a removed control; never away from another field of the page.
    const focusIsOurs = () => {
      const active = document.activeElement
      return active === null || active === document.body || refs.root.current?.contains(active) === true
    }

    const announcement = announcementAfter(before, after)
    if (announcement !== undefined) setAnnouncement(announcement ?? undefined)

    if (codeArrived(before, after)) {
      // After a switch of channel the digits typed stay: they may be the same code, read out as the user types.
      if (!channelSwitched(before, after)) setCode('')
      focus(refs.code)
    }
    if (backOnNumber(before, after)) {
      // After a reload the flow remembers the number but the field does not: show it again.
      if (flow.phoneNumber) showNumber(flow.phoneNumber)
      // "Verify again": the send button says "Sending…" and keeps the focus until the code step.
      if (flow.status === 'sending') focus(refs.sendButton)
      // The proof expired (the alert says so): the number is there, sending a new code is the next step. A reload
      // that finds the proof expired takes no focus.
      else if (flow.status === 'idle' && flow.verificationExpired) {
        if (before.step === 'verified' && focusIsOurs()) focus(refs.sendButton)
      } else focus(refs.phone)
    }
    // The code field is gone: without this the focus would fall back to the page. A verified number brought back by a
    // reload takes no focus.
    if (justVerified(before, after) && before.flow.status === 'checking') focus(refs.verifiedMessage)
    // The code field is disabled on expiry and after too many wrong codes; the way out takes the focus, not the page.
    if (deadEndReached(before, after)) focus(refs.actionButton)
    // "Send a new code" went away with the state it belonged to: the resend button, saying "Sending a new code…",
    // holds the focus until the new code's field takes it.
    if (leftDeadEnd(before, after) && focusIsOurs()) focus(refs.resendButton)
    // The alert says why; the field is cleared and focused for the next try.
    if (codeRejected(before, after)) {
      setCode('')
      focus(refs.code)
    }
    // The resend button is left disabled: the focus goes to the error's way out, else back to the code field.
    if (resendFailed(before, after)) focus(refs.actionButton.current ? refs.actionButton : refs.code)
    // The widget came under the number: said, and the focus on its group, from where Tab reaches the widget.
    if (showsHumanCheck && humanCheckOpened(before, after)) {
      setAnnouncement({ kind: 'humanCheck' })
      focus(refs.humanCheck)
    }
    // The widget went with the check passed: Send code, saying "Sending…", holds the focus until the code field takes it.
    if (humanCheckPassed(before, after) && focusIsOurs()) focus(refs.sendButton)
  }, [flow, step, refs, setCode, setAnnouncement, showNumber, showsHumanCheck])
}
