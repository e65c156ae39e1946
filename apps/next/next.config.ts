import { readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { NextConfig } from 'next'

const appDir = dirname(fileURLToPath(import.meta.url))
const repoRoot = join(appDir, '../..')

/**
 * Inside this repository the kit's packages are used from their TypeScript sources, as the tests and the Vite demo use
 * them, so nothing needs building first: each export's `source` entry becomes an alias. Turbopack has no option for a
 * custom export condition (webpack's `conditionNames`), hence the aliases. An app that installs the packages from npm
 * needs none of this.
 */
function workspaceSources(): Record<string, string> {
  const aliases: Record<string, string> = {}
  for (const folder of ['core', 'react', 'phone-verify', 'server']) {
    const packageDir = join(repoRoot, 'packages', folder)
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
      name: string
      exports: Record<string, { source?: string }>
    }
    for (const [subpath, target] of Object.entries(manifest.exports)) {
      if (target.source === undefined) continue
      aliases[`${manifest.name}${subpath.slice(1)}`] = `./${relative(appDir, join(packageDir, target.source))}`
    }
  }
  return aliases
}

export const nextConfig: NextConfig = {
  // The workspace's root, where pnpm's lockfile and the packages' sources are.
  turbopack: { root: repoRoot, resolveAlias: workspaceSources() },
  outputFileTracingRoot: repoRoot,
  // The answers say nothing about the server they come from.
  poweredByHeader: false,
  reactStrictMode: true,
  // The repository's `pnpm typecheck` (tsc -b) checks this app with the packages' sources and its e2e tests; a second
  // check inside `next build` would add about 12 s to every build for nothing new. A standalone app leaves this out.
  typescript: { ignoreBuildErrors: true },
}

export default nextConfig
