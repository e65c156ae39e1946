import { useCallback, useEffect, useId, useState } from 'react'
import type { DemoStrings } from '../i18n'

export interface SandboxInboxProps {
  t: DemoStrings
  /** The number the latest code went to; nothing to show before the first send. */
  phoneNumber: string | undefined
  /** Changes after every send or resend, so the panel reads the outbox again right then instead of polling. */
  refreshKey: number
}

interface InboxMessage {
  code: string
  sentAt: string
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
  return messages.sort((a, b) => a.sentAt.localeCompare(b.sentAt)).at(-1)
}

/** The demo's stand-in for a phone: shows the latest code the sandbox "sent", so the flow works with no SMS. */
export function SandboxInbox({ t, phoneNumber, refreshKey }: SandboxInboxProps) {
  const titleId = useId()
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

  return (
    <aside className="demo-inbox" aria-labelledby={titleId} data-testid="sandbox-inbox">
      <h2 id={titleId}>{t.inboxTitle}</h2>
      <p className="demo-inbox-notice">{t.sandboxNotice}</p>
      <div aria-live="polite" aria-atomic="true">
        {phoneNumber && latest ? (
          <p className="demo-inbox-message">
            <span>
              {t.inboxLatest} <bdi dir="ltr">{phoneNumber}</bdi>
            </span>
            <output className="demo-inbox-code" translate="no" dir="ltr" data-testid="sandbox-code">
              {latest.code}
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
