import type { Clock } from '../clock'
import type {
  CheckInput,
  CheckResult,
  CheckStatus,
  CreateAuthenticationInput,
  CreateAuthenticationResult,
  OtpChannel,
  OtpContract,
  RequestOptions,
  RetryInput,
  RetryResult,
  RetryStatus,
} from '../types'
import {
  channelFor,
  createLocalOutbox,
  type LocalOutbox,
  pause,
  refuseChannel,
  resolveSettings,
  type SandboxSettings,
  STORED_MESSAGES_PER_NUMBER,
  sendOutcome,
  unknownAuthentication,
} from './shared'
import { createStoreSandbox } from './store-sandbox'
import { SANDBOX_TEST_NUMBERS } from './test-numbers'

export { STORED_MESSAGES_PER_NUMBER }

/** One code the sandbox "sent". */
export interface SandboxMessage {
  phoneNumber: string
  code: string
  sentAt: Date
  authenticationUuid: string
  /** How the code went out: `sms`, `whatsapp`, or `voice` (a call that reads it out). */
  channel: OtpChannel
}

export type SandboxListener = (message: SandboxMessage) => void

/** What the sandbox "sent", to read in tests, show in a story or print in a dev server's terminal. */
export interface SandboxOutbox {
  /** Every message still kept, oldest first (on a store: the messages this process sent). */
  messages(): SandboxMessage[]
  /** The newest message, to any number or to `phoneNumber`. */
  latest(phoneNumber?: string): SandboxMessage | undefined
  /** Calls `listener` on every new message this process sends; returns the unsubscribe function. */
  subscribe(listener: SandboxListener): () => void
  clear(): void
}

/**
 * Where a sandbox keeps its state when several processes must share it (e.g. an endpoint on several instances): the
 * shape of `@otpflow/server`'s `Store`, so its memory and Redis stores fit as they are. Every key written expires.
 */
export interface SandboxStore {
  get(key: string): Promise<string | undefined>
  set(key: string, value: string, ttlSeconds: number): Promise<void>
  /** Adds one hit, atomically across every process sharing the store, to a window that starts at the key's first hit. */
  increment(key: string, windowSeconds: number): Promise<{ count: number }>
  /** Sets the key only if it holds nothing live; of concurrent calls, exactly one gets `true`. */
  setIfAbsent(key: string, value: string, ttlSeconds: number): Promise<boolean>
}

export interface SandboxOptions {
  /** Digits in a code. @default 6 */
  codeLength?: number
  /** Seconds a code stays valid after the send. @default 600 */
  ttlSeconds?: number
  /** Checks allowed per authentication; the next one answers `rate_limited`. @default 5 */
  maxCheckAttempts?: number
  /**
   * Seconds to wait before each resend: the first resend opens `resendDelays[0]` after the send, the second
   * `resendDelays[1]` after the first resend, and so on (the last value repeats).
   * @default [30, 60, 120]
   */
  resendDelays?: readonly number[]
  /** Resends (approved retries) per authentication; the next one answers `rate_limited`. @default 3 */
  maxResends?: number
  /** Delay added to every answer, in milliseconds, to show loading states. @default 0 */
  latencyMs?: number
  /** Delay of the `slow` test number, in milliseconds. @default 8000 */
  slowMs?: number
  /** Authentications kept in memory at most; past it the oldest go first (expired ones are purged anyway). @default 10000 */
  maxAuthentications?: number
  /** Messages kept in the outbox at most, oldest dropped first. @default 100 */
  maxOutboxMessages?: number
  /**
   * The channels a code can go out on, the default first: a send or resend may ask for any of them (`channel`), and
   * each answer lists them as `availableChannels`. Another channel throws `OtpError('unsupported_channel')`.
   * @default ['sms', 'whatsapp', 'voice']
   */
  channels?: readonly OtpChannel[]
  /** Time source for creation, expiry and resend deadlines. @default systemClock */
  clock?: Clock
  /** Makes the codes, e.g. `() => '123456'` for a fixed one. @default random digits from `crypto.getRandomValues` */
  generateCode?: () => string
  /**
   * Keeps the authentications, codes, attempt counts and the outbox in this store instead of in memory, so every
   * sandbox on the same store (one per process) serves the same flows: a code sent by one is checked by another.
   * Attempts and resends are counted atomically, so concurrent checks spend one attempt each.
   * @default undefined (in memory, answered in the same turn)
   */
  store?: SandboxStore
}

