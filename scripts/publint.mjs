#!/usr/bin/env node
import { readFileSync } from 'node:fs'
// Lints each built package's manifest against what it ships (run after `pnpm build`).
import { publint } from 'publint'
import { formatMessage } from 'publint/utils'

const packages = ['core', 'react', 'phone-verify', 'server']
let problems = 0
for (const name of packages) {
  const pkgDir = new URL(`../packages/${name}/`, import.meta.url).pathname
  const pkg = JSON.parse(readFileSync(`${pkgDir}package.json`, 'utf8'))
  const { messages } = await publint({ pkgDir, level: 'warning', strict: true })
  for (const message of messages) {
    problems += 1
    console.log(`${pkg.name}: ${formatMessage(message, pkg)}`)
  }
  if (messages.length === 0) console.log(`${pkg.name}: publint ok`)
}
process.exit(problems > 0 ? 1 : 0)
