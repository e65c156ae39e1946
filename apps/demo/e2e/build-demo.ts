import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'
import type { TestProject } from 'vitest/node'

/** Fake credentials present while the client is built: none of them may end up in what the browser downloads. */
export const FAKE_CREDENTIALS = {
  DING_API_KEY: 'ding-key-must-not-leak-5f1c2a',
  DING_CUSTOMER_UUID: 'c0ffee00-dead-4bad-9bad-00000000leak',
  OTP_SECRET: 'otp-secret-must-not-leak-0123456789abcdef',
  PRELUDE_API_KEY: 'prelude-key-must-not-leak-77aa',
  TWILIO_ACCOUNT_SID: 'AC00000000000000000000000000leak',
  TWILIO_AUTH_TOKEN: 'twilio-token-must-not-leak-99bb',
  TWILIO_VERIFY_SERVICE_SID: 'VA00000000000000000000000000leak',
} as const

declare module 'vitest' {
  export interface ProvidedContext {
    /** The production build of the demo's client, made once for every e2e file. */
    clientDir: string
    /** The bundled production server (`start.js`), next to `clientDir` as in `dist/`. */
    serverEntry: string
  }
}

/**
 * Builds the demo once, as `pnpm --filter demo build` does: the client with the fake credentials in the environment
 * and in a .env file, and the bundled server beside it.
 */
export default async function setup(project: TestProject) {
  const root = fileURLToPath(new URL('..', import.meta.url))
  const work = mkdtempSync(join(tmpdir(), 'otpflow-demo-e2e-'))
  const envDir = join(work, 'env')
  const outDir = join(work, 'client')
  const saved = { ...process.env }
  mkdirSync(envDir)
  writeFileSync(
    join(envDir, '.env'),
    Object.entries(FAKE_CREDENTIALS)
      .map(([name, value]) => `${name}=${value}`)
      .join('\n'),
  )
  Object.assign(process.env, FAKE_CREDENTIALS)
  try {
    await build({ root, envDir, logLevel: 'warn', build: { outDir, emptyOutDir: true } })
  } finally {
    for (const name of Object.keys(FAKE_CREDENTIALS)) {
      if (saved[name] === undefined) delete process.env[name]
      else process.env[name] = saved[name]
    }
  }
  const serverDir = join(work, 'server')
  const tsup = spawnSync('pnpm', ['exec', 'tsup', '--silent', '--out-dir', serverDir], { cwd: root, encoding: 'utf8' })
  if (tsup.status !== 0) throw new Error(`tsup failed: ${tsup.stderr || tsup.stdout}`)
  project.provide('clientDir', outDir)
  project.provide('serverEntry', join(serverDir, 'start.js'))
  return () => rmSync(work, { recursive: true, force: true })
}