/** An OTP provider with the contract of `createOtpClient` and an outbox instead of SMS. */
export interface Sandbox extends OtpContract {
  readonly outbox: SandboxOutbox
  /** The channels it offers, the default first (the `channels` option). */
  readonly channels: readonly OtpChannel[]
  /** Authentications currently kept in memory (bounded: see `maxAuthentications`); 0 on a store, which keeps them. */
  readonly size: number
  /** Forgets every authentication and message kept in memory (on a store, the keys expire on their own). */
  reset(): void
  /**
   * The same sandbox (options, outbox and its listeners) with its state in `store`; the same object for the same store.
   * @example
   * const shared = sandbox.withStore(createRedisStore({ url: process.env.REDIS_URL! }))
   */
  withStore(store: SandboxStore): Sandbox
  /**
   * The codes sent to `phoneNumber`, oldest first: on a store, what every sandbox on it sent (the newest
   * {@link STORED_MESSAGES_PER_NUMBER}, for twice `ttlSeconds`); in memory, the outbox's. Without a number, the messages
   * this process sent.
   */
  readOutbox(phoneNumber?: string): Promise<SandboxMessage[]>
}

/** A sandbox and its views on stores: one outbox, one set of settings, one view per store. */
export interface SandboxFamily {
  settings: SandboxSettings
  outbox: LocalOutbox
  viewOn(store: SandboxStore): Sandbox
}

type AuthenticationState = 'pending' | 'validated' | 'withoutAttempt'

interface Authentication {
  uuid: string
  phoneNumber: string
  state: AuthenticationState
  code: string
  createdAt: number
  expiresAt: number
  checksUsed: number
  resendsUsed: number
  nextRetryAt: number
  /** The channel the last code went out on. */
  channel: OtpChannel
}

/**
 * Creates a sandbox that answers like Ding (same statuses, same errors), with no account and no phone: in memory by
 * default, or on a shared `store`. Runs in Node and in browsers (no Node built-ins).
 *
 * @example
 * const sandbox = createSandbox({ clock: fakeClock })
 * const sent = await sandbox.createAuthentication({ phoneNumber: '+14155552671' })
 * const code = sandbox.outbox.latest('+14155552671')?.code
 * await sandbox.check({ authenticationUuid: sent.authenticationUuid, checkCode: code })   // status 'valid'
 */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const views = new WeakMap<SandboxStore, Sandbox>()
  const family: SandboxFamily = {
    settings: resolveSettings(options),
    outbox: createLocalOutbox(options.maxOutboxMessages ?? 100),
    viewOn(store) {
      let view = views.get(store)
      if (view === undefined) {
        view = createStoreSandbox(family, store)
        views.set(store, view)
      }
      return view
    },
  }
  return options.store === undefined ? createMemorySandbox(family) : family.viewOn(options.store)
}

