import { randomBytes } from 'node:crypto'
import type { Clock } from '@otpflow/core'
import {
  createOtpHandlerFromEnv,
  maskPhoneNumber,
  type OtpHandlerFromEnv,
  type OtpHandlerFromEnvOverrides,
  type OtpLimitsOption,
  type OtpLogger,
} from '@otpflow/server'

export interface DemoProvider {
  /** `sandbox`, `ding`, `prelude`, `twilio`… */
  name: string
  /** The secret that signs flow and verification tokens; `/api/signup` checks proofs with it. */
  secret: string
  /**
   * The OTP endpoint, to mount at `/api/otp`; `handler.sandbox` is set while no real provider is configured, and
   * `handler.store` is where it keeps its state (Redis with `REDIS_URL`, else memory), where `/api/signup` spends proofs.
   */
  handler: OtpHandlerFromEnv
}

export interface DemoProviderOptions {
  log: (line: string) => void
  /** One line per endpoint request; `false` for silence (the e2e tests). */
  logger?: OtpLogger | false
  /** Time for the tokens and the sandbox (tests move it to expire a token). */
  clock?: Clock
}

/**
 * The demo's limits while it runs on the sandbox, where a send costs nothing: room for a person to try every page, test
 * number and flow for an hour from one address, while each limit can still be reached on purpose (see README.md). The
 * checks per code and, with a real provider, every limit keep the library's defaults.
 */
export const SANDBOX_LIMITS = {
  // Unchanged window of ten minutes, so a fourth new code to one number shows the limit by hand; a day's cap that an
  // hour at that pace (18 codes) stays under.
  sendsPerPhoneNumber: [
    { max: 3, windowSeconds: 600 },
    { max: 30, windowSeconds: 86_400 },
  ],
  // The library's 20 per hour is spent by the six test numbers on both pages and a few flows with resends.
  sendsPerIp: [{ max: 100, windowSeconds: 3600 }],
} satisfies OtpLimitsOption

/** Builds the endpoint from the environment: a real provider when its credentials are set, else the sandbox, loudly. */
export function createDemoProvider(
  env: Record<string, string | undefined>,
  { log, logger, clock }: DemoProviderOptions,
): DemoProvider {
  // On the sandbox a per-process secret is enough (its tokens are worthless after a restart anyway); the demo makes it
  // itself because `/api/signup` must check the proofs with the same secret.
  const secret = env.OTP_SECRET || randomBytes(32).toString('base64url')
  const allowedOrigins = (env.OTP_ALLOWED_ORIGINS ?? env.ALLOWED_ORIGINS)
    ?.split(',')
    .map((origin) => origin.trim())
    .filter(Boolean)
  const common: OtpHandlerFromEnvOverrides = {
    secret,
    ...(allowedOrigins ? { allowedOrigins } : {}),
    ...(logger === undefined ? {} : { logger }),
    ...(clock ? { clock } : {}),
  }
  const chosen = createOtpHandlerFromEnv(env, {
    ...common,
    ...(clock ? { sandbox: { clock } } : {}),
    onSandboxMessage: (message) => log(`[otpflow sandbox] code ${message.code} for ${maskPhoneNumber(message.phoneNumber)}`),
    warn: () => {
      const bar = '!'.repeat(100)
      log(bar)
      log('!! SANDBOX: no SMS is sent. Each code is printed here and shown in the page\'s "Sandbox inbox".')
      log(
        "!! To send real codes, set one provider's variables (Ding, Prelude or Twilio) and OTP_SECRET: see apps/demo/README.md.",
      )
      log(bar)
    },
  })
  // Only the environment decides between the sandbox and a real provider; once it has, the sandbox gets the demo's
  // limits on the same provider (its outbox and printed codes stay), and nothing is warned twice.
  // The same store too: with REDIS_URL, one connection rather than a second one left open.
  const handler = chosen.sandbox
    ? createOtpHandlerFromEnv(env, {
        ...common,
        provider: chosen.provider,
        store: chosen.store,
        limits: SANDBOX_LIMITS,
        // The conversion guard holds number blocks whose codes nobody enters: on the sandbox nothing is paid for, and
        // a person trying the demo sends to one block of made-up numbers without entering every code.
        conversionGuard: false,
        warn: () => {},
      })
    : chosen
  if (!handler.sandbox && !env.OTP_SECRET) {
    throw new Error(`OTP_SECRET is missing: the ${handler.provider.name} provider needs a signing secret of at least 32 bytes`)
  }
  if (!handler.sandbox) log(`otpflow demo: codes are sent by ${handler.provider.name}.`)
  if (env.REDIS_URL)
    log(`otpflow demo: limits${handler.sandbox ? ', sandbox flows' : ''} and used proofs are kept on Redis (REDIS_URL).`)
  return { name: handler.provider.name, secret, handler }
}
