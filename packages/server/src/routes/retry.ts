import { wireRetryRequestSchema } from '@otpflow/core'
import type { Answer } from '../http/answer'
import { providerContext, type RequestContext } from '../http/context'
import { parseBody } from '../http/request-body'
import type { ProviderRetryResult } from '../providers/types'
import { signFlowToken } from '../tokens'
import { guardResend, spendSendBudgets } from './fraud-checks'
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
  await guardResend(ctx, flow.phoneNumber, now)
  await countSms(ctx, flow.phoneNumber, now, false)
  await spendSendBudgets(ctx, flow.phoneNumber, now)

  const retried = await callProvider(
    () => provider.retry(flow, providerContext(ctx)),
    (): ProviderRetryResult => ({ status: 'expired_auth', remainingRetry: 0 }),
  )
  const flowToken =
    retried.state === undefined ? undefined : signFlowToken({ ...flow, state: retried.state }, provider.name, key, clock)
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
    },
  }
}
