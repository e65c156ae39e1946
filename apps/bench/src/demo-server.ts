import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'
import { outRoot } from './fixtures.ts'

const demoRoot = fileURLToPath(new URL('../../demo/', import.meta.url))

/** A production build of the demo as `pnpm --filter demo build` makes it: `client/` (Vite) beside `server/start.js` (tsup). */
export interface DemoBuild {
  /** The folder holding `client/` and `server/`. */
  dir: string
  serverEntry: string
}

/**
 * Builds the demo for production into `.fixtures-out/<outName>/`, laid out as its `dist/`: the bundled server finds
 * its client in `../client` and looks for an optional `.env` two folders up, in `.fixtures-out/`, where there is none.
 */
export async function buildDemo(outName = 'demo'): Promise<DemoBuild> {
  const dir = join(outRoot, outName)
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    // The demo's own vite.config.ts applies; only the output folder moves.
    await build({ root: demoRoot, logLevel: 'error', build: { outDir: join(dir, 'client'), emptyOutDir: true } })
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV
    else process.env.NODE_ENV = nodeEnv
  }
  const serverDir = join(dir, 'server')
  const tsup = spawnSync('pnpm', ['exec', 'tsup', '--silent', '--out-dir', serverDir], { cwd: demoRoot, encoding: 'utf8' })
  if (tsup.status !== 0) throw new Error(`tsup failed: ${tsup.stderr || tsup.stdout}`)
  return { dir, serverEntry: join(serverDir, 'start.js') }
}

/**
 * The same bundled server with another client folder: `clientDir`'s build is copied to `.fixtures-out/<outName>/client`
 * and the demo's server folder (`start.js` and its chunks) beside it, so a page served this way goes through exactly the demo's server code.
 */
export function withClient(demo: DemoBuild, clientDir: string, outName: string): DemoBuild {
  const dir = join(outRoot, outName)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  cpSync(clientDir, join(dir, 'client'), { recursive: true })
  // The whole server folder: start.js imports chunks of its own (the Redis store, loaded only with REDIS_URL).
  cpSync(dirname(demo.serverEntry), join(dir, 'server'), { recursive: true })
  return { dir, serverEntry: join(dir, 'server', 'start.js') }
}

export interface RunningServer {
  origin: string
  close(): Promise<void>
}

/**
 * Starts a built `start.js` as `pnpm --filter demo serve` does, on 127.0.0.1 and a free port. Provider variables are
 * left out of its environment, so it runs on its sandbox: no SMS is sent and no credentials are needed.
 */
export async function startDemoServer(build: DemoBuild): Promise<RunningServer> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(DING|PRELUDE|TWILIO|OTP)_/.test(name)))
  const child: ChildProcess = spawn(process.execPath, [build.serverEntry], {
    env: { ...env, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output: string[] = []
  // Read everything it prints (one line per API request), so a full pipe never stalls the server.
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk))
  const origin = await new Promise<string>((resolve, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      if (output.length < 50) output.push(chunk)
      const port = /http:\/\/localhost:(\d+)/.exec(output.join(''))?.[1]
      if (port) resolve(`http://127.0.0.1:${port}`)
    })
    child.once('exit', (code) => reject(new Error(`the demo server exited (${code}): ${output.join('').slice(0, 500)}`)))
  })
  return {
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill()
      }),
  }
}
