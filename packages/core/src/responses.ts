import * as z from 'zod/mini'
import { countSchema, openStatus, wireTimestamp } from './schemas'
import { AUTHENTICATION_STATUSES, CHECK_STATUSES, RETRY_STATUSES } from './types'

/*
 * Response bodies, snake_case on the wire, parsed into camelCase with `Date` fields.
 * Every field is optional in Ding's spec; unknown status values read 'unknown' with `rawStatus` kept.
 */

/** An optional field that may also arrive as `null`, read as `undefined`. */
const absent = <T extends z.ZodMiniType>(schema: T) =>
  z.pipe(
    z.optional(z.nullable(schema)),
    z.transform((v) => (v ?? undefined) as z.output<T> | undefined),
  )
const optionalString = absent(z.string())
const optionalInt = absent(countSchema)
const optionalBool = absent(z.boolean())
const optionalNumber = absent(z.number())
const optionalStrings = absent(z.array(z.string()))

export const createAuthenticationResponseSchema = z.pipe(
  z.object({
    authentication_uuid: z.string().check(z.minLength(1)),
    status: openStatus(AUTHENTICATION_STATUSES),
    created_at: wireTimestamp,
    expires_at: wireTimestamp,
    next_retry_at: wireTimestamp,
    remaining_retry: optionalInt,
    resent: optionalBool,
    flow_token: optionalString,
    // Sent by the app's endpoint: the channel used and the channels on offer.
    channel: optionalString,
    available_channels: optionalStrings,
  }),
  z.transform((w) => ({
    authenticationUuid: w.authentication_uuid,
    status: w.status.status,
    rawStatus: w.status.rawStatus,
    resent: w.resent,
    createdAt: w.created_at,
    expiresAt: w.expires_at,
    nextRetryAt: w.next_retry_at,
    remainingRetry: w.remaining_retry,
    flowToken: w.flow_token,
    channel: w.channel,
    availableChannels: w.available_channels,
  })),
)

export const checkResponseSchema = z.pipe(
  z.object({
    authentication_uuid: optionalString,
    status: openStatus(CHECK_STATUSES.filter((s) => s !== 'unknown')),
    verification_token: optionalString,
    // Sent by the app's endpoint only: the proof's expiry, and checks left on this authentication.
    verification_expires_at: wireTimestamp,
    remaining_attempts: optionalInt,
  }),
  z.transform((w) => ({
    authenticationUuid: w.authentication_uuid,
    status: w.status.status,
    rawStatus: w.status.rawStatus,
    verificationToken: w.verification_token,
    verificationExpiresAt: w.verification_expires_at,
    remainingAttempts: w.remaining_attempts,
  })),
)

export const retryResponseSchema = z.pipe(
  z.object({
    authentication_uuid: optionalString,
    status: openStatus(RETRY_STATUSES),
    created_at: wireTimestamp,
    next_retry_at: wireTimestamp,
    remaining_retry: optionalInt,
    flow_token: optionalString,
    channel: optionalString,
    available_channels: optionalStrings,
  }),
  z.transform((w) => ({
    authenticationUuid: w.authentication_uuid,
    status: w.status.status,
    rawStatus: w.status.rawStatus,
    createdAt: w.created_at,
    nextRetryAt: w.next_retry_at,
    remainingRetry: w.remaining_retry,
    flowToken: w.flow_token,
    channel: w.channel,
    availableChannels: w.available_channels,
  })),
)

export const feedbackResponseSchema = z.pipe(
  z.object({ uuid: optionalString }),
  z.transform((w) => ({ uuid: w.uuid })),
)

const signalsSchema = z.pipe(
  z.object({
    ip: optionalString,
    device_id: optionalString,
    device_type: optionalString,
    app_version: optionalString,
    app_realm: optionalString,
    os_version: optionalString,
    device_model: optionalString,
    is_returning_user: optionalBool,
  }),
  z.transform((w) => ({
    ip: w.ip,
    deviceId: w.device_id,
    deviceType: w.device_type,
    appVersion: w.app_version,
    appRealm: w.app_realm,
    osVersion: w.os_version,
    deviceModel: w.device_model,
    isReturningUser: w.is_returning_user,
  })),
)

const attemptEventSchema = z.pipe(
  z.object({
    type: z.literal('attempt'),
    id: optionalString,
    content: optionalString,
    sender_id: optionalString,
    capability: optionalString,
    attempt_number: optionalInt,
    status: optionalString,
    created_at: wireTimestamp,
  }),
  z.transform((w) => ({
    type: w.type,
    id: w.id,
    content: w.content,
    senderId: w.sender_id,
    capability: w.capability,
    attemptNumber: w.attempt_number,
    status: w.status,
    createdAt: w.created_at,
  })),
)

