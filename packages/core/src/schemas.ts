import { z } from 'zod'

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
export const wireTimestamp = z
  .string()
  .transform((raw) => parseTimestamp(raw))
  .optional()
  .nullable()
  .transform((value) => value ?? undefined)

/** E.164: a plus sign, a country code that does not start with 0, 7 to 15 digits in all. */
export const e164Schema = z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 phone number such as +14155552671')

const nonBlank = (field: string) =>
  z
    .string()
    .max(256)
    .refine((value) => value.trim().length > 0, `${field} must not be empty`)

export const deviceTypeSchema = z.enum(['IOS', 'ANDROID', 'WEB'])

/** `createAuthentication` input, camelCase, as callers pass it. */
export const createAuthenticationInputSchema = z.object({
  phoneNumber: e164Schema,
  locale: z.string().min(2).max(35).optional(),
  deviceType: deviceTypeSchema.optional(),
  appVersion: z.string().max(64).optional(),
  isReturningUser: z.boolean().optional(),
  ip: z.string().max(64).optional(),
  deviceId: z.string().max(256).optional(),
  osVersion: z.string().max(64).optional(),
  deviceModel: z.string().max(128).optional(),
  appRealm: z.string().max(256).optional(),
  callbackUrl: z.url().optional(),
  templateId: z.string().max(256).optional(),
  correlationId: z.string().max(256).optional(),
  senderId: z.string().max(64).optional(),
})

export const checkInputSchema = z.object({
  authenticationUuid: nonBlank('authenticationUuid'),
  checkCode: nonBlank('checkCode').pipe(z.string().max(32)),
  flowToken: z.string().min(1).max(4096).optional(),
})

export const retryInputSchema = z.object({
  authenticationUuid: nonBlank('authenticationUuid'),
  flowToken: z.string().min(1).max(4096).optional(),
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
  locale: z.string().min(2).max(35).optional(),
  device_type: deviceTypeSchema.optional(),
  app_version: z.string().max(64).optional(),
  is_returning_user: z.boolean().optional(),
})

export const wireCheckRequestSchema = z.object({
  authentication_uuid: nonBlank('authentication_uuid'),
  check_code: nonBlank('check_code').pipe(z.string().max(32)),
  flow_token: z.string().min(1).max(4096),
})

export const wireRetryRequestSchema = z.object({
  authentication_uuid: nonBlank('authentication_uuid'),
  flow_token: z.string().min(1).max(4096),
})

export type WireCreateAuthenticationRequest = z.infer<typeof wireCreateAuthenticationRequestSchema>
export type WireCheckRequest = z.infer<typeof wireCheckRequestSchema>
export type WireRetryRequest = z.infer<typeof wireRetryRequestSchema>

/** Maps a status string onto a known set, or `'unknown'`, keeping the raw value beside it. */
export function openStatus<const T extends readonly string[]>(known: T) {
  return z
    .string()
    .optional()
    .transform((raw) => ({
      status: (raw !== undefined && (known as readonly string[]).includes(raw) ? raw : 'unknown') as T[number] | 'unknown',
      rawStatus: raw ?? '',
    }))
}

export const wireErrorSchema = z.object({
  code: z.string().optional(),
  message: z.string().optional(),
  doc_url: z.string().optional(),
})
