import type { Sandbox, SandboxListener, SandboxOptions } from '@otpflow/core/sandbox'
import { channelsFromEnv } from './channels-from-env'
import { fraudOptionsFromEnv } from './fraud/from-env'
import { createOtpHandler, type OtpHandler, type OtpHandlerOptions } from './handler'
import { lazyRedisStore } from './lazy-redis-store'
import { PROVIDERS_FROM_ENV } from './providers/registry'
import { isSandboxProvider, sandboxProvider } from './providers/sandbox'
import type { OtpProvider, ProviderFromEnv } from './providers/types'
import type { RedisStore } from './redis-store'
import { parseRedisUrl } from './redis-url'
import { createMemoryStore, type Store } from './store'
import { MIN_SECRET_BYTES, randomSecret } from './tokens'

export type OtpEnv = Record<string, string | undefined>

export interface OtpHandlerFromEnvOverrides extends Partial<OtpHandlerOptions> {
  /** Called with every code the sandbox "sends" (e.g. to print it in a dev server's terminal). Ignored with a real provider. */
  onSandboxMessage?: SandboxListener
  /** Options of the sandbox when it serves (latency, clock, code length…). */
  sandbox?: SandboxOptions
  /** Providers by name, merged over the built-in registry (`ding`, `prelude`, …). */
  providers?: Readonly<Record<string, ProviderFromEnv>>
  /** Where the one sandbox warning goes. @default console.warn */
  warn?: (message: string) => void
  /**
   * Hears the Redis connection's errors while `REDIS_URL` is unreachable (one per reconnection attempt, about one a
   * second). Requests answer 503 meanwhile, with the detail in their log line.
   * @default one line on the console a minute at most
   */
  onRedisError?: (error: Error) => void
}

/** The handler, plus the sandbox when it serves (its outbox and `reset()`), and the store it keeps its state in. */
export interface OtpHandlerFromEnv extends OtpHandler {
  readonly sandbox: Sandbox | undefined
  /**
   * Where the endpoint counts its limits and the sandbox keeps its flows: the Redis store of `REDIS_URL`, the `store`
   * override, or one memory store. Pass it to `verifyPhoneToken(token, { secret, store })` so each proof is accepted
   * once across every instance.
   */
  readonly store: Store
}

const list = (value: string | undefined) =>
  value
    ?.split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)

function trustProxyFrom(value: string | undefined): boolean | number | undefined {
  if (value === undefined || value.trim() === '') return undefined
  const normalized = value.trim().toLowerCase()
  if (normalized === 'true') return true
  if (normalized === 'false') return false
  const hops = Number(normalized)
  if (Number.isInteger(hops) && hops >= 0) return hops
  throw new Error(`OTP_TRUST_PROXY must be true, false or a number of proxies, not ${JSON.stringify(value)}`)
}

function storeFailureFrom(value: string | undefined): 'closed' | 'open' | undefined {
  const normalized = value?.trim().toLowerCase()
  if (!normalized) return undefined
  if (normalized === 'open' || normalized === 'closed') return normalized
  throw new Error(`OTP_STORE_FAILURE must be closed or open, not ${JSON.stringify(value)}`)
}

/**
 * A mistyped base URL would only show at the first request, as an unreachable provider; refuse it at startup instead,
 * naming the variable.
 */
function checkBaseUrls(env: OtpEnv): void {
  for (const name of ['DING_BASE_URL', 'PRELUDE_BASE_URL', 'TWILIO_BASE_URL'] as const) {
    const value = env[name]?.trim()
    if (!value) continue
    let protocol: string | undefined
    try {
      protocol = new URL(value).protocol
    } catch {
      protocol = undefined
    }
    if (protocol !== 'http:' && protocol !== 'https:') {
      throw new Error(`${name} must be an http(s) URL such as https://proxy.example.com/v1, not ${JSON.stringify(value)}`)
    }
  }
}

