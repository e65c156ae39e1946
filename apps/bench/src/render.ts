import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchChromium } from './browser.ts'
import { buildFixture } from './build-fixture.ts'
import { buildDemo, type DemoBuild, type RunningServer, startDemoServer, withClient } from './demo-server.ts'
import { outRoot } from './fixtures.ts'
import { serveStatic } from './static-server.ts'

export interface RenderResult {
  commitsPerCountdownTick: number | null
  commitsPerPhoneKeystroke: number | null
  commitsPerCodeKeystroke: number | null
  /**
   * Median time from navigation to the enabled "Phone number" textbox on the demo's sign-up page (`/`), over a blank
   * React page's time to its first element, both served by the demo's production server, at 4x CPU throttling.
   */
  readyRatioVsBlank: number | null
  readyMs: number | null
  blankReadyMs: number | null
  /** Every load's time, in the order measured (the two pages alternate). */
  readyRunsMs: number[]
  blankReadyRunsMs: number[]
  /** Which page and which moment `readyMs` times, in words. */
  readyMeasures: string
  errors: string[]
}

export interface RenderOptions {
  /** Page loads per side for the ready ratio. @default 5 */
  readyRuns?: number
  log?: (line: string) => void
}

const PHONE_INPUT = 'input[type="tel"]'
const CODE_INPUT = 'input[autocomplete="one-time-code"]'
const PHONE_DIGITS = '7700900123'
const COUNTDOWN_SECONDS = 10

const message = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'failed'
const round = (value: number) => Math.round(value * 100) / 100

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Lets the page finish what an event started while its clock is paused: timers due now run (1 ms of page time, too
 * little for a countdown second to pass), and React's scheduler, which Playwright's clock does not fake, gets real
 * time to commit.
 */
async function settle(page: Page) {
  for (let i = 0; i < 5; i += 1) {
    await page.clock.runFor(1)
    await sleep(20)
  }
}

/** Fails a stuck step instead of hanging the run. */
function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms)
  })
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}

const readCommits = (page: Page) => page.evaluate(() => (window as unknown as { bench: { commits: number } }).bench.commits)

/**
 * Commits per interaction, counted by a `<Profiler>` around `<PhoneVerify>` in React's profiling build. Playwright's
 * clock is paused while keys are typed, so no countdown tick lands inside a keystroke measurement, and the
 * countdown is then advanced by exactly {@link COUNTDOWN_SECONDS} seconds.
 */
async function measureCommits(context: BrowserContext, origin: string, result: RenderResult) {
  const page = await context.newPage()
  await page.clock.install()
  await page.goto(`${origin}/renderProfile/`, { waitUntil: 'load' })
  const phone = page.locator(PHONE_INPUT).first()
  await phone.waitFor({ state: 'visible', timeout: 10_000 })
  // Metadata and fonts land while time runs; then the clock stops.
  await page.waitForTimeout(500)
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1000)
  await phone.click()
  await settle(page)

  const beforePhone = await readCommits(page)
  for (const key of PHONE_DIGITS) await phone.press(key)
  await settle(page)
  result.commitsPerPhoneKeystroke = round(((await readCommits(page)) - beforePhone) / PHONE_DIGITS.length)

  await phone.press('Enter')
  const code = page.locator(CODE_INPUT).first()
  for (let i = 0; i < 50 && (await code.count()) === 0; i += 1) await settle(page)
  await code.waitFor({ state: 'visible', timeout: 5_000 })
  await code.focus()
  await settle(page)

  // One digit short of a full code, so nothing is submitted.
  const digits = '12345'
  const beforeCode = await readCommits(page)
  for (const key of digits) await code.press(key)
  await settle(page)
  result.commitsPerCodeKeystroke = round(((await readCommits(page)) - beforeCode) / digits.length)

  const beforeTicks = await readCommits(page)
  await page.clock.runFor(COUNTDOWN_SECONDS * 1000)
  await settle(page)
  result.commitsPerCountdownTick = round(((await readCommits(page)) - beforeTicks) / COUNTDOWN_SECONDS)
  await page.close()
}

/**
 * What the page must show to count as ready: the demo's "Phone number" textbox, enabled. The phone field is enabled
 * from its first render; the phone metadata it formats with arrives in a chunk loaded right after, not waited for.
 */
const PHONE_READY = `[...document.querySelectorAll('input[type="tel"]')].some((input) => !input.disabled &&
  [...(input.labels ?? [])].some((label) => label.textContent.trim() === 'Phone number'))`
const READY_MEASURES =
  'navigation start to the "Phone number" textbox present and enabled on the demo\'s sign-up page (/), production ' +
  'build served by its own server (dist/server/start.js, sandbox); the lazily loaded phone metadata is not waited for. ' +
  'Blank: the baseline fixture (React rendering a div) served by a copy of the same server, to its first element.'

/** The blank React page is ready when React has put its one element into the root. */
const BLANK_READY = `document.querySelector('#root > *') !== null`

