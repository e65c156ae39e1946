import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import react from '@vitejs/plugin-react'
import { build, defaultClientConditions, type Manifest } from 'vite'
import { fixturesDir, outRoot } from './fixtures.ts'

export interface BuildOptions {
  /** Use React's profiling build, so `<Profiler onRender>` reports commits in production code. */
  profiling?: boolean
  /** Folder under `.fixtures-out/`; defaults to the fixture's name. */
  outName?: string
}

/**
 * Builds `fixtures/<name>` for production with Vite, as an app would ship it.
 *
 * Workspace packages resolve to their sources through the `source` condition, so the measured code is the
 * current source, minified and tree-shaken the way an app's build would do it.
 */
export async function buildFixture(name: string, options: BuildOptions = {}): Promise<string> {
  const outDir = join(outRoot, options.outName ?? name)
  // Vite takes the build's NODE_ENV from the environment when it is set: under vitest it is 'test', which would
  // ship React's development build. An app's production build runs with 'production'.
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    await viteBuild(name, outDir, options)
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV
    else process.env.NODE_ENV = nodeEnv
  }
  return outDir
}

function viteBuild(name: string, outDir: string, options: BuildOptions) {
  return build({
    configFile: false,
    envFile: false,
    root: join(fixturesDir, name),
    base: './',
    mode: 'production',
    logLevel: 'error',
    cacheDir: join(outRoot, '.vite-cache'),
    publicDir: false,
    resolve: {
      conditions: ['source', ...defaultClientConditions],
      alias: options.profiling ? [{ find: /^react-dom\/client$/, replacement: 'react-dom/profiling' }] : [],
    },
    plugins: [react()],
    build: { outDir, emptyOutDir: true, manifest: true, reportCompressedSize: false, sourcemap: false },
  })
}

export interface FileSize {
  file: string
  bytes: number
  gzip: number
  brotli: number
  /** Loaded before first render: the entry chunk, its static imports and their CSS. */
  initial: boolean
}

export interface Measurement {
  files: FileSize[]
  gzip: number
  brotli: number
  initialGzip: number
  initialBrotli: number
  /** Origins of absolute http(s) URLs written in the emitted JS and CSS. */
  urlOrigins: string[]
}

const gzip = (buffer: Buffer) => gzipSync(buffer, { level: 9 }).length
const brotli = (buffer: Buffer) =>
  brotliCompressSync(buffer, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buffer.length },
  }).length

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(m?js|css)$/.test(entry.name))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .filter((file) => !file.startsWith('.vite'))
    .sort()
}

/** The files `index.html` loads before the app's first render: entry chunk, static imports (transitively), their CSS. */
export function initialFiles(manifest: Manifest): Set<string> {
  const files = new Set<string>()
  const visit = (key: string) => {
    const chunk = manifest[key]
    if (!chunk || files.has(chunk.file)) return
    files.add(chunk.file)
    for (const css of chunk.css ?? []) files.add(css)
    for (const imported of chunk.imports ?? []) visit(imported)
  }
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key)
  return files
}

const URL_PATTERN = /https?:\/\/[a-z0-9][a-z0-9.-]*[a-z0-9](?::\d+)?/gi

/** Sizes of every emitted .js and .css file, compressed the way a server would send them. */
export function measureBuild(outDir: string): Measurement {
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8')) as Manifest
  const initial = initialFiles(manifest)
  const origins = new Set<string>()
  const files = listFiles(outDir).map((file): FileSize => {
    const buffer = readFileSync(join(outDir, file))
    for (const match of buffer.toString('utf8').matchAll(URL_PATTERN)) origins.add(match[0].toLowerCase())
    return { file, bytes: buffer.length, gzip: gzip(buffer), brotli: brotli(buffer), initial: initial.has(file) }
  })
  const sum = (pick: (file: FileSize) => number, only = (_: FileSize) => true) =>
    files.filter(only).reduce((total, file) => total + pick(file), 0)
  return {
    files,
    gzip: sum((file) => file.gzip),
    brotli: sum((file) => file.brotli),
    initialGzip: sum(
      (file) => file.gzip,
      (file) => file.initial,
    ),
    initialBrotli: sum(
      (file) => file.brotli,
      (file) => file.initial,
    ),
    urlOrigins: [...origins].sort(),
  }
}
