import { type Clock, systemClock } from '../clock'
import { OtpError } from '../errors'
import { e164Schema } from '../schemas'
import type {
  CheckInput,
  CheckResult,
  CheckStatus,
  CreateAuthenticationInput,
  CreateAuthenticationResult,
  OtpContract,
  RequestOptions,
  RetryInput,
  RetryResult,
  RetryStatus,
} from '../types'
import { SANDBOX_TEST_NUMBERS } from './test-numbers'

/** One code the sandbox "sent". */
export interface SandboxMessage {
  phoneNumber: string
  code: string
  sentAt: Date
  authenticationUuid: string
}

export type SandboxListener = (message: SandboxMessage) => void

/** What the sandbox "sent", to read in tests, show in a story or print in a dev server's terminal. */
export interface SandboxOutbox {
  /** Every message still kept, oldest first. */
  messages(): SandboxMessage[]
  /** The newest message, to any number or to `phoneNumber`. */
  latest(phoneNumber?: string): SandboxMessage | undefined
  /** Calls `listener` on every new message; returns the unsubscribe function. */
  subscribe(listener: SandboxListener): () => void
  clear(): void
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
  /** Time source for creation, expiry and resend deadlines. @default systemClock */
  clock?: Clock
  /** Makes the codes, e.g. `() => '123456'` for a fixed one. @default random digits from `crypto.getRandomValues` */
  generateCode?: () => string
}

/** An in-memory OTP provider with the contract of `createOtpClient` and an outbox instead of SMS. */
export interface Sandbox extends OtpContract {
  readonly outbox: SandboxOutbox
  /** Authentications currently kept in memory (bounded: see `maxAuthentications`). */
  readonly size: number
  /** Forgets every authentication and message. */
  reset(): void
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

function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
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

/**
 * Creates an in-memory sandbox that answers like Ding (same statuses, same errors), with no account and no phone.
 * Runs in Node and in browsers (no Node built-ins).
 *
 * @example
 * const sandbox = createSandbox({ clock: fakeClock })
 * const sent = await sandbox.createAuthentication({ phoneNumber: '+14155552671' })
 * const code = sandbox.outbox.latest('+14155552671')?.code
 * await sandbox.check({ authenticationUuid: sent.authenticationUuid, checkCode: code })   // status 'valid'
 */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const codeLength = options.codeLength ?? 6
  const ttlMs = (options.ttlSeconds ?? 600) * 1000
  const maxCheckAttempts = options.maxCheckAttempts ?? 5
  const resendDelays = options.resendDelays && options.resendDelays.length > 0 ? options.resendDelays : [30, 60, 120]
  const maxResends = options.maxResends ?? 3
  const latencyMs = options.latencyMs ?? 0
  const slowMs = options.slowMs ?? 8000
  const maxAuthentications = options.maxAuthentications ?? 10_000
  const maxOutboxMessages = options.maxOutboxMessages ?? 100
  const clock = options.clock ?? systemClock
  const generateCode = options.generateCode ?? (() => randomDigits(codeLength))

  const authentications = new Map<string, Authentication>()
  // UUIDs in creation order, read from `head`: expiry is creation + a fixed TTL, so the oldest expire first. A queue
  // rather than iterating the Map from its start, which walks past every slot freed since the Map last rehashed:
  // at the bound, with one authentication dropped per send, that walk grows to thousands of slots per send.
  let order: string[] = []
  let head = 0
  let messages: SandboxMessage[] = []
  const listeners = new Set<SandboxListener>()

  const resendDelayMs = (resendsUsed: number) => (resendDelays[Math.min(resendsUsed, resendDelays.length - 1)] ?? 30) * 1000

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
    const message: SandboxMessage = {
      phoneNumber: authentication.phoneNumber,
      code: authentication.code,
      sentAt: new Date(now),
      authenticationUuid: authentication.uuid,
    }
    messages.push(message)
    if (messages.length > maxOutboxMessages) {
      // Full: drop the oldest in place rather than copying the whole outbox on every send.
      if (maxOutboxMessages >= 1 && messages.length === maxOutboxMessages + 1) messages.shift()
      else messages = messages.slice(-maxOutboxMessages)
    }
    for (const listener of listeners) listener(message)
  }

  const meta = () => ({ receivedAt: new Date(clock.now()) })

  const find = (authenticationUuid: unknown): Authentication => {
    const authentication = typeof authenticationUuid === 'string' ? authentications.get(authenticationUuid) : undefined
    if (authentication === undefined) {
      throw new OtpError('invalid_auth_uuid', 'No authentication with this UUID', { status: 400, field: 'authentication_uuid' })
    }
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

  const retryStatus = (authentication: Authentication, now: number): RetryStatus => {
    if (authentication.state === 'validated') return 'already_validated'
    if (authentication.state === 'withoutAttempt') return 'no_attempt'
    if (now >= authentication.expiresAt) return 'expired_auth'
    if (authentication.resendsUsed >= maxResends) return 'rate_limited'
    if (now < authentication.nextRetryAt) return 'denied'
    authentication.resendsUsed += 1
    authentication.code = generateCode()
    authentication.nextRetryAt = now + resendDelayMs(authentication.resendsUsed)
    deliver(authentication, now)
    return 'approved'
  }

  const sandbox: Sandbox = {
    outbox: {
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
    },

    get size() {
      return authentications.size
    },

    reset() {
      authentications.clear()
      order = []
      head = 0
      messages = []
    },

    async createAuthentication(
      input: CreateAuthenticationInput,
      requestOptions?: RequestOptions,
    ): Promise<CreateAuthenticationResult> {
      const phoneNumber = input?.phoneNumber
      const pause = phoneNumber === SANDBOX_TEST_NUMBERS.slow ? slowMs : latencyMs
      // Nothing to wait for or to abort: answered in the same turn.
      if (pause > 0 || requestOptions?.signal) await wait(pause, requestOptions?.signal)
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
      const now = clock.now()
      purge(now)
      const status =
        phoneNumber === SANDBOX_TEST_NUMBERS.spamDetected
          ? 'spam_detected'
          : phoneNumber === SANDBOX_TEST_NUMBERS.rateLimited
            ? 'rate_limited'
            : 'pending'
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
        meta: meta(),
      }
    },

    async check(input: CheckInput, requestOptions?: RequestOptions): Promise<CheckResult> {
      if (latencyMs > 0 || requestOptions?.signal) await wait(latencyMs, requestOptions?.signal)
      const authentication = find(input?.authenticationUuid)
      const status = checkStatus(authentication, String(input.checkCode ?? ''), clock.now())
      const result: CheckResult = { authenticationUuid: authentication.uuid, status, rawStatus: status, meta: meta() }
      if (status === 'invalid') result.remainingAttempts = Math.max(0, maxCheckAttempts - authentication.checksUsed)
      return result
    },

    async retry(input: RetryInput, requestOptions?: RequestOptions): Promise<RetryResult> {
      if (latencyMs > 0 || requestOptions?.signal) await wait(latencyMs, requestOptions?.signal)
      const authentication = find(input?.authenticationUuid)
      const now = clock.now()
      const status = retryStatus(authentication, now)
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
        meta: meta(),
      }
    },
  }
  return sandbox
}
