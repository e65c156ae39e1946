import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import type { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import autocannon, { type Result } from 'autocannon'
import { startRedisServer } from '../../../packages/server/src/testing/redis-server.ts'
import type { RatioRounds, ServerFigures } from './server.ts'
import type { HandlerTarget, RedisTargetInfo } from './server-redis-target.ts'
import { BASE_PATH, benchPhoneNumber, type CheckFlow } from './server-shared.ts'

type Figures = ServerFigures | { error: string }

/** One route (send or check) on each target, medians over the rounds. */
export interface RedisRouteResult {
  bareHono: ServerFigures
  memory: Figures
  redis: Figures
  /**
   * Two endpoint processes on the same Redis, loaded at once with half the connections each: `rps` is their sum,
   * `p50Ms` and `p99Ms` the worse of the two.
   */
  twoProcesses: Figures
  /** Redis rps / memory rps in the same round: the median decides (target: at least 0.6). */
  redisOverMemory: RatioRounds
  twoProcessesOverMemory: RatioRounds
  memoryOverBare: RatioRounds
  redisOverBare: RatioRounds
}

export type ServerRedisResult =
  | {
      send: RedisRouteResult
      check: RedisRouteResult
      /** Connections per target (split in two halves for `twoProcesses`). */
      connections: number
      durationSeconds: number
      rounds: number
    }
  | { error: string }

export interface ServerRedisOptions {
  /** Seconds of load per target and round. @default 4 */
  durationSeconds?: number
  /** Rounds of bare route, memory, Redis, two processes, per route. @default 5 */
  rounds?: number
  connections?: number
  log?: (line: string) => void
}

const figures = (result: Result): ServerFigures => ({
  rps: Math.round(result.requests.average),
  p50Ms: result.latency.p50,
  p99Ms: result.latency.p99,
  requests: result.requests.total,
  non2xx: result.non2xx,
  errors: result.errors + result.timeouts,
})

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

const round3 = (value: number) => Math.round(value * 1000) / 1000

const medianFigures = (runs: readonly ServerFigures[]): ServerFigures => ({
  rps: Math.round(median(runs.map((run) => run.rps))),
  p50Ms: median(runs.map((run) => run.p50Ms)),
  p99Ms: median(runs.map((run) => run.p99Ms)),
  requests: runs.reduce((sum, run) => sum + run.requests, 0),
  non2xx: runs.reduce((sum, run) => sum + run.non2xx, 0),
  errors: runs.reduce((sum, run) => sum + run.errors, 0),
})

const ratioRounds = (ours: readonly ServerFigures[], base: readonly ServerFigures[]): RatioRounds => {
  const rounds = ours.flatMap((run, index) => {
    const reference = base[index]?.rps ?? 0
    return reference > 0 ? [round3(run.rps / reference)] : []
  })
  if (rounds.length === 0) return { median: null, min: null, max: null, rounds }
  return { median: round3(median(rounds)), min: Math.min(...rounds), max: Math.max(...rounds), rounds }
}

/** Two loads run side by side, as one: requests per second add up, a client sees the worse latency. */
const together = (a: ServerFigures, b: ServerFigures): ServerFigures => ({
  rps: a.rps + b.rps,
  p50Ms: Math.max(a.p50Ms, b.p50Ms),
  p99Ms: Math.max(a.p99Ms, b.p99Ms),
  requests: a.requests + b.requests,
  non2xx: a.non2xx + b.non2xx,
  errors: a.errors + b.errors,
})

const json = { 'content-type': 'application/json' }

/** Starts a target process (./server-redis-target.ts) and reads the line it writes once every target listens. */
function startTarget(env: Record<string, string>): Promise<{ info: RedisTargetInfo; stop: () => Promise<void> }> {
  const script = fileURLToPath(new URL('./server-redis-target.ts', import.meta.url))
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', script], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env: { ...process.env, ...env },
    // stdout (the handlers' request log) to /dev/null; the ready line comes on a pipe of its own (fd 3).
    stdio: ['ignore', 'ignore', 'inherit', 'pipe'],
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    await exited
  }
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdio[3] as Readable })
    lines.once('line', (line) => resolve({ info: JSON.parse(line) as RedisTargetInfo, stop }))
    void exited.then(() => reject(new Error(`the server process exited (${child.exitCode}) before listening`)))
  })
}

function loadSend(origin: string, connections: number, duration: number, firstNumber: number) {
  let index = firstNumber
  return autocannon({
    url: `${origin}${BASE_PATH}/authentication`,
    connections,
    duration,
    requests: [
      {
        method: 'POST',
        headers: json,
        // A new number on each request, as real traffic has (per-number limits are raised for the run).
        setupRequest: (request) => {
          index += 1
          return { ...request, body: JSON.stringify({ phone_number: benchPhoneNumber(index) }) }
        },
      },
    ],
  })
}

