import { type Clock, systemClock } from '../clock'
import { OtpError } from '../errors'
import { e164Schema } from '../schemas'
import { OTP_CHANNELS, type OtpChannel, type RequestOptions } from '../types'
import type { SandboxListener, SandboxMessage, SandboxOptions, SandboxOutbox } from './sandbox'
import { SANDBOX_TEST_NUMBERS } from './test-numbers'

/** Messages kept per number on a store (each for twice `ttlSeconds`); the newest stay. */
export const STORED_MESSAGES_PER_NUMBER = 10

/** The options with their defaults, read once and shared by the sandbox and its views on stores. */
export interface SandboxSettings {
  ttlMs: number
  maxCheckAttempts: number
  maxResends: number
  latencyMs: number
  slowMs: number
  maxAuthentications: number
  clock: Clock
  generateCode: () => string
  resendDelayMs: (resendsUsed: number) => number
  /** The channels offered, the default first. */
  channels: readonly OtpChannel[]
}

function randomDigits(length: number): string {
  let code = ''
  const bytes = new Uint8Array(length * 2)
  while (code.length < length) {
    crypto.getRandomValues(bytes)
    // Keep bytes below 250 only, so every digit is equally likely.
    for (const byte of bytes) {
      if (byte < 250 && code.length < length) code += String(byte % 10)
    }
  }
  return code
}

export function resolveSettings(options: SandboxOptions): SandboxSettings {
  const codeLength = options.codeLength ?? 6
  const resendDelays = options.resendDelays && options.resendDelays.length > 0 ? options.resendDelays : [30, 60, 120]
  return {
    ttlMs: (options.ttlSeconds ?? 600) * 1000,
    maxCheckAttempts: options.maxCheckAttempts ?? 5,
    maxResends: options.maxResends ?? 3,
    latencyMs: options.latencyMs ?? 0,
    slowMs: options.slowMs ?? 8000,
    maxAuthentications: options.maxAuthentications ?? 10_000,
    clock: options.clock ?? systemClock,
    generateCode: options.generateCode ?? (() => randomDigits(codeLength)),
    resendDelayMs: (resendsUsed) => (resendDelays[Math.min(resendsUsed, resendDelays.length - 1)] ?? 30) * 1000,
    channels: options.channels && options.channels.length > 0 ? [...options.channels] : [...OTP_CHANNELS],
  }
}

/** The test numbers that refuse one channel, as a number that has no WhatsApp, or takes no calls, would. */
const REFUSED_CHANNELS: Readonly<Record<string, OtpChannel>> = {
  [SANDBOX_TEST_NUMBERS.noWhatsApp]: 'whatsapp',
  [SANDBOX_TEST_NUMBERS.noVoice]: 'voice',
}

function unsupportedChannel(channel: OtpChannel, offered: readonly OtpChannel[]): OtpError {
  return new OtpError(
    'unsupported_channel',
    `Codes cannot be sent by ${JSON.stringify(channel)} to this number; offered: ${offered.join(', ')}`,
    { status: 400, field: 'channel' },
  )
}

/**
 * The channel a send or resend goes out on: the one asked for, else `current` (the channel in use), else the first
 * offered. Throws `unsupported_channel` for a channel the sandbox does not offer.
 */
export function channelFor(
  settings: SandboxSettings,
  asked: OtpChannel | undefined,
  current: OtpChannel | undefined,
): OtpChannel {
  const channel = asked ?? current ?? (settings.channels[0] as OtpChannel)
  if (!settings.channels.includes(channel)) throw unsupportedChannel(channel, settings.channels)
  return channel
}

/** Throws `unsupported_channel` when this test number refuses the channel; the code then goes nowhere. */
export function refuseChannel(settings: SandboxSettings, phoneNumber: string, channel: OtpChannel): void {
  const refused = REFUSED_CHANNELS[phoneNumber]
  if (refused === channel)
    throw unsupportedChannel(
      channel,
      settings.channels.filter((offered) => offered !== refused),
    )
}

/** The outbox in this process's memory, with a `push` for the sandbox that delivers. */
export interface LocalOutbox extends SandboxOutbox {
  push(message: SandboxMessage): void
}

export function createLocalOutbox(maxMessages: number): LocalOutbox {
  let messages: SandboxMessage[] = []
  const listeners = new Set<SandboxListener>()
  return {
    push(message) {
      messages.push(message)
      if (messages.length > maxMessages) {
        // Full: drop the oldest in place rather than copying the whole outbox on every send.
        if (maxMessages >= 1 && messages.length === maxMessages + 1) messages.shift()
        else messages = messages.slice(-maxMessages)
      }
      for (const listener of listeners) listener(message)
    },
    messages: () => [...messages],
    latest: (phoneNumber) => {
      for (let index = messages.length - 1; index >= 0; index -= 1) {
        const message = messages[index]
        if (message && (phoneNumber === undefined || message.phoneNumber === phoneNumber)) return message
      }
      return undefined
    },
    subscribe: (listener) => {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    clear: () => {
      messages = []
    },
  }
}

export function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(new OtpError('aborted', 'The request was aborted'))
  if (ms <= 0) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer)
      reject(new OtpError('aborted', 'The request was aborted'))
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/** Waits as the sandbox's options say (and not at all, in the same turn, when there is nothing to wait for or abort). */
export function pause(
  settings: SandboxSettings,
  requestOptions: RequestOptions | undefined,
  slow = false,
): Promise<void> | undefined {
  const ms = slow ? settings.slowMs : settings.latencyMs
  return ms > 0 || requestOptions?.signal ? wait(ms, requestOptions?.signal) : undefined
}

export type SendOutcome = 'pending' | 'spam_detected' | 'rate_limited'

/** What a send to this number answers, by the test numbers; throws their errors, and for what is not E.164. */
export function sendOutcome(phoneNumber: unknown): SendOutcome {
  if (!e164Schema.safeParse(phoneNumber).success || phoneNumber === SANDBOX_TEST_NUMBERS.invalidPhoneNumber) {
    throw new OtpError('invalid_phone_number', `${String(phoneNumber)} is not a valid phone number`, {
      status: 400,
      field: 'phone_number',
    })
  }
  if (phoneNumber === SANDBOX_TEST_NUMBERS.invalidLine) {
    throw new OtpError('invalid_line', 'This type of phone line is not supported (landline)', {
      status: 400,
      field: 'phone_number',
    })
  }
  if (phoneNumber === SANDBOX_TEST_NUMBERS.serverError) {
    throw new OtpError('server_error', 'Sandbox test number: simulated server error', { status: 500 })
  }
  return phoneNumber === SANDBOX_TEST_NUMBERS.spamDetected
    ? 'spam_detected'
    : phoneNumber === SANDBOX_TEST_NUMBERS.rateLimited
      ? 'rate_limited'
      : 'pending'
}

export function unknownAuthentication(): OtpError {
  return new OtpError('invalid_auth_uuid', 'No authentication with this UUID', { status: 400, field: 'authentication_uuid' })
}
