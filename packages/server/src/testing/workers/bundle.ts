import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'tsup'

export interface WorkerModule {
  type: 'ESModule'
  path: string
  contents: string
}

/**
 * Bundles `worker.ts` for workerd with esbuild (through tsup), as wrangler does: every dependency inlined, `node:*`
 * left to the runtime's `nodejs_compat`, and the `require()` of a built-in by CommonJS code (fast-jwt's
 * `require('node:crypto')`) answered by the runtime's own `createRequire`, which wrangler arranges by itself. `redis`
 * stays out: it is loaded, as its own chunk, only when REDIS_URL is set. Returns the modules, entry first.
 */
export async function bundleWorker(): Promise<WorkerModule[]> {
  const outDir = mkdtempSync(join(tmpdir(), 'otpflow-worker-'))
  try {
    await build({
      config: false,
      entry: { worker: fileURLToPath(new URL('./worker.ts', import.meta.url)) },
      outDir,
      format: ['esm'],
      platform: 'neutral',
      target: 'es2022',
      splitting: true,
      dts: false,
      sourcemap: false,
      silent: true,
      // Everything but redis and the runtime's built-ins.
      noExternal: [/^(?!redis$|node:)/],
      external: [/^node:/, 'redis'],
      esbuildOptions(options) {
        options.conditions = ['source', 'workerd', 'worker', 'import', 'default']
        options.mainFields = ['module', 'main']
        options.banner = { js: "import { createRequire } from 'node:module'; const require = createRequire('/');" }
      },
    })
    const files = readdirSync(outDir).sort((a, b) => Number(b === 'worker.js') - Number(a === 'worker.js'))
    return files.map((file) => ({ type: 'ESModule', path: file, contents: readFileSync(join(outDir, file), 'utf8') }))
  } finally {
    rmSync(outDir, { recursive: true, force: true })
  }
}
