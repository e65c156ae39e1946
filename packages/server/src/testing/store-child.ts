import { type ChildProcess, spawn } from 'node:child_process'
import { mkdirSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface, type Interface } from 'node:readline'
import { build } from 'tsup'

const serverRoot = new URL('../../', import.meta.url).pathname

/**
 * The Redis store in another Node process. Its entry is bundled first (Node 20 runs no TypeScript), into a folder
 * under the package's node_modules so the bundle still finds `redis` there.
 */
export interface StoreChild {
  /** Runs `times` concurrent increments of `key` in the child; resolves with the counts it saw. */
  increment(key: string, times: number, windowSeconds: number): Promise<number[]>
  /** Runs `times` concurrent `setIfAbsent` of `key` in the child; resolves with their answers. */
  setIfAbsent(key: string, times: number): Promise<boolean[]>
  close(): Promise<void>
}

let bundled: Promise<string> | undefined

/** Bundles of test runs that are gone (their process id no longer exists); removed so they do not pile up. */
function removeStaleBundles(dir: string) {
  for (const name of readdirSync(dir)) {
    const pid = Number(/^store-child-(\d+)\.mjs$/.exec(name)?.[1])
    if (!Number.isInteger(pid)) continue
    try {
      process.kill(pid, 0)
    } catch {
      rmSync(join(dir, name), { force: true })
    }
  }
}

function bundle(): Promise<string> {
  bundled ??= (async () => {
    const outDir = join(serverRoot, 'node_modules', '.cache', 'otpflow-store-child')
    mkdirSync(outDir, { recursive: true })
    removeStaleBundles(outDir)
    const name = `store-child-${process.pid}`
    await build({
      config: false,
      entry: { [name]: join(serverRoot, 'src/testing/store-child-main.ts') },
      outDir,
      clean: false,
      format: ['esm'],
      outExtension: () => ({ js: '.mjs' }),
      platform: 'node',
      target: 'node20',
      silent: true,
      external: ['redis'],
      noExternal: ['@otpflow/core'],
      esbuildOptions(options) {
        options.conditions = ['source']
      },
    })
    return join(outDir, `${name}.mjs`)
  })()
  return bundled
}

export async function startStoreChild(url: string, prefix: string): Promise<StoreChild> {
  const entry = await bundle()
  const child: ChildProcess = spawn(process.execPath, [entry, url, prefix], { stdio: ['pipe', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const lines: Interface = createInterface({ input: child.stdout as NodeJS.ReadableStream })
  const iterator = lines[Symbol.asyncIterator]()
  const nextLine = async (): Promise<string> => {
    const next = await iterator.next()
    if (next.done) throw new Error(`the store child exited: ${stderr.trim()}`)
    return next.value
  }
  const first = await nextLine()
  if (first !== 'ready') throw new Error(`the store child said ${first}: ${stderr.trim()}`)

  const ask = async <T>(command: object): Promise<T> => {
    child.stdin?.write(`${JSON.stringify(command)}\n`)
    return JSON.parse(await nextLine()) as T
  }
  return {
    increment: (key, times, windowSeconds) => ask({ increment: key, times, windowSeconds }),
    setIfAbsent: (key, times) => ask({ setIfAbsent: key, times }),
    async close() {
      if (child.exitCode !== null) return
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.stdin?.end()
      await exited
    },
  }
}
