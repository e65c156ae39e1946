// `pnpm bench`: size, render cost and endpoint speed of this kit beside the kits users would pick instead, in one run.
// Prints tables and writes results.json. Parts: `pnpm bench size server render` (default: all three).
// `server` includes the endpoint on Redis (results under server.redis); `pnpm bench server-redis` runs that alone.
// BENCH_QUICK=1 shortens the load runs (3 rounds of 2 s instead of 5 rounds of 4 s per target) and the ready runs.
import { writeFileSync } from 'node:fs'
import { availableParallelism, cpus } from 'node:os'
import { hasChromium } from './browser.ts'
import { resultsPath } from './fixtures.ts'
import { runRender } from './render.ts'
import { type BenchResults, formatReport, sizeRatios, targets } from './report.ts'
import { runServer } from './server.ts'
import { runServerRedis } from './server-redis.ts'
import { runSize } from './size.ts'

const PARTS = ['size', 'server', 'render'] as const
type Part = (typeof PARTS)[number]

const asked = process.argv.slice(2).filter((arg): arg is Part => (PARTS as readonly string[]).includes(arg))
const redisAsked = process.argv.slice(2).includes('server-redis')
const parts: readonly Part[] = asked.length > 0 || redisAsked ? asked : PARTS
const quick = process.env.BENCH_QUICK === '1'
const log = (line: string) => console.log(line)
const started = Date.now()

const results: BenchResults = {}
if (parts.includes('size')) {
  log('size: building fixtures')
  results.size = await runSize({ log })
}
if (parts.includes('server')) {
  log('server: loading the endpoint')
  try {
    results.server = await runServer({ durationSeconds: quick ? 2 : 4, rounds: quick ? 3 : 5, log })
  } catch (error) {
    results.server = { error: error instanceof Error ? error.message : String(error) }
  }
}
if (parts.includes('server') || redisAsked) {
  log('server: loading the endpoint on Redis')
  const options = { durationSeconds: quick ? 2 : 4, rounds: quick ? 3 : 5, log }
  const redis = await runServerRedis(options).catch((error: unknown) => ({
    error: error instanceof Error ? error.message : String(error),
  }))
  results.server = { ...(results.server ?? { error: 'not run: only server-redis was asked' }), redis }
}
if (parts.includes('render')) {
  if (hasChromium()) {
    log('render: Chromium')
    results.render = await runRender({ readyRuns: quick ? 3 : 5, log })
  } else log('render: skipped, no Chromium at CHROMIUM_PATH or /usr/bin/chromium')
}

const judged = targets(results)
const output = {
  ...results,
  ratios: { size: sizeRatios(results.size) },
  targets: judged,
  meta: {
    date: new Date().toISOString(),
    node: process.version,
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    quick,
    parts,
    seconds: Math.round((Date.now() - started) / 1000),
  },
}
writeFileSync(resultsPath, `${JSON.stringify(output, null, 2)}\n`)
log('')
log(formatReport(results, judged))
log('')
log(`results: ${resultsPath} (${output.meta.seconds} s)`)
