import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

/** Every source file of @otpflow/core (tests excluded). */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sources(path)
    return /\.tsx?$/.test(name) && !/\.test(-d)?\.tsx?$/.test(name) ? [path] : []
  })
}

const root = new URL('.', import.meta.url).pathname
const importPattern = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g

describe('@otpflow/core', () => {
  it('imports nothing but zod and its own files: no React, no DOM library, no Node built-ins', () => {
    const files = sources(root)
    expect(files.length).toBeGreaterThan(3)
    const foreign: string[] = []
    for (const file of files) {
      for (const match of readFileSync(file, 'utf8').matchAll(importPattern)) {
        const specifier = match[1] ?? match[2] ?? ''
        if (!specifier.startsWith('.') && specifier !== 'zod') foreign.push(`${file.slice(root.length)} → ${specifier}`)
      }
    }
    expect(foreign).toEqual([])
  })

  it('loads and works where React cannot be resolved', async () => {
    const { vi } = await import('vitest')
    vi.doMock('react', () => {
      throw new Error('core must not load React')
    })
    const core = await import('./index')
    expect(typeof core.createOtpClient).toBe('function')
    vi.doUnmock('react')
  })
})
