import { wireCreateAuthenticationRequestSchema } from '@otpflow/core'
import { numberFacts } from '../fraud/number-facts'
import type { Answer } from '../http/answer'
import type { RequestContext } from '../http/context'
import { providerContext } from '../http/context'
import { HttpError } from '../http/http-error'
import { parseBody } from '../http/request-body'
import { maskPhoneNumber } from '../log'
import { countryAllowed, normalizePhoneNumber } from '../phone-number'
import type { ProviderSendInput } from '../providers/types'
import { signFlowToken } from '../tokens'
import { channelForProvider, channelRefused, channelsFor, checkChannel } from './channels'
import { clearSend, countGuardedSend, defaultChannel, screenNumber, spendSendBudgets } from './fraud-checks'
import { callProvider } from './provider-call'
import { countSms } from './sms-limits'

/**
 * `POST {base}/authentication`: screens the number's line, clears the send with the fraud defences (the conversion
 * guard, a human check), counts the SMS on the limits and budgets, has the provider send a code, and signs the flow
 * token. See `fraud-checks.ts` for the order and what each refusal costs.
 */
export async function send(ctx: RequestContext, body: unknown): Promise<Answer> {
  const { provider, allowedCountries, clock, key } = ctx.config
  const input = parseBody(wireCreateAuthenticationRequestSchema, body)
  const parsed = normalizePhoneNumber(input.phone_number)
  if (parsed === undefined) throw new HttpError('invalid_phone_number', { field: 'phone_number' })
  // From here on, only this form: limit keys, the provider, the flow token and the proof all see the same number.
  const phoneNumber = parsed.number
  ctx.maskedPhoneNumber = maskPhoneNumber(phoneNumber)
  if (allowedCountries !== undefined && !countryAllowed(parsed, allowedCountries)) throw new HttpError('unsupported_region')
  // The channels on offer for this number: a channel asked for that is not among them is refused before anything counts.
  const availableChannels = channelsFor(ctx.config.channels, parsed)
  checkChannel(input.channel, availableChannels)
  const facts = numberFacts(parsed)
  const channel = input.channel ?? defaultChannel(ctx, phoneNumber, facts, availableChannels)
  if (channel === undefined) throw new HttpError('unsupported_region')
  const screened = screenNumber(ctx, parsed, channel, facts)
  const now = clock.now()
  if (ctx.config.failOpen !== undefined) {
    ctx.store = ctx.config.failOpen.forRequest((reason) => {
      ctx.storeFallback = reason
    })
  }
  const clearance = await clearSend(ctx, screened, input.captcha_token, now)
  await countSms(ctx, phoneNumber, now, true)
  await spendSendBudgets(ctx, phoneNumber, now, screened.facts)
  await countGuardedSend(ctx, clearance, now)

  const sendInput: ProviderSendInput = { phoneNumber }
  if (input.locale !== undefined) sendInput.locale = input.locale
  if (input.device_type !== undefined) sendInput.deviceType = input.device_type
  if (input.app_version !== undefined) sendInput.appVersion = input.app_version
  if (input.is_returning_user !== undefined) sendInput.isReturningUser = input.is_returning_user
  const toProvider = channelForProvider(ctx.config.channels, channel, input.channel !== undefined)
  if (toProvider !== undefined) sendInput.channel = toProvider
  const sent = await callProvider(() => provider.send(sendInput, providerContext(ctx))).catch((error: unknown) => {
    throw channelRefused(error, channel, availableChannels)
  })
  // A provider that reused the number's open verification says the channel its code went out on.
  const channelUsed = sent.channel ?? channel
  const flowToken = signFlowToken(
    {
      authenticationUuid: sent.authenticationUuid,
      phoneNumber,
      createdAt: sent.createdAt,
      expiresAt: sent.expiresAt,
      ...(sent.state === undefined ? {} : { state: sent.state }),
      channel: channelUsed,
      ...(sent.nextRetryAt === undefined ? {} : { nextRetryAt: sent.nextRetryAt }),
    },
    provider.name,
    key,
    clock,
  )
  return {
    status: 200,
    outcome: sent.status,
    body: {
      authentication_uuid: sent.authenticationUuid,
      status: sent.status,
      created_at: sent.createdAt.toISOString(),
      expires_at: sent.expiresAt.toISOString(),
      next_retry_at: sent.nextRetryAt?.toISOString(),
      remaining_retry: sent.remainingRetry,
      // The provider answered a second send for this number with its open verification: no new flow started.
      ...(sent.resent ? { resent: true } : {}),
      flow_token: flowToken,
      channel: channelUsed,
      available_channels: availableChannels,
    },
  }
}
