import type { OtpLogEntry } from '../log'
import type { Answer } from './answer'
import type { RequestContext } from './context'

/** The line of one answered request: warnings for refusals (403, 429), errors for 5xx. */
export function requestLogEntry(ctx: RequestContext, answer: Answer): OtpLogEntry {
  const entry: OtpLogEntry = {
    level: answer.status >= 500 ? 'error' : answer.status === 429 || answer.status === 403 ? 'warn' : 'info',
    route: ctx.route,
    method: ctx.request.method,
    status: answer.status,
    outcome: answer.outcome,
    durationMs: Math.round((performance.now() - ctx.started) * 100) / 100,
    provider: ctx.config.provider.name,
  }
  if (ctx.maskedPhoneNumber !== undefined) entry.phoneNumber = ctx.maskedPhoneNumber
  if (answer.detail !== undefined) entry.detail = answer.detail
  else if (ctx.storeFallback !== undefined) {
    // Served, but counted where other instances cannot see it: the limits hold per instance only until the store is back.
    entry.level = entry.level === 'error' ? 'error' : 'warn'
    entry.detail = `The store is out of reach: counted in this process's memory (storeFailure: 'open'): ${ctx.storeFallback}`
  }
  return entry
}
