import { randomBytes } from 'node:crypto'
import { createOtpHandlerFromEnv, maskPhoneNumber, type OtpHandlerFromEnv, PROVIDERS_FROM_ENV } from '@otpflow/server'

/** The endpoint, and the secret that signs its tokens, which the Server Action checks proofs with. */
export interface OtpEndpoint {
  handler: OtpHandlerFromEnv
  secret: string
}

/**
 * `next start` runs with NODE_ENV=production, where the endpoint refuses to fall back to the sandbox on its own (anyone
 * can read the sandbox's codes, so a missing provider variable must not quietly turn into it). This example is meant to
 * run with no configuration, so it asks for the sandbox itself, and only when no provider is configured at all: one
 * provider's variables (or OTP_PROVIDER) and the endpoint serves that provider, refusing a half-done configuration.
 */
function sandboxUnlessConfigured(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (env.OTP_PROVIDER?.trim()) return env
  // Each reader throws, naming the variable, when a provider's configuration is half done.
  const configured = Object.values(PROVIDERS_FROM_ENV).some((fromEnv) => fromEnv(env) !== undefined)
  return configured ? env : { ...env, OTP_PROVIDER: 'sandbox' }
}

function createEndpoint(): OtpEndpoint {
  const env = sandboxUnlessConfigured(process.env)
  // On the sandbox a secret per process is enough (its proofs are worthless after a restart anyway); it is made here
  // because the Server Action must check the proofs with the same secret. A real provider requires OTP_SECRET.
  const secret = env.OTP_SECRET || randomBytes(32).toString('base64url')
  const handler = createOtpHandlerFromEnv(env, {
    secret,
    onSandboxMessage: (message) =>
      console.log(`[otpflow sandbox] code ${message.code} for ${maskPhoneNumber(message.phoneNumber)}`),
    warn: () =>
      console.warn(
        '⚠ otpflow: no provider is configured, so the endpoint serves the SANDBOX: no SMS is sent, each code is printed here ' +
          'and shown in the page\'s "Sandbox inbox". To send real codes, set one provider\'s variables and OTP_SECRET ' +
          '(apps/next/README.md).',
      ),
  })
  if (!handler.sandbox && !env.OTP_SECRET)
    throw new Error(`OTP_SECRET is missing: the ${handler.provider.name} provider needs one`)
  return { handler, secret }
}

const KEY = Symbol.for('next-example.otp-endpoint')
const processWide = globalThis as typeof globalThis & { [KEY]?: OtpEndpoint }

/**
 * One endpoint per server process, made on first use: `next build` loads the route's module to read its config, under
 * NODE_ENV=production and often without the runtime's variables. Kept on `globalThis` because the route handler and
 * the Server Action each get their own instance of this module (with a module-level variable and no OTP_SECRET, the
 * action of a `next start` refused every proof, signed with the other instance's secret): the action must check proofs
 * with the secret that signed them, and spend them in the same store.
 */
export function otpEndpoint(): OtpEndpoint {
  processWide[KEY] ??= createEndpoint()
  return processWide[KEY]
}
