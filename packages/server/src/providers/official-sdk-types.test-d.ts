/**
 * Type tests, checked by `tsc -b`: the request bodies our Prelude and Twilio adapters declare fit the official SDKs'
 * request types, and declare no field those types lack (at any depth). `official-sdk-requests.test.ts` checks the
 * same on the wire.
 */
import type { Prelude } from '@prelude.so/sdk'
import type { VerificationListInstanceCreateOptions } from 'twilio/lib/rest/verify/v2/service/verification'
import type { VerificationCheckListInstanceCreateOptions } from 'twilio/lib/rest/verify/v2/service/verificationCheck'
import { describe, expectTypeOf, it } from 'vitest'
import type { PreludeCheckBody, PreludeVerificationBody } from './prelude'
import type { TwilioCheckForm, TwilioStartForm } from './twilio'

/** The keys of `Ours`, at any depth, that `Theirs` does not declare: `never` when there is none. */
type UnknownKeys<Ours, Theirs> = {
  [K in keyof Ours]-?: K extends keyof Theirs
    ? NonNullable<Ours[K]> extends object
      ? UnknownKeys<NonNullable<Ours[K]>, NonNullable<Theirs[K]>>
      : never
    : K
}[keyof Ours]

/** A Twilio form as the SDK names its parameters (`DeviceIp` on the wire is `deviceIp` in the SDK). */
type AsSdkParameters<Form> = { [K in keyof Form as K extends string ? Uncapitalize<K> : never]: Form[K] }

describe('our request bodies and the official SDKs', () => {
  it('sends Prelude only fields of VerificationCreateParams and VerificationCheckParams', () => {
    expectTypeOf<PreludeVerificationBody>().toExtend<Prelude.VerificationCreateParams>()
    expectTypeOf<UnknownKeys<PreludeVerificationBody, Prelude.VerificationCreateParams>>().toBeNever()
    expectTypeOf<PreludeCheckBody>().toExtend<Prelude.VerificationCheckParams>()
    expectTypeOf<UnknownKeys<PreludeCheckBody, Prelude.VerificationCheckParams>>().toBeNever()
  })

  it('sends Twilio only parameters of the SDK create options for a verification and a check', () => {
    expectTypeOf<AsSdkParameters<TwilioStartForm>>().toExtend<VerificationListInstanceCreateOptions>()
    expectTypeOf<UnknownKeys<AsSdkParameters<TwilioStartForm>, VerificationListInstanceCreateOptions>>().toBeNever()
    expectTypeOf<AsSdkParameters<TwilioCheckForm>>().toExtend<VerificationCheckListInstanceCreateOptions>()
    expectTypeOf<UnknownKeys<AsSdkParameters<TwilioCheckForm>, VerificationCheckListInstanceCreateOptions>>().toBeNever()
  })
})
