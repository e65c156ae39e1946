import { type Clock, OtpError, systemClock } from '@otpflow/core'
import { CompactSign, errors, jwtVerify } from 'jose'
import type { ProviderFlow, ProviderState } from './providers/types'

/** The signing secret: a string (UTF-8) or raw bytes, at least 32 bytes either way (HMAC-SHA256's key size). */
export type OtpSecret = string | Uint8Array

const ISSUER = 'otpflow'
// Distinct audiences: a flow token can never pass as a verification token, nor the reverse.
const FLOW_AUDIENCE = 'otpflow:flow'
const VERIFICATION_AUDIENCE = 'otpflow:verification'
const ALGORITHM = 'HS256'
/** A flow token outlives its authentication by this much, so a late check answers `expired_auth` instead of 401. */
const FLOW_GRACE_SECONDS = 3600

export const MIN_SECRET_BYTES = 32

/** Turns the secret into HMAC key bytes; throws a plain `Error` (a setup mistake, not a request's) when it is too short. */
export function secretKey(secret: OtpSecret): Uint8Array {
  const key = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret
  if (!(key instanceof Uint8Array) || key.byteLength < MIN_SECRET_BYTES) {
    throw new Error(
      `The OTP signing secret must be at least ${MIN_SECRET_BYTES} bytes (got ${key instanceof Uint8Array ? key.byteLength : 0})`,
    )
  }
  return key
}

/** Imported keys by secret content: one entry per secret in practice, cleared past a few so it cannot grow. */
const importedKeys = new Map<string, Promise<CryptoKey>>()
const MAX_IMPORTED_KEYS = 16
/** The last import seen for an array, with a copy of the bytes it was made from (the array may change afterwards). */
const keysByArray = new WeakMap<Uint8Array, { bytes: Uint8Array; imported: Promise<CryptoKey> }>()

const sameBytes = (a: Uint8Array, b: Uint8Array) => {
  if (a.length !== b.length) return false
  for (let index = 0; index < a.length; index += 1) if (a[index] !== b[index]) return false
  return true
}

/**
 * The HMAC `CryptoKey` of these bytes, imported once: given raw bytes, jose imports them again on every sign and
 * verify, which costs about as much as the signature itself.
 */
function cryptoKey(key: Uint8Array): Promise<CryptoKey> {
  const known = keysByArray.get(key)
  if (known !== undefined && sameBytes(known.bytes, key)) return known.imported
  let id = ''
  for (let index = 0; index < key.length; index += 1) id += String.fromCharCode(key[index] as number)
  const bytes = key.slice()
  let imported = importedKeys.get(id)
  if (imported === undefined) {
    if (importedKeys.size >= MAX_IMPORTED_KEYS) importedKeys.clear()
    imported = crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify'])
    importedKeys.set(id, imported)
  }
  keysByArray.set(key, { bytes, imported })
  return imported
}

/** A random secret for one process (the sandbox): tokens die with the process, which is fine for a sandbox. */
export function randomSecret(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(MIN_SECRET_BYTES))
}

const seconds = (ms: number) => Math.floor(ms / 1000)

const utf8 = new TextEncoder()

/** The checks jose's `SignJWT` setters make, with their messages. */
const stringClaim = (claim: string, value: unknown): string => {
  if (typeof value !== 'string') throw new TypeError(`"${claim}" claim must be a string`)
  return value
}
const numericDate = (label: string, value: number): number => {
  if (!Number.isFinite(value)) throw new TypeError(`Invalid ${label} input`)
  return value
}

/**
 * Signs a claims set as a compact HS256 JWS with jose: the same bytes `SignJWT` produces for these claims in this order
 * (its builder deep-copies the claims with `structuredClone` first, a cost paid on every send for plain values).
 */
