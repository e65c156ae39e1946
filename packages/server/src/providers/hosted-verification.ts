/**
 * What Prelude V2 and Twilio Verify have in common, and what both lack compared with Ding's contract.
 *
 * Both identify a verification by the phone number (one open verification per number), and neither returns an
 * expiry, a resend deadline, a count of resends left or a "validated" flag. This module keeps those itself, per
 * authentication, on the handler's {@link Store} (with a copy of the essentials in the flow token's `state` for
 * when the store has lost them), and applies a {@link ResendPolicy} that mirrors the provider's own limits.
 * Each adapter only supplies two calls: `deliver` (send or resend a code) and `verify` (check a code).
 */
import { errorGroup, httpStatusOf, isOtpError, type OtpChannel, OtpError } from '@otpflow/core'
import type { ProviderErrorCode } from './errors'
import type {
  OtpProvider,
  ProviderCheckResult,
  ProviderContext,
  ProviderFlow,
  ProviderRetryResult,
  ProviderSendInput,
  ProviderSendResult,
  ProviderState,
  Store,
} from './types'

/**
 * The limits a hosted provider enforces but does not report, mirrored so the endpoint can answer `next_retry_at`,
 * `remaining_retry`, `expires_at` and the check limit itself. Set them to match the provider's settings.
 */
export interface ResendPolicy {
  /**
   * Seconds to wait before each resend: the first resend opens `delaysSeconds[0]` after the send, the second
   * `delaysSeconds[1]` after the first resend, and so on (the last value repeats).
   */
  delaysSeconds: readonly number[]
  /** Resends allowed after the first send. */
  maxResends: number
  /** How long a code stays valid after the first send, in seconds. */
  windowSeconds: number
  /** Checks allowed per authentication; the next one answers `rate_limited` without calling the provider. */
  maxChecks: number
}

/** The provider's answer to a send or resend, in this module's terms. */
export type DeliverOutcome =
  | {
      kind: 'sent'
      /** The provider's id of the verification (Prelude `vrf_…`, Twilio `VE…`). */
      id: string
      /** True when the provider added this send to a verification that was already open for the number. */
      resend: boolean
      /** Sends so far in the provider's verification, when it reports them. */
      sends?: number
      /** When the provider's verification began, when it reports it (ms since the epoch). */
      createdAt?: number
    }
  | { kind: 'rate_limited'; retryAfterSeconds?: number }
  | { kind: 'spam'; reason: string }

export type VerifyOutcome = 'valid' | 'invalid' | 'expired' | 'rate_limited' | 'unknown'

/** The device fields of the first send, re-sent with every resend (they feed the provider's fraud checks). */
type SendFields = Pick<ProviderSendInput, 'locale' | 'deviceType' | 'appVersion' | 'isReturningUser'>

export interface DeliverRequest {
  phoneNumber: string
  fields: SendFields
  authenticationUuid: string
  ctx: ProviderContext
  /** The channel to send on, one of the definition's `channels`; absent: the provider's default, sent as before channels. */
  channel?: OtpChannel
}

export interface VerifyRequest {
  phoneNumber: string
  /** The provider's id of the verification, `''` when unknown. */
  id: string
  code: string
  ctx: ProviderContext
}

export interface HostedProviderDefinition {
  name: string
  policy: ResendPolicy
  /** The channels `deliver` can send on, its default first. */
  channels: readonly OtpChannel[]
  /** Sends a code, or sends it again for a number that has an open verification. Throws `OtpError` otherwise. */
  deliver(request: DeliverRequest): Promise<DeliverOutcome>
  /** Checks a code. Throws `OtpError` for anything that is not an answer about the code. */
  verify(request: VerifyRequest): Promise<VerifyOutcome>
}

type RecordStatus = 'pending' | 'blocked' | 'rate_limited'

