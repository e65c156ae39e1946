import { describe, expect, it } from 'vitest'
import { jsonLinesLogger, maskPhoneNumber, type OtpLogEntry } from './log'

const entry = (overrides: Partial<OtpLogEntry> = {}): OtpLogEntry => ({
  level: 'info',
  route: 'send',
  method: 'POST',
  status: 200,
  outcome: 'pending',
  durationMs: 1.5,
  provider: 'sandbox',
  ...overrides,
})

function setup() {
  const writes = { stdout: [] as string[], stderr: [] as string[] }
  const scheduled: Array<() => void> = []
  const exitHooks: Array<() => void> = []
  const logger = jsonLinesLogger({
    stdout: { write: (chunk: string) => writes.stdout.push(chunk) },
    stderr: { write: (chunk: string) => writes.stderr.push(chunk) },
    schedule: (flush) => scheduled.push(flush),
    onExit: (flush) => exitHooks.push(flush),
  })
  const runScheduled = () => {
    for (const flush of scheduled.splice(0)) flush()
  }
  return { writes, scheduled, exitHooks, logger, runScheduled }
}

describe('jsonLinesLogger', () => {
  it('writes the lines of one turn in one write per stream, in order, after the turn', () => {
    const { writes, scheduled, logger, runScheduled } = setup()
    logger(entry({ outcome: 'pending' }))
    logger(entry({ outcome: 'invalid', route: 'check' }))
    logger(entry({ level: 'warn', status: 429, outcome: 'rate_limited' }))
    expect(writes.stdout).toEqual([])
    expect(scheduled).toHaveLength(1)

    runScheduled()
    expect(writes.stdout).toHaveLength(1)
    const lines = (writes.stdout[0] as string).split('\n')
    expect(lines.at(-1)).toBe('')
    expect(lines.slice(0, -1).map((line) => JSON.parse(line).outcome)).toEqual(['pending', 'invalid'])
    expect(JSON.parse(lines[0] as string)).toMatchObject({ msg: 'otp', route: 'send', status: 200, provider: 'sandbox' })
    expect(writes.stderr).toHaveLength(1)
    expect(JSON.parse(writes.stderr[0] as string)).toMatchObject({ level: 'warn', outcome: 'rate_limited' })
  })

  it('schedules again for the next turn once a batch is out', () => {
    const { writes, scheduled, logger, runScheduled } = setup()
    logger(entry())
    runScheduled()
    logger(entry({ outcome: 'valid' }))
    expect(scheduled).toHaveLength(1)
    runScheduled()
    expect(writes.stdout.map((chunk) => JSON.parse(chunk).outcome)).toEqual(['pending', 'valid'])
  })

  it('writes what is pending when the process exits', () => {
    const { writes, exitHooks, logger } = setup()
    logger(entry({ level: 'error', status: 502, outcome: 'upstream_error', detail: 'Ding answered 500' }))
    expect(exitHooks).toHaveLength(1)
    for (const hook of exitHooks) hook()
    expect(JSON.parse(writes.stderr[0] as string)).toMatchObject({ outcome: 'upstream_error', detail: 'Ding answered 500' })
  })

  it('hooks the exit once, however many batches go out', () => {
    const { exitHooks, logger, runScheduled } = setup()
    for (let turn = 0; turn < 3; turn += 1) {
      logger(entry())
      runScheduled()
    }
    expect(exitHooks).toHaveLength(1)
  })

  it('writes a large burst before the turn ends instead of holding it', () => {
    const { writes, logger } = setup()
    const detail = 'x'.repeat(2000)
    for (let index = 0; index < 40; index += 1) logger(entry({ detail }))
    expect(writes.stdout.length).toBeGreaterThan(0)
    const written = writes.stdout.join('').split('\n').filter(Boolean)
    expect(written.every((line) => JSON.parse(line).detail === detail)).toBe(true)
  })
})

describe('maskPhoneNumber', () => {
  it('keeps the calling code and the last four digits', () => {
    expect(maskPhoneNumber('+447700900123')).toBe('+44•••••0123')
  })

  it('masks anything that is not an E.164 number entirely', () => {
    expect(maskPhoneNumber('not a number')).toBe('•••')
  })
})
