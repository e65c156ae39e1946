import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const src = new URL('.', import.meta.url).pathname

/** The packages a module loads, following its relative imports through the sources (type-only imports load nothing). */
function loadedPackages(entry: string): { packages: Set<string>; files: Set<string> } {
  const packages = new Set<string>()
  const files = new Set<string>()
  const visit = (file: string) => {
    if (files.has(file)) return
    files.add(file)
    const text = readFileSync(file, 'utf8')
    for (const match of text.matchAll(/^(?:import|export)\s+(type\s+)?[^'"]*?from\s+'([^']+)'/gm)) {
      if (match[1] !== undefined) continue
      const specifier = match[2] ?? ''
      if (!specifier.startsWith('.')) {
        packages.add(specifier)
        continue
      }
      const base = join(dirname(file), specifier)
      const resolved = [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate))
      if (resolved === undefined) throw new Error(`cannot resolve ${specifier} from ${relative(src, file)}`)
      visit(resolved)
    }
  }
  visit(join(src, entry))
  return { packages, files }
}

describe('the package entry points', () => {
  it('never load redis from @otpflow/server: only @otpflow/server/redis does', () => {
    const main = loadedPackages('index.ts')
    expect([...main.packages]).not.toContain('redis')
    expect([...main.files].map((file) => relative(src, file))).not.toContain('redis-store.ts')

    const redis = loadedPackages('redis-store.ts')
    expect([...redis.packages]).toContain('redis')
  })

  it('point @otpflow/server/redis at the Redis store, in the workspace and once published', () => {
    const manifest = JSON.parse(readFileSync(join(src, '../package.json'), 'utf8'))
    expect(manifest.exports['./redis']).toEqual({
      source: './src/redis-store.ts',
      types: './dist/redis.d.ts',
      default: './dist/redis.js',
    })
    expect(manifest.publishConfig.exports['./redis']).toEqual({ types: './dist/redis.d.ts', default: './dist/redis.js' })
    expect(manifest.peerDependenciesMeta.redis.optional).toBe(true)
  })
})
