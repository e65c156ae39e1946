import { describe, expect, expectTypeOf, it } from 'vitest'
import { type VerifiedPhoneClaims, verifiedPhoneSchema } from './index'
import { secretKey, signVerificationToken, type VerifiedPhone, verifyPhoneToken } from './tokens'

const SECRET = 'verified-phone-schema-secret-of-32-bytes'

describe('verifiedPhoneSchema', () => {
  it("reads verifyPhoneToken's answer as it is, and again after a trip through JSON", async () => {
    const proof = signVerificationToken(
      { phoneNumber: '+447700900123', authenticationUuid: 'auth-1', provider: 'twilio' },
      secretKey(SECRET),
      { now: () => Date.now() },
      600,
    )
    const verified = await verifyPhoneToken(proof.token, { secret: SECRET })
    expect(verifiedPhoneSchema.parse(verified)).toEqual(verified)
    const back = verifiedPhoneSchema.parse(JSON.parse(JSON.stringify(verified)))
    expect(back).toEqual(verified)
    expect(back.verifiedAt).toBeInstanceOf(Date)
    expectTypeOf<VerifiedPhone>().toExtend<VerifiedPhoneClaims>()
  })

  it.each([
    ['a number not in E.164', { phoneNumber: '07700 900123' }],
    ['no authentication', { authenticationUuid: '' }],
    ['a date that is not one', { verifiedAt: 'yesterday' }],
    ['no provider', { provider: undefined }],
  ])('refuses %s', (_, change) => {
    const claims = { phoneNumber: '+447700900123', authenticationUuid: 'auth-1', verifiedAt: new Date(), provider: 'ding' }
    expect(verifiedPhoneSchema.safeParse({ ...claims, ...change }).success).toBe(false)
  })
})