interface VerificationRecord {
  id: string
  status: RecordStatus
  createdAt: number
  expiresAt: number
  sends: number
  lastSendAt: number
  fields: SendFields
  /** The channel the last code went out on (absent: the provider's default). */
  channel?: OtpChannel
}

/** Keeps records an hour past expiry, so a late check or resend still answers `already_validated` or `rate_limited`. */
const GRACE_SECONDS = 3600

export function mergePolicy(defaults: ResendPolicy, overrides: Partial<ResendPolicy> | undefined): ResendPolicy {
  const defined = Object.fromEntries(Object.entries(overrides ?? {}).filter(([, value]) => value !== undefined))
  const merged: ResendPolicy = { ...defaults, ...defined }
  if (merged.delaysSeconds.length === 0) merged.delaysSeconds = defaults.delaysSeconds
  return merged
}

/** Builds an {@link OtpProvider} from a provider's two calls, keeping what the provider does not. */
export function createHostedProvider(definition: HostedProviderDefinition): OtpProvider {
  const { name, policy, channels } = definition
  const withChannel = (channel: OtpChannel | undefined) => (channel === undefined ? {} : { channel })
  const windowMs = policy.windowSeconds * 1000
  const key = (kind: string, id: string) => `otpflow:${name}:${kind}:${id}`
  const ttl = (expiresAt: number, now: number) => Math.max(1, Math.ceil((expiresAt - now) / 1000)) + GRACE_SECONDS

  const schedule = (record: VerificationRecord): { nextRetryAt?: Date; remainingRetry: number } => {
    const resendsUsed = Math.max(0, record.sends - 1)
    const remainingRetry = record.status === 'pending' ? Math.max(0, policy.maxResends - resendsUsed) : 0
    if (remainingRetry === 0) return { remainingRetry }
    const delay = policy.delaysSeconds[Math.min(resendsUsed, policy.delaysSeconds.length - 1)] ?? 30
    return { nextRetryAt: new Date(record.lastSendAt + delay * 1000), remainingRetry }
  }

  const toState = (record: VerificationRecord): ProviderState => ({
    id: record.id,
    status: record.status,
    sends: record.sends,
    lastSendAt: record.lastSendAt,
  })

  const save = async (store: Store, uuid: string, record: VerificationRecord, now: number) => {
    await store.set(key('auth', uuid), JSON.stringify(record), ttl(record.expiresAt, now))
  }

  const read = async (store: Store, uuid: string): Promise<VerificationRecord | undefined> => {
    const stored = await store.get(key('auth', uuid))
    if (stored === undefined) return undefined
    try {
      return JSON.parse(stored) as VerificationRecord
    } catch {
      // A damaged entry counts as a lost one: the flow token still has the essentials.
      return undefined
    }
  }

  const load = async (flow: ProviderFlow, store: Store): Promise<VerificationRecord> => {
    const stored = await read(store, flow.authenticationUuid)
    if (stored !== undefined) return stored
    const state = flow.state ?? {}
    const status = state.status === 'blocked' || state.status === 'rate_limited' ? state.status : 'pending'
    return {
      id: typeof state.id === 'string' ? state.id : '',
      status,
      createdAt: flow.createdAt.getTime(),
      expiresAt: flow.expiresAt.getTime(),
      sends: typeof state.sends === 'number' ? state.sends : 1,
      lastSendAt: typeof state.lastSendAt === 'number' ? state.lastSendAt : flow.createdAt.getTime(),
      fields: {},
    }
  }

  const isValidated = async (store: Store, uuid: string) => (await store.get(key('validated', uuid))) !== undefined

  /** The authentication still open for this number, if any: a new send for it is a resend. */
  const openFlowFor = async (store: Store, phoneNumber: string, now: number) => {
    const uuid = await store.get(key('number', phoneNumber))
    if (uuid === undefined) return undefined
    const record = await read(store, uuid)
    if (record === undefined || record.status !== 'pending' || now >= record.expiresAt) return undefined
    if (await isValidated(store, uuid)) return undefined
    return { uuid, record }
  }

  const pendingAnswer = (uuid: string, record: VerificationRecord, resent: boolean): ProviderSendResult => ({
    authenticationUuid: uuid,
    status: 'pending',
    createdAt: new Date(record.createdAt),
    expiresAt: new Date(record.expiresAt),
    ...schedule(record),
    resent,
    state: toState(record),
    channel: record.channel ?? (channels[0] as OtpChannel),
  })

  /** Records a send outcome under a new authentication UUID and builds the answer. */
  const startFlow = async (
    input: ProviderSendInput,
    ctx: ProviderContext,
    uuid: string,
    outcome: DeliverOutcome,
    now: number,
  ) => {
    const fields: SendFields = pickFields(input)
    if (outcome.kind === 'sent') {
      const createdAt = outcome.resend && outcome.createdAt !== undefined ? outcome.createdAt : now
      const record: VerificationRecord = {
        id: outcome.id,
        status: 'pending',
        createdAt,
        expiresAt: createdAt + windowMs,
        sends: outcome.sends ?? (outcome.resend ? 2 : 1),
        lastSendAt: now,
        fields,
        ...withChannel(input.channel),
      }
      await save(ctx.store, uuid, record, now)
      await ctx.store.set(key('number', input.phoneNumber), uuid, ttl(record.expiresAt, now) - GRACE_SECONDS)
      return pendingAnswer(uuid, record, outcome.resend)
    }
    const status = outcome.kind === 'spam' ? 'blocked' : 'rate_limited'
    const record: VerificationRecord = {
      id: '',
      status,
      createdAt: now,
      expiresAt: now + windowMs,
      sends: 0,
      lastSendAt: now,
      fields,
    }
    await save(ctx.store, uuid, record, now)
    const retryAfter = outcome.kind === 'rate_limited' ? outcome.retryAfterSeconds : undefined
    return {
      authenticationUuid: uuid,
      status: outcome.kind === 'spam' ? 'spam_detected' : 'rate_limited',
      createdAt: new Date(now),
      expiresAt: new Date(record.expiresAt),
      ...(retryAfter === undefined ? {} : { nextRetryAt: new Date(now + retryAfter * 1000) }),
      remainingRetry: 0,
      state: toState(record),
    } satisfies ProviderSendResult
  }

  return {
    name,
    channels,

    async send(input, ctx) {
      const now = ctx.clock.now()
      const open = await openFlowFor(ctx.store, input.phoneNumber, now)
      if (open !== undefined) {
        const { nextRetryAt } = schedule(open.record)
        // Too early, or no resend left: the code already sent still works, so answer with the same authentication.
        if (nextRetryAt === undefined || now < nextRetryAt.getTime()) return pendingAnswer(open.uuid, open.record, true)
        const outcome = await definition.deliver({
          phoneNumber: input.phoneNumber,
          fields: pickFields(input),
          authenticationUuid: open.uuid,
          ctx,
          ...withChannel(input.channel),
        })
        if (outcome.kind === 'sent' && outcome.id === open.record.id) {
          const record = sentOn({ ...open.record, sends: outcome.sends ?? open.record.sends + 1, lastSendAt: now }, input.channel)
          await save(ctx.store, open.uuid, record, now)
          return pendingAnswer(open.uuid, record, true)
        }
        if (outcome.kind === 'rate_limited') {
          const record = { ...open.record, sends: policy.maxResends + 1 }
          await save(ctx.store, open.uuid, record, now)
          return pendingAnswer(open.uuid, record, true)
        }
        // The provider opened a new verification (its window had ended) or refused the number: a new authentication.
        return startFlow(input, ctx, crypto.randomUUID(), outcome, now)
      }
      const uuid = crypto.randomUUID()
      const outcome = await definition.deliver({
        phoneNumber: input.phoneNumber,
        fields: pickFields(input),
        authenticationUuid: uuid,
        ctx,
        ...withChannel(input.channel),
      })
      return startFlow(input, ctx, uuid, outcome, now)
    },

    async check(flow, code, ctx): Promise<ProviderCheckResult> {
      const now = ctx.clock.now()
      const uuid = flow.authenticationUuid
      if (await isValidated(ctx.store, uuid)) return { status: 'already_validated' }
      const record = await load(flow, ctx.store)
      if (record.status === 'blocked') return { status: 'without_attempt' }
      if (record.status === 'rate_limited') return { status: 'rate_limited' }
      // Decided here: past expiry the provider may already hold a newer verification for the same number.
      if (now >= flow.expiresAt.getTime()) return { status: 'expired_auth' }
      // Counted before the call, so parallel guesses cannot pass the limit.
      const checks = await ctx.store.increment(key('checks', uuid), ttl(flow.expiresAt.getTime(), now))
      if (checks.count > policy.maxChecks) return { status: 'rate_limited' }
      const outcome = await definition.verify({ phoneNumber: flow.phoneNumber, id: record.id, code, ctx })
      switch (outcome) {
        case 'valid':
          // Two right codes checked at once (two tabs, two instances): one proof only; the other hears it was used.
          if (!(await ctx.store.setIfAbsent(key('validated', uuid), '1', ttl(flow.expiresAt.getTime(), now))))
            return { status: 'already_validated' }
          // The provider closed its verification: the next send for this number starts a new one.
          if ((await ctx.store.get(key('number', flow.phoneNumber))) === uuid)
            await ctx.store.delete(key('number', flow.phoneNumber))
          return { status: 'valid' }
        case 'invalid':
          return { status: 'invalid', remainingAttempts: Math.max(0, policy.maxChecks - checks.count) }
        case 'expired':
          return { status: 'expired_auth' }
        case 'rate_limited':
          return { status: 'rate_limited' }
        case 'unknown':
          return { status: 'unknown' }
        default:
          return outcome satisfies never
      }
    },

    async retry(flow, ctx, input): Promise<ProviderRetryResult> {
      const now = ctx.clock.now()
      const uuid = flow.authenticationUuid
      if (await isValidated(ctx.store, uuid)) return { status: 'already_validated', remainingRetry: 0 }
      const record = await load(flow, ctx.store)
      if (record.status === 'blocked') return { status: 'no_attempt', remainingRetry: 0 }
      if (record.status === 'rate_limited') return { status: 'rate_limited', remainingRetry: 0 }
      // Decided here: past expiry the provider would open a new verification and send a new code.
      if (now >= flow.expiresAt.getTime()) return { status: 'expired_auth', remainingRetry: 0 }
      const before = schedule(record)
      if (before.remainingRetry === 0) return { status: 'rate_limited', remainingRetry: 0 }
      if (before.nextRetryAt !== undefined && now < before.nextRetryAt.getTime()) return { status: 'denied', ...before }
      // One resend per slot: concurrent resends (double clicks, two instances) read the same record; only the first
      // to claim its slot reaches the provider, the others are denied with the same schedule.
      const slot = key('resend', `${uuid}:${record.sends}`)
      if (!(await ctx.store.setIfAbsent(slot, '1', ttl(flow.expiresAt.getTime(), now)))) return { status: 'denied', ...before }
      let outcome: DeliverOutcome
      try {
        outcome = await definition.deliver({
          phoneNumber: flow.phoneNumber,
          fields: record.fields,
          authenticationUuid: uuid,
          ctx,
          ...withChannel(input?.channel),
        })
      } catch (error) {
        // Nothing was sent: the slot is free for the user's next try.
        await ctx.store.delete(slot)
        // The number itself cannot receive a code: the resend is denied rather than failed.
        if (isOtpError(error) && errorGroup(error.code) === 'phone') return { status: 'denied', remainingRetry: 0 }
        throw error
      }
      if (outcome.kind === 'spam') return { status: 'denied', remainingRetry: 0 }
      if (outcome.kind === 'rate_limited') {
        await ctx.store.delete(slot)
        const retryAfter = outcome.retryAfterSeconds
        return {
          status: 'rate_limited',
          remainingRetry: 0,
          ...(retryAfter === undefined ? {} : { nextRetryAt: new Date(now + retryAfter * 1000) }),
        }
      }
      // A different id means the provider's own window had ended and it opened a new one: follow it.
      const sends = outcome.id === record.id && outcome.sends !== undefined ? outcome.sends : record.sends + 1
      const updated = sentOn({ ...record, id: outcome.id, sends, lastSendAt: now }, input?.channel)
      await save(ctx.store, uuid, updated, now)
      return { status: 'approved', createdAt: new Date(now), ...schedule(updated), state: toState(updated) }
    },
  }
}

