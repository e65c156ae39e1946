import { type Clock, OtpError, systemClock } from '@otpflow/core'
import { createSigner, createVerifier, type VerifierOptions as FastJwtVerifierOptions, TokenError } from 'fast-jwt'
import type { ProviderFlow, ProviderState } from './providers/types'
import type { Store } from './store'

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

type Verify = (token: string) => Record<string, unknown>
type VerifierOptions = Partial<FastJwtVerifierOptions & { key: Buffer }>

/** What one secret signs and verifies with. */
interface KeyTools {
  sign: (claims: Record<string, unknown>) => string
  /** Verifiers on the system clock, made once; a clock of one's own (tests, replays) gets a verifier per reading. */
  verifyFlow: Verify
  verifyVerification: Verify
  options: { flow: VerifierOptions; verification: VerifierOptions }
}

/** Signers and verifiers by secret content: one entry per secret in practice, cleared past a few so it cannot grow. */
const toolsBySecret = new Map<string, KeyTools>()
const MAX_SECRETS = 16
/** The last tools seen for an array, with a copy of the bytes they were made from (the array may change afterwards). */
const toolsByArray = new WeakMap<Uint8Array, { bytes: Uint8Array; tools: KeyTools }>()

const sameBytes = (a: Uint8Array, b: Uint8Array) => {
  if (a.length !== b.length) return false
  for (let index = 0; index < a.length; index += 1) if (a[index] !== b[index]) return false
  return true
}

/**
 * The signer and verifiers of these key bytes, made once: fast-jwt signs and checks HS256 with node:crypto's HMAC
 * in the same turn, where WebCrypto's runs on the thread pool and costs a round trip per token.
 */
function toolsFor(key: Uint8Array): KeyTools {
  const seen = toolsByArray.get(key)
  if (seen !== undefined && sameBytes(seen.bytes, key)) return seen.tools
  const tools = toolsForBytes(key)
  toolsByArray.set(key, { bytes: key.slice(), tools })
  return tools
}

function toolsForBytes(key: Uint8Array): KeyTools {
  let id = ''
  for (let index = 0; index < key.length; index += 1) id += String.fromCharCode(key[index] as number)
  const known = toolsBySecret.get(id)
  if (known !== undefined) return known
  // A copy: the caller's array may change afterwards.
  const secret = Buffer.from(key)
  // `alg` pinned to HS256 (an `alg: none` or RS256 token is refused), issuer and audience required and checked (fast-jwt
  // compares them only when present, so a token the app signs for something else with the same secret, without them,
  // would pass), no cache of verified tokens: every token is checked in full.
  const common = { key: secret, algorithms: [ALGORITHM], allowedIss: ISSUER, cache: false } satisfies VerifierOptions
  const options = {
    flow: { ...common, allowedAud: FLOW_AUDIENCE, requiredClaims: ['iss', 'aud', 'sub', 'exp'] },
    verification: { ...common, allowedAud: VERIFICATION_AUDIENCE, requiredClaims: ['iss', 'aud', 'iat', 'exp'] },
  } satisfies KeyTools['options']
  const tools: KeyTools = {
    // The claims carry their own `iat` (from the handler's clock), which the signer keeps.
    sign: createSigner({ key: secret, algorithm: ALGORITHM }),
    verifyFlow: createVerifier({ ...options.flow, complete: false }) as Verify,
    verifyVerification: createVerifier({ ...options.verification, complete: false }) as Verify,
    options,
  }
  if (toolsBySecret.size >= MAX_SECRETS) toolsBySecret.clear()
  toolsBySecret.set(id, tools)
  return tools
}

/** Verifies `token` at the clock's time: the verifier made once on the system clock, or one made for this reading. */
function verifyAt(tools: KeyTools, kind: 'flow' | 'verification', token: string, clock: Clock): Record<string, unknown> {
  if (clock === systemClock) return (kind === 'flow' ? tools.verifyFlow : tools.verifyVerification)(token)
  const verify = createVerifier({ ...tools.options[kind], complete: false, clockTimestamp: clock.now() }) as Verify
  return verify(token)
}

/** A random secret for one process (the sandbox): tokens die with the process, which is fine for a sandbox. */
export function randomSecret(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(MIN_SECRET_BYTES))
}

const seconds = (ms: number) => Math.floor(ms / 1000)

