import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, inject, it } from 'vitest'
import { FAKE_CREDENTIALS } from './build-demo'

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
}

describe('the production build of the demo', () => {
  it('carries none of the credentials that were in its environment and .env while it was built', () => {
    const clientDir = inject('clientDir')
    // Every file the browser may download, source maps and assets included, not only scripts and styles.
    const emitted = filesUnder(clientDir)
    expect(emitted.some((file) => file.endsWith('.js'))).toBe(true)
    expect(emitted.some((file) => file.endsWith('.css'))).toBe(true)
    expect(emitted.some((file) => file.endsWith('.html'))).toBe(true)
    const leaks = emitted.flatMap((file) => {
      const text = readFileSync(file, 'latin1')
      return Object.entries(FAKE_CREDENTIALS)
        .filter(([, value]) => text.includes(value))
        .map(([name]) => `${name} in ${file}`)
    })
    expect(leaks).toEqual([])
  })
})
