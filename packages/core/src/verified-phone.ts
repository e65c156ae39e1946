import * as z from 'zod/mini'

/**
 * What `verifyPhoneToken` (`@otpflow/server`) answers for a genuine proof, as a zod schema: for an app that passes the
 * verified number on (a Server Action's result, a session, a queue) and reads it back, where `verifiedAt` arrives as
 * an ISO string and is read back as a `Date`. It checks the shape only: only `verifyPhoneToken` says a proof is genuine.
 *
 * @example
 * const verified = verifiedPhoneSchema.parse(JSON.parse(session.phone))
 */
export const verifiedPhoneSchema = z.object({
  /** E.164, as the endpoint normalized it. */
  phoneNumber: z.string().check(z.regex(/^\+[1-9]\d{1,14}$/, 'phoneNumber must be an E.164 number')),
  authenticationUuid: z.string().check(z.minLength(1)),
  verifiedAt: z.pipe(
    z.union([z.date(), z.iso.datetime({ offset: true })]),
    z.transform((value) => (value instanceof Date ? value : new Date(value))),
  ),
  provider: z.string().check(z.minLength(1)),
})

/** A verified number read through {@link verifiedPhoneSchema}. */
export type VerifiedPhoneClaims = z.output<typeof verifiedPhoneSchema>
