import type { Answer } from '../http/answer'
import type { RequestContext } from '../http/context'
import { e164 } from '../phone-number'

/** `GET {base}/sandbox/outbox?phone_number=…`: the codes the sandbox "sent", for a dev page or a test to read. */
export async function outbox(ctx: RequestContext): Promise<Answer> {
  const asked = ctx.url.searchParams.get('phone_number') ?? undefined
  // The sandbox holds numbers as the send normalized them; `+4407700900123` asks for `+447700900123`'s codes.
  const phoneNumber = asked === undefined ? undefined : (e164(asked) ?? asked)
  const { sandbox, store } = ctx.config
  // From the store, where the sandbox keeps its codes: on a shared one, the codes every instance sent. A provider that
  // wraps the sandbox without `readOutbox` has this process's outbox.
  const sent =
    sandbox === undefined
      ? []
      : typeof sandbox.readOutbox === 'function'
        ? await sandbox.readOutbox(phoneNumber, store)
        : sandbox.sandbox.outbox.messages()
  const messages = sent
    .filter((message) => phoneNumber === undefined || message.phoneNumber === phoneNumber)
    .map((message) => ({
      phone_number: message.phoneNumber,
      code: message.code,
      sent_at: message.sentAt.toISOString(),
      authentication_uuid: message.authenticationUuid,
      channel: message.channel,
    }))
  return { status: 200, outcome: 'outbox', body: { messages } }
}
