import type { OtpProvider } from './providers/types'
import type { OtpChannelsOption } from './routes/channels'

const list = (value: string | undefined) =>
  value
    ?.split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)

/**
 * The `channels` option from `OTP_CHANNELS` (`sms,whatsapp,voice`, the default first) and `OTP_<CHANNEL>_COUNTRIES`
 * (`OTP_VOICE_COUNTRIES=GB,IE` offers calls to those countries' numbers only), or `undefined` when neither is set (the
 * provider's channels, to every country). `createOtpHandler` then checks them against the provider.
 */
export function channelsFromEnv(env: Record<string, string | undefined>, provider: OtpProvider): OtpChannelsOption | undefined {
  const named = list(env.OTP_CHANNELS)?.map((channel) => channel.toLowerCase())
  if (env.OTP_CHANNELS !== undefined && env.OTP_CHANNELS.trim() !== '' && named?.length === 0) {
    throw new Error(`OTP_CHANNELS must list channels such as sms,whatsapp,voice, not ${JSON.stringify(env.OTP_CHANNELS)}`)
  }
  const channels = named ?? [...(provider.channels ?? ['sms'])]
  let limited = false
  const option = channels.map((channel) => {
    const countries = list(env[`OTP_${channel.toUpperCase()}_COUNTRIES`])
    if (countries === undefined || countries.length === 0) return channel
    limited = true
    return { channel, countries }
  })
  return named === undefined && !limited ? undefined : option
}