function pickProvider(env: OtpEnv, registry: Readonly<Record<string, ProviderFromEnv>>): OtpProvider | undefined {
  const chosen = env.OTP_PROVIDER?.trim().toLowerCase() || undefined
  if (chosen === 'sandbox') return undefined
  if (chosen !== undefined) {
    const fromEnv = registry[chosen]
    if (fromEnv === undefined)
      throw new Error(`OTP_PROVIDER=${chosen} is not a known provider (known: sandbox, ${Object.keys(registry).join(', ')})`)
    const provider = fromEnv(env)
    if (provider === undefined) throw new Error(`OTP_PROVIDER=${chosen}, but its environment variables are not set`)
    return provider
  }
  // Every half-configured provider must fail loudly, so all are read before one is chosen.
  const built = Object.entries(registry).flatMap(([name, fromEnv]) => {
    const provider = fromEnv(env)
    return provider === undefined ? [] : [{ name, provider }]
  })
  // Leftover credentials (say Ding's, while moving to Prelude) must not silently decide which provider serves.
  if (built.length > 1) {
    throw new Error(
      `Several providers are configured (${built.map(({ name }) => name).join(', ')}): set OTP_PROVIDER to one of them`,
    )
  }
  return built[0]?.provider
}

/**
 * In production, a sandbox nobody asked for is a missing provider variable, and serving it would hand out proofs for any
 * number to whoever reads the outbox: refuse to start unless `OTP_PROVIDER=sandbox` says it is meant.
 */
function refuseSandboxInProduction(env: OtpEnv, real: OtpProvider | undefined): void {
  // An env object built by hand may leave NODE_ENV out: the process's own then decides.
  const nodeEnv = env.NODE_ENV ?? globalThis.process?.env?.NODE_ENV
  if (real !== undefined || nodeEnv?.trim() !== 'production') return
  if (env.OTP_PROVIDER?.trim().toLowerCase() === 'sandbox') return
  throw new Error(
    'NODE_ENV=production and no provider is configured: refusing to serve the sandbox, whose codes anyone can read. ' +
      'Set one provider (DING_API_KEY + DING_CUSTOMER_UUID, PRELUDE_API_KEY or TWILIO_*) and OTP_SECRET, ' +
      'or OTP_PROVIDER=sandbox to serve the sandbox on purpose (a public demo).',
  )
}

/** One line a minute at most while Redis is unreachable: the client reports every reconnection attempt. */
function consoleRedisErrors(): (error: Error) => void {
  let last = Number.NEGATIVE_INFINITY
  return (error) => {
    const now = Date.now()
    if (now - last < 60_000) return
    last = now
    console.error(`otpflow: the Redis store of REDIS_URL is unreachable, requests answer 503 until it is back: ${error.message}`)
  }
}

/** The REDIS_URL the endpoint will use (none when a `store` override wins), checked: a malformed one throws. */
function redisUrlFrom(env: OtpEnv, overrides: OtpHandlerFromEnvOverrides): string | undefined {
  const url = overrides.store === undefined ? env.REDIS_URL?.trim() : undefined
  if (!url) return undefined
  parseRedisUrl(url)
  return url
}

/** The store the endpoint keeps its state in: the override, else Redis when REDIS_URL is set, else memory. */
function storeFrom(env: OtpEnv, overrides: OtpHandlerFromEnvOverrides, url: string | undefined): Store | RedisStore {
  if (overrides.store !== undefined) return overrides.store
  if (url !== undefined) {
    const prefix = env.OTP_REDIS_PREFIX?.trim() || undefined
    return lazyRedisStore(url, {
      ...(prefix === undefined ? {} : { prefix }),
      onError: overrides.onRedisError ?? consoleRedisErrors(),
    })
  }
  return createMemoryStore(overrides.clock === undefined ? {} : { clock: overrides.clock })
}

