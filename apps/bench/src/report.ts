import { SIZE_FIXTURES } from './fixtures.ts'
import type { RenderResult } from './render.ts'
import type { ServerFigures, ServerResult } from './server.ts'
import type { ServerRedisResult } from './server-redis.ts'
import type { SizeEntry, SizeResult } from './size.ts'

export interface BenchResults {
  size?: SizeResult
  render?: RenderResult
  /** `redis`: the endpoint with its limits on Redis, beside the memory store and the bare route (./server-redis.ts). */
  server?: ServerResult & { redis?: ServerRedisResult }
}

export interface Target {
  id: string
  description: string
  value: number | string | null
  limit: string
  /** `null` when the figure could not be measured in this run. */
  pass: boolean | null
}

const entry = (size: SizeResult | undefined, key: string): SizeEntry | undefined => {
  const value = size?.[key]
  return value && 'gzip' in value ? value : undefined
}

const ratio = (ours: number | undefined, peer: number | undefined) =>
  ours === undefined || peer === undefined || peer <= 0 ? null : Math.round((ours / peer) * 1000) / 1000

/** The comparisons that matter for a user choosing a kit: our fixture's increment over the peer's. */
const SIZE_PAIRS = [
  ['phoneVerify', 'assembledPeers'],
  ['phoneVerify', 'assembledPeersIntlPhone'],
  ['phoneVerify', 'stytchReact'],
  ['phoneVerify', 'firebaseUi'],
  ['phoneField', 'reactPhoneNumberInput'],
  ['codeField', 'inputOtp'],
] as const

export function sizeRatios(size: SizeResult | undefined) {
  const ratios: Record<string, { gzipOverBaseline: number | null; initialGzipOverBaseline: number | null }> = {}
  for (const [ours, peer] of SIZE_PAIRS) {
    const a = entry(size, ours)
    const b = entry(size, peer)
    ratios[`${ours}/${peer}`] = {
      gzipOverBaseline: ratio(a?.gzipOverBaseline, b?.gzipOverBaseline),
      initialGzipOverBaseline: ratio(a?.initialGzipOverBaseline, b?.initialGzipOverBaseline),
    }
  }
  return ratios
}

const figures = (value: ServerFigures | { error: string } | undefined) => (value && 'rps' in value ? value : undefined)
const check = (value: number | null | undefined, pass: (value: number) => boolean) =>
  value === null || value === undefined ? null : pass(value)

