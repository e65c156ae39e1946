import { OtpError } from '@otpflow/core'

/*
 * Human checks (captchas), verified on the server with the vendor's siteverify API. The widget in the page only hands
 * the browser a token; the token proves nothing until the vendor says so, and each token passes once (the vendor
 * refuses a replay), so no answer is ever cached. Every failure to get a clear answer fails closed.
 *
 *   Cloudflare Turnstile  POST https://challenges.cloudflare.com/turnstile/v0/siteverify  secret, response, remoteip
 *   hCaptcha              POST https://api.hcaptcha.com/siteverify                      secret, response, remoteip, sitekey
 *   Google reCAPTCHA      POST https://www.google.com/recaptcha/api/siteverify          secret, response, remoteip
 *
 * All three take a form-encoded body and answer JSON: `success`, `error-codes`, `hostname`, and for reCAPTCHA v3 a
 * `score` and an `action`.
 */

export type CaptchaProviderName = 'turnstile' | 'hcaptcha' | 'recaptcha'

/** What the endpoint knows of the request a token came with. */
export interface CaptchaCheck {
  /** The token the widget produced (`captcha_token`). */
  token: string
  /** The client's IP, sent to the vendor as `remoteip`. */
  ip?: string
  /** The hostname of the page the request came from (its `Origin`), which the token must have been solved on. */
  hostname?: string
  signal?: AbortSignal
}

/** The vendor's verdict on a token: passed, or refused with the vendor's reasons (for the log). */
export type CaptchaVerdict = { ok: true } | { ok: false; reason: string }

/**
 * Verifies a human check's token. `verify` resolves with the verdict on the token, and rejects with
 * {@link CaptchaUnavailableError} when no verdict could be had (the vendor unreachable, slow, answering garbage, or
 * refusing the secret): the endpoint then answers 503 and sends nothing.
 *
 * @example
 * const captcha = turnstileVerifier({ secret: process.env.TURNSTILE_SECRET!, siteKey: '0x4AAAAAAA…' })
 * createOtpHandler({ provider, secret, captcha })
 */
export interface CaptchaVerifier {
  /** The vendor, as the browser needs it to load the widget (`captcha.provider` in a 403 `captcha_required`). */
  readonly provider: CaptchaProviderName | (string & {})
  /** The public site key the widget is rendered with (`captcha.site_key`). Never the secret. */
  readonly siteKey: string
  verify(check: CaptchaCheck): Promise<CaptchaVerdict>
}

/** No verdict could be had from the vendor: fail closed (503 `service_unavailable`), the detail in the log only. */
export class CaptchaUnavailableError extends OtpError {
  constructor(message: string, cause?: unknown) {
    super('service_unavailable', message, { status: 503, ...(cause === undefined ? {} : { cause }) })
  }
}

export interface SiteverifyOptions {
  /** The secret key: sent to the vendor only, never in an answer or a log line. */
  secret: string
  /** The public site key of the widget. */
  siteKey: string
  /**
   * The vendor's API, or a proxy or a test double in front of it: a host alone (`http://127.0.0.1:8080`) gets the
   * vendor's path added; a URL with a path is used as given.
   * @default the vendor's own host
   */
  baseUrl?: string
  /** @default globalThis.fetch */
  fetch?: typeof fetch
  /** A verification with no answer after this long fails closed. @default 5000 */
  timeoutMs?: number
  /**
   * The hostnames a token may have been solved on. By default the hostname of the page the send came from (its
   * `Origin`), so a token solved on another site that shares the site key does not pass; the vendors' documented
   * test secrets are not held to it (their answers name a fixed hostname). `false` skips the check.
   * @default the request's Origin hostname
   */
  hostnames?: readonly string[] | false
}

export interface RecaptchaVerifierOptions extends SiteverifyOptions {
  /** reCAPTCHA v3: the lowest score that passes (0.0 is a bot, 1.0 a person). Ignored for v2, which has no score. @default 0.5 */
  minScore?: number
  /** reCAPTCHA v3: the action the page named when it asked for the token; the answer must carry the same. */
  action?: string
}

interface Vendor {
  name: CaptchaProviderName
  label: string
  host: string
  path: string
  /** Secret keys the vendor documents for tests, which answer a fixed hostname. */
  testSecrets: readonly string[]
}

