import { type ChildProcess, spawn } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { build } from 'tsup'

const serverRoot = new URL('../../', import.meta.url).pathname

/**
 * One endpoint process (./instance-server.ts): a real HTTP server on loopback in a Node process of its own, in its own
 * process group, built from the environment it was given, as a deployment with several instances runs it.
 */
export interface EndpointInstance {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string
  readonly pid: number
  /** The last lines it wrote (request log, warnings, errors), to say what went wrong when a test fails. */
  output(): string
  /** Kills its process group (SIGKILL) and waits until it has exited. */
  stop(): Promise<void>
}

let bundled: Promise<string> | undefined

/** Bundles of test runs that are gone (their process id no longer exists); removed so they do not pile up. */
function removeStaleBundles(dir: string) {
  for (const name of readdirSync(dir)) {
    const pid = Number(/^instance-server-(\d+)\.mjs$/.exec(name)?.[1])
    if (!Number.isInteger(pid)) continue
    try {
      process.kill(pid, 0)
    } catch {
      rmSync(join(dir, name), { force: true })
    }
  }
}

/**
 * The server package's own dependencies stay outside the bundle (some are CommonJS, which an ESM bundle cannot
 * `require` Node's modules from); the bundle sits in the package's node_modules, so it finds them there.
 */
function packageDependencies(): string[] {
  const manifest = JSON.parse(readFileSync(join(serverRoot, 'package.json'), 'utf8')) as Record<string, Record<string, string>>
  return [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.devDependencies ?? {})].filter(
    (name) => !name.startsWith('@otpflow/'),
  )
}

function bundle(): Promise<string> {
  bundled ??= (async () => {
    const outDir = join(serverRoot, 'node_modules', '.cache', 'otpflow-instance-server')
    mkdirSync(outDir, { recursive: true })
    removeStaleBundles(outDir)
    const name = `instance-server-${process.pid}`
    await build({
      config: false,
      entry: { [name]: join(serverRoot, 'src/testing/instance-server.ts') },
      outDir,
      clean: false,
      format: ['esm'],
      outExtension: () => ({ js: '.mjs' }),
      platform: 'node',
      target: 'node20',
      silent: true,
      external: packageDependencies(),
      noExternal: [/^@otpflow\//],
      esbuildOptions(options) {
        options.conditions = ['source']
      },
    })
    return join(outDir, `${name}.mjs`)
  })()
  return bundled
}

const running = new Set<ChildProcess>()
let exitHookInstalled = false

function killGroup(child: ChildProcess) {
  if (child.pid === undefined) return
  try {
    process.kill(-child.pid, 'SIGKILL')
  } catch {}
}

const TAIL_LINES = 40

/**
 * Starts one endpoint process with exactly `env` (plus `PATH`, and `NODE_ENV=test` unless given): nothing leaks in
 * from the test runner's own environment. Resolves once it listens. Stop it in `afterAll`; a test process that dies
 * first still kills it on exit.
 */
export async function startInstance(env: Readonly<Record<string, string>>): Promise<EndpointInstance> {
  const entry = await bundle()
  if (!exitHookInstalled) {
    exitHookInstalled = true
    process.once('exit', () => {
      for (const child of running) killGroup(child)
    })
  }
  const child = spawn(process.execPath, [entry], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.add(child)
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      running.delete(child)
      resolve()
    }),
  )
  const tail: string[] = []
  const keep = (line: string) => {
    tail.push(line)
    if (tail.length > TAIL_LINES) tail.shift()
  }
  createInterface({ input: child.stderr }).on('line', keep)
  const stdout = createInterface({ input: child.stdout })

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) killGroup(child)
    await exited
  }
  const origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the endpoint process did not listen within 15 s:\n${tail.join('\n')}`)),
      15_000,
    )
    let first = true
    stdout.on('line', (line) => {
      if (first && line.startsWith('http://')) {
        first = false
        clearTimeout(timer)
        resolve(line.trim())
      } else keep(line)
    })
    void exited.then(() => {
      clearTimeout(timer)
      reject(
        new Error(`the endpoint process exited (${child.exitCode ?? child.signalCode}) before listening:\n${tail.join('\n')}`),
      )
    })
  }).catch(async (error: unknown) => {
    await stop()
    throw error
  })

  return {
    origin,
    pid: child.pid as number,
    output: () => tail.join('\n'),
    stop,
  }
}

/** Starts `count` endpoint processes with the same environment, side by side. */
export async function startInstances(count: number, env: Readonly<Record<string, string>>): Promise<EndpointInstance[]> {
  const started = await Promise.allSettled(Array.from({ length: count }, () => startInstance(env)))
  const instances = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []))
  const failed = started.find((result) => result.status === 'rejected')
  if (failed !== undefined) {
    await Promise.all(instances.map((instance) => instance.stop()))
    throw failed.reason
  }
  return instances
}