function createMemorySandbox(family: SandboxFamily): Sandbox {
  const { settings, outbox } = family
  const { ttlMs, maxCheckAttempts, maxResends, maxAuthentications, clock, generateCode, resendDelayMs } = settings

  const authentications = new Map<string, Authentication>()
  // UUIDs in creation order, read from `head`: expiry is creation + a fixed TTL, so the oldest expire first. A queue
  // rather than iterating the Map from its start, which walks past every slot freed since the Map last rehashed:
  // at the bound, with one authentication dropped per send, that walk grows to thousands of slots per send.
  let order: string[] = []
  let head = 0

  // Expired authentications stay one more TTL, so a late check still answers `expired_auth` rather than an unknown UUID.
  const purge = (now: number) => {
    while (head < order.length) {
      const uuid = order[head] as string
      const authentication = authentications.get(uuid)
      if (authentication !== undefined && authentication.expiresAt + ttlMs > now && authentications.size < maxAuthentications)
        break
      authentications.delete(uuid)
      head += 1
    }
    // Drop the consumed front once it is most of the array, so the queue stays as long as the Map.
    if (head > 1024 && head * 2 > order.length) {
      order = order.slice(head)
      head = 0
    }
  }

  const deliver = (authentication: Authentication, now: number) => {
    outbox.push({
      phoneNumber: authentication.phoneNumber,
      code: authentication.code,
      sentAt: new Date(now),
      authenticationUuid: authentication.uuid,
      channel: authentication.channel,
    })
  }

  const meta = () => ({ receivedAt: new Date(clock.now()) })

  const find = (authenticationUuid: unknown): Authentication => {
    const authentication = typeof authenticationUuid === 'string' ? authentications.get(authenticationUuid) : undefined
    if (authentication === undefined) throw unknownAuthentication()
    return authentication
  }

  const checkStatus = (authentication: Authentication, code: string, now: number): CheckStatus => {
    if (authentication.state === 'validated') return 'already_validated'
    if (authentication.state === 'withoutAttempt') return 'without_attempt'
    if (now >= authentication.expiresAt) return 'expired_auth'
    if (authentication.checksUsed >= maxCheckAttempts) return 'rate_limited'
    authentication.checksUsed += 1
    if (code !== authentication.code) return 'invalid'
    authentication.state = 'validated'
    return 'valid'
  }

  const retryStatus = (authentication: Authentication, channel: OtpChannel, now: number): RetryStatus => {
    if (authentication.state === 'validated') return 'already_validated'
    if (authentication.state === 'withoutAttempt') return 'no_attempt'
    if (now >= authentication.expiresAt) return 'expired_auth'
    if (authentication.resendsUsed >= maxResends) return 'rate_limited'
    if (now < authentication.nextRetryAt) return 'denied'
    // A channel this number refuses sends nothing and spends nothing: the code in use still works.
    refuseChannel(settings, authentication.phoneNumber, channel)
    authentication.channel = channel
    authentication.resendsUsed += 1
    authentication.code = generateCode()
    authentication.nextRetryAt = now + resendDelayMs(authentication.resendsUsed)
    deliver(authentication, now)
    return 'approved'
  }

  const sandbox: Sandbox = {
    outbox,
    channels: settings.channels,

    get size() {
      return authentications.size
    },

    reset() {
      authentications.clear()
      order = []
      head = 0
      outbox.clear()
    },

    withStore: (store) => family.viewOn(store),

    async readOutbox(phoneNumber) {
      return outbox.messages().filter((message) => phoneNumber === undefined || message.phoneNumber === phoneNumber)
    },

    async createAuthentication(
      input: CreateAuthenticationInput,
      requestOptions?: RequestOptions,
    ): Promise<CreateAuthenticationResult> {
      const phoneNumber = input?.phoneNumber
      // Nothing to wait for or to abort: answered in the same turn.
      const waiting = pause(settings, requestOptions, phoneNumber === SANDBOX_TEST_NUMBERS.slow)
      if (waiting) await waiting
      const status = sendOutcome(phoneNumber)
      const channel = channelFor(settings, input.channel, undefined)
      if (status === 'pending') refuseChannel(settings, phoneNumber, channel)
      const now = clock.now()
      purge(now)
      const authentication: Authentication = {
        uuid: crypto.randomUUID(),
        phoneNumber,
        state: status === 'pending' ? 'pending' : 'withoutAttempt',
        code: status === 'pending' ? generateCode() : '',
        createdAt: now,
        expiresAt: now + ttlMs,
        checksUsed: 0,
        resendsUsed: 0,
        nextRetryAt: now + resendDelayMs(0),
        channel,
      }
      authentications.set(authentication.uuid, authentication)
      order.push(authentication.uuid)
      if (status === 'pending') deliver(authentication, now)
      return {
        authenticationUuid: authentication.uuid,
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

    async check(input: CheckInput, requestOptions?: RequestOptions): Promise<CheckResult> {
      const waiting = pause(settings, requestOptions)
      if (waiting) await waiting
      const authentication = find(input?.authenticationUuid)
      const status = checkStatus(authentication, String(input.checkCode ?? ''), clock.now())
      const result: CheckResult = { authenticationUuid: authentication.uuid, status, rawStatus: status, meta: meta() }
      if (status === 'invalid') result.remainingAttempts = Math.max(0, maxCheckAttempts - authentication.checksUsed)
      return result
    },

    async retry(input: RetryInput, requestOptions?: RequestOptions): Promise<RetryResult> {
      const waiting = pause(settings, requestOptions)
      if (waiting) await waiting
      const authentication = find(input?.authenticationUuid)
      const channel = channelFor(settings, input.channel, authentication.channel)
      const now = clock.now()
      const status = retryStatus(authentication, channel, now)
      const remainingRetry = Math.max(0, maxResends - authentication.resendsUsed)
      return {
        authenticationUuid: authentication.uuid,
        status,
        rawStatus: status,
        ...(status === 'approved' ? { createdAt: new Date(now) } : {}),
        ...(authentication.state === 'pending' && remainingRetry > 0
          ? { nextRetryAt: new Date(authentication.nextRetryAt) }
          : {}),
        remainingRetry,
        channel: authentication.channel,
        availableChannels: [...settings.channels],
        meta: meta(),
      }
    },
  }
  return sandbox
}