const TURNSTILE: Vendor = {
  name: 'turnstile',
  label: 'Turnstile',
  host: 'https://challenges.cloudflare.com',
  path: '/turnstile/v0/siteverify',
  testSecrets: [
    '1x0000000000000000000000000000000AA',
    '2x0000000000000000000000000000000AA',
    '3x0000000000000000000000000000000AA',
  ],
}
const HCAPTCHA: Vendor = {
  name: 'hcaptcha',
  label: 'hCaptcha',
  host: 'https://api.hcaptcha.com',
  path: '/siteverify',
  testSecrets: ['0x0000000000000000000000000000000000000000'],
}
const RECAPTCHA: Vendor = {
  name: 'recaptcha',
  label: 'reCAPTCHA',
  host: 'https://www.google.com',
  path: '/recaptcha/api/siteverify',
  testSecrets: ['6LeIxAcTAAAAAGG-vFI1TnRWxMZNFuojJ4WifJWe'],
}

/**
 * Error codes that say the vendor refused our configuration (the secret, the site key), not the token: the user can do
 * nothing about them, the operator must. They fail closed as unavailable, and the log says which.
 */
const CONFIGURATION_ERRORS = new Set([
  'missing-input-secret',
  'invalid-input-secret',
  'sitekey-secret-mismatch',
  'invalid-sitekey',
  'missing-input-sitekey',
  'bad-request',
  'internal-error',
])

/** The siteverify URL from a base URL: the vendor's path after a host alone, a URL with a path as given. */
export function siteverifyUrl(baseUrl: string | undefined, vendor: Pick<Vendor, 'host' | 'path'>): string {
  if (baseUrl === undefined) return `${vendor.host}${vendor.path}`
  const trimmed = baseUrl.trim().replace(/\/+$/, '')
  let url: URL
  try {
    url = new URL(trimmed)
  } catch {
    throw new Error(`captcha baseUrl must be an http(s) URL, not ${JSON.stringify(baseUrl)}`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`captcha baseUrl must be an http(s) URL, not ${JSON.stringify(baseUrl)}`)
  return url.pathname === '/' ? `${trimmed}${vendor.path}` : trimmed
}

interface SiteverifyAnswer {
  success: boolean
  errorCodes: string[]
  hostname: string | undefined
  score: number | undefined
  action: string | undefined
}

function readAnswer(json: unknown): SiteverifyAnswer | undefined {
  if (typeof json !== 'object' || json === null) return undefined
  const body = json as Record<string, unknown>
  if (typeof body.success !== 'boolean') return undefined
  const codes = body['error-codes']
  return {
    success: body.success,
    errorCodes: Array.isArray(codes) ? codes.filter((code): code is string => typeof code === 'string') : [],
    hostname: typeof body.hostname === 'string' ? body.hostname : undefined,
    score: typeof body.score === 'number' ? body.score : undefined,
    action: typeof body.action === 'string' ? body.action : undefined,
  }
}

function siteverifyVerifier(
  vendor: Vendor,
  options: SiteverifyOptions,
  judge: (answer: SiteverifyAnswer) => CaptchaVerdict = () => ({ ok: true }),
): CaptchaVerifier {
  const { secret, siteKey } = options
  if (typeof secret !== 'string' || secret.trim() === '') throw new Error(`${vendor.label}: a secret key is required`)
  if (typeof siteKey !== 'string' || siteKey.trim() === '') throw new Error(`${vendor.label}: a site key is required`)
  const url = siteverifyUrl(options.baseUrl, vendor)
  const fetchImpl = options.fetch ?? globalThis.fetch
  const timeoutMs = options.timeoutMs ?? 5000
  const testSecret = vendor.testSecrets.includes(secret)

  const hostnameVerdict = (answer: SiteverifyAnswer, check: CaptchaCheck): CaptchaVerdict | undefined => {
    const expected =
      options.hostnames === false
        ? undefined
        : (options.hostnames ?? (testSecret || check.hostname === undefined ? undefined : [check.hostname]))
    if (expected === undefined || expected.includes('*')) return undefined
    if (answer.hostname !== undefined && expected.includes(answer.hostname)) return undefined
    return { ok: false, reason: `solved on ${JSON.stringify(answer.hostname ?? null)}, not on ${expected.join(' or ')}` }
  }

  return {
    provider: vendor.name,
    siteKey,
    async verify(check) {
      const form = new URLSearchParams({ secret, response: check.token })
      if (check.ip !== undefined) form.set('remoteip', check.ip)
      // hCaptcha ties the token to the site key it was solved for when told which one is expected.
      if (vendor.name === 'hcaptcha') form.set('sitekey', siteKey)
      const timeout = AbortSignal.timeout(timeoutMs)
      const signal = check.signal === undefined ? timeout : AbortSignal.any([check.signal, timeout])
      let status: number
      let text: string
      try {
        const response = await fetchImpl(url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: form.toString(),
          signal,
        })
        status = response.status
        text = await response.text()
      } catch (error) {
        // The error names the URL at most: the secret travels in the body, which no fetch error repeats.
        const why = timeout.aborted ? `did not answer within ${timeoutMs} ms` : 'could not be reached'
        throw new CaptchaUnavailableError(`${vendor.label} siteverify ${why}`, error)
      }
      if (status !== 200) throw new CaptchaUnavailableError(`${vendor.label} siteverify answered HTTP ${status}`)
      let json: unknown
      try {
        json = JSON.parse(text)
      } catch {
        json = undefined
      }
      const answer = readAnswer(json)
      if (answer === undefined)
        throw new CaptchaUnavailableError(`${vendor.label} siteverify answered something other than its JSON`)
      const configuration = answer.errorCodes.filter((code) => CONFIGURATION_ERRORS.has(code))
      if (!answer.success && configuration.length > 0) {
        throw new CaptchaUnavailableError(`${vendor.label} refused the configuration: ${configuration.join(', ')}`)
      }
      if (!answer.success) {
        return { ok: false, reason: `${vendor.label}: ${answer.errorCodes.join(', ') || 'not a valid token'}` }
      }
      return hostnameVerdict(answer, check) ?? judge(answer)
    },
  }
}