/**
 * Milliseconds from navigation start until `ready` (a page expression) holds, recorded in the page by a
 * MutationObserver. Each load gets a fresh browser context: an empty cache, as a first visit.
 */
async function timeToReady(browser: Browser, url: string, ready: string): Promise<number> {
  const context = await browser.newContext({ locale: 'en-US' })
  try {
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
    // A string, not a function: the TypeScript runner would add helpers to a function that the page does not have.
    await page.addInitScript({
      content: `(() => {
        const observer = new MutationObserver(() => {
          if (window.readyAt === undefined && (${ready})) {
            window.readyAt = performance.now()
            observer.disconnect()
          }
        })
        observer.observe(document, { subtree: true, childList: true, attributes: true })
      })()`,
    })
    await page.goto(url, { waitUntil: 'commit' })
    await page.waitForFunction(() => (window as unknown as { readyAt?: number }).readyAt !== undefined, undefined, {
      timeout: 30_000,
    })
    return await page.evaluate(() => (window as unknown as { readyAt: number }).readyAt)
  } finally {
    await context.close()
  }
}

/** Fails the run if the demo's page does not have exactly one "Phone number" textbox, enabled, as a user sees it. */
async function checkPhoneField(browser: Browser, url: string) {
  const context = await browser.newContext({ locale: 'en-US' })
  try {
    const page = await context.newPage()
    await page.goto(url, { waitUntil: 'load' })
    const field = page.getByRole('textbox', { name: 'Phone number', exact: true })
    await field.waitFor({ state: 'visible', timeout: 10_000 })
    if (!(await field.isEnabled())) throw new Error('the "Phone number" textbox is disabled')
  } finally {
    await context.close()
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

/** Builds the render fixtures and measures commits and readiness in Chromium. Each failure is reported, not thrown. */
export async function runRender(options: RenderOptions = {}): Promise<RenderResult> {
  const log = options.log ?? (() => {})
  const runs = options.readyRuns ?? 5
  const result: RenderResult = {
    commitsPerCountdownTick: null,
    commitsPerPhoneKeystroke: null,
    commitsPerCodeKeystroke: null,
    readyRatioVsBlank: null,
    readyMs: null,
    blankReadyMs: null,
    readyRunsMs: [],
    blankReadyRunsMs: [],
    readyMeasures: READY_MEASURES,
    errors: [],
  }
  const built: string[] = []
  for (const [name, profiling] of [
    ['renderProfile', true],
    ['baseline', false],
  ] as const) {
    try {
      await buildFixture(name, { profiling })
      built.push(name)
    } catch (error) {
      result.errors.push(`build ${name}: ${message(error)}`)
    }
  }
  let demo: DemoBuild | undefined
  let blank: DemoBuild | undefined
  try {
    log('  building the demo for production')
    demo = await buildDemo()
    if (built.includes('baseline')) blank = withClient(demo, join(outRoot, 'baseline'), 'demoBlank')
  } catch (error) {
    result.errors.push(`build demo: ${message(error)}`)
  }
  const server = await serveStatic(outRoot)
  let browser: Browser | undefined
  try {
    browser = await launchChromium()
    if (built.includes('renderProfile')) {
      const context = await browser.newContext()
      try {
        log('  commits per interaction (profiling build)')
        await within(60_000, 'the commit measurements', measureCommits(context, server.origin, result))
      } catch (error) {
        result.errors.push(`commits: ${message(error)}`)
      } finally {
        await context.close()
      }
    }
    if (demo && blank) {
      const servers: RunningServer[] = []
      try {
        const demoServer = await startDemoServer(demo)
        servers.push(demoServer)
        const blankServer = await startDemoServer(blank)
        servers.push(blankServer)
        const url = `${demoServer.origin}/`
        await within(30_000, 'finding the phone field', checkPhoneField(browser, url))
        log(`  demo sign-up page: time to an enabled phone field, 4x CPU throttling, ${runs} loads each`)
        // Alternate the two pages so that any drift of the machine touches both alike.
        for (let i = 0; i < runs; i += 1) {
          result.readyRunsMs.push(round(await within(60_000, 'a load', timeToReady(browser, url, PHONE_READY))))
          result.blankReadyRunsMs.push(
            round(await within(60_000, 'a load', timeToReady(browser, `${blankServer.origin}/`, BLANK_READY))),
          )
        }
        result.readyMs = round(median(result.readyRunsMs))
        result.blankReadyMs = round(median(result.blankReadyRunsMs))
        result.readyRatioVsBlank = round(median(result.readyRunsMs) / median(result.blankReadyRunsMs))
      } catch (error) {
        result.errors.push(`ready: ${message(error)}`)
      } finally {
        for (const running of servers) await running.close()
      }
    }
  } catch (error) {
    result.errors.push(message(error))
  } finally {
    await browser?.close()
    await server.close()
  }
  return result
}