const stringClaim = (claim: string, value: unknown): string => {
  if (typeof value !== 'string') throw new TypeError(`The "${claim}" claim must be a string`)
  return value
}
const numericDate = (claim: string, value: number): number => {
  if (!Number.isFinite(value)) throw new TypeError(`The "${claim}" claim must be a finite number`)
  return value
}

/** Signs the flow token: binds the authentication UUID to the phone number, its times, the provider and its state. */
export function signFlowToken(flow: ProviderFlow, provider: string, key: Uint8Array, clock: Clock): string {
  const claims: Record<string, unknown> = {
    phn: flow.phoneNumber,
    prv: provider,
    cat: flow.createdAt.getTime(),
    eat: flow.expiresAt.getTime(),
  }
  if (flow.state !== undefined) claims.st = flow.state
  if (flow.channel !== undefined) claims.ch = flow.channel
  if (flow.nextRetryAt !== undefined) claims.nra = flow.nextRetryAt.getTime()
  claims.iss = ISSUER
  claims.aud = FLOW_AUDIENCE
  claims.sub = stringClaim('sub', flow.authenticationUuid)
  claims.iat = numericDate('iat', seconds(clock.now()))
  claims.exp = numericDate('exp', seconds(flow.expiresAt.getTime()) + FLOW_GRACE_SECONDS)
  return toolsFor(key).sign(claims)
}

const isState = (value: unknown): value is ProviderState =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.values(value).every((entry) => typeof entry === 'string' || typeof entry === 'number' || typeof entry === 'boolean')

/** Verifies a flow token for `provider`; returns `undefined` for any token that is not one of ours, intact and current. */
export function verifyFlowToken(token: string, provider: string, key: Uint8Array, clock: Clock): ProviderFlow | undefined {
  let payload: Record<string, unknown>
  try {
    payload = verifyAt(toolsFor(key), 'flow', token, clock)
  } catch {
    return undefined
  }
  const { sub, phn, prv, cat, eat, st, ch, nra } = payload
  if (
    typeof sub !== 'string' ||
    typeof phn !== 'string' ||
    prv !== provider ||
    typeof cat !== 'number' ||
    typeof eat !== 'number'
  )
    return undefined
  if (st !== undefined && !isState(st)) return undefined
  if ((ch !== undefined && typeof ch !== 'string') || (nra !== undefined && typeof nra !== 'number')) return undefined
  return {
    authenticationUuid: sub,
    phoneNumber: phn,
    createdAt: new Date(cat),
    expiresAt: new Date(eat),
    ...(st === undefined ? {} : { state: st }),
    ...(ch === undefined ? {} : { channel: ch }),
    ...(nra === undefined ? {} : { nextRetryAt: new Date(nra) }),
  }
}

/**
 * Signs the proof of verification handed to the browser when a check is `valid`, naming the provider that checked the
 * code (a sandbox proof proves nothing about a phone). Returns the token and when it stops being accepted.
 */
export function signVerificationToken(
  verified: { phoneNumber: string; authenticationUuid: string; provider: string },
  key: Uint8Array,
  clock: Clock,
  ttlSeconds: number,
): { token: string; expiresAt: Date } {
  const issuedAt = seconds(clock.now())
  const expiresAt = numericDate('exp', issuedAt + ttlSeconds)
  const token = toolsFor(key).sign({
    // The proof's own id: a single use is recorded under it, not under the token's text, which has several spellings
    // that verify alike (e.g. base64url padding bits).
    jti: crypto.randomUUID(),
    phone_number: verified.phoneNumber,
    authentication_uuid: verified.authenticationUuid,
    provider: stringClaim('provider', verified.provider),
    iss: ISSUER,
    aud: VERIFICATION_AUDIENCE,
    sub: stringClaim('sub', verified.phoneNumber),
    iat: numericDate('iat', issuedAt),
    exp: expiresAt,
  })
  return { token, expiresAt: new Date(expiresAt * 1000) }
}

