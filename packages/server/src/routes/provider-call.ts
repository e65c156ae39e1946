import { errorGroup, isOtpError } from '@otpflow/core'
import type { Answer } from '../http/answer'
import type { RequestContext } from '../http/context'
import { HttpError } from '../http/http-error'
import { maskPhoneNumber } from '../log'
import { toProviderError } from '../providers/errors'
import type { ProviderFlow } from '../providers/types'
import { isStoreUnavailableError } from '../store-errors'
import { verifyFlowToken } from '../tokens'

/**
 * A provider call; whatever it throws becomes the endpoint's answer for it (see `toProviderError`), its words in the log.
 * `whenLost` answers instead when the provider no longer knows the authentication (its state was lost: a restart on the
 * memory store, or instances that share no store): for the user that code can no longer succeed, as if it had expired.
 */
export async function callProvider<T>(call: () => Promise<T>, whenLost?: () => T): Promise<T> {
  try {
    return await call()
  } catch (error) {
    // The provider's records live on the same store: out of reach (or full), it refuses the request as the limits do.
    if (isStoreUnavailableError(error)) throw error
    if (whenLost !== undefined && isOtpError(error) && errorGroup(error.code) === 'session') return whenLost()
    const mapped = toProviderError(error)
    throw new HttpError(mapped.code, {
      ...(mapped.retryAfter === undefined ? {} : { retryAfter: mapped.retryAfter }),
      detail: mapped.message,
    })
  }
}

/** The flow a check or retry is about, from its verified flow token: 401 unless it is for this authentication. */
export function flowFromToken(ctx: RequestContext, body: { authentication_uuid: string; flow_token: string }): ProviderFlow {
  const { provider, key, clock } = ctx.config
  const flow = verifyFlowToken(body.flow_token, provider.name, key, clock)
  if (flow === undefined || flow.authenticationUuid !== body.authentication_uuid) throw new HttpError('invalid_flow_token')
  ctx.maskedPhoneNumber = maskPhoneNumber(flow.phoneNumber)
  return flow
}

/** Once a flow has expired, check and retry answer `expired_auth` without calling the provider. */
export function expiredAnswer(flow: ProviderFlow, now: number): Answer | undefined {
  return now >= flow.expiresAt.getTime()
    ? { status: 200, outcome: 'expired_auth', body: { authentication_uuid: flow.authenticationUuid, status: 'expired_auth' } }
    : undefined
}
