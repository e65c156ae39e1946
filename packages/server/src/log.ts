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

/** Writes each entry as one JSON line: stdout for info, stderr for warnings and errors. */
export const consoleLogger: OtpLogger = (entry) => {
  const line = JSON.stringify({ msg: 'otp', ...entry })
  if (entry.level === 'info') console.log(line)
  else console.error(line)
}

/** `+447700900123` → `+44•••••0123`: enough to tell numbers apart in a log, not enough to text one. */
export function maskPhoneNumber(phoneNumber: string): string {
  if (!/^\+\d{7,15}$/.test(phoneNumber)) return '•••'
  return `${phoneNumber.slice(0, 3)}•••••${phoneNumber.slice(-4)}`
}
