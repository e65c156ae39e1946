import { wireRetryRequestSchema } from '@otpflow/core'
import type { Answer } from '../http/answer'
import { providerContext, type RequestContext } from '../http/context'
import { parseBody } from '../http/request-body'
import { normalizePhoneNumber } from '../phone-number'
import type { ProviderRetryResult } from '../providers/types'
import { signFlowToken } from '../tokens'
import { channelForProvider, channelRefused, channelsFor, checkChannel } from './channels'
import { guardResend, screenNumber, spendSendBudgets } from './fraud-checks'
import { callProvider, expiredAnswer, flowFromToken } from './provider-call'
import { countSms } from './sms-limits'

/**
 * `POST {base}/retry`: refused while the conversion guard holds the number's block or country, counts the SMS on the
 * limits and budgets, and has the provider send the code again; a new provider state renews the flow token.
 */
export async function retry(ctx: RequestContext, body: unknown): Promise<Answer> {
  const { provider, clock, key } = ctx.config
  const input = parseBody(wireRetryRequestSchema, body)
  const flow = flowFromToken(ctx, input)
  const now = clock.now()
  const expired = expiredAnswer(flow, now)
  if (expired) return expired
  const { channels } = ctx.config
  const parsed = normalizePhoneNumber(flow.phoneNumber)
  const availableChannels = parsed === undefined ? [] : channelsFor(channels, parsed)
  checkChannel(input.channel, availableChannels)
  // The channel in use: a flow token from before channels was for the provider's default.
  const current = flow.channel ?? channels.providerDefault
  const channel = input.channel ?? current
  const switched = channel !== current
  // A switch before the resend deadline is an early resend: denied with the deadline, nothing counted, nothing sent.
  if (switched && flow.nextRetryAt !== undefined && now < flow.nextRetryAt.getTime()) {
    return {
      status: 200,
      outcome: 'denied',
      body: {
        authentication_uuid: flow.authenticationUuid,
        status: 'denied',
        next_retry_at: flow.nextRetryAt.toISOString(),
        channel: current,
        available_channels: availableChannels,
      },
    }
  }
  // The line is screened for the channel as on the first send: a fixed line that took its code by a call gets no SMS.
  const facts = parsed === undefined ? undefined : screenNumber(ctx, parsed, channel).facts
  await guardResend(ctx, flow.phoneNumber, now, facts)
  // A switch counts on the number's limits like a send: a call or a WhatsApp message costs what a new code costs.
  await countSms(ctx, flow.phoneNumber, now, switched)
  await spendSendBudgets(ctx, flow.phoneNumber, now, facts)

  const toProvider = channelForProvider(channels, channel, switched)
  const retried = await callProvider(
    () => provider.retry(flow, providerContext(ctx), toProvider === undefined ? undefined : { channel: toProvider }),
    (): ProviderRetryResult => ({ status: 'expired_auth', remainingRetry: 0 }),
  ).catch((error: unknown) => {
    throw channelRefused(error, channel, availableChannels)
  })
  const channelAfter = retried.status === 'approved' ? channel : current
  // A new provider state, a switch made, or a code sent again while another channel is on offer: the flow token says
  // so from now on, with the next resend deadline (an early switch is answered from it, counting and sending nothing).
  const renewed = availableChannels.length > 1 && retried.status === 'approved' && retried.nextRetryAt !== undefined
  const flowToken =
    retried.state === undefined && channelAfter === current && !renewed
      ? undefined
      : signFlowToken(
          {
            ...flow,
            ...(retried.state === undefined ? {} : { state: retried.state }),
            channel: channelAfter,
            ...(retried.nextRetryAt === undefined ? {} : { nextRetryAt: retried.nextRetryAt }),
          },
          provider.name,
          key,
          clock,
        )
  return {
    status: 200,
    outcome: retried.status,
    body: {
      authentication_uuid: flow.authenticationUuid,
      status: retried.status,
      created_at: retried.createdAt?.toISOString(),
      next_retry_at: retried.nextRetryAt?.toISOString(),
      remaining_retry: retried.remainingRetry,
      flow_token: flowToken,
      channel: channelAfter,
      available_channels: availableChannels,
    },
  }
}
