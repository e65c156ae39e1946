import { type ChildProcess, spawn } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { AxeBuilder } from '@axe-core/playwright'
import { type Browser, chromium, type Page } from 'playwright-core'
import { expect } from 'vitest'
import { chromiumArgs, chromiumPath } from '../../../vitest.shared.ts'
import { appDir } from './build-next'

/** The secret `next start` runs with in the tests: the page and its scripts must never carry it. */
export const RUNTIME_SECRET = 'runtime-otp-secret-never-in-a-page-4b1d9e7c2a'

export interface RunningNext {
  /** e.g. `http://127.0.0.1:41234` */
  url: string
  /** What the server printed (the sandbox banner and codes). */
  lines: string[]
  close(): Promise<void>
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise((resolve) => server.close(resolve))
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}

/** Variables of the test machine that would choose a provider or a store: the app must run on its defaults. */
const CONFIGURATION = /^(DING_|PRELUDE_|TWILIO_|OTP_|REDIS_URL$)/

/**
 * `pnpm start` of the built app (`next start`, which reads PORT) on a free port of 127.0.0.1, with no configuration
 * but `env`: on the sandbox, with a secret of its own. Started in a process group of its own, so closing it ends pnpm,
 * next and its workers.
 */
export async function startNext(extraEnv: Record<string, string> = {}): Promise<RunningNext> {
  const port = await freePort()
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port) }
  for (const name of Object.keys(env)) if (CONFIGURATION.test(name)) delete env[name]
  Object.assign(env, extraEnv)
  const child: ChildProcess = spawn('pnpm', ['run', 'start', '--hostname', '127.0.0.1'], {
    cwd: appDir,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const lines: string[] = []
  for (const stream of [child.stdout, child.stderr])
    stream?.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n')))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const close = async () => {
    if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, 'SIGTERM')
    await exited
  }
  const url = `http://127.0.0.1:${port}`
  // Ready once it answers; an exit before that is a failure with what it printed.
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${lines.join('\n')}`)
    const ok = await fetch(`${url}/signup`).then(
      (response) => response.ok,
      () => false,
    )
    if (ok) return { url, lines, close }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
}

/** Latest code the sandbox sent to a number, from the endpoint's outbox as the page's inbox reads it. */
export async function latestCode(app: RunningNext, phoneNumber: string): Promise<string> {
  const response = await fetch(`${app.url}/api/otp/sandbox/outbox?phone_number=${encodeURIComponent(phoneNumber)}`)
  const { messages } = (await response.json()) as { messages: { code: string; sent_at: string }[] }
  const latest = messages.sort((a, b) => a.sent_at.localeCompare(b.sent_at)).at(-1)
  if (!latest) throw new Error(`No code was sent to ${phoneNumber}`)
  return latest.code
}

/**
 * Every message the browser console printed, and every uncaught error: a hydration mismatch shows up here (React reports
 * it as a recoverable error through console.error), as would a warning from any library.
 */
export function consoleProblems(page: Page): string[] {
  const problems: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`)
  })
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
  return problems
}

const artifacts = fileURLToPath(new URL('../../../e2e-artifacts/next/', import.meta.url))

/**
 * One step of a flow: a screenshot for the CI artifacts, and an axe scan (WCAG 2.0, 2.1 and 2.2, A and AA) that must
 * find nothing. The page must come from `browser.newContext()`: @axe-core/playwright refuses `browser.newPage()`'s.
 */
export async function checkStep(page: Page, name: string): Promise<void> {
  mkdirSync(artifacts, { recursive: true })
  await page.screenshot({ path: `${artifacts}${name}.png`, fullPage: true })
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
  const violations = results.violations.map((violation) => ({
    rule: violation.id,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.join(' ')),
  }))
  expect(violations, `axe violations at step "${name}"`).toEqual([])
}
