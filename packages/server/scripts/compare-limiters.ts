// Times otpflow's own counters (Store.increment, as the limits use it) against rate-limiter-flexible's limiters, on memory
// and on one local redis-server, for the README's "Several instances and serverless" section. Not a test: a measurement.
//
//   cd apps/bench && node --conditions=source --import tsx ../../packages/server/scripts/compare-limiters.ts
//
// (tsx comes from apps/bench; `--conditions=source` loads the workspace packages from their sources.)
import { cpus } from 'node:os'
import { performance } from 'node:perf_hooks'
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible'
import { createClient } from 'redis'
import { createRedisStore } from '../src/redis-store'
import { createMemoryStore, type Store } from '../src/store'
import { startRedisServer } from '../src/testing/redis-server'

/** One limit check: resolves true when the hit is within the limit. */
type Check = (key: string) => Promise<boolean>

const WINDOW_SECONDS = 600

function ours(store: Store, limit: number): Check {
  return async (key) => (await store.increment(key, WINDOW_SECONDS)).count <= limit
}

function theirs(limiter: RateLimiterMemory | RateLimiterRedis): Check {
  return (key) =>
    limiter.consume(key).then(
      () => true,
      (rejection: unknown) => {
        // Over the limit, consume() rejects with a RateLimiterRes; anything else is a real error.
        if (rejection instanceof RateLimiterRes) return false
        throw rejection
      },
    )
}

interface Figures {
  opsPerSecond: number
  p50Ms: number
  p99Ms: number
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0

/** `total` checks one after the other; latency of each. Keys cycle over `keys` distinct ones. */
async function sequential(check: Check, total: number, keys: number, tag: string): Promise<Figures> {
  const latencies: number[] = []
  const started = performance.now()
  for (let index = 0; index < total; index += 1) {
    const t0 = performance.now()
    await check(`${tag}:${index % keys}`)
    latencies.push(performance.now() - t0)
  }
  const elapsed = performance.now() - started
  latencies.sort((a, b) => a - b)
  return { opsPerSecond: total / (elapsed / 1000), p50Ms: percentile(latencies, 0.5), p99Ms: percentile(latencies, 0.99) }
}

/** `total` checks, `concurrency` in flight at once; latency of each. */
async function concurrent(check: Check, total: number, keys: number, concurrency: number, tag: string): Promise<Figures> {
  const latencies: number[] = []
  let next = 0
  const worker = async () => {
    while (next < total) {
      const index = next
      next += 1
      const t0 = performance.now()
      await check(`${tag}:${index % keys}`)
      latencies.push(performance.now() - t0)
    }
  }
  const started = performance.now()
  await Promise.all(Array.from({ length: concurrency }, worker))
  const elapsed = performance.now() - started
  latencies.sort((a, b) => a - b)
  return { opsPerSecond: total / (elapsed / 1000), p50Ms: percentile(latencies, 0.5), p99Ms: percentile(latencies, 0.99) }
}

const ROUNDS = 5
const results = new Map<string, { backend: string; limiter: string; scenario: string; runs: Figures[] }>()
const record = (backend: string, limiter: string, scenario: string, figures: Figures) => {
  const id = `${backend}|${limiter}|${scenario}`
  const entry = results.get(id) ?? { backend, limiter, scenario, runs: [] }
  entry.runs.push(figures)
  results.set(id, entry)
}
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}

/**
 * Each scenario runs ROUNDS times for both limiters, alternating which goes first, after a warm-up of the same shape
 * (the table gives the median round, and the range of checks/s: the machine is shared, so single runs are noisy):
 * - allowed: 1,000 keys, limit never reached (a normal day);
 * - refused: one key over its limit of 3 (a flood from one IP or at one number: nearly every check is refused).
 */
async function compare(
  backend: string,
  make: () => Promise<{ ours: Check; theirs: Check; refusedOurs: Check; refusedTheirs: Check }>,
  total: number,
) {
  const limiters = await make()
  const scenarios: Array<[string, (check: Check, tag: string) => Promise<Figures>, 'allowed' | 'refused']> = [
    ['sequential, allowed', (check, tag) => sequential(check, total, 1_000, tag), 'allowed'],
    ['sequential, refused', (check, tag) => sequential(check, total, 1, tag), 'refused'],
    ['50 concurrent, allowed', (check, tag) => concurrent(check, total, 1_000, 50, tag), 'allowed'],
    ['50 concurrent, refused', (check, tag) => concurrent(check, total, 1, 50, tag), 'refused'],
  ]
  let round = 0
  for (const [scenario, run, kind] of scenarios) {
    for (let repeat = 0; repeat < ROUNDS; repeat += 1) {
      const pair: Array<[string, Check]> = [
        ['otpflow Store.increment', kind === 'allowed' ? limiters.ours : limiters.refusedOurs],
        ['rate-limiter-flexible', kind === 'allowed' ? limiters.theirs : limiters.refusedTheirs],
      ]
      if (round % 2 === 1) pair.reverse()
      round += 1
      for (const [name, check] of pair) {
        await run(check, `warm:${round}:${name}`)
        record(backend, name, scenario, await run(check, `run:${round}:${name}`))
      }
    }
  }
}

const MEMORY_TOTAL = 100_000
const REDIS_TOTAL = 10_000

await compare(
  'memory',
  async () => ({
    ours: ours(createMemoryStore({ maxKeys: 1_000_000 }), 1e9),
    theirs: theirs(new RateLimiterMemory({ points: 1e9, duration: WINDOW_SECONDS })),
    refusedOurs: ours(createMemoryStore(), 3),
    refusedTheirs: theirs(new RateLimiterMemory({ points: 3, duration: WINDOW_SECONDS })),
  }),
  MEMORY_TOTAL,
)

const redis = await startRedisServer()
const ourStore = createRedisStore({ url: redis.url }, { prefix: 'bench-ours:' })
const client = createClient({ url: redis.url, disableOfflineQueue: true })
client.on('error', () => undefined)
await client.connect()
try {
  await compare(
    'redis',
    async () => ({
      ours: ours(ourStore, 1e9),
      theirs: theirs(
        new RateLimiterRedis({
          storeClient: client,
          useRedisPackage: true,
          points: 1e9,
          duration: WINDOW_SECONDS,
          keyPrefix: 'bench-rlf',
        }),
      ),
      refusedOurs: ours(ourStore, 3),
      refusedTheirs: theirs(
        new RateLimiterRedis({
          storeClient: client,
          useRedisPackage: true,
          points: 3,
          duration: WINDOW_SECONDS,
          keyPrefix: 'bench-rlf-3',
        }),
      ),
    }),
    REDIS_TOTAL,
  )
} finally {
  await ourStore.close()
  await client.close()
  await redis.close()
}

console.log(
  `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}; memory: ${MEMORY_TOTAL} checks per row, redis: ${REDIS_TOTAL}`,
)
console.log(`${ROUNDS} rounds per row; median round, and the range of checks/s over the rounds`)
console.table(
  [...results.values()].map(({ backend, limiter, scenario, runs }) => {
    const rates = runs.map((run) => run.opsPerSecond)
    return {
      backend,
      scenario,
      limiter,
      'checks/s': Math.round(median(rates)),
      range: `${Math.round(Math.min(...rates))}–${Math.round(Math.max(...rates))}`,
      'p50 ms': Number(median(runs.map((run) => run.p50Ms)).toFixed(3)),
      'p99 ms': Number(median(runs.map((run) => run.p99Ms)).toFixed(3)),
    }
  }),
)
