import type { CheckResult, CheckStatus, OtpChannel, RetryResult, RetryStatus } from '../types'
import type { Sandbox, SandboxFamily, SandboxMessage, SandboxStore } from './sandbox'
import { channelFor, pause, refuseChannel, STORED_MESSAGES_PER_NUMBER, sendOutcome, unknownAuthentication } from './shared'
import { SANDBOX_TEST_NUMBERS } from './test-numbers'

/**
 * One authentication as the store keeps it (`sandbox:auth:<uuid>`). What changes under concurrent requests lives in keys
 * of its own, written atomically: the checks spent (a counter), the validation (set once) and each resend (claimed once).
 */
interface StoredAuthentication {
  phoneNumber: string
  /** `false` for a test number's send that sent nothing (`spam_detected`, `rate_limited`). */
  sent: boolean
  code: string
  createdAt: number
  expiresAt: number
  resendsUsed: number
  nextRetryAt: number
  /** The channel the last code went out on; absent in records written before channels, which went by SMS. */
  channel?: OtpChannel
}

interface StoredMessage {
  code: string
  sentAt: number
  authenticationUuid: string
  channel?: OtpChannel
  /** The message's place in its number's sequence, to keep the order of messages sent in the same millisecond. */
  sequence: number
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const parse = <T>(json: string | undefined): T | undefined => {
  if (json === undefined || json === '') return undefined
  try {
    return JSON.parse(json) as T
  } catch {
    return undefined
  }
}

const isAuthentication = (value: unknown): value is StoredAuthentication => {
  const record = value as StoredAuthentication | undefined
  return (
    typeof record === 'object' &&
    record !== null &&
    typeof record.phoneNumber === 'string' &&
    typeof record.sent === 'boolean' &&
    typeof record.code === 'string' &&
    typeof record.createdAt === 'number' &&
    typeof record.expiresAt === 'number' &&
    typeof record.resendsUsed === 'number' &&
    typeof record.nextRetryAt === 'number'
  )
}

const isMessage = (value: unknown): value is StoredMessage => {
  const message = value as StoredMessage | undefined
  return (
    typeof message === 'object' &&
    message !== null &&
    typeof message.code === 'string' &&
    typeof message.sentAt === 'number' &&
    typeof message.authenticationUuid === 'string' &&
    typeof message.sequence === 'number'
  )
}

/** Whole seconds from `now` to `until`, at least one (a store's TTL must be positive). */
const secondsUntil = (until: number, now: number) => Math.max(1, Math.ceil((until - now) / 1000))

const keys = {
  authentication: (uuid: string) => `sandbox:auth:${uuid}`,
  checks: (uuid: string) => `sandbox:checks:${uuid}`,
  validated: (uuid: string) => `sandbox:valid:${uuid}`,
  resend: (uuid: string, resend: number) => `sandbox:resend:${uuid}:${resend}`,
  sequence: (phoneNumber: string) => `sandbox:outbox:${phoneNumber}`,
  message: (phoneNumber: string, slot: number) => `sandbox:outbox:${phoneNumber}:${slot}`,
}

/**
 * The sandbox with its state in a shared store: every sandbox on the same store (one per process) serves the same
 * flows. Each key lives as long as its authentication is answered (its code's lifetime, then one more, for
 * `expired_auth`); the outbox keeps the newest messages per number in a ring of slots.
 */
export function createStoreSandbox(family: SandboxFamily, store: SandboxStore): Sandbox {
  const { settings, outbox } = family
  const { ttlMs, maxCheckAttempts, maxResends, clock, generateCode, resendDelayMs } = settings
  const meta = () => ({ receivedAt: new Date(clock.now()) })
  /** Until when an authentication is answered (after its expiry, with `expired_auth`). */
  const keptUntil = (authentication: StoredAuthentication) => authentication.expiresAt + ttlMs

  const deliver = async (uuid: string, phoneNumber: string, code: string, channel: OtpChannel, now: number) => {
    // The ring is as old as its messages: a sequence that restarts overwrites the oldest slots first.
    const { count } = await store.increment(keys.sequence(phoneNumber), secondsUntil(now + 2 * ttlMs, now))
    const stored: StoredMessage = { code, sentAt: now, authenticationUuid: uuid, channel, sequence: count }
    await store.set(
      keys.message(phoneNumber, count % STORED_MESSAGES_PER_NUMBER),
      JSON.stringify(stored),
      secondsUntil(now + 2 * ttlMs, now),
    )
    outbox.push({ phoneNumber, code, sentAt: new Date(now), authenticationUuid: uuid, channel })
  }

  /** The authentication and whether it was validated, read together. */
  const find = async (authenticationUuid: unknown) => {
    if (typeof authenticationUuid !== 'string' || !UUID.test(authenticationUuid)) throw unknownAuthentication()
    const [json, validated] = await Promise.all([
      store.get(keys.authentication(authenticationUuid)),
      store.get(keys.validated(authenticationUuid)),
    ])
    const authentication = parse<unknown>(json)
    if (!isAuthentication(authentication)) throw unknownAuthentication()
    return { uuid: authenticationUuid, authentication, validated: validated !== undefined }
  }

  const checkStatus = async (
    uuid: string,
    authentication: StoredAuthentication,
    validated: boolean,
    code: string,
    now: number,
  ): Promise<{ status: CheckStatus; checksUsed?: number }> => {
    if (validated) return { status: 'already_validated' }
    if (!authentication.sent) return { status: 'without_attempt' }
    if (now >= authentication.expiresAt) return { status: 'expired_auth' }
    const ttl = secondsUntil(keptUntil(authentication), now)
    // Counted before the code is compared, atomically: concurrent checks on any number of processes spend one each.
    const { count } = await store.increment(keys.checks(uuid), ttl)
    if (count > maxCheckAttempts) return { status: 'rate_limited' }
    if (code !== authentication.code) return { status: 'invalid', checksUsed: count }
    // Two right codes at once: one is `valid`, the other finds it done.
    const first = await store.setIfAbsent(keys.validated(uuid), '1', ttl)
    return { status: first ? 'valid' : 'already_validated' }
  }

  const sandbox: Sandbox = {
    outbox,
    channels: settings.channels,
    size: 0,
    reset() {
      outbox.clear()
    },
    withStore: (other) => family.viewOn(other),

    async readOutbox(phoneNumber) {
      if (phoneNumber === undefined) return outbox.messages()
      const slots = await Promise.all(
        Array.from({ length: STORED_MESSAGES_PER_NUMBER }, (_, slot) => store.get(keys.message(phoneNumber, slot))),
      )
      return slots
        .map((json) => parse<unknown>(json))
        .filter(isMessage)
        .sort((a, b) => a.sentAt - b.sentAt || a.sequence - b.sequence)
        .map(
          (message): SandboxMessage => ({
            phoneNumber,
            code: message.code,
            sentAt: new Date(message.sentAt),
            authenticationUuid: message.authenticationUuid,
            channel: message.channel ?? 'sms',
          }),
        )
    },

    async createAuthentication(input, requestOptions) {
      const phoneNumber = input?.phoneNumber
      const waiting = pause(settings, requestOptions, phoneNumber === SANDBOX_TEST_NUMBERS.slow)
      if (waiting) await waiting
      const status = sendOutcome(phoneNumber)
      const channel = channelFor(settings, input.channel, undefined)
      if (status === 'pending') refuseChannel(settings, phoneNumber, channel)
      const now = clock.now()
      const uuid = crypto.randomUUID()
      const authentication: StoredAuthentication = {
        phoneNumber,
        sent: status === 'pending',
        code: status === 'pending' ? generateCode() : '',
        createdAt: now,
        expiresAt: now + ttlMs,
        resendsUsed: 0,
        nextRetryAt: now + resendDelayMs(0),
        channel,
      }
      // Stored before it is delivered: a code in the outbox can always be checked.
      await store.set(keys.authentication(uuid), JSON.stringify(authentication), secondsUntil(keptUntil(authentication), now))
      if (status === 'pending') await deliver(uuid, phoneNumber, authentication.code, channel, now)
      return {
        authenticationUuid: uuid,
        status,
        rawStatus: status,
        createdAt: new Date(authentication.createdAt),
        expiresAt: new Date(authentication.expiresAt),
        ...(status === 'pending'
          ? { nextRetryAt: new Date(authentication.nextRetryAt), remainingRetry: maxResends }
          : { remainingRetry: 0 }),
        channel,
        availableChannels: [...settings.channels],
        meta: meta(),
      }
    },

    async check(input, requestOptions) {
      const waiting = pause(settings, requestOptions)
      if (waiting) await waiting
      const { uuid, authentication, validated } = await find(input?.authenticationUuid)
      const { status, checksUsed } = await checkStatus(
        uuid,
        authentication,
        validated,
        String(input.checkCode ?? ''),
        clock.now(),
      )
      const result: CheckResult = { authenticationUuid: uuid, status, rawStatus: status, meta: meta() }
      if (status === 'invalid' && checksUsed !== undefined) result.remainingAttempts = Math.max(0, maxCheckAttempts - checksUsed)
      return result
    },

    async retry(input, requestOptions) {
      const waiting = pause(settings, requestOptions)
      if (waiting) await waiting
      const { uuid, authentication, validated } = await find(input?.authenticationUuid)
      const inUse = authentication.channel ?? 'sms'
      const channel = channelFor(settings, input.channel, inUse)
      const now = clock.now()
      const answer = (
        status: RetryStatus,
        resendsUsed: number,
        nextRetryAt: number,
        channelAfter: OtpChannel = inUse,
      ): RetryResult => {
        const remainingRetry = Math.max(0, maxResends - resendsUsed)
        return {
          authenticationUuid: uuid,
          status,
          rawStatus: status,
          ...(status === 'approved' ? { createdAt: new Date(now) } : {}),
          ...(!validated && authentication.sent && remainingRetry > 0 ? { nextRetryAt: new Date(nextRetryAt) } : {}),
          remainingRetry,
          channel: channelAfter,
          availableChannels: [...settings.channels],
          meta: meta(),
        }
      }
      const { resendsUsed, nextRetryAt } = authentication
      if (validated) return answer('already_validated', resendsUsed, nextRetryAt)
      if (!authentication.sent) return answer('no_attempt', resendsUsed, nextRetryAt)
      if (now >= authentication.expiresAt) return answer('expired_auth', resendsUsed, nextRetryAt)
      if (resendsUsed >= maxResends) return answer('rate_limited', resendsUsed, nextRetryAt)
      if (now < nextRetryAt) return answer('denied', resendsUsed, nextRetryAt)
      // A channel this number refuses sends nothing and spends nothing: the code in use still works.
      refuseChannel(settings, authentication.phoneNumber, channel)
      const resend = resendsUsed + 1
      const ttl = secondsUntil(keptUntil(authentication), now)
      // Each resend is claimed once: of concurrent resends on any number of processes, one sends a code and the others
      // answer as they would just after it.
      if (!(await store.setIfAbsent(keys.resend(uuid, resend), '1', ttl))) {
        return answer(resend >= maxResends ? 'rate_limited' : 'denied', resend, now + resendDelayMs(resend))
      }
      const resent: StoredAuthentication = {
        ...authentication,
        code: generateCode(),
        resendsUsed: resend,
        nextRetryAt: now + resendDelayMs(resend),
        channel,
      }
      await store.set(keys.authentication(uuid), JSON.stringify(resent), ttl)
      await deliver(uuid, authentication.phoneNumber, resent.code, channel, now)
      return answer('approved', resend, resent.nextRetryAt, channel)
    },
  }
  return sandbox
}
