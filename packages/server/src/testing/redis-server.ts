import { type ChildProcess, spawn } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { createConnection, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'

/**
 * A real `redis-server` (Debian's `redis-server` package) for tests: on a free loopback port, with no persistence, in
 * its own process group so it is killed with everything it started. `stop()` and `start()` simulate an outage and
 * the return of the same server on the same URL.
 */
export interface TestRedisServer {
  /** `redis://…@127.0.0.1:<port>`, with the password when one was asked for. */
  readonly url: string
  readonly port: number
  readonly running: boolean
  /** Kills it at once (SIGKILL, as a crash or a lost host would), and waits until the port is closed. */
  stop(): Promise<void>
  /** Starts it again on the same port (empty: no persistence), and waits until it accepts connections. */
  start(): Promise<void>
  /** Freezes it (SIGSTOP): connections stay open and nothing answers, as with a hung server or a lost network. */
  pause(): void
  /** Lets a paused server run again (SIGCONT). */
  resume(): void
  /** Stops it for good. */
  close(): Promise<void>
}

export interface TestRedisServerOptions {
  /** Starts it with `--requirepass`, so the URL carries a password. */
  password?: string
}

const executable = (path: string) => {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** Where `redis-server` is: `REDIS_SERVER_PATH` if set, else the first on `PATH`, else Debian's `/usr/bin/redis-server`. */
function findRedisServer(): string {
  const chosen = process.env.REDIS_SERVER_PATH
  if (chosen !== undefined && chosen !== '') {
    if (executable(chosen)) return chosen
    throw new Error(`REDIS_SERVER_PATH=${chosen} is not an executable redis-server`)
  }
  const onPath = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => dir !== '')
    .map((dir) => join(dir, 'redis-server'))
  const found = [...onPath, '/usr/bin/redis-server'].find(executable)
  if (found !== undefined) return found
  // A missing server fails the tests that need it, loudly: a skipped Redis suite would hide the multi-instance behaviour.
  throw new Error(
    "redis-server is not installed: install Debian's redis-server package (apt-get install -y --no-install-recommends " +
      'redis-server; .ci/run does it) or set REDIS_SERVER_PATH',
  )
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const running = new Set<ChildProcess>()
let exitHookInstalled = false

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined) return
  try {
    process.kill(-child.pid, signal)
  } catch {}
}

/** Starts a `redis-server` for a test file; close it in `afterAll`. */
export async function startRedisServer(options: TestRedisServerOptions = {}): Promise<TestRedisServer> {
  const binary = findRedisServer()
  if (!exitHookInstalled) {
    exitHookInstalled = true
    // A test run that dies without its afterAll still takes its servers with it.
    process.once('exit', () => {
      for (const child of running) killGroup(child, 'SIGKILL')
    })
  }
  let port = await freePort()
  let child: ChildProcess | undefined

  const launch = async (): Promise<void> => {
    const args = [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      tmpdir(),
      '--daemonize',
      'no',
      '--loglevel',
      'warning',
      ...(options.password === undefined ? [] : ['--requirepass', options.password]),
    ]
    const started = spawn(binary, args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    started.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    let exited = false
    started.once('exit', () => {
      exited = true
      running.delete(started)
    })
    running.add(started)
    child = started
    for (let waited = 0; waited < 5_000; waited += 25) {
      if (exited) throw new Error(`redis-server exited at start on port ${port}: ${stderr.trim()}`)
      if (await accepts(port)) return
      await sleep(25)
    }
    killGroup(started, 'SIGKILL')
    throw new Error(`redis-server did not accept connections on port ${port} within 5 s: ${stderr.trim()}`)
  }

  const stop = async () => {
    const current = child
    child = undefined
    if (current === undefined || current.exitCode !== null || current.signalCode !== null) return
    const exited = new Promise((resolve) => current.once('exit', resolve))
    killGroup(current, 'SIGKILL')
    await exited
  }

  // The free port may be taken between the probe and the start: try a few.
  for (let attempt = 0; ; attempt += 1) {
    try {
      await launch()
      break
    } catch (error) {
      await stop()
      if (attempt >= 3) throw error
      port = await freePort()
    }
  }

  const credentials = options.password === undefined ? '' : `:${encodeURIComponent(options.password)}@`
  return {
    url: `redis://${credentials}127.0.0.1:${port}`,
    port,
    get running() {
      return child !== undefined
    },
    stop,
    async start() {
      if (child !== undefined) return
      await launch()
    },
    pause() {
      if (child !== undefined) killGroup(child, 'SIGSTOP')
    },
    resume() {
      if (child !== undefined) killGroup(child, 'SIGCONT')
    },
    close: stop,
  }
}