export interface VerifyPhoneTokenOptions {
  /** The endpoint's signing secret (`OTP_SECRET`). */
  secret: OtpSecret
  /**
   * Accept proofs from the sandbox, whose codes anyone can read in its outbox: for a demo, a dev server or tests, never
   * for real accounts. Without it a sandbox proof throws `OtpError('sandbox_token')`.
   * @default false
   */
  allowSandbox?: boolean
  /**
   * Makes the proof single-use: the first call that accepts it records its id in this store until the proof expires,
   * and any later call (on any instance sharing the store) throws `OtpError('token_used')`. Pass the store the
   * endpoint uses (`createRedisStore(…)` on several instances). Without it a proof can be used again until it expires.
   * A store that cannot be reached rejects with `StoreUnavailableError` (`service_unavailable`): nothing is accepted
   * that could not be recorded.
   * @default undefined (reusable until it expires)
   */
  store?: Pick<Store, 'setIfAbsent'>
  /** @default systemClock */
  clock?: Clock
}

export interface VerifiedPhone {
  /** E.164 phone number the code was sent to. */
  phoneNumber: string
  authenticationUuid: string
  /** When the code was checked (second precision). */
  verifiedAt: Date
  /** Who checked the code: `ding`, `prelude`, `twilio`, `sandbox` (only with `allowSandbox`) or a custom provider's name. */
  provider: 'ding' | 'prelude' | 'twilio' | 'sandbox' | (string & {})
}

/**
 * Checks a `verification_token` in the app's own handler (signup, profile update…): the browser's word that a number is
 * verified proves nothing, this signature does.
 *
 * @throws OtpError `expired_token` when it is past its expiry, `sandbox_token` for a proof from the sandbox without
 * `allowSandbox`, `token_used` when `store` says it was accepted before, `invalid_token` for anything else (tampered,
 * other secret, `alg: none`, no issuer or audience, a flow token, a proof without an id when `store` is given…), and
 * `service_unavailable` (`StoreUnavailableError`) when `store` cannot be reached.
 * @example
 * const { phoneNumber } = await verifyPhoneToken(body.verification_token, { secret: process.env.OTP_SECRET, store })
 */
export async function verifyPhoneToken(token: string, options: VerifyPhoneTokenOptions): Promise<VerifiedPhone> {
  const key = secretKey(options.secret)
  const clock = options.clock ?? systemClock
  if (typeof token !== 'string' || token.length === 0 || token.length > 4096)
    throw new OtpError('invalid_token', 'The verification token is missing or malformed')
  let verified: VerifiedPhone
  let id: unknown
  let expiresAt: unknown
  try {
    const payload = verifyAt(toolsFor(key), 'verification', token, clock)
    const { phone_number: phoneNumber, authentication_uuid: authenticationUuid, provider, iat, jti, exp } = payload
    if (
      typeof phoneNumber !== 'string' ||
      typeof authenticationUuid !== 'string' ||
      typeof provider !== 'string' ||
      typeof iat !== 'number'
    ) {
      throw new OtpError('invalid_token', 'The verification token lacks its claims')
    }
    if (provider === 'sandbox' && options.allowSandbox !== true) {
      throw new OtpError(
        'sandbox_token',
        'The verification token comes from the sandbox, whose codes anyone can read: pass allowSandbox: true to accept it',
      )
    }
    verified = { phoneNumber, authenticationUuid, verifiedAt: new Date(iat * 1000), provider }
    id = jti
    expiresAt = exp
  } catch (error) {
    if (error instanceof OtpError) throw error
    if (error instanceof TokenError && error.code === TokenError.codes.expired)
      throw new OtpError('expired_token', 'The verification token has expired', { cause: error })
    throw new OtpError('invalid_token', 'The verification token is not valid', { cause: error })
  }
  if (options.store !== undefined) await consume(options.store, id, expiresAt, clock)
  return verified
}

/** Records the proof's id until the proof expires; throws `token_used` when it was recorded before. */
async function consume(store: Pick<Store, 'setIfAbsent'>, id: unknown, expiresAt: unknown, clock: Clock): Promise<void> {
  // A proof signed before proofs had ids cannot be used only once: refused rather than accepted again and again.
  if (typeof id !== 'string' || id.length === 0 || id.length > 128 || typeof expiresAt !== 'number')
    throw new OtpError('invalid_token', 'The verification token has no id, so it cannot be used only once')
  // Kept a second past the expiry, so no clock rounding lets a proof outlive its record.
  const ttlSeconds = Math.max(1, Math.ceil(expiresAt - clock.now() / 1000) + 1)
  if (!(await store.setIfAbsent(`proof:${id}`, '1', ttlSeconds)))
    throw new OtpError('token_used', 'The verification token has already been used')
}
