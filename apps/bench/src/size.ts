import type { Browser } from 'playwright-core'
import { hasChromium, launchChromium } from './browser.ts'
import { buildFixture, type Measurement, measureBuild } from './build-fixture.ts'
import { outRoot, SIZE_FIXTURES, type SizeFixtureKey } from './fixtures.ts'
import { serveStatic } from './static-server.ts'

export interface SizeEntry {
  /** Bytes, gzip level 9, summed over every emitted .js and .css file. */
  gzip: number
  /** Bytes, brotli quality 11, same files. */
  brotli: number
  gzipOverBaseline: number
  brotliOverBaseline: number
  /** What the page loads before first render (entry chunk + static imports + CSS), gzip, minus the baseline's. */
  initialGzipOverBaseline: number
  initialGzip: number
  initialBrotli: number
  /** Emitted .js and .css files, and how many of them load before first render. */
  files: number
  initialFiles: number
  /**
   * Origins of absolute URLs written in the emitted code that the baseline does not have (XML and JSON Schema
   * namespace identifiers left out). A URL in the code is not yet a request: see `remoteRequests`.
   */
  urlOrigins: string[]
  /**
   * Requests to any host but the page's own, seen in Chromium while the page loads and a phone number is typed
   * into its first field; `null` when Chromium is not available.
   */
  remoteRequests: string[] | null
}

export type SizeResult = Record<string, SizeEntry | { error: string }>

/** Namespace identifiers in code (`xmlns`, `$schema`), never fetched. */
const NAMESPACE_ORIGINS = new Set(['http://www.w3.org', 'http://json-schema.org', 'https://json-schema.org'])

/** The first meaningful lines of a build error (Vite's first line alone only says that the build failed). */
export const errorMessage = (error: unknown) =>
  (error instanceof Error ? error.message : String(error))
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !/^Build failed with \d+ errors?:$/.test(line))
    .map((line) => line.replace(/^(Error: )?\[vite\]: /, ''))
    .slice(0, 2)
    .join(' ')
    .slice(0, 400)

export interface SizeOptions {
  /** Only these fixtures (the baseline is always built). */
  only?: readonly string[]
  /** Check requests to other hosts in Chromium. @default true when Chromium is installed */
  checkRequests?: boolean
  log?: (line: string) => void
}

/** Builds every size fixture one after the other and measures it against the baseline. A failed build is an error entry. */
export async function runSize(options: SizeOptions = {}): Promise<SizeResult> {
  const log = options.log ?? (() => {})
  const wanted = SIZE_FIXTURES.filter(
    (fixture) => fixture.key === 'baseline' || !options.only || options.only.includes(fixture.key),
  )
  const measured = new Map<SizeFixtureKey, Measurement>()
  const result: SizeResult = {}
  for (const fixture of wanted) {
    const started = Date.now()
    try {
      measured.set(fixture.key, measureBuild(await buildFixture(fixture.key)))
      log(`  built ${fixture.key} in ${Date.now() - started} ms`)
    } catch (error) {
      result[fixture.key] = { error: errorMessage(error) }
      log(`  ${fixture.key}: build failed: ${errorMessage(error)}`)
    }
  }
  const baseline = measured.get('baseline')
  if (!baseline) return result

  const requests = options.checkRequests !== false && hasChromium() ? await remoteRequests([...measured.keys()]) : undefined
  const baselineOrigins = new Set(baseline.urlOrigins)
  for (const fixture of wanted) {
    const m = measured.get(fixture.key)
    if (!m) continue
    result[fixture.key] = {
      gzip: m.gzip,
      brotli: m.brotli,
      gzipOverBaseline: m.gzip - baseline.gzip,
      brotliOverBaseline: m.brotli - baseline.brotli,
      initialGzipOverBaseline: m.initialGzip - baseline.initialGzip,
      initialGzip: m.initialGzip,
      initialBrotli: m.initialBrotli,
      files: m.files.length,
      initialFiles: m.files.filter((file) => file.initial).length,
      urlOrigins: m.urlOrigins.filter((origin) => !baselineOrigins.has(origin) && !NAMESPACE_ORIGINS.has(origin)),
      remoteRequests: requests?.get(fixture.key) ?? null,
    }
  }
  return result
}

/**
 * Loads each built fixture in Chromium with every request to another host recorded and aborted, then types a
 * phone number into the first text field, since some kits fetch parsing code or metadata only once a user types.
 */
async function remoteRequests(keys: readonly SizeFixtureKey[]): Promise<Map<SizeFixtureKey, string[]>> {
  const server = await serveStatic(outRoot)
  let browser: Browser | undefined
  const found = new Map<SizeFixtureKey, string[]>()
  try {
    browser = await launchChromium()
    for (const key of keys) {
      const context = await browser.newContext()
      const seen = new Set<string>()
      await context.route('**/*', (route) => {
        const url = new URL(route.request().url())
        if (url.origin === server.origin || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue()
        seen.add(`${url.origin}${url.pathname}`)
        return route.abort()
      })
      const page = await context.newPage()
      try {
        await page.goto(`${server.origin}/${key}/`, { waitUntil: 'load', timeout: 15_000 })
        await page.waitForTimeout(500)
        const field = page.locator('input[type="tel"], input[type="text"], input:not([type])').first()
        if ((await field.count()) > 0) {
          await field.click({ timeout: 2_000 }).catch(() => {})
          await page.keyboard.type('7700900123', { delay: 20 })
        }
        await page.waitForTimeout(800)
      } catch {
        // A page that does not finish loading offline still tells which hosts it tried to reach.
      }
      found.set(key, [...seen].sort())
      await context.close()
    }
  } finally {
    await browser?.close()
    await server.close()
  }
  return found
}
