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
  /** Server-side detail of a provider failure (never sent to the client). */
  detail?: string
}

export type OtpLogger = (entry: OtpLogEntry) => void

/** Node's standard streams when there are some (Node, Bun, Deno); edge runtimes fall back to `console`. */
const stdio: { stdout: { write(line: string): unknown }; stderr: { write(line: string): unknown } } | undefined =
  typeof process === 'object' &&
  process !== null &&
  typeof process.stdout?.write === 'function' &&
  typeof process.stderr?.write === 'function'
    ? process
    : undefined

/**
 * Writes each entry as one JSON line: stdout for info, stderr for warnings and errors. On Node it is one `write` of the
 * finished line, without `console`'s formatting pass, since it runs on every request.
 */
export const consoleLogger: OtpLogger = (entry) => {
  const line = JSON.stringify({ msg: 'otp', ...entry })
  if (stdio !== undefined) (entry.level === 'info' ? stdio.stdout : stdio.stderr).write(`${line}\n`)
  else if (entry.level === 'info') console.log(line)
  else console.error(line)
}

/** `+447700900123` → `+44•••••0123`: enough to tell numbers apart in a log, not enough to text one. */
export function maskPhoneNumber(phoneNumber: string): string {
  if (!/^\+\d{7,15}$/.test(phoneNumber)) return '•••'
  return `${phoneNumber.slice(0, 3)}•••••${phoneNumber.slice(-4)}`
}
