import type { OtpChannel } from '@otpflow/core'
import type { PhoneNumber } from 'libphonenumber-js/min'
import { HttpError } from '../http/http-error'
import { countryAllowed } from '../phone-number'
import type { OtpProvider } from '../providers/types'

/**
 * The channels the endpoint offers, in order (the first a number may use is its default), each to every country or to
 * the countries listed: `['sms', 'whatsapp', { channel: 'voice', countries: ['GB', 'IE'] }]`.
 */
export type OtpChannelsOption = readonly (OtpChannel | { channel: OtpChannel; countries: readonly string[] })[]

/** The `channels` option resolved against the provider, once. */
export interface ChannelConfig {
  offered: readonly { channel: OtpChannel; countries: ReadonlySet<string> | undefined }[]
  /** The provider's default channel: what it sends on when no channel is named to it. */
  providerDefault: OtpChannel
}

const COUNTRY = /^[A-Z]{2}$/

/**
 * Checks the `channels` option against what the provider can deliver and resolves it. Without it: every channel of the
 * provider (SMS alone for a provider that lists none), to every country. Throws at startup for a channel the provider
 * does not have, a channel listed twice, an empty list or a country that is not an ISO 3166-1 alpha-2 code.
 */
export function resolveChannels(provider: OtpProvider, option: OtpChannelsOption | undefined): ChannelConfig {
  const ofProvider = provider.channels !== undefined && provider.channels.length > 0 ? provider.channels : ['sms']
  const providerDefault = ofProvider[0] as OtpChannel
  if (option === undefined) return { offered: ofProvider.map((channel) => ({ channel, countries: undefined })), providerDefault }
  if (option.length === 0) throw new Error('channels must list at least one channel')
  const offered = option.map((entry) => {
    const { channel, countries } = typeof entry === 'string' ? { channel: entry, countries: undefined } : entry
    if (!ofProvider.includes(channel)) {
      throw new Error(
        `channels: ${JSON.stringify(channel)} is not a channel of the ${provider.name} provider, which offers ${ofProvider.join(', ')}`,
      )
    }
    if (countries === undefined) return { channel, countries: undefined }
    const codes = countries.map((country) => country.trim().toUpperCase())
    const wrong = codes.find((code) => !COUNTRY.test(code))
    if (wrong !== undefined || codes.length === 0) {
      throw new Error(
        `channels: the countries of ${channel} must be ISO 3166-1 alpha-2 codes such as GB, not ${JSON.stringify(countries)}`,
      )
    }
    return { channel, countries: new Set(codes) }
  })
  const seen = new Set<OtpChannel>()
  for (const { channel } of offered) {
    if (seen.has(channel)) throw new Error(`channels: ${channel} is listed twice`)
    seen.add(channel)
  }
  return { offered, providerDefault }
}

/** The channels a number may get its code on, the default first: those whose countries include the number's. */
export function channelsFor(config: ChannelConfig, phoneNumber: PhoneNumber): OtpChannel[] {
  return config.offered
    .filter(({ countries }) => countries === undefined || countryAllowed(phoneNumber, countries))
    .map(({ channel }) => channel)
}

/** 400 `unsupported_channel`, naming the channels on offer for the number. */
export function unsupportedChannel(channel: OtpChannel, available: readonly OtpChannel[]): HttpError {
  return new HttpError('unsupported_channel', {
    message: `Codes cannot be sent by ${JSON.stringify(channel)} to this number; ${
      available.length === 0 ? 'no channel is offered for it' : `offered: ${available.join(', ')}`
    }`,
    field: 'channel',
  })
}

/** The channel asked for, refused with {@link unsupportedChannel} unless it is on offer for the number. */
export function checkChannel(asked: OtpChannel | undefined, available: readonly OtpChannel[]): void {
  if (asked !== undefined && !available.includes(asked)) throw unsupportedChannel(asked, available)
}

/**
 * The channel to name to the provider, or `undefined` for its default: a channel is named when the request named it
 * or when it is not the provider's default, so that a request without a channel reaches the provider as it always has.
 */
export function channelForProvider(config: ChannelConfig, channel: OtpChannel, named: boolean): OtpChannel | undefined {
  return named || channel !== config.providerDefault ? channel : undefined
}

/**
 * A provider's refusal of the channel (the number has no WhatsApp, takes no calls): the same 400, naming the other
 * channels on offer. Any other error as it is.
 */
export function channelRefused(error: unknown, channel: OtpChannel, available: readonly OtpChannel[]): unknown {
  return error instanceof HttpError && error.code === 'unsupported_channel'
    ? unsupportedChannel(
        channel,
        available.filter((offered) => offered !== channel),
      )
    : error
}
