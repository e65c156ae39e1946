import { isOtpError, systemClock } from '@otpflow/core'
import { decodeJwt, jwtVerify, SignJWT } from 'jose'
import { afterAll, describe, expect, it } from 'vitest'
import { createRedisStore } from './redis-store'
import { createMemoryStore, type Store } from './store'
import { StoreUnavailableError } from './store-errors'
import { startRedisServer, type TestRedisServer } from './testing/redis-server'
import { secretKey, signFlowToken, signVerificationToken, verifyFlowToken, verifyPhoneToken } from './tokens'

const SECRET = 'a-signing-secret-of-at-least-32-bytes!!'
const KEY = secretKey(SECRET)
const NOW = Date.parse('2026-05-01T12:00:00Z')
const clock = { now: () => NOW }
const at = (ms: number) => ({ now: () => ms })
const VERIFIED = {
  phoneNumber: '+14155552671',
  authenticationUuid: '0b6f7c1e-2a35-4d8e-9c11-7e1f0f0a0001',
  provider: 'ding',
}
const proof = (verified: typeof VERIFIED, key: Uint8Array, signedBy: typeof clock, ttlSeconds: number) =>
  signVerificationToken(verified, key, signedBy, ttlSeconds).token

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  if (!isOtpError(error)) throw new Error(`expected an OtpError, got ${String(error)}`)
  return String(error.code)
}