/** The targets, each with the figure it was judged on. Reported, never asserted. */
export function targets(results: BenchResults): Target[] {
  const list: Target[] = []
  const ours = entry(results.size, 'phoneVerify')
  const assembled = entry(results.size, 'assembledPeers')
  const stytch = entry(results.size, 'stytchReact')
  const total = ratio(ours?.gzipOverBaseline, assembled?.gzipOverBaseline)
  list.push({
    id: 'size.total',
    description: 'phoneVerify.gzipOverBaseline / assembledPeers.gzipOverBaseline',
    value: total,
    limit: '<= 0.8',
    pass: check(total, (v) => v <= 0.8),
  })
  const initial = ratio(ours?.initialGzipOverBaseline, assembled?.initialGzipOverBaseline)
  list.push({
    id: 'size.initial',
    description: 'phoneVerify.initialGzipOverBaseline / assembledPeers.initialGzipOverBaseline',
    value: initial,
    limit: '<= 0.5',
    pass: check(initial, (v) => v <= 0.5),
  })
  list.push({
    id: 'size.initialVsStytch',
    description: 'phoneVerify.initialGzipOverBaseline vs stytchReact.initialGzipOverBaseline (bytes)',
    value: ours && stytch ? `${ours.initialGzipOverBaseline} vs ${stytch.initialGzipOverBaseline}` : null,
    limit: 'below',
    pass: ours && stytch ? ours.initialGzipOverBaseline < stytch.initialGzipOverBaseline : null,
  })
  const oursKeys = SIZE_FIXTURES.filter((fixture) => fixture.kind === 'ours').map((fixture) => fixture.key)
  const measuredOurs = oursKeys.map((key) => [key, entry(results.size, key)] as const).filter(([, value]) => value)
  const remote = measuredOurs.flatMap(([key, value]) => (value?.remoteRequests ?? []).map((url) => `${key}: ${url}`))
  const checked = measuredOurs.length > 0 && measuredOurs.every(([, value]) => value?.remoteRequests !== null)
  list.push({
    id: 'size.noRemoteRequests',
    description: `requests to another host from our fixtures (${measuredOurs.map(([key]) => key).join(', ') || 'none built'})`,
    value: checked ? remote.join('; ') || 'none' : null,
    limit: 'none',
    pass: checked ? remote.length === 0 : null,
  })
  for (const key of ['commitsPerCountdownTick', 'commitsPerPhoneKeystroke', 'commitsPerCodeKeystroke'] as const) {
    const value = results.render?.[key] ?? null
    list.push({ id: `render.${key}`, description: key, value, limit: '<= 1', pass: check(value, (v) => v <= 1) })
  }
  const server = results.server && 'bareHono' in results.server ? results.server : undefined
  for (const [route, ratioKey] of [
    ['send', 'ratioSend'],
    ['check', 'ratioCheck'],
  ] as const) {
    const value = server?.[ratioKey] ?? null
    list.push({
      id: `server.${ratioKey}`,
      description: `${route}: handler rps / bare Hono rps (median of alternating rounds)`,
      value,
      limit: '>= 0.5',
      pass: check(value, (v) => v >= 0.5),
    })
    const p99 = figures(server?.[route])?.p99Ms ?? null
    list.push({
      id: `server.${route}.p99Ms`,
      description: `${route}: p99 latency (ms)`,
      value: p99,
      limit: '< 20',
      pass: check(p99, (v) => v < 20),
    })
  }
  const redis = results.server?.redis && 'send' in results.server.redis ? results.server.redis : undefined
  for (const route of ['send', 'check'] as const) {
    const value = redis?.[route].redisOverMemory.median ?? null
    list.push({
      id: `server.redis.${route}.redisOverMemory`,
      description: `${route}: Redis store rps / memory store rps (median of alternating rounds)`,
      value,
      limit: '>= 0.6',
      pass: check(value, (v) => v >= 0.6),
    })
    for (const target of ['redis', 'twoProcesses'] as const) {
      const p99 = figures(redis?.[route][target])?.p99Ms ?? null
      list.push({
        id: `server.redis.${route}.${target}.p99Ms`,
        description: `${route}: p99 latency (ms), ${target === 'redis' ? 'one process' : 'two processes'} on Redis`,
        value: p99,
        limit: '< 25',
        pass: check(p99, (v) => v < 25),
      })
    }
  }
  return list
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`
const signedKb = (bytes: number) => `${bytes >= 0 ? '+' : ''}${kb(bytes)}`

function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)))
  const line = (cells: string[]) =>
    cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ')
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n')
}

/** The printed summary: one table per part, then the targets. */
export function formatReport(results: BenchResults, judged: Target[]): string {
  const out: string[] = []
  if (results.size) {
    const rows = SIZE_FIXTURES.filter((fixture) => results.size?.[fixture.key]).map((fixture) => {
      const value = results.size?.[fixture.key]
      if (!value || !('gzip' in value)) return [fixture.key, 'error', '', '', '', '', 'see below']
      const remote = value.remoteRequests === null ? '?' : String(value.remoteRequests.length)
      const hosts = [...new Set((value.remoteRequests ?? []).map((url) => new URL(url).host))].join(' ')
      return [
        fixture.key,
        kb(value.gzip),
        kb(value.brotli),
        fixture.key === 'baseline' ? '' : signedKb(value.gzipOverBaseline),
        fixture.key === 'baseline' ? '' : signedKb(value.initialGzipOverBaseline),
        `${value.initialFiles}/${value.files}`,
        remote === '0' ? '0' : `${remote} ${hosts}`,
      ]
    })
    out.push(
      'Size (gzip -9 and brotli of every emitted .js and .css; "over" = minus the React baseline)',
      table(['fixture', 'gzip', 'brotli', 'gzip over', 'initial over', 'files init/all', 'remote requests'], rows),
      ...Object.entries(results.size).flatMap(([key, value]) => ('error' in value ? [`  ${key}: ${value.error}`] : [])),
      '',
    )
    const ratioRows = Object.entries(sizeRatios(results.size)).map(([pair, value]) => [
      pair,
      String(value.gzipOverBaseline ?? '-'),
      String(value.initialGzipOverBaseline ?? '-'),
    ])
    out.push('Size ratios, ours / peer', table(['pair', 'gzip over', 'initial over'], ratioRows), '')
  }
  if (results.render) {
    const r = results.render
    out.push(
      'Render (Chromium, React profiling build)',
      table(
        ['measure', 'value'],
        [
          ['commits per countdown tick', String(r.commitsPerCountdownTick ?? '-')],
          ['commits per phone keystroke', String(r.commitsPerPhoneKeystroke ?? '-')],
          ['commits per code keystroke', String(r.commitsPerCodeKeystroke ?? '-')],
          ['ready ms, ours / blank (4x CPU)', `${r.readyMs ?? '-'} / ${r.blankReadyMs ?? '-'}`],
          ['readyRatioVsBlank', String(r.readyRatioVsBlank ?? '-')],
        ],
      ),
      ...r.errors.map((error) => `  error: ${error}`),
      '',
    )
  }
  if (results.server) {
    const s = results.server
    if ('error' in s) out.push(`Server: error: ${s.error}`, '')
    else {
      const row = (name: string, value: ServerFigures | { error: string }) =>
        'rps' in value
          ? [
              name,
              String(value.rps),
              String(value.p50Ms),
              String(value.p99Ms),
              String(value.cpuUsPerRequest ?? '-'),
              String(value.non2xx + value.errors),
            ]
          : [name, 'error', '', '', '', value.error.slice(0, 60)]
      out.push(
        `Server (autocannon, ${s.connections} connections, ${s.rounds} alternating rounds of ${s.durationSeconds} s per target, 127.0.0.1; medians)`,
        table(
          ['target', 'rps', 'p50 ms', 'p99 ms', 'cpu µs/req', 'non-2xx/errors'],
          [
            row('handler send', s.send),
            row('bare Hono send', s.bareHono),
            row('handler check', s.check),
            row('bare Hono check', s.bareHonoCheck),
          ],
        ),
        `ratioSend ${s.ratioSend ?? '-'} (rounds ${s.sendRounds.rounds.join(', ') || '-'})  ratioCheck ${s.ratioCheck ?? '-'} (rounds ${s.checkRounds.rounds.join(', ') || '-'})`,
        `cpuRatioSend ${s.cpuRatioSend?.median ?? '-'} (rounds ${s.cpuRatioSend?.rounds.join(', ') || '-'})  cpuRatioCheck ${s.cpuRatioCheck?.median ?? '-'} (rounds ${s.cpuRatioCheck?.rounds.join(', ') || '-'})`,
        '',
      )
    }
  }
  const redis = results.server?.redis
  if (redis && 'error' in redis) out.push(`Server on Redis: error: ${redis.error}`, '')
  else if (redis) {
    const row = (name: string, value: ServerFigures | { error: string }) =>
      'rps' in value
        ? [name, String(value.rps), String(value.p50Ms), String(value.p99Ms), String(value.non2xx + value.errors)]
        : [name, 'error', '', '', value.error.slice(0, 60)]
    const rows = (['send', 'check'] as const).flatMap((route) => [
      row(`bare Hono ${route}`, redis[route].bareHono),
      row(`memory store ${route}`, redis[route].memory),
      row(`Redis store ${route}`, redis[route].redis),
      row(`2 processes, Redis ${route}`, redis[route].twoProcesses),
    ])
    const ratios = (['send', 'check'] as const).map(
      (route) =>
        `${route}: Redis/memory ${redis[route].redisOverMemory.median ?? '-'} (rounds ${redis[route].redisOverMemory.rounds.join(', ') || '-'}), ` +
        `2 processes/memory ${redis[route].twoProcessesOverMemory.median ?? '-'}, memory/bare ${redis[route].memoryOverBare.median ?? '-'}`,
    )
    out.push(
      `Server on Redis (one local redis-server; autocannon, ${redis.connections} connections per target, split 2 × ${Math.floor(redis.connections / 2)} over two processes; ${redis.rounds} alternating rounds of ${redis.durationSeconds} s; medians)`,
      table(['target', 'rps', 'p50 ms', 'p99 ms', 'non-2xx/errors'], rows),
      ...ratios,
      '',
    )
  }
  out.push(
    'Targets (reported, not asserted)',
    table(
      ['target', 'value', 'limit', 'result'],
      judged.map((target) => [
        target.id,
        String(target.value ?? '-').slice(0, 60),
        target.limit,
        target.pass === null ? 'not measured' : target.pass ? 'pass' : 'FAIL',
      ]),
    ),
  )
  return out.join('\n')
}
