import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/**
 * Values present in the environment while the app is built: none may end up in what the browser downloads. OTP_SECRET
 * and the providers' keys are read by the server code only, and the build must not carry them into `.next/static`.
 */
export const FAKE_CREDENTIALS = {
  DING_API_KEY: 'ding-key-must-not-leak-5f1c2a',
  DING_CUSTOMER_UUID: 'c0ffee00-dead-4bad-9bad-00000000leak',
  OTP_SECRET: 'otp-secret-must-not-leak-0123456789abcdef',
  PRELUDE_API_KEY: 'prelude-key-must-not-leak-77aa',
  TWILIO_ACCOUNT_SID: 'AC00000000000000000000000000leak',
  TWILIO_AUTH_TOKEN: 'twilio-token-must-not-leak-99bb',
  TWILIO_VERIFY_SERVICE_SID: 'VA00000000000000000000000000leak',
} as const

export const appDir = fileURLToPath(new URL('..', import.meta.url))

/**
 * `next build`, as `pnpm --filter next-example build` runs it, once for every e2e file: nothing is prebuilt on a fresh
 * clone. Ding, Prelude and Twilio at once would refuse to serve, so OTP_PROVIDER names the sandbox; the build reads none
 * of them anyway (the endpoint is made on the first request).
 */
export default function setup() {
  const started = Date.now()
  const build = spawnSync('pnpm', ['run', 'build'], {
    cwd: appDir,
    encoding: 'utf8',
    env: { ...process.env, ...FAKE_CREDENTIALS, OTP_PROVIDER: 'sandbox' },
  })
  if (build.status !== 0) throw new Error(`next build failed:\n${build.stdout}\n${build.stderr}`)
  console.log(`next build: ${((Date.now() - started) / 1000).toFixed(1)} s`)
}
