'use client'

import { usePhoneFormat } from '@otpflow/phone-verify'
import { useEffect, useId, useState } from 'react'

export interface SandboxInboxProps {
  /** The E.164 number whose code step is on screen; nothing is shown on the other steps. */
  phoneNumber: string | undefined
  /** Changes after every send or resend, so the outbox is read again right then instead of polled. */
  refreshKey: number
}

interface InboxMessage {
  /** The number the code was read for: a code is only ever shown beside its own number. */
  phoneNumber: string
  code: string
}

/** The latest code of the sandbox's outbox (`GET /api/otp/sandbox/outbox`, which exists only on the sandbox). */
async function fetchLatest(phoneNumber: string, signal: AbortSignal): Promise<InboxMessage | undefined> {
  const response = await fetch(`/api/otp/sandbox/outbox?phone_number=${encodeURIComponent(phoneNumber)}`, { signal })
  if (!response.ok) return undefined
  const { messages = [] } = (await response.json()) as { messages?: { code: string; sent_at: string }[] }
  const latest = messages.sort((a, b) => a.sent_at.localeCompare(b.sent_at)).at(-1)
  return latest ? { phoneNumber, code: latest.code } : undefined
}

/** The example's stand-in for a phone while it runs on the sandbox: the latest code "sent" to the number on screen. */
export function SandboxInbox({ phoneNumber, refreshKey }: SandboxInboxProps) {
  const titleId = useId()
  const format = usePhoneFormat()
  const [latest, setLatest] = useState<InboxMessage>()
  const [manualRefresh, setManualRefresh] = useState(0)

  useEffect(() => {
    if (!phoneNumber) return
    const controller = new AbortController()
    // Read so that each send, resend or click fetches again.
    void refreshKey
    void manualRefresh
    fetchLatest(phoneNumber, controller.signal)
      .then(setLatest)
      .catch(() => undefined)
    return () => controller.abort()
  }, [phoneNumber, refreshKey, manualRefresh])

  // A code read for another number is never shown, not even for the render before the new number's answer arrives.
  const shown = phoneNumber !== undefined && latest?.phoneNumber === phoneNumber ? latest : undefined
  return (
    <aside className="inbox" aria-labelledby={titleId} data-testid="sandbox-inbox">
      <h2 id={titleId}>Sandbox inbox</h2>
      <p className="inbox-notice">
        No SMS is sent: the endpoint runs on the sandbox. The codes it &ldquo;sends&rdquo; show up here (and in the server&rsquo;s
        log).
      </p>
      <div aria-live="polite" aria-atomic="true">
        {shown ? (
          <p className="inbox-message">
            <span>
              Latest code for{' '}
              <bdi dir="ltr" data-testid="sandbox-number">
                {format(shown.phoneNumber)}
              </bdi>
            </span>
            <output className="inbox-code" translate="no" dir="ltr" data-testid="sandbox-code">
              {shown.code}
            </output>
          </p>
        ) : (
          <p>Send a code to see it here.</p>
        )}
      </div>
      <button
        type="button"
        className="button-secondary"
        onClick={() => setManualRefresh((count) => count + 1)}
        disabled={!phoneNumber}
      >
        Check for new codes
      </button>
    </aside>
  )
}
