import * as z from 'zod/mini'
import { OtpError } from './errors'

/** Lenient timestamp parsing: `Z`, `+00:00`, `+0000`, no offset (UTC), and up to nanosecond fractions. */
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::(\d{2}))?(?:[.,](\d+))?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/

export function parseTimestamp(raw: string): Date | undefined {
  const match = TIMESTAMP.exec(raw.trim())
  if (!match) return undefined
  const [, date, hoursMinutes, seconds = '00', fraction = '', zone = 'Z'] = match
  const millis = fraction.padEnd(3, '0').slice(0, 3)
  let offset = zone.toUpperCase()
  if (offset !== 'Z') {
    const digits = offset.slice(1).replace(':', '').padEnd(4, '0')
    offset = `${offset[0]}${digits.slice(0, 2)}:${digits.slice(2, 4)}`
  }
  const time = Date.parse(`${date}T${hoursMinutes}:${seconds}.${millis}${offset}`)
  return Number.isNaN(time) ? undefined : new Date(time)
}

/** A timestamp on the wire: a lenient string parsed into a `Date`; unparsable values become `undefined` rather than failing the whole answer. */
export const wireTimestamp = z.pipe(
  z.optional(z.nullable(z.string())),
  z.transform((raw) => (typeof raw === 'string' ? parseTimestamp(raw) : undefined)),
)