/**
 * Cloudflare Turnstile.
 *
 * @example
 * const captcha = turnstileVerifier({ secret: process.env.OTP_CAPTCHA_SECRET!, siteKey: process.env.OTP_CAPTCHA_SITE_KEY! })
 */
export function turnstileVerifier(options: SiteverifyOptions): CaptchaVerifier {
  return siteverifyVerifier(TURNSTILE, options)
}

/** hCaptcha (the site key is sent with every verification, so a token solved for another site key fails). */
export function hcaptchaVerifier(options: SiteverifyOptions): CaptchaVerifier {
  return siteverifyVerifier(HCAPTCHA, options)
}

/** Google reCAPTCHA, v2 (checkbox or invisible) or v3 (a score, held to `minScore`, and an optional `action`). */
export function recaptchaVerifier(options: RecaptchaVerifierOptions): CaptchaVerifier {
  const minScore = options.minScore ?? 0.5
  if (!(minScore >= 0 && minScore <= 1)) throw new Error(`reCAPTCHA: minScore must be between 0 and 1, not ${minScore}`)
  return siteverifyVerifier(RECAPTCHA, options, (answer) => {
    if (options.action !== undefined && answer.action !== options.action) {
      return {
        ok: false,
        reason: `reCAPTCHA: action ${JSON.stringify(answer.action ?? null)}, not ${JSON.stringify(options.action)}`,
      }
    }
    if (answer.score !== undefined && answer.score < minScore) {
      return { ok: false, reason: `reCAPTCHA: score ${answer.score} under ${minScore}` }
    }
    return { ok: true }
  })
}

/** The verifier of a vendor by name, as `OTP_CAPTCHA` names it. */
export function captchaVerifier(name: CaptchaProviderName, options: RecaptchaVerifierOptions): CaptchaVerifier {
  if (name === 'turnstile') return turnstileVerifier(options)
  if (name === 'hcaptcha') return hcaptchaVerifier(options)
  return recaptchaVerifier(options)
}

/** When the human check is asked for: on every send, or only when a send is risky. */
export type CaptchaPolicy = 'always' | 'when-risky'
