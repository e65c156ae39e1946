import * as z from 'zod/mini'
import { countSchema } from '../schemas'
import type { FlowSession, VerifiedRecord } from './otp-flow.machine'

/**
 * A session as stored across reloads (e.g. in `sessionStorage`): numbers for times, a version to drop old shapes.
 * It holds what resuming needs, deadlines and the flow token, and never a code.
 */
const storedSessionSchema = z.object({
  // A check rather than `z.literal(1)`: one zod type less in the browser, for a field only compared.
  version: z.number().check(z.refine((value) => value === 1)),
  phoneNumber: z.string().check(z.minLength(1)),
  authenticationUuid: z.string().check(z.minLength(1)),
  flowToken: z.optional(z.string()),
  sentAt: z.number(),
  expiresAt: z.optional(z.number()),
  resendAvailableAt: z.number(),
  remainingResends: z.optional(countSchema),
  attemptsLeft: z.optional(countSchema),
  clockOffset: z.number(),
  // Optional, so sessions stored before channels still read back.
  channel: z.optional(z.string()),
  availableChannels: z.optional(z.array(z.string())),
})

/** Turns a session into a string to store. The result holds no code, typed or rejected. */
export function serializeSession(session: FlowSession): string {
  return JSON.stringify({
    version: 1,
    phoneNumber: session.phoneNumber,
    authenticationUuid: session.authenticationUuid,
    flowToken: session.flowToken,
    sentAt: session.sentAt.getTime(),
    expiresAt: session.expiresAt?.getTime(),
    resendAvailableAt: session.resendAvailableAt.getTime(),
    remainingResends: session.remainingResends,
    attemptsLeft: session.attemptsLeft,
    clockOffset: session.clockOffset,
    channel: session.channel,
    availableChannels: session.availableChannels && [...session.availableChannels],
  } satisfies z.input<typeof storedSessionSchema>)
}

/** Reads back what {@link serializeSession} wrote; `undefined` for anything else (missing, corrupt, another version). */
export function parseSession(raw: string | null | undefined): FlowSession | undefined {
  if (raw === null || raw === undefined) return undefined
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch {
    return undefined
  }
  const parsed = storedSessionSchema.safeParse(json)
  if (!parsed.success) return undefined
  const stored = parsed.data
  return {
    phoneNumber: stored.phoneNumber,
    authenticationUuid: stored.authenticationUuid,
    flowToken: stored.flowToken,
    sentAt: new Date(stored.sentAt),
    expiresAt: stored.expiresAt === undefined ? undefined : new Date(stored.expiresAt),
    resendAvailableAt: new Date(stored.resendAvailableAt),
    remainingResends: stored.remainingResends,
    attemptsLeft: stored.attemptsLeft,
    clockOffset: stored.clockOffset,
    channel: stored.channel,
    availableChannels: stored.availableChannels,
  }
}

const storedVerifiedSchema = z.object({
  version: z.number().check(z.refine((value) => value === 1)),
  phoneNumber: z.string().check(z.minLength(1)),
  authenticationUuid: z.string(),
  verificationToken: z.string().check(z.minLength(1)),
  verificationExpiresAt: z.number(),
})

/** Turns a verified number and its proof into a string to store until the proof expires. */
export function serializeVerifiedRecord(record: VerifiedRecord): string {
  return JSON.stringify({
    version: 1,
    phoneNumber: record.phoneNumber,
    authenticationUuid: record.authenticationUuid,
    verificationToken: record.verificationToken,
    verificationExpiresAt: record.verificationExpiresAt.getTime(),
  } satisfies z.input<typeof storedVerifiedSchema>)
}

/** Reads back what {@link serializeVerifiedRecord} wrote; `undefined` for anything else. */
export function parseVerifiedRecord(raw: string | null | undefined): VerifiedRecord | undefined {
  if (raw === null || raw === undefined) return undefined
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch {
    return undefined
  }
  const parsed = storedVerifiedSchema.safeParse(json)
  if (!parsed.success) return undefined
  const stored = parsed.data
  return {
    phoneNumber: stored.phoneNumber,
    authenticationUuid: stored.authenticationUuid,
    verificationToken: stored.verificationToken,
    verificationExpiresAt: new Date(stored.verificationExpiresAt),
  }
}