/** E.164: a plus sign, a country code that does not start with 0, 7 to 15 digits in all. */
export const e164Schema = z.string().check(z.regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 phone number such as +14155552671'))

// Schema builders marked free of side effects, so a bundle drops the calls whose schemas it never uses (the Ding-only
// and server-side schemas in a browser build).
const nonBlank = /* @__NO_SIDE_EFFECTS__ */ (field: string, max = 256) =>
  z.string().check(
    z.maxLength(max),
    z.refine((value) => value.trim().length > 0, `${field} must not be empty`),
  )

const text = /* @__NO_SIDE_EFFECTS__ */ (min: number, max: number) => z.string().check(z.minLength(min), z.maxLength(max))
const upTo = /* @__NO_SIDE_EFFECTS__ */ (max: number) => z.string().check(z.maxLength(max))

/**
 * A count that cannot be negative: `0`, `1`, `2`… Written as a check on a number rather than `z.int()`, which would
 * ship a second number type (and its ranges) to every browser for the two fields that use it.
 */
export const countSchema = z
  .number()
  .check(z.refine((value) => Number.isSafeInteger(value) && value >= 0, 'must be a whole number, 0 or more'))

const DEVICE_TYPES = ['IOS', 'ANDROID', 'WEB'] as const
export const deviceTypeSchema = z.enum(DEVICE_TYPES)
/** {@link deviceTypeSchema} as a check on a string: the browser's endpoint client ships no enum type for one field. */
const deviceTypeCheck = z
  .string()
  .check(z.refine((value) => (DEVICE_TYPES as readonly string[]).includes(value), 'must be IOS, ANDROID or WEB'))

/**
 * A channel's name: any short string, so that a name the endpoint does not offer reaches it and is refused there with
 * `unsupported_channel` (naming the ones it offers) rather than as a malformed body.
 */
const channelName = /* @__NO_SIDE_EFFECTS__ */ () => z.optional(text(1, 32))

/** The fields of `createAuthentication` that the app's endpoint reads from a browser; it sets the rest itself. */
const endpointAuthenticationShape = {
  phoneNumber: e164Schema,
  locale: z.optional(text(2, 35)),
  deviceType: z.optional(deviceTypeCheck),
  appVersion: z.optional(upTo(64)),
  isReturningUser: z.optional(z.boolean()),
  channel: channelName(),
}

/**
 * `createAuthentication` input as the endpoint client sends it (`createEndpointClient`): the fields the endpoint reads,
 * so the server-only ones (IP, callback URL, template…) and their checks stay out of browser bundles. Only the
 * endpoint takes a human check's token, so only this schema has it.
 */
export const endpointAuthenticationInputSchema = z.object({
  ...endpointAuthenticationShape,
  captchaToken: z.optional(text(1, 4096)),
})

/** `createAuthentication` input, camelCase, as callers pass it. */
export const createAuthenticationInputSchema = z.object({
  ...endpointAuthenticationShape,
  deviceType: z.optional(deviceTypeSchema),
  ip: z.optional(upTo(64)),
  deviceId: z.optional(upTo(256)),
  osVersion: z.optional(upTo(64)),
  deviceModel: z.optional(upTo(128)),
  appRealm: z.optional(upTo(256)),
  callbackUrl: z.optional(z.url()),
  templateId: z.optional(upTo(256)),
  correlationId: z.optional(upTo(256)),
  senderId: z.optional(upTo(64)),
})

export const checkInputSchema = z.object({
  authenticationUuid: nonBlank('authenticationUuid'),
  checkCode: nonBlank('checkCode', 32),
  flowToken: z.optional(text(1, 4096)),
})

export const retryInputSchema = z.object({
  authenticationUuid: nonBlank('authenticationUuid'),
  flowToken: z.optional(text(1, 4096)),
  channel: channelName(),
})

export const feedbackInputSchema = z.object({
  phoneNumber: e164Schema,
  status: z.enum(['onboarded', 'not_onboarded']),
})

/*
 * Request bodies of the app's endpoint (browser → @otpflow/server), snake_case like Ding.
 * The endpoint adds `customer_uuid` and `ip` itself, so a browser can set neither: they are not in these schemas.
 */
export const wireCreateAuthenticationRequestSchema = z.object({
  phone_number: e164Schema,
  locale: z.optional(text(2, 35)),
  device_type: z.optional(deviceTypeSchema),
  app_version: z.optional(upTo(64)),
  is_returning_user: z.optional(z.boolean()),
  /** How the code should reach the user (`sms`, `whatsapp`, `voice`); the endpoint's first channel without it. */
  channel: channelName(),
  /**
   * The token of a human check (Turnstile, hCaptcha or reCAPTCHA), sent when the endpoint answered 403
   * `captcha_required`. Single use: each token is checked once with the vendor.
   */
  captcha_token: z.optional(text(1, 4096)),
})

export const wireCheckRequestSchema = z.object({
  authentication_uuid: nonBlank('authentication_uuid'),
  check_code: nonBlank('check_code', 32),
  flow_token: text(1, 4096),
})

export const wireRetryRequestSchema = z.object({
  authentication_uuid: nonBlank('authentication_uuid'),
  flow_token: text(1, 4096),
  /** Another channel for this resend (a switch); the channel in use without it. */
  channel: channelName(),
})

export type WireCreateAuthenticationRequest = z.infer<typeof wireCreateAuthenticationRequestSchema>
export type WireCheckRequest = z.infer<typeof wireCheckRequestSchema>
export type WireRetryRequest = z.infer<typeof wireRetryRequestSchema>

/** Maps a status string onto a known set, or `'unknown'`, keeping the raw value beside it. */
export function openStatus<const T extends readonly string[]>(known: T) {
  return z.pipe(
    z.optional(z.nullable(z.string())),
    z.transform((raw) => ({
      status: (typeof raw === 'string' && (known as readonly string[]).includes(raw) ? raw : 'unknown') as T[number] | 'unknown',
      rawStatus: raw ?? '',
    })),
  )
}

export const wireErrorSchema = z.object({
  code: z.optional(z.string()),
  message: z.optional(z.string()),
  doc_url: z.optional(z.string()),
})

/** What of a zod issue {@link invalidInputError} reads (zod's issues, or anything shaped like them). */
export interface InputIssue {
  readonly path: ReadonlyArray<PropertyKey>
  readonly message: string
}

/**
 * The error for input that fails its schema, on both sides of the wire: `OtpError('invalid_request')` naming the first
 * issue's field (`Invalid phone_number: …`, or `Invalid {what}: …` when the whole value is wrong), with `field` set.
 *
 * @example
 * const parsed = schema.safeParse(body)
 * if (!parsed.success) throw invalidInputError(parsed.error.issues, 'body')
 */
export function invalidInputError(issues: readonly InputIssue[], what = 'input', cause?: unknown): OtpError {
  const issue = issues[0]
  const field = issue?.path.map(String).join('.') || undefined
  return new OtpError('invalid_request', `Invalid ${field ?? what}: ${issue?.message ?? 'rejected'}`, { field, cause })
}

/** The parsed input, or throws {@link invalidInputError}. */
export function validate<T extends z.ZodMiniType>(schema: T, input: unknown, what = 'input'): z.output<T> {
  const parsed = schema.safeParse(input)
  if (parsed.success) return parsed.data
  throw invalidInputError(parsed.error.issues, what, parsed.error)
}
