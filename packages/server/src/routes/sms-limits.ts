import { isSandboxTestNumber } from '@otpflow/core/sandbox'
import { clientKey } from '../client-address'
import { lockedFor } from '../failed-checks'
import type { RequestContext } from '../http/context'
import { HttpError } from '../http/http-error'
import { hit } from '../limits'

/** Refuses with 429 when a limit answered a delay; `undefined` (within the limit) passes. */
export function refuseOver(retryAfter: number | undefined): void {
  if (retryAfter !== undefined) throw new HttpError('rate_limited', { retryAfter })
}

/**
 * The key the per-client limits count an SMS to `phoneNumber` under, or `undefined` when they do not apply: the IP is
 * unknown, or the number is one of the sandbox's test numbers (they reach no phone, and someone trying each of them
 * should not run out of codes for their own number).
 */
export function smsClient(ctx: RequestContext, phoneNumber: string): string | undefined {
  const { sandbox, ipv6Prefix } = ctx.config
  if (ctx.ip === undefined || (sandbox !== undefined && isSandboxTestNumber(phoneNumber))) return undefined
  return clientKey(ctx.ip, ipv6Prefix)
}

/** The key the per-client SMS limit (`sendsPerIp`) counts under, each window's counter at `<key>:<windowSeconds>`. */
export const smsClientKey = (client: string) => `otp:send:ip:${client}`

/**
 * Counts one SMS (a send, or a resend when `fresh` is false) on the store and refuses with 429 at the first limit
 * over, in this order: the client, then the number's failed-check lock, then the client's share of the number, then
 * the number. A request refused by an earlier limit touches no later counter, so a client over its limit creates no
 * per-number key however many numbers it tries (memory stays bounded), and spends nobody else's budget for that number.
 */
export async function countSms(ctx: RequestContext, phoneNumber: string, now: number, fresh: boolean): Promise<void> {
  const { limits } = ctx.config
  const { store } = ctx
  const client = smsClient(ctx, phoneNumber)
  if (client !== undefined) refuseOver(await hit(store, smsClientKey(client), limits.sendsPerIp, now))
  refuseOver(await lockedFor(store, phoneNumber, limits.failedChecksPerPhoneNumber, now))
  if (!fresh) return
  if (client !== undefined) {
    refuseOver(await hit(store, `otp:send:phone-ip:${phoneNumber}:${client}`, limits.sendsPerPhoneNumberPerIp, now))
  }
  refuseOver(await hit(store, `otp:send:phone:${phoneNumber}`, limits.sendsPerPhoneNumber, now))
}
