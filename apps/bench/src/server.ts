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
}

export type ServerResult =
  | {
      send: ServerFigures | { error: string }
      check: ServerFigures | { error: string }
      bareHono: ServerFigures
      bareHonoCheck: ServerFigures
      /** Handler rps / bare Hono rps on the same route shape. */
      ratioSend: number | null
      ratioCheck: number | null
      connections: number
      durationSeconds: number
    }
  | { error: string }

export interface ServerOptions {
  durationSeconds?: number
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

const json = { 'content-type': 'application/json' }

/** Starts the process under load and reads the line it prints once it listens. */
function startTarget(): Promise<{ info: ServerTargetInfo; stop: () => void }> {
  const script = fileURLToPath(new URL('./server-target.ts', import.meta.url))
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', script], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    // stdout (the handler's request log) to /dev/null; the ready line comes on a pipe of its own (fd 3).
    stdio: ['ignore', 'ignore', 'inherit', 'pipe'],
  })
  const ready = child.stdio[3] as Readable
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: ready })
    lines.once('line', (line) => resolve({ info: JSON.parse(line) as ServerTargetInfo, stop: () => child.kill('SIGTERM') }))
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

/**
 * Loads the handler and a bare Hono route returning the same JSON, one after the other in the same run, with
 * the same connections and duration, on the send and check routes.
 */
export async function runServer(options: ServerOptions = {}): Promise<ServerResult> {
  const log = options.log ?? (() => {})
  const connections = options.connections ?? 50
  const duration = options.durationSeconds ?? 10
  const { info, stop } = await startTarget()
  try {
    const warm = async (run: () => Promise<Result>) => {
      await run()
    }
    const checkFlows =
      info.checkFlows.length > 0 ? info.checkFlows : [{ authentication_uuid: 'x', flow_token: 'x', check_code: '0' }]
    await warm(() => loadSend(info.bareOrigin, connections, 1))
    log(`  bare Hono, send route: ${duration} s`)
    const bareHono = figures(await loadSend(info.bareOrigin, connections, duration))
    log(`  bare Hono, check route: ${duration} s`)
    const bareHonoCheck = figures(await loadCheck(info.bareOrigin, checkFlows, connections, duration))
    let send: ServerFigures | { error: string } = { error: info.handlerError ?? 'the handler did not start' }
    let check: ServerFigures | { error: string } = send
    if (info.handlerOrigin) {
      // Checks first: the sends would otherwise fill the sandbox and could push the pre-created flows out.
      await warm(() => loadCheck(info.handlerOrigin as string, checkFlows, connections, 1))
      log(`  handler, check route: ${duration} s`)
      check = figures(await loadCheck(info.handlerOrigin, checkFlows, connections, duration))
      log(`  handler, send route: ${duration} s`)
      send = figures(await loadSend(info.handlerOrigin, connections, duration))
    }
    const ratio = (ours: ServerFigures | { error: string }, bare: ServerFigures) =>
      'rps' in ours && bare.rps > 0 ? Math.round((ours.rps / bare.rps) * 1000) / 1000 : null
    return {
      send,
      check,
      bareHono,
      bareHonoCheck,
      ratioSend: ratio(send, bareHono),
      ratioCheck: ratio(check, bareHonoCheck),
      connections,
      durationSeconds: duration,
    }
  } finally {
    stop()
  }
}
