#!/usr/bin/env node
// `pnpm test`: every check of the repository, in order, then one closing line `N passed, N failed`.
// Each vitest run writes a JSON report; each other step (typecheck, lint, build, publint) counts as one check.
// Exits non-zero when anything failed or when no test ran.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const out = join(root, '.ci-out')
rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })

const only = process.argv.slice(2)
let passed = 0
let failed = 0
let skipped = 0
const failures = []

function run(label, command, args, env = {}) {
  const t0 = Date.now()
  console.log(`\n=== ${label}`)
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  const seconds = ((Date.now() - t0) / 1000).toFixed(1)
  console.log(`=== ${label}: ${result.status === 0 ? 'ok' : `FAILED (exit ${result.status ?? result.signal})`} in ${seconds} s`)
  return result.status === 0
}

/**
 * Browser tests drive Debian's Chromium (no tool may download a browser). On a fresh Debian machine run as root,
 * install it the way CI does; anywhere else say what is missing.
 */
function ensureChromium() {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  if (existsSync(path)) return true
  const root = process.getuid?.() === 0
  if (root && existsSync('/usr/bin/apt-get')) {
    console.log(`\n=== ${path} is missing: installing Debian's chromium package`)
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
    spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env })
  }
  if (existsSync(path)) return true
  console.log(`\n=== no Chromium at ${path}: install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH`)
  failed += 1
  failures.push('browser tests (no Chromium)')
  return false
}

function check(label, command, args) {
  if (run(label, command, args)) passed += 1
  else {
    failed += 1
    failures.push(label)
  }
}

function vitest(label, args) {
  const report = join(out, `${label.replace(/\W+/g, '-')}.json`)
  const ok = run(label, 'pnpm', [
    'exec',
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${report}`,
    ...args,
  ])
  if (!existsSync(report)) {
    failed += 1
    failures.push(`${label} (no report)`)
    return
  }
  const r = JSON.parse(readFileSync(report, 'utf8'))
  passed += r.numPassedTests
  failed += r.numFailedTests
  skipped += r.numPendingTests + (r.numTodoTests ?? 0)
  if (r.numFailedTests > 0) failures.push(`${label}: ${r.numFailedTests} failed`)
  // A suite that fails to load counts no failed test but fails the run.
  if (!ok && r.numFailedTests === 0) {
    failed += 1
    failures.push(`${label} (run failed outside any test)`)
  }
}

const steps = {
  typecheck: () => check('typecheck', 'pnpm', ['exec', 'tsc', '-b']),
  lint: () => check('lint and format (biome)', 'pnpm', ['exec', 'biome', 'check', '.']),
  unit: () =>
    vitest('unit', [
      '--project',
      'core',
      '--project',
      'server',
      '--project',
      'react',
      '--project',
      'phone-verify',
      '--project',
      'react18',
      '--project',
      'bench',
    ]),
  // What jsdom cannot show (focus, selection, forced colors, the accessibility tree), in Chromium.
  browser: () => ensureChromium() && vitest('components in Chromium', ['--project', 'phone-verify-browser']),
  storybook: () => {
    if (ensureChromium()) vitest('storybook', ['--project', 'storybook'])
    check('build storybook', 'pnpm', ['run', 'build-storybook', '--quiet'])
  },
  e2e: () => ensureChromium() && vitest('e2e', ['--config', 'apps/demo/vitest.e2e.config.ts']),
  // The Next.js example: `next build` (inside the run: nothing is prebuilt), `next start` on a free port, Chromium.
  next: () => ensureChromium() && vitest('next e2e', ['--config', 'apps/next/vitest.e2e.config.ts']),
  build: () => {
    check('build packages', 'pnpm', ['run', 'build'])
    check('publint', 'node', ['scripts/publint.mjs'])
  },
}

for (const [name, step] of Object.entries(steps)) {
  if (only.length === 0 || only.includes(name)) step()
}

console.log('')
if (failures.length > 0) console.log(`failed: ${failures.join('; ')}`)
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failed > 0 || passed === 0 ? 1 : 0)