/**
 * Builds the endpoint from environment variables: a real provider when its credentials are set, otherwise the
 * sandbox (with one warning line). Throws at startup, naming the variable, when a configuration is half done, and
 * when it would fall back to the sandbox under `NODE_ENV=production` without `OTP_PROVIDER=sandbox`.
 *
 * | variable | meaning |
 * |---|---|
 * | `DING_API_KEY`, `DING_CUSTOMER_UUID` | both → Ding; one alone → refuses to start |
 * | `DING_BASE_URL` | Ding's API behind a proxy or a test double |
 * | `PRELUDE_API_KEY`, `PRELUDE_BASE_URL` | Prelude Verify V2 (the base URL alone → refuses to start) |
 * | `TWILIO_ACCOUNT_SID` + `TWILIO_AUTH_TOKEN` or `TWILIO_API_KEY_SID` + `TWILIO_API_KEY_SECRET`, `TWILIO_VERIFY_SERVICE_SID`, `TWILIO_BASE_URL` | Twilio Verify (any missing one → refuses to start) |
 * | `OTP_PROVIDER` | `ding`, `prelude`, `twilio` or `sandbox`: required when several providers are configured, and `sandbox` to serve the sandbox under `NODE_ENV=production` |
 * | `OTP_SECRET` | signing secret, ≥ 32 bytes; required with a real provider, random per process for the sandbox |
 * | `OTP_BASE_PATH` | route prefix (default `/api/otp`) |
 * | `OTP_ALLOWED_ORIGINS` | comma-separated extra origins allowed to POST |
 * | `OTP_TRUST_PROXY` | `true` or a number of proxies whose `X-Forwarded-*` headers to trust |
 * | `OTP_ALLOWED_COUNTRIES` | comma-separated ISO codes, e.g. `FR,GB` |
 * | `REDIS_URL` | `redis://[[user]:password@]host[:port][/db]` (or `rediss://`): the limits and the sandbox on Redis, shared by every instance; a malformed one refuses to start. Unset: one memory store |
 * | `OTP_REDIS_PREFIX` | prefix of the Redis keys (default `otpflow:`) |
 * | `OTP_STORE_FAILURE` | `closed` (default: a send the store cannot count answers 503) or `open` (counted in memory meanwhile, with a warning) |
 * | `OTP_CHANNELS` | the channels a code may go out on, the default first, e.g. `sms,whatsapp,voice` (default: the provider's, SMS first); each must be the provider's |
 * | `OTP_<CHANNEL>_COUNTRIES` | limits one channel to some countries, e.g. `OTP_VOICE_COUNTRIES=GB,IE` |
 * | `OTP_ALLOWED_NUMBER_TYPES` | line types that may get a code, e.g. `MOBILE,FIXED_LINE_OR_MOBILE,VOIP`, or `all` (default: mobile, fixed line or mobile, unknown; fixed line too when the provider can call) |
 * | `OTP_CONVERSION_GUARD` | `off` turns the conversion guard off; `OTP_CONVERSION_GUARD_BLOCK` / `_COUNTRY` (`10:20` = hold after 10 sends with under 20% verified, or `off`), `_WINDOW` (seconds) tune it |
 * | `OTP_SEND_BUDGET_PER_HOUR`, `OTP_COUNTRY_BUDGETS` | send budgets, off by default: `1000`; `GB:500,NG:50` (per UTC day) |
 * | `OTP_CAPTCHA` | `turnstile`, `hcaptcha` or `recaptcha`, with `OTP_CAPTCHA_SECRET` and `OTP_CAPTCHA_SITE_KEY` (both required), `OTP_CAPTCHA_POLICY` (`when-risky` by default, or `always`), `OTP_CAPTCHA_BASE_URL`, `OTP_CAPTCHA_HOSTNAMES`, `OTP_CAPTCHA_MIN_SCORE` (reCAPTCHA v3) |
 * | `OTP_USUAL_COUNTRIES` | ISO codes of the app's usual countries: with a captcha, a number from elsewhere needs the human check |
 *
 * @example
 * const handler = createOtpHandlerFromEnv(process.env, { onSandboxMessage: (m) => console.log(m.phoneNumber, m.code) })
 */