const checkEventSchema = z.pipe(
  z.object({
    type: z.literal('check'),
    id: optionalString,
    code: optionalString,
    status: openStatus(CHECK_STATUSES.filter((s) => s !== 'unknown')),
    created_at: wireTimestamp,
  }),
  z.transform((w) => ({
    type: w.type,
    id: w.id,
    code: w.code,
    status: w.status.status,
    rawStatus: w.status.rawStatus,
    createdAt: w.created_at,
  })),
)

const deliveryStatusEventSchema = z.pipe(
  z.object({
    type: z.literal('delivery_status'),
    attempt_id: optionalString,
    attempt_number: optionalInt,
    status: optionalString,
    originated_at: wireTimestamp,
    created_at: wireTimestamp,
  }),
  z.transform((w) => ({
    type: w.type,
    attemptId: w.attempt_id,
    attemptNumber: w.attempt_number,
    status: w.status,
    originatedAt: w.originated_at,
    createdAt: w.created_at,
  })),
)

const balanceUpdateEventSchema = z.pipe(
  z.object({
    type: z.literal('balance_update'),
    amount: optionalNumber,
    balance_update_type: optionalString,
    created_at: wireTimestamp,
  }),
  z.transform((w) => ({ type: w.type, amount: w.amount, balanceUpdateType: w.balance_update_type, createdAt: w.created_at })),
)

/** An event type this client does not know yet: kept whole instead of failing the answer. */
export interface UnknownAuthenticationEvent {
  type: 'unknown'
  rawType: string
  raw: Record<string, unknown>
}

const eventSchemas = {
  attempt: attemptEventSchema,
  check: checkEventSchema,
  delivery_status: deliveryStatusEventSchema,
  balance_update: balanceUpdateEventSchema,
} as const

export type AuthenticationEvent =
  | z.output<typeof attemptEventSchema>
  | z.output<typeof checkEventSchema>
  | z.output<typeof deliveryStatusEventSchema>
  | z.output<typeof balanceUpdateEventSchema>
  | UnknownAuthenticationEvent

/** Events are told apart by `type`; an unknown type is kept raw rather than matched against the first variant. */
const eventSchema = z.pipe(
  z.record(z.string(), z.unknown()),
  z.transform((raw, ctx): AuthenticationEvent => {
    const type = typeof raw.type === 'string' ? raw.type : ''
    const schema = (eventSchemas as Record<string, z.ZodMiniType<AuthenticationEvent>>)[type]
    if (!schema) return { type: 'unknown', rawType: type, raw }
    const parsed = schema.safeParse(raw)
    if (parsed.success) return parsed.data
    for (const issue of parsed.error.issues)
      ctx.issues.push({ code: 'custom', message: issue.message, input: raw, path: issue.path })
    return z.NEVER
  }),
)

export const authenticationStatusResponseSchema = z.pipe(
  z.object({
    uuid: optionalString,
    phone_number: optionalString,
    template_id: optionalString,
    correlation_id: optionalString,
    created_at: wireTimestamp,
    signals: z.optional(z.nullable(signalsSchema)),
    events: z.optional(z.nullable(z.array(eventSchema))),
  }),
  z.transform((w) => ({
    uuid: w.uuid,
    phoneNumber: w.phone_number,
    templateId: w.template_id,
    correlationId: w.correlation_id,
    createdAt: w.created_at,
    signals: w.signals ?? undefined,
    events: w.events ?? [],
  })),
)

export const lookupResponseSchema = z.pipe(
  z.object({
    phone_number: optionalString,
    mcc: optionalString,
    mnc: optionalString,
    carrier: optionalString,
    country_code: optionalString,
    number_ported: optionalBool,
    line_type: optionalString,
    temporary_phone_number: optionalBool,
    caller_name: optionalString,
  }),
  z.transform((w) => ({
    phoneNumber: w.phone_number,
    mcc: w.mcc,
    mnc: w.mnc,
    carrier: w.carrier,
    countryCode: w.country_code,
    numberPorted: w.number_ported,
    lineType: w.line_type,
    temporaryPhoneNumber: w.temporary_phone_number,
    callerName: w.caller_name,
  })),
)

export type FeedbackResult = z.output<typeof feedbackResponseSchema>
export type AuthenticationStatusResult = z.output<typeof authenticationStatusResponseSchema>
export type LookupResult = z.output<typeof lookupResponseSchema>

/**
 * `Retry-After` as whole seconds: a number of seconds, or an HTTP date counted from `now` (ms). `undefined` when the
 * header is absent, empty or unreadable.
 */
export function retryAfterSeconds(header: string | null | undefined, now: number): number | undefined {
  if (!header) return undefined
  const seconds = Number(header)
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds)
  const date = Date.parse(header)
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000))
}
