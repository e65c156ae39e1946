import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import type { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import autocannon, { type Result } from 'autocannon'
import { BASE_PATH, benchPhoneNumber, type ServerTargetInfo } from './server-shared.ts'

export interface ServerFigures {
  /** Mean requests per second over the run. */
  rps: number
  p50Ms: number
  p99Ms: number
  requests: number
  /** Answers outside 2xx, and socket errors or timeouts: a run full of them measures the wrong thing. */
  non2xx: number
  errors: number
  /**
   * CPU time of the server process (user + system) per request answered, in µs: its own work, which other processes
   * on the machine slow down far less than they slow its throughput. `null` when nothing was answered.
   */
  cpuUsPerRequest?: number | null
}

/** One route's ratio (handler rps / bare Hono rps) over alternating rounds: its median decides, its spread shows the noise. */
export interface RatioRounds {
  median: number | null
  min: number | null
  max: number | null
  /** Each round's ratio, in the order run. */
  rounds: number[]
}

export type ServerResult =
  | {
      /** Medians over the rounds: rps, p50 and p99 are each the median of the rounds' figures. */
      send: ServerFigures | { error: string }
      check: ServerFigures | { error: string }
      bareHono: ServerFigures
      bareHonoCheck: ServerFigures
      /** Handler rps / bare Hono rps on the same route shape: the median over the rounds. */
      ratioSend: number | null
      ratioCheck: number | null
      sendRounds: RatioRounds
      checkRounds: RatioRounds
      /** Bare route CPU per request / handler CPU per request, per round: the handler's cost beside the floor's. */
      cpuRatioSend: RatioRounds
      cpuRatioCheck: RatioRounds
      connections: number
      /** Seconds of load per target and round. */
      durationSeconds: number
      rounds: number
    }
  | { error: string }

export interface ServerOptions {
  /** Seconds of load per target and round. @default 4 */
  durationSeconds?: number
  /** Rounds of bare route then handler, per route. @default 5 */
  rounds?: number
  connections?: number
  log?: (line: string) => void
}

const figures = (result: Result, cpuMicros: number): ServerFigures => ({
  rps: Math.round(result.requests.average),
  p50Ms: result.latency.p50,
  p99Ms: result.latency.p99,
  requests: result.requests.total,
  non2xx: result.non2xx,
  errors: result.errors + result.timeouts,
  cpuUsPerRequest: result.requests.total > 0 ? Math.round((cpuMicros / result.requests.total) * 10) / 10 : null,
})

const json = { 'content-type': 'application/json' }

/** Starts the process under load and reads the line it prints once it listens. */
function startTarget(): Promise<{ info: ServerTargetInfo; stop: () => void; cpuMicros: () => Promise<number> }> {
  const script = fileURLToPath(new URL('./server-target.ts', import.meta.url))
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', script], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    // stdout (the handler's request log) to /dev/null; the ready line comes on a pipe of its own (fd 3).
    stdio: ['ignore', 'ignore', 'inherit', 'pipe', 'ipc'],
  })
  const cpuMicros = () =>
    new Promise<number>((resolve) => {
      child.once('message', (message) => resolve((message as { cpuMicros: number }).cpuMicros))
      child.send('cpu')
    })
  const ready = child.stdio[3] as Readable
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: ready })
    lines.once('line', (line) =>
      resolve({ info: JSON.parse(line) as ServerTargetInfo, stop: () => child.kill('SIGTERM'), cpuMicros }),
    )
    child.once('exit', (code) => reject(new Error(`the server process exited (${code}) before listening`)))
  })
}