export function createOtpHandlerFromEnv(
  env: OtpEnv = globalThis.process?.env ?? {},
  overrides: OtpHandlerFromEnvOverrides = {},
): OtpHandlerFromEnv {
  const {
    onSandboxMessage,
    sandbox: sandboxOptions,
    providers,
    warn = console.warn,
    onRedisError: _onRedisError,
    ...handlerOverrides
  } = overrides
  const registry = { ...PROVIDERS_FROM_ENV, ...providers }
  checkBaseUrls(env)
  const fraud = fraudOptionsFromEnv(env)
  const redisUrl = redisUrlFrom(env, overrides)
  const real = handlerOverrides.provider ?? pickProvider(env, registry)
  refuseSandboxInProduction(env, real)
  const provider = real ?? sandboxProvider(sandboxOptions)
  const isSandbox = isSandboxProvider(provider)

  let secret = handlerOverrides.secret ?? (env.OTP_SECRET || undefined)
  if (secret === undefined) {
    if (!isSandbox)
      throw new Error(
        `OTP_SECRET is missing: the ${provider.name} provider needs a signing secret of at least ${MIN_SECRET_BYTES} bytes`,
      )
    // A random secret is a secret per process: each instance would refuse the flow tokens the others signed.
    if (redisUrl !== undefined)
      throw new Error(
        `OTP_SECRET is missing: with REDIS_URL every instance serves the same flows, so all must sign their tokens with the same secret of at least ${MIN_SECRET_BYTES} bytes`,
      )
    secret = randomSecret()
  }
  if (isSandbox && real === undefined) {
    // Chosen on purpose, the sandbox must not claim that no credentials are set: some may be, and are being ignored.
    const why =
      env.OTP_PROVIDER?.trim().toLowerCase() === 'sandbox'
        ? 'OTP_PROVIDER=sandbox (any provider credentials are ignored)'
        : 'no provider credentials set (DING_API_KEY + DING_CUSTOMER_UUID, PRELUDE_API_KEY or TWILIO_*)'
    warn(`⚠ otpflow: ${why}: serving the SANDBOX. No SMS is sent; codes go to the sandbox outbox. Never use this in production.`)
  }
  if (isSandbox && onSandboxMessage) provider.sandbox.outbox.subscribe(onSandboxMessage)

  const allowedOrigins = list(env.OTP_ALLOWED_ORIGINS)
  const allowedCountries = list(env.OTP_ALLOWED_COUNTRIES)
  const trustProxy = trustProxyFrom(env.OTP_TRUST_PROXY)
  const storeFailure = storeFailureFrom(env.OTP_STORE_FAILURE)
  const channels = handlerOverrides.channels === undefined ? channelsFromEnv(env, provider) : undefined
  const basePath = env.OTP_BASE_PATH?.trim() || undefined
  // After the other checks, so a configuration refused above opens no connection.
  const store = storeFrom(env, overrides, redisUrl)
  let handler: OtpHandler
  try {
    handler = createOtpHandler({
      ...(basePath === undefined ? {} : { basePath }),
      ...(allowedOrigins === undefined ? {} : { allowedOrigins }),
      ...(allowedCountries === undefined ? {} : { allowedCountries }),
      ...(trustProxy === undefined ? {} : { trustProxy }),
      ...(storeFailure === undefined ? {} : { storeFailure }),
      ...(channels === undefined ? {} : { channels }),
      ...fraud,
      ...handlerOverrides,
      provider,
      secret,
      store,
    })
  } catch (error) {
    // A connection opened for a handler that will never serve would keep the process alive.
    if (store !== overrides.store && 'close' in store) void store.close()
    throw error
  }
  return Object.assign(handler, { sandbox: isSandbox ? provider.sandbox : undefined, store })
}
