import type { OtpAlert } from './fraud/alerts'

/** One line per request. */
export interface OtpLogEntry {
  level: 'info' | 'warn' | 'error'
  /** `send`, `check`, `retry`, `outbox`, or `unknown` for paths outside the routes. */
  route: string
  method: string
  /** HTTP status answered. */
  status: number
  /** The business status (`pending`, `valid`, `invalid`…) or the error code. */
  outcome: string
  durationMs: number
  /** Masked: `+44•••••0123`. */
  phoneNumber?: string
  provider: string
  /** Server-side detail of a provider failure or a refusal (never sent to the client). */
  detail?: string
  /** A fraud defence tripped on this request (the conversion guard, a send budget): also given to `onAlert`. */
  alert?: OtpAlert
}

export type OtpLogger = (entry: OtpLogEntry) => void

interface LineSink {
  write(chunk: string): unknown
}

/** Node's standard streams when there are some (Node, Bun, Deno); edge runtimes fall back to `console`. */
const stdio: { stdout: LineSink; stderr: LineSink } | undefined =
  typeof process === 'object' &&
  process !== null &&
  typeof process.stdout?.write === 'function' &&
  typeof process.stderr?.write === 'function'
    ? process
    : undefined

/** A batch is written early once it holds this much, so a burst cannot pile up in memory. */
const MAX_BATCH_CHARS = 64 * 1024

export interface JsonLinesLoggerOptions {
  /** Gets `info` lines. */
  stdout: LineSink
  /** Gets `warn` and `error` lines. */
  stderr: LineSink
  /** Runs a flush after the current turn. @default setImmediate where there is one, else setTimeout 0 */
  schedule?: (flush: () => void) => void
  /** Runs a flush when the process exits (the streams of a Node process are written synchronously then). @default process' `exit` event */
  onExit?: (flush: () => void) => void
}

const defaultSchedule = (flush: () => void) => {
  if (typeof setImmediate === 'function') setImmediate(flush)
  else setTimeout(flush, 0)
}

const defaultOnExit = (flush: () => void) => {
  if (typeof process === 'object' && process !== null && typeof process.once === 'function') process.once('exit', flush)
}

/**
 * One JSON line per entry, written in batches: the lines of one event-loop turn go out in one `write` per stream after it,
 * so a busy endpoint makes one system call per turn instead of one per request. Lines still pending when the process
 * exits are written on the way out.
 *
 * Why not a plain write per line: under the bench's load (50 connections, about 37 lines per turn, stdout on
 * /dev/null), writing each line as it comes cost 7.0 % more CPU per `check` and 12.5 % per `send` in the endpoint's
 * process (medians of 9 alternating rounds, 2026-12-04; apps/bench/README.md, "The handler's speed tricks, measured").
 */
export function jsonLinesLogger(options: JsonLinesLoggerOptions): OtpLogger {
  const schedule = options.schedule ?? defaultSchedule
  let out = ''
  let err = ''
  let scheduled = false
  let exitHooked = false
  const flush = () => {
    scheduled = false
    if (out !== '') {
      const chunk = out
      out = ''
      options.stdout.write(chunk)
    }
    if (err !== '') {
      const chunk = err
      err = ''
      options.stderr.write(chunk)
    }
  }
  return (entry) => {
    // `msg` first, without copying the entry into a new object on every request.
    const line = `{"msg":"otp",${JSON.stringify(entry).slice(1)}\n`
    if (entry.level === 'info') out += line
    else err += line
    if (out.length + err.length >= MAX_BATCH_CHARS) {
      flush()
      return
    }
    if (scheduled) return
    scheduled = true
    if (!exitHooked) {
      exitHooked = true
      ;(options.onExit ?? defaultOnExit)(flush)
    }
    schedule(flush)
  }
}

/**
 * The default logger: JSON lines, `info` on stdout and warnings and errors on stderr, batched per event-loop turn
 * ({@link jsonLinesLogger}). Without Node-style streams (edge runtimes) each line goes to `console` as it comes.
 */
export const consoleLogger: OtpLogger =
  stdio !== undefined
    ? jsonLinesLogger(stdio)
    : (entry) => {
        const line = JSON.stringify({ msg: 'otp', ...entry })
        if (entry.level === 'info') console.log(line)
        else console.error(line)
      }

/** `+447700900123` → `+44•••••0123`: enough to tell numbers apart in a log, not enough to text one. */
export function maskPhoneNumber(phoneNumber: string): string {
  if (!/^\+\d{7,15}$/.test(phoneNumber)) return '•••'
  return `${phoneNumber.slice(0, 3)}•••••${phoneNumber.slice(-4)}`
}