describe('verifyPhoneToken', () => {
  it('returns the phone number, the authentication and when it was verified', async () => {
    const token = proof(VERIFIED, KEY, clock, 600)
    expect(await verifyPhoneToken(token, { secret: SECRET, clock })).toEqual({ ...VERIFIED, verifiedAt: new Date(NOW) })
  })

  it('accepts the token until its 10-minute expiry, then throws expired_token', async () => {
    const token = proof(VERIFIED, KEY, clock, 600)
    await expect(verifyPhoneToken(token, { secret: SECRET, clock: at(NOW + 599_000) })).resolves.toMatchObject(VERIFIED)
    expect(await codeOf(verifyPhoneToken(token, { secret: SECRET, clock: at(NOW + 600_001) }))).toBe('expired_token')
  })

  it('rejects a tampered token as invalid_token', async () => {
    const token = proof(VERIFIED, KEY, clock, 600)
    const [header, , signature] = token.split('.')
    const forged = `${header}.${base64url({ phone_number: '+19999999999', authentication_uuid: 'x', iss: 'otpflow', aud: 'otpflow:verification', iat: NOW / 1000, exp: NOW / 1000 + 600 })}.${signature}`
    expect(await codeOf(verifyPhoneToken(forged, { secret: SECRET, clock }))).toBe('invalid_token')
    const flipped = `${token.slice(0, -3)}${token.slice(-3) === 'AAA' ? 'BBB' : 'AAA'}`
    expect(await codeOf(verifyPhoneToken(flipped, { secret: SECRET, clock }))).toBe('invalid_token')
  })

  it('rejects a token signed with another secret as invalid_token, even once expired', async () => {
    const token = proof(VERIFIED, secretKey('another-secret-of-at-least-32-bytes-long'), clock, 600)
    expect(await codeOf(verifyPhoneToken(token, { secret: SECRET, clock }))).toBe('invalid_token')
    expect(await codeOf(verifyPhoneToken(token, { secret: SECRET, clock: at(NOW + 3_600_000) }))).toBe('invalid_token')
  })

  it('rejects alg: none, and HS512 with the right secret', async () => {
    const claims = {
      ...{ phone_number: VERIFIED.phoneNumber, authentication_uuid: VERIFIED.authenticationUuid },
      iss: 'otpflow',
      aud: 'otpflow:verification',
    }
    const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...claims, iat: NOW / 1000, exp: NOW / 1000 + 600 })}.`
    expect(await codeOf(verifyPhoneToken(unsigned, { secret: SECRET, clock }))).toBe('invalid_token')
    const hs512 = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS512' })
      .setIssuedAt(NOW / 1000)
      .setExpirationTime(NOW / 1000 + 600)
      .sign(KEY)
    expect(await codeOf(verifyPhoneToken(hs512, { secret: SECRET, clock }))).toBe('invalid_token')
  })

  it('rejects a flow token: it is not a proof of verification', async () => {
    const flowToken = await signFlowToken(
      {
        authenticationUuid: VERIFIED.authenticationUuid,
        phoneNumber: VERIFIED.phoneNumber,
        createdAt: new Date(NOW),
        expiresAt: new Date(NOW + 600_000),
      },
      'sandbox',
      KEY,
      clock,
    )
    expect(await codeOf(verifyPhoneToken(flowToken, { secret: SECRET, clock }))).toBe('invalid_token')
  })

  it('is a standard HS256 JWT: an independent JOSE library verifies it with the secret, issuer and audience', async () => {
    const token = proof(VERIFIED, KEY, clock, 600)
    const { payload, protectedHeader } = await jwtVerify(token, KEY, {
      algorithms: ['HS256'],
      issuer: 'otpflow',
      audience: 'otpflow:verification',
      currentDate: new Date(NOW),
    })
    expect(protectedHeader).toEqual({ alg: 'HS256', typ: 'JWT' })
    expect(payload).toMatchObject({
      phone_number: VERIFIED.phoneNumber,
      authentication_uuid: VERIFIED.authenticationUuid,
      sub: VERIFIED.phoneNumber,
      iat: NOW / 1000,
      exp: NOW / 1000 + 600,
    })
  })

  it('accepts a token with the same claims signed by an independent JOSE library', async () => {
    const token = await new SignJWT({
      phone_number: VERIFIED.phoneNumber,
      authentication_uuid: VERIFIED.authenticationUuid,
      provider: VERIFIED.provider,
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer('otpflow')
      .setAudience('otpflow:verification')
      .setIssuedAt(NOW / 1000)
      .setExpirationTime(NOW / 1000 + 600)
      .sign(KEY)
    expect(await verifyPhoneToken(token, { secret: SECRET, clock })).toEqual({ ...VERIFIED, verifiedAt: new Date(NOW) })
  })

  it('says when the proof expires', () => {
    const signed = signVerificationToken(VERIFIED, KEY, at(NOW + 250), 600)
    expect(signed.expiresAt).toEqual(new Date(NOW + 600_000))
  })

  it('names the provider that checked the code', async () => {
    const token = proof({ ...VERIFIED, provider: 'prelude' }, KEY, clock, 600)
    expect(await verifyPhoneToken(token, { secret: SECRET, clock })).toMatchObject({ provider: 'prelude' })
  })

  it('refuses a sandbox proof as sandbox_token unless the caller allows the sandbox', async () => {
    const token = proof({ ...VERIFIED, provider: 'sandbox' }, KEY, clock, 600)
    expect(await codeOf(verifyPhoneToken(token, { secret: SECRET, clock }))).toBe('sandbox_token')
    expect(await codeOf(verifyPhoneToken(token, { secret: SECRET, clock, allowSandbox: false }))).toBe('sandbox_token')
    expect(await verifyPhoneToken(token, { secret: SECRET, clock, allowSandbox: true })).toEqual({
      ...VERIFIED,
      provider: 'sandbox',
      verifiedAt: new Date(NOW),
    })
  })

  it('refuses a token without the provider claim', async () => {
    const token = await new SignJWT({ phone_number: VERIFIED.phoneNumber, authentication_uuid: VERIFIED.authenticationUuid })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer('otpflow')
      .setAudience('otpflow:verification')
      .setIssuedAt(NOW / 1000)
      .setExpirationTime(NOW / 1000 + 600)
      .sign(KEY)
    expect(await codeOf(verifyPhoneToken(token, { secret: SECRET, clock }))).toBe('invalid_token')
  })

  it.each([
    ['issuer', (jwt: SignJWT) => jwt.setAudience('otpflow:verification')],
    ['audience', (jwt: SignJWT) => jwt.setIssuer('otpflow')],
  ])('refuses a token signed with the secret but without an %s (one the app signed for something else)', async (_, set) => {
    const claims = { phone_number: VERIFIED.phoneNumber, authentication_uuid: VERIFIED.authenticationUuid, provider: 'ding' }
    const token = await set(new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }))
      .setIssuedAt(NOW / 1000)
      .setExpirationTime(NOW / 1000 + 600)
      .sign(KEY)
    expect(await codeOf(verifyPhoneToken(token, { secret: SECRET, clock }))).toBe('invalid_token')
  })

  it.each([[''], ['garbage'], ['a.b.c'], ['x'.repeat(5000)]])('rejects %j as invalid_token', async (token) => {
    expect(await codeOf(verifyPhoneToken(token, { secret: SECRET, clock }))).toBe('invalid_token')
  })

  it('refuses a secret shorter than 32 bytes', async () => {
    await expect(verifyPhoneToken('x', { secret: 'short' })).rejects.toThrow(/at least 32 bytes/)
  })
})

describe('verifyPhoneToken with a store: a proof is accepted once', () => {
  /** The other spellings of a token that verify alike: the signature's last character carries two unused bits. */
  const otherSpellings = (token: string) => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    const last = alphabet.indexOf(token.at(-1) ?? '')
    return [1, 2, 3].map((bits) => `${token.slice(0, -1)}${alphabet[(last & ~3) | (bits ^ (last & 3))]}`)
  }

  it('accepts a proof once and throws token_used on the next use; without a store it stays reusable until it expires', async () => {
    const store = createMemoryStore({ clock })
    const token = proof(VERIFIED, KEY, clock, 600)
    expect(await verifyPhoneToken(token, { secret: SECRET, clock, store })).toEqual({ ...VERIFIED, verifiedAt: new Date(NOW) })
    expect(await codeOf(verifyPhoneToken(token, { secret: SECRET, clock, store }))).toBe('token_used')
    // Without the store, as before: the same proof passes again.
    expect(await verifyPhoneToken(token, { secret: SECRET, clock })).toMatchObject(VERIFIED)
    expect(await verifyPhoneToken(token, { secret: SECRET, clock })).toMatchObject(VERIFIED)
  })

  it('gives every proof an id of its own, and records the use by it: another spelling of a used token is refused too', async () => {
    const store = createMemoryStore({ clock })
    const token = proof(VERIFIED, KEY, clock, 600)
    const again = proof(VERIFIED, KEY, clock, 600)
    expect(decodeJwt(token).jti).toMatch(/^[0-9a-f-]{36}$/)
    expect(decodeJwt(again).jti).not.toBe(decodeJwt(token).jti)
    const spellings = otherSpellings(token)
    // They are the same proof to the verifier…
    for (const spelling of spellings) expect(await verifyPhoneToken(spelling, { secret: SECRET, clock })).toMatchObject(VERIFIED)
    await verifyPhoneToken(token, { secret: SECRET, clock, store })
    // …so each is spent with it.
    for (const spelling of spellings)
      expect(await codeOf(verifyPhoneToken(spelling, { secret: SECRET, clock, store }))).toBe('token_used')
    // A proof of its own for the same number and authentication is another proof.
    expect(await verifyPhoneToken(again, { secret: SECRET, clock, store })).toMatchObject(VERIFIED)
  })

  it('keeps the record until the proof expires, and not forever', async () => {
    const ttls: number[] = []
    const memory = createMemoryStore({ clock })
    const store: Pick<Store, 'setIfAbsent'> = {
      setIfAbsent: (key, value, ttlSeconds) => {
        ttls.push(ttlSeconds)
        return memory.setIfAbsent(key, value, ttlSeconds)
      },
    }
    const token = proof(VERIFIED, KEY, clock, 600)
    await verifyPhoneToken(token, { secret: SECRET, clock: at(NOW + 100_000), store })
    // 500 s left, and one more so no rounding lets the proof outlive its record.
    expect(ttls).toEqual([501])
  })

  it('spends nothing on a proof it refuses: a sandbox proof without allowSandbox can still be used once allowed', async () => {
    const store = createMemoryStore({ clock })
    const token = proof({ ...VERIFIED, provider: 'sandbox' }, KEY, clock, 600)
    expect(await codeOf(verifyPhoneToken(token, { secret: SECRET, clock, store }))).toBe('sandbox_token')
    expect(await verifyPhoneToken(token, { secret: SECRET, clock, store, allowSandbox: true })).toMatchObject({
      provider: 'sandbox',
    })
    expect(store.size).toBe(1)
  })

  it('refuses a proof without an id when it must be used once, and accepts it without a store', async () => {
    const token = await new SignJWT({
      phone_number: VERIFIED.phoneNumber,
      authentication_uuid: VERIFIED.authenticationUuid,
      provider: 'ding',
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer('otpflow')
      .setAudience('otpflow:verification')
      .setIssuedAt(NOW / 1000)
      .setExpirationTime(NOW / 1000 + 600)
      .sign(KEY)
    expect(await codeOf(verifyPhoneToken(token, { secret: SECRET, clock, store: createMemoryStore({ clock }) }))).toBe(
      'invalid_token',
    )
    expect(await verifyPhoneToken(token, { secret: SECRET, clock })).toMatchObject(VERIFIED)
  })

  it('rejects with service_unavailable when the store cannot record the use, and accepts nothing', async () => {
    const store: Pick<Store, 'setIfAbsent'> = {
      setIfAbsent: () => Promise.reject(new StoreUnavailableError('Redis store: not connected to Redis after 1000 ms')),
    }
    const error = await verifyPhoneToken(proof(VERIFIED, KEY, clock, 600), { secret: SECRET, clock, store }).catch(
      (caught: unknown) => caught,
    )
    expect(error).toBeInstanceOf(StoreUnavailableError)
    expect((error as StoreUnavailableError).code).toBe('service_unavailable')
  })

  describe('on a real Redis', () => {
    let redis: TestRedisServer | undefined
    afterAll(async () => {
      await redis?.close()
    })

    it('accepts one of 20 concurrent uses from three connections (three app instances), and refuses it after', async () => {
      redis = await startRedisServer()
      const stores = [1, 2, 3].map(() => createRedisStore({ url: (redis as TestRedisServer).url }, { prefix: 'proofs:' }))
      try {
        const now = Date.now()
        const token = proof(VERIFIED, KEY, { now: () => now }, 600)
        const outcomes = await Promise.all(
          Array.from({ length: 20 }, (_, index) =>
            verifyPhoneToken(token, { secret: SECRET, store: stores[index % 3] as Store }).then(
              () => 'accepted',
              (error: unknown) => (isOtpError(error) ? error.code : String(error)),
            ),
          ),
        )
        expect(outcomes.filter((outcome) => outcome === 'accepted')).toHaveLength(1)
        expect(outcomes.filter((outcome) => outcome === 'token_used')).toHaveLength(19)
        expect(await codeOf(verifyPhoneToken(token, { secret: SECRET, store: stores[0] as Store }))).toBe('token_used')
      } finally {
        await Promise.all(stores.map((store) => store.close()))
      }
    }, 30_000)
  })
})

describe('flow tokens', () => {
  const flow = {
    authenticationUuid: VERIFIED.authenticationUuid,
    phoneNumber: VERIFIED.phoneNumber,
    createdAt: new Date(NOW),
    expiresAt: new Date(NOW + 600_000),
    state: { sends: 2, channel: 'sms', fallback: false },
  }

  it('round-trips the authentication, phone number, times and provider state', async () => {
    const token = await signFlowToken(flow, 'prelude', KEY, clock)
    expect(await verifyFlowToken(token, 'prelude', KEY, clock)).toEqual(flow)
  })

  it('is checked against the system clock when the handler runs on it', async () => {
    const now = Date.now()
    const current = { ...flow, createdAt: new Date(now), expiresAt: new Date(now + 600_000) }
    expect(verifyFlowToken(signFlowToken(current, 'sandbox', KEY, systemClock), 'sandbox', KEY, systemClock)).toEqual(current)
    // Expired two hours ago, past the hour of grace.
    const old = { ...flow, createdAt: new Date(now - 7_800_000), expiresAt: new Date(now - 7_200_000) }
    const oldClock = { now: () => now - 7_800_000 }
    expect(verifyFlowToken(signFlowToken(old, 'sandbox', KEY, oldClock), 'sandbox', KEY, oldClock)).toEqual(old)
    expect(verifyFlowToken(signFlowToken(old, 'sandbox', KEY, oldClock), 'sandbox', KEY, systemClock)).toBeUndefined()
  })

  it('is refused for another provider, with another key, or a verification token in its place', async () => {
    const token = await signFlowToken(flow, 'prelude', KEY, clock)
    expect(await verifyFlowToken(token, 'twilio', KEY, clock)).toBeUndefined()
    expect(await verifyFlowToken(token, 'prelude', secretKey('another-secret-of-at-least-32-bytes-long'), clock)).toBeUndefined()
    const verification = proof(VERIFIED, KEY, clock, 600)
    expect(await verifyFlowToken(verification, 'prelude', KEY, clock)).toBeUndefined()
  })

  it('signs with the bytes a key holds now, even when the same array is changed in place or many secrets are used', async () => {
    const key = secretKey('first-secret-of-at-least-32-bytes-long!')
    const first = await signFlowToken(flow, 'sandbox', key, clock)
    key.set(new TextEncoder().encode('other-secret-of-at-least-32-bytes-long!'))
    const second = await signFlowToken(flow, 'sandbox', key, clock)
    expect(await verifyFlowToken(first, 'sandbox', secretKey('first-secret-of-at-least-32-bytes-long!'), clock)).toBeDefined()
    expect(await verifyFlowToken(second, 'sandbox', secretKey('first-secret-of-at-least-32-bytes-long!'), clock)).toBeUndefined()
    expect(await verifyFlowToken(second, 'sandbox', secretKey('other-secret-of-at-least-32-bytes-long!'), clock)).toBeDefined()
    const secrets = Array.from(
      { length: 40 },
      (_, index) => `secret-number-${String(index).padStart(2, '0')}-of-at-least-32-bytes`,
    )
    const tokens = await Promise.all(secrets.map((secret) => signFlowToken(flow, 'sandbox', secretKey(secret), clock)))
    const verified = await Promise.all(
      tokens.map((token, index) => verifyFlowToken(token, 'sandbox', secretKey(secrets[index] ?? ''), clock)),
    )
    expect(verified.every((result) => result !== undefined)).toBe(true)
    expect(await verifyFlowToken(tokens[0] ?? '', 'sandbox', secretKey(secrets[1] ?? ''), clock)).toBeUndefined()
  })

  it.each([
    ['issuer', (jwt: SignJWT) => jwt.setAudience('otpflow:flow')],
    ['audience', (jwt: SignJWT) => jwt.setIssuer('otpflow')],
  ])('is refused when signed with the secret but without an %s', async (_, set) => {
    const claims = { phn: flow.phoneNumber, prv: 'sandbox', cat: NOW, eat: NOW + 600_000 }
    const token = await set(new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }))
      .setSubject(flow.authenticationUuid)
      .setIssuedAt(NOW / 1000)
      .setExpirationTime(NOW / 1000 + 4200)
      .sign(KEY)
    expect(verifyFlowToken(token, 'sandbox', KEY, clock)).toBeUndefined()
    // The same claims with both set pass: what is refused is the missing claim alone.
    const complete = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer('otpflow')
      .setAudience('otpflow:flow')
      .setSubject(flow.authenticationUuid)
      .setIssuedAt(NOW / 1000)
      .setExpirationTime(NOW / 1000 + 4200)
      .sign(KEY)
    expect(verifyFlowToken(complete, 'sandbox', KEY, clock)).toMatchObject({ phoneNumber: flow.phoneNumber })
  })

  it('stays readable for an hour past the authentication expiry (so the endpoint can answer expired_auth), then not', async () => {
    const token = await signFlowToken(flow, 'sandbox', KEY, clock)
    expect(await verifyFlowToken(token, 'sandbox', KEY, at(NOW + 600_000 + 3_599_000))).toBeDefined()
    // Valid up to the `exp` instant itself, refused from the next millisecond on.
    expect(await verifyFlowToken(token, 'sandbox', KEY, at(NOW + 600_000 + 3_600_000 + 1))).toBeUndefined()
  })
})