function loadSend(origin: string, connections: number, duration: number) {
  let index = 0
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

function loadCheck(origin: string, flows: readonly object[], connections: number, duration: number) {
  let index = 0
  const bodies = flows.map((flow) => JSON.stringify(flow))
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

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

const round3 = (value: number) => Math.round(value * 1000) / 1000

/** The median round of a target: each figure is the median of the rounds' figures; counts are summed. */
const medianFigures = (runs: readonly ServerFigures[]): ServerFigures => ({
  rps: Math.round(median(runs.map((run) => run.rps))),
  p50Ms: median(runs.map((run) => run.p50Ms)),
  p99Ms: median(runs.map((run) => run.p99Ms)),
  requests: runs.reduce((sum, run) => sum + run.requests, 0),
  non2xx: runs.reduce((sum, run) => sum + run.non2xx, 0),
  errors: runs.reduce((sum, run) => sum + run.errors, 0),
  cpuUsPerRequest: ((cpu) => (cpu.length > 0 ? median(cpu) : null))(
    runs.flatMap((run) => (run.cpuUsPerRequest == null ? [] : [run.cpuUsPerRequest])),
  ),
})

const ratioRounds = (ours: readonly ServerFigures[], bare: readonly ServerFigures[]): RatioRounds => {
  const rounds = ours.flatMap((run, index) => {
    const base = bare[index]?.rps ?? 0
    return base > 0 ? [round3(run.rps / base)] : []
  })
  return summary(rounds)
}

/** Per round, the bare route's CPU per request over the handler's. */
const cpuRatioRounds = (ours: readonly ServerFigures[], bare: readonly ServerFigures[]): RatioRounds => {
  const rounds = ours.flatMap((run, index) => {
    const base = bare[index]?.cpuUsPerRequest ?? null
    const own = run.cpuUsPerRequest ?? null
    return base !== null && own !== null && own > 0 ? [round3(base / own)] : []
  })
  return summary(rounds)
}

const summary = (rounds: number[]): RatioRounds => {
  if (rounds.length === 0) return { median: null, min: null, max: null, rounds }
  return { median: round3(median(rounds)), min: Math.min(...rounds), max: Math.max(...rounds), rounds }
}

/**
 * Loads the handler and a bare Hono route returning the same JSON in alternating short rounds (bare, handler, bare,
 * handler, …) on the send and check routes, with the same connections and duration. On two shared cores a single
 * long run of each scatters by tens of percent from one hour to the next; alternating puts both targets under the
 * same noise, and the median of the rounds' ratios is what a target is judged on.
 */
export async function runServer(options: ServerOptions = {}): Promise<ServerResult> {
  const log = options.log ?? (() => {})
  const connections = options.connections ?? 50
  const duration = options.durationSeconds ?? 4
  const rounds = Math.max(1, options.rounds ?? 5)
  const { info, stop, cpuMicros } = await startTarget()
  try {
    const checkFlows =
      info.checkFlows.length > 0 ? info.checkFlows : [{ authentication_uuid: 'x', flow_token: 'x', check_code: '0' }]
    const handlerOrigin = info.handlerOrigin
    const alternate = async (
      route: string,
      load: (origin: string, seconds: number) => Promise<Result>,
    ): Promise<{ bare: ServerFigures[]; ours: ServerFigures[] }> => {
      await load(info.bareOrigin, 1)
      if (handlerOrigin) await load(handlerOrigin, 1)
      // The handler and the bare route live in the same process and never run at once: its CPU time around a round
      // is that round's target's.
      const measured = async (origin: string) => {
        const before = await cpuMicros()
        const result = await load(origin, duration)
        return figures(result, (await cpuMicros()) - before)
      }
      const bare: ServerFigures[] = []
      const ours: ServerFigures[] = []
      for (let index = 1; index <= rounds; index += 1) {
        log(`  ${route} round ${index}/${rounds}: bare Hono ${duration} s${handlerOrigin ? `, handler ${duration} s` : ''}`)
        bare.push(await measured(info.bareOrigin))
        if (handlerOrigin) ours.push(await measured(handlerOrigin))
      }
      return { bare, ours }
    }
    // Checks first: the sends would otherwise fill the sandbox and could push the pre-created flows out.
    const check = await alternate('check', (origin, seconds) => loadCheck(origin, checkFlows, connections, seconds))
    const send = await alternate('send', (origin, seconds) => loadSend(origin, connections, seconds))
    const missing = { error: info.handlerError ?? 'the handler did not start' }
    const sendRounds = ratioRounds(send.ours, send.bare)
    const checkRounds = ratioRounds(check.ours, check.bare)
    return {
      send: send.ours.length > 0 ? medianFigures(send.ours) : missing,
      check: check.ours.length > 0 ? medianFigures(check.ours) : missing,
      bareHono: medianFigures(send.bare),
      bareHonoCheck: medianFigures(check.bare),
      ratioSend: sendRounds.median,
      ratioCheck: checkRounds.median,
      sendRounds,
      checkRounds,
      cpuRatioSend: cpuRatioRounds(send.ours, send.bare),
      cpuRatioCheck: cpuRatioRounds(check.ours, check.bare),
      connections,
      durationSeconds: duration,
      rounds,
    }
  } finally {
    stop()
  }
}
