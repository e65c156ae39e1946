import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'

const coreSource = new URL('..', import.meta.url).pathname

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(entry.name) && !/\.test(-d)?\.tsx?$/.test(entry.name) ? [path] : []
  })
}

function importedModules(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  return [...text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((match) => match[1] as string)
}

describe('@otpflow/core without React', () => {
  it('imports nothing but zod/mini and its own files (no React, no DOM library, no Node built-ins), in the flow machine and everywhere else', () => {
    const files = sourceFiles(coreSource)
    expect(files.some((file) => file.endsWith('flow/otp-flow.machine.ts'))).toBe(true)
    const outside = files.flatMap((file) =>
      importedModules(file)
        .filter((specifier) => !specifier.startsWith('.') && specifier !== 'zod/mini')
        .map((specifier) => `${file}: ${specifier}`),
    )
    expect(outside).toEqual([])
  })

  it('loads the flow and the whole core with React made unloadable', async () => {
    vi.resetModules()
    vi.doMock('react', () => {
      throw new Error('React was imported')
    })
    const flow = await import('./index')
    const core = await import('../index')
    expect(typeof flow.transition).toBe('function')
    expect(typeof core.createOtpClient).toBe('function')
    vi.doUnmock('react')
  })
})
