import { mkdirSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { AxeBuilder } from '@axe-core/playwright'
import { serve } from '@hono/node-server'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, expect, inject } from 'vitest'
import { chromiumArgs, chromiumPath } from '../../../vitest.shared.ts'
import { createDemoApp } from '../server/app'

/** The server's time: real time plus however far a test has moved it (to pass a resend deadline or expire a token). */
export interface MovableClock {
  now(): number
  advance(ms: number): void
}

export function createMovableClock(): MovableClock {
  let skew = 0
  return {
    now: () => Date.now() + skew,
    advance: (ms) => {
      skew += ms
    },
  }
}

export interface RunningDemo {
  /** e.g. `http://127.0.0.1:41234` */
  url: string
  clock: MovableClock
  /** Lines the server printed (the sandbox banner and codes). */
  lines: string[]
  close(): Promise<void>
}

/** The demo's production server (built client + endpoint on the sandbox) on 127.0.0.1, on a free port. */
export async function startDemo(clientDir: string, env: Record<string, string> = {}): Promise<RunningDemo> {
  const clock = createMovableClock()
  const lines: string[] = []
  const { app } = createDemoApp({ env, staticRoot: clientDir, log: (line) => lines.push(line), logger: false, clock })
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise<void>((resolve) => server.once('listening', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    clock,
    lines,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
}

/** What each test of a file gets from {@link openDemoPerTest}. */
export interface OpenDemo {
  browser: Browser
  demo: RunningDemo
  context: BrowserContext
  page: Page
}

/**
 * The hooks most e2e files share: one Chromium for the file, and for each test a fresh demo server (its own sandbox
 * and limits, so no test inherits another's sends) with a fresh browser context (en-US, 1100×900; pages from
 * `browser.newContext()`, as @axe-core/playwright needs) and page, handed to `onOpen` before the test runs.
 */
export function openDemoPerTest(onOpen: (opened: OpenDemo) => void | Promise<void>): void {
  let browser: Browser
  let opened: OpenDemo | undefined
  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(() => browser.close())
  beforeEach(async () => {
    const demo = await startDemo(inject('clientDir'))
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1100, height: 900 } })
    opened = { browser, demo, context, page: await context.newPage() }
    await onOpen(opened)
  })
  afterEach(async () => {
    await opened?.context.close()
    await opened?.demo.close()
    opened = undefined
  })
}

/** Latest code the sandbox sent to a number, read from the outbox as the page's inbox does. */
export async function latestCode(demo: RunningDemo, phoneNumber: string): Promise<string> {
  const response = await fetch(`${demo.url}/api/otp/sandbox/outbox?phone_number=${encodeURIComponent(phoneNumber)}`)
  const { messages } = (await response.json()) as { messages: { code: string; sent_at: string }[] }
  const latest = messages.sort((a, b) => a.sent_at.localeCompare(b.sent_at)).at(-1)
  if (!latest) throw new Error(`No code was sent to ${phoneNumber}`)
  return latest.code
}

const artifacts = fileURLToPath(new URL('../../../e2e-artifacts/', import.meta.url))

/**
 * One step of a flow: a screenshot for the CI artifacts, and an axe scan (WCAG 2.0, 2.1 and 2.2, A and AA) that must find nothing.
 * The page must come from `browser.newContext()`: @axe-core/playwright refuses pages made by `browser.newPage()`.
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
