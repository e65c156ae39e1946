import { z } from 'zod'

/** The account's own fields, checked alike in the browser and by the Server Action. */
export const accountFields = {
  name: z.string().trim().min(1, { error: 'Enter your full name.' }).max(200),
  email: z.email({ error: 'Enter a valid email address.' }),
}

/**
 * What the Server Action accepts. Anyone can post to it, so its input is checked again on the server; the phone's
 * `token` is only a claim until `verifyPhoneToken` has checked it.
 */
export const signupRequestSchema = z.object({
  ...accountFields,
  phone: z.object({ phoneNumber: z.string(), token: z.string().min(1) }),
})