function loadCheck(origin: string, flows: readonly CheckFlow[], connections: number, duration: number) {
  let index = 0
  const bodies = (flows.length > 0 ? flows : [{ authentication_uuid: 'x', flow_token: 'x', check_code: '0' }]).map((flow) =>
    JSON.stringify(flow),
  )
  return autocannon({
    url: `${origin}${BASE_PATH}/check`,
    connections,
    duration,
    requests: [
      {
        method: 'POST',
        headers: json,
        setupRequest: (request) => {
          index += 1
          return { ...request, body: bodies[index % bodies.length] }
        },
      },
    ],
  })
}

const ready = (target: HandlerTarget | undefined) => (target !== undefined && 'origin' in target ? target : undefined)
const whyNot = (target: HandlerTarget | undefined) => ({
  error: target !== undefined && 'error' in target ? target.error : 'the handler did not start',
})

/**
 * The endpoint with its limits on Redis, beside the same endpoint on the memory store and the bare Hono route, in
 * alternating rounds (bare, memory, Redis, two processes on Redis, bare, …) on the check then the send route, so all
 * share the same noise of two shared cores; the median of the rounds decides. One `redis-server` of its own (no
 * persistence, on a free loopback port, as the server package's tests start it), stopped at the end.
 */
export async function runServerRedis(options: ServerRedisOptions = {}): Promise<ServerRedisResult> {
  const log = options.log ?? (() => {})
  const connections = options.connections ?? 50
  const duration = options.durationSeconds ?? 4
  const rounds = Math.max(1, options.rounds ?? 5)
  const half = Math.max(1, Math.floor(connections / 2))
  const redis = await startRedisServer()
  const stops: Array<() => Promise<void>> = []
  try {
    const first = await startTarget({ BENCH_REDIS_URL: redis.url, BENCH_SERVE: 'bare,memory,redis' })
    stops.push(first.stop)
    const second = await startTarget({ BENCH_REDIS_URL: redis.url, BENCH_SERVE: 'redis' })
    stops.push(second.stop)
    const bareOrigin = first.info.bareOrigin
    if (bareOrigin === undefined) return { error: 'the bare route did not start' }
    const memory = ready(first.info.memory)
    const onRedis = ready(first.info.redis)
    const otherOnRedis = ready(second.info.redis)

    type Load = (
      origin: string,
      flows: readonly CheckFlow[],
      connections: number,
      seconds: number,
      first: number,
    ) => Promise<Result>
    const route = async (name: string, load: Load): Promise<RedisRouteResult> => {
      const runs = {
        bare: [] as ServerFigures[],
        memory: [] as ServerFigures[],
        redis: [] as ServerFigures[],
        two: [] as ServerFigures[],
      }
      const both = async (seconds: number) => {
        if (onRedis === undefined || otherOnRedis === undefined) return undefined
        const [a, b] = await Promise.all([
          load(onRedis.origin, onRedis.checkFlows, half, seconds, 0),
          load(otherOnRedis.origin, otherOnRedis.checkFlows, half, seconds, 50_000),
        ])
        return together(figures(a), figures(b))
      }
      // Warm-up: one second on each, not counted.
      await load(bareOrigin, [], connections, 1, 0)
      if (memory) await load(memory.origin, memory.checkFlows, connections, 1, 0)
      if (onRedis) await load(onRedis.origin, onRedis.checkFlows, connections, 1, 0)
      await both(1)
      for (let index = 1; index <= rounds; index += 1) {
        log(
          `  redis ${name} round ${index}/${rounds}: bare Hono, memory store, Redis store, two processes on Redis, ${duration} s each`,
        )
        runs.bare.push(figures(await load(bareOrigin, [], connections, duration, 0)))
        if (memory) runs.memory.push(figures(await load(memory.origin, memory.checkFlows, connections, duration, 0)))
        if (onRedis) runs.redis.push(figures(await load(onRedis.origin, onRedis.checkFlows, connections, duration, 0)))
        const two = await both(duration)
        if (two) runs.two.push(two)
      }
      return {
        bareHono: medianFigures(runs.bare),
        memory: runs.memory.length > 0 ? medianFigures(runs.memory) : whyNot(first.info.memory),
        redis: runs.redis.length > 0 ? medianFigures(runs.redis) : whyNot(first.info.redis),
        twoProcesses: runs.two.length > 0 ? medianFigures(runs.two) : whyNot(onRedis ? second.info.redis : first.info.redis),
        redisOverMemory: ratioRounds(runs.redis, runs.memory),
        twoProcessesOverMemory: ratioRounds(runs.two, runs.memory),
        memoryOverBare: ratioRounds(runs.memory, runs.bare),
        redisOverBare: ratioRounds(runs.redis, runs.bare),
      }
    }
    // Checks first, as in the rest of the server part: sends would fill the sandboxes around the pre-created flows.
    const check = await route('check', (origin, flows, conns, seconds) => loadCheck(origin, flows, conns, seconds))
    const send = await route('send', (origin, _flows, conns, seconds, firstNumber) =>
      loadSend(origin, conns, seconds, firstNumber),
    )
    return { send, check, connections, durationSeconds: duration, rounds }
  } finally {
    await Promise.all(stops.map((stop) => stop()))
    await redis.close()
  }
}
