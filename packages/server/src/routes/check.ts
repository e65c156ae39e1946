import { wireCheckRequestSchema } from '@otpflow/core'
import { failedChecksLeft, lockedFor } from '../failed-checks'
import type { Answer } from '../http/answer'
import { providerContext, type RequestContext } from '../http/context'
import { HttpError } from '../http/http-error'
import { parseBody } from '../http/request-body'
import { count, secondsUntil } from '../limits'
import type { ProviderCheckResult } from '../providers/types'
import { signVerificationToken } from '../tokens'
import { countVerified } from './fraud-checks'
import { callProvider, expiredAnswer, flowFromToken } from './provider-call'
import { refuseOver } from './sms-limits'

/**
 * `POST {base}/check`: within the number's and the authentication's check limits, has the provider check the code;
 * `valid` gets the proof (`verification_token`) and counts as a verification for the conversion guard, `invalid` the
 * attempts left.
 */
export async function check(ctx: RequestContext, body: unknown): Promise<Answer> {
  const { provider, store, limits, clock, key, tokenTtlSeconds } = ctx.config
  const input = parseBody(wireCheckRequestSchema, body)
  const flow = flowFromToken(ctx, input)
  const now = clock.now()
  const expired = expiredAnswer(flow, now)
  if (expired) return expired
  refuseOver(await lockedFor(store, flow.phoneNumber, limits.failedChecksPerPhoneNumber, now))
  const budget = limits.checksPerAuthentication
  const checks = await count(store, `otp:check:${flow.authenticationUuid}`, budget)
  if (checks !== undefined && checks.count > budget.max) {
    throw new HttpError('rate_limited', { retryAfter: secondsUntil(checks.resetAt, now) })
  }

  const checked = await callProvider(
    () => provider.check(flow, input.check_code, providerContext(ctx)),
    (): ProviderCheckResult => ({ status: 'expired_auth' }),
  )
  const answer: Record<string, unknown> = { authentication_uuid: flow.authenticationUuid, status: checked.status }
  let detail: string | undefined
  if (checked.status === 'valid') {
    detail = await countVerified(ctx, flow.phoneNumber, now)
    const proof = signVerificationToken(
      { phoneNumber: flow.phoneNumber, authenticationUuid: flow.authenticationUuid, provider: provider.name },
      key,
      clock,
      tokenTtlSeconds,
    )
    answer.verification_token = proof.token
    answer.verification_expires_at = proof.expiresAt.toISOString()
  } else if (checked.status === 'invalid') {
    const failuresLeft = await failedChecksLeft(store, flow.phoneNumber, limits.failedChecksPerPhoneNumber, now)
    const left = fewest(checks === undefined ? undefined : budget.max - checks.count, checked.remainingAttempts, failuresLeft)
    if (left !== undefined) answer.remaining_attempts = left
  }
  return { status: 200, outcome: checked.status, body: answer, ...(detail === undefined ? {} : { detail }) }
}

/**
 * Checks left on an authentication after a wrong code: the smallest of what is known (the endpoint's budget for the
 * authentication, the provider's own count, the wrong codes the number has left), or `undefined` when nothing is.
 */
function fewest(...known: (number | undefined)[]): number | undefined {
  let least: number | undefined
  for (const value of known) if (value !== undefined && (least === undefined || value < least)) least = value
  return least === undefined ? undefined : Math.max(0, least)
}