/** The record with the channel its last code went out on (none: the provider's default). */
function sentOn(record: VerificationRecord, channel: OtpChannel | undefined): VerificationRecord {
  const { channel: _before, ...rest } = record
  return channel === undefined ? rest : { ...rest, channel }
}

function pickFields(input: SendFields): SendFields {
  const fields: SendFields = {}
  if (input.locale !== undefined) fields.locale = input.locale
  if (input.deviceType !== undefined) fields.deviceType = input.deviceType
  if (input.appVersion !== undefined) fields.appVersion = input.appVersion
  if (input.isReturningUser !== undefined) fields.isReturningUser = input.isReturningUser
  return fields
}

/** An HTTP answer from a provider, read once. */
export interface UpstreamResponse {
  status: number
  headers: Headers
  /** The parsed JSON body, or `undefined` when the body is not JSON. */
  json: unknown
  text: string
}

export interface UpstreamRequest {
  provider: string
  fetch: typeof fetch
  url: string
  init: RequestInit
  timeoutMs: number
  signal: AbortSignal | undefined
}

/**
 * One HTTP call to a provider, with a timeout and the client's abort signal, and no transport retry: a replayed
 * send is a resend that costs a message and one of the provider's send attempts.
 */
export async function callUpstream(request: UpstreamRequest): Promise<UpstreamResponse> {
  const timeout = AbortSignal.timeout(request.timeoutMs)
  const signal = request.signal === undefined ? timeout : AbortSignal.any([request.signal, timeout])
  let response: Response
  let text: string
  try {
    response = await request.fetch(request.url, { ...request.init, signal })
    text = await response.text()
  } catch (error) {
    if (request.signal?.aborted) throw new OtpError('aborted', 'The request was aborted', { cause: error })
    if (timeout.aborted || (error instanceof Error && error.name === 'TimeoutError')) {
      throw new OtpError('upstream_timeout', `${request.provider} did not answer within ${request.timeoutMs} ms`, {
        status: 504,
        cause: error,
      })
    }
    throw new OtpError('upstream_error', `${request.provider} could not be reached`, { status: 502, cause: error })
  }
  let json: unknown
  try {
    json = text.length > 0 ? JSON.parse(text) : undefined
  } catch {
    json = undefined
  }
  return { status: response.status, headers: response.headers, json, text }
}

/** What a provider's error said, kept for the server log (as the error's `cause`), never sent to the browser. */
export interface UpstreamDetail {
  provider: string
  status: number
  code?: string | number
  message?: string
  requestId?: string
}

/** An `OtpError` whose message is ours and whose `cause` carries the provider's own words. */
export function upstreamError(
  code: ProviderErrorCode,
  message: string,
  detail: UpstreamDetail,
  extra: { retryAfter?: number } = {},
): OtpError {
  return new OtpError(code, message, {
    status: httpStatusOf(code),
    cause: detail,
    ...(extra.retryAfter === undefined ? {} : { retryAfter: extra.retryAfter }),
  })
}
