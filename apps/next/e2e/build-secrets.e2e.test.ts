import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appDir, FAKE_CREDENTIALS } from './build-next'
import { RUNTIME_SECRET, type RunningNext, startNext } from './harness'

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
}

let app: RunningNext

beforeAll(async () => {
  app = await startNext({ OTP_SECRET: RUNTIME_SECRET })
})
afterAll(() => app?.close())

describe('what the browser can download from the Next.js example', () => {
  it('carries none of the secrets and provider keys that were in the environment while it was built', () => {
    // Every file under .next/static (what `next start` serves at /_next/static): scripts, styles, media, source maps.
    const emitted = filesUnder(join(appDir, '.next/static'))
    expect(emitted.some((file) => file.endsWith('.js'))).toBe(true)
    expect(emitted.some((file) => file.endsWith('.css'))).toBe(true)
    // The scan reads the client's code: the signup form's own words are there.
    expect(
      emitted.some((file) => readFileSync(file, 'latin1').includes('Verify your phone number: send a code and enter it.')),
    ).toBe(true)
    const leaks = emitted.flatMap((file) => {
      const text = readFileSync(file, 'latin1')
      return Object.entries(FAKE_CREDENTIALS)
        .filter(([, value]) => text.includes(value))
        .map(([name]) => `${name} in ${file}`)
    })
    expect(leaks).toEqual([])
  })

  it('serves /signup, its scripts and its server components without the OTP_SECRET the server runs with', async () => {
    const page = await fetch(`${app.url}/signup`)
    const html = await page.text()
    expect(html).toContain('Create your account')
    // The React Server Components payload a client-side navigation fetches.
    const rsc = await (await fetch(`${app.url}/signup`, { headers: { rsc: '1' } })).text()
    expect(rsc).toContain('Create your account')
    const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((match) => match[1] ?? '')
    expect(scripts.length).toBeGreaterThan(0)
    const bodies = await Promise.all(scripts.map(async (src) => (await fetch(new URL(src, app.url))).text()))
    for (const [name, text] of [['page', html], ['rsc', rsc], ...scripts.map((src, i) => [src, bodies[i] ?? ''])]) {
      expect(text, name).not.toContain(RUNTIME_SECRET)
    }
  })
})
