import { usePhoneFormat } from '@otpflow/phone-verify'
import { useCallback, useEffect, useId, useState } from 'react'
import type { DemoStrings } from '../i18n'

export interface SandboxInboxProps {
  t: DemoStrings
  /** The number whose code step is on screen; nothing is shown on the other steps. */
  phoneNumber: string | undefined
  /** Changes after every send or resend, so the panel reads the outbox again right then instead of polling. */
  refreshKey: number
}

interface InboxMessage {
  /** The number the code was read for: a code is only ever shown beside its own number. */
  phoneNumber: string
  code: string
}

/** Reads the sandbox outbox (`GET /api/otp/sandbox/outbox`), which exists only while the server runs on the sandbox. */
async function fetchLatest(phoneNumber: string, signal: AbortSignal): Promise<InboxMessage | undefined> {
  const response = await fetch(`/api/otp/sandbox/outbox?phone_number=${encodeURIComponent(phoneNumber)}`, { signal })
  if (!response.ok) return undefined
  const body: unknown = await response.json()
  const list = Array.isArray(body) ? body : ((body as { messages?: unknown[] } | null)?.messages ?? [])
  const messages = list.flatMap((item) => {
    const message = item as Record<string, unknown>
    const code = message.code
    const sentAt = message.sent_at ?? message.sentAt
    return typeof code === 'string' ? [{ code, sentAt: typeof sentAt === 'string' ? sentAt : '' }] : []
  })
  const latest = messages.sort((a, b) => a.sentAt.localeCompare(b.sentAt)).at(-1)
  return latest ? { phoneNumber, code: latest.code } : undefined
}

/** The demo's stand-in for a phone: shows the latest code the sandbox "sent" to the number on screen. */
export function SandboxInbox({ t, phoneNumber, refreshKey }: SandboxInboxProps) {
  const titleId = useId()
  const format = usePhoneFormat()
  const [latest, setLatest] = useState<InboxMessage>()
  const [manualRefresh, setManualRefresh] = useState(0)
  const refresh = useCallback(() => setManualRefresh((count) => count + 1), [])

  useEffect(() => {
    if (!phoneNumber) return
    const controller = new AbortController()
    // refreshKey and manualRefresh are read so that each send, resend or click fetches again.
    void refreshKey
    void manualRefresh
    fetchLatest(phoneNumber, controller.signal)
      .then(setLatest)
      .catch(() => undefined)
    return () => controller.abort()
  }, [phoneNumber, refreshKey, manualRefresh])

  // A code read for another number is never shown, not even for the render before the new number's answer arrives:
  // the region is live, and would announce that code under the new number.
  const shown = phoneNumber !== undefined && latest?.phoneNumber === phoneNumber ? latest : undefined
  return (
    <aside className="demo-inbox" aria-labelledby={titleId} data-testid="sandbox-inbox">
      <h2 id={titleId}>{t.inboxTitle}</h2>
      <p className="demo-inbox-notice">{t.sandboxNotice}</p>
      <div aria-live="polite" aria-atomic="true">
        {shown ? (
          <p className="demo-inbox-message">
            <span>
              {t.inboxLatest}{' '}
              <bdi dir="ltr" data-testid="sandbox-number">
                {format(shown.phoneNumber)}
              </bdi>
            </span>
            <output className="demo-inbox-code" translate="no" dir="ltr" data-testid="sandbox-code">
              {shown.code}
            </output>
          </p>
        ) : (
          <p>{t.inboxEmpty}</p>
        )}
      </div>
      <button type="button" className="demo-button-secondary" onClick={refresh} disabled={!phoneNumber}>
        {t.inboxRefresh}
      </button>
    </aside>
  )
}