async function signClaims(claims: Record<string, unknown>, key: Uint8Array): Promise<string> {
  return await new CompactSign(utf8.encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .sign(await cryptoKey(key))
}

/** Signs the flow token: binds the authentication UUID to the phone number, its times, the provider and its state. */
export async function signFlowToken(flow: ProviderFlow, provider: string, key: Uint8Array, clock: Clock): Promise<string> {
  const claims: Record<string, unknown> = {
    phn: flow.phoneNumber,
    prv: provider,
    cat: flow.createdAt.getTime(),
    eat: flow.expiresAt.getTime(),
  }
  // The state is a provider's object: copied as SignJWT would (a value that cannot be cloned still fails here).
  if (flow.state !== undefined) claims.st = structuredClone(flow.state)
  claims.iss = ISSUER
  claims.aud = FLOW_AUDIENCE
  claims.sub = stringClaim('sub', flow.authenticationUuid)
  claims.iat = numericDate('setIssuedAt', seconds(clock.now()))
  claims.exp = numericDate('setExpirationTime', seconds(flow.expiresAt.getTime()) + FLOW_GRACE_SECONDS)
  return await signClaims(claims, key)
}

const isState = (value: unknown): value is ProviderState =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.values(value).every((entry) => typeof entry === 'string' || typeof entry === 'number' || typeof entry === 'boolean')

/** Verifies a flow token for `provider`; returns `undefined` for any token that is not one of ours, intact and current. */
export async function verifyFlowToken(
  token: string,
  provider: string,
  key: Uint8Array,
  clock: Clock,
): Promise<ProviderFlow | undefined> {
  try {
    const { payload } = await jwtVerify(token, await cryptoKey(key), {
      algorithms: [ALGORITHM],
      issuer: ISSUER,
      audience: FLOW_AUDIENCE,
      currentDate: new Date(clock.now()),
      requiredClaims: ['sub', 'exp'],
    })
    const { sub, phn, prv, cat, eat, st } = payload
    if (
      typeof sub !== 'string' ||
      typeof phn !== 'string' ||
      prv !== provider ||
      typeof cat !== 'number' ||
      typeof eat !== 'number'
    )
      return undefined
    if (st !== undefined && !isState(st)) return undefined
    return {
      authenticationUuid: sub,
      phoneNumber: phn,
      createdAt: new Date(cat),
      expiresAt: new Date(eat),
      ...(st === undefined ? {} : { state: st }),
    }
  } catch {
    return undefined
  }
}

/** Signs the proof of verification handed to the browser when a check is `valid`. */
export async function signVerificationToken(
  verified: { phoneNumber: string; authenticationUuid: string },
  key: Uint8Array,
  clock: Clock,
  ttlSeconds: number,
): Promise<string> {
  const issuedAt = seconds(clock.now())
  return await signClaims(
    {
      phone_number: verified.phoneNumber,
      authentication_uuid: verified.authenticationUuid,
      iss: ISSUER,
      aud: VERIFICATION_AUDIENCE,
      sub: stringClaim('sub', verified.phoneNumber),
      iat: numericDate('setIssuedAt', issuedAt),
      exp: numericDate('setExpirationTime', issuedAt + ttlSeconds),
    },
    key,
  )
}

export interface VerifyPhoneTokenOptions {
  /** The endpoint's signing secret (`OTP_SECRET`). */
  secret: OtpSecret
  /** @default systemClock */
  clock?: Clock
}

export interface VerifiedPhone {
  /** E.164 phone number the code was sent to. */
  phoneNumber: string
  authenticationUuid: string
  /** When the code was checked (second precision). */
  verifiedAt: Date
}

/**
 * Checks a `verification_token` in the app's own handler (signup, profile update…): the browser's word that a number is
 * verified proves nothing, this signature does.
 *
 * @throws OtpError `expired_token` when it is past its expiry, `invalid_token` for anything else (tampered, other secret, `alg: none`, a flow token…).
 * @example
 * const { phoneNumber } = await verifyPhoneToken(body.verification_token, { secret: process.env.OTP_SECRET })
 */
export async function verifyPhoneToken(token: string, options: VerifyPhoneTokenOptions): Promise<VerifiedPhone> {
  const key = secretKey(options.secret)
  const clock = options.clock ?? systemClock
  if (typeof token !== 'string' || token.length === 0 || token.length > 4096)
    throw new OtpError('invalid_token', 'The verification token is missing or malformed')
  try {
    const { payload } = await jwtVerify(token, await cryptoKey(key), {
      algorithms: [ALGORITHM],
      issuer: ISSUER,
      audience: VERIFICATION_AUDIENCE,
      currentDate: new Date(clock.now()),
      requiredClaims: ['iat', 'exp'],
    })
    const phoneNumber = payload.phone_number
    const authenticationUuid = payload.authentication_uuid
    if (typeof phoneNumber !== 'string' || typeof authenticationUuid !== 'string' || typeof payload.iat !== 'number') {
      throw new OtpError('invalid_token', 'The verification token lacks its claims')
    }
    return { phoneNumber, authenticationUuid, verifiedAt: new Date(payload.iat * 1000) }
  } catch (error) {
    if (error instanceof OtpError) throw error
    if (error instanceof errors.JWTExpired)
      throw new OtpError('expired_token', 'The verification token has expired', { cause: error })
    throw new OtpError('invalid_token', 'The verification token is not valid', { cause: error })
  }
}
