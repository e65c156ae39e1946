import type { OtpLogEntry } from '../log'
import type { Answer } from './answer'
import type { RequestContext } from './context'

/** The line of one answered request: warnings for refusals (403, 429), errors for 5xx. */
export function requestLogEntry(ctx: RequestContext, answer: Answer): OtpLogEntry {
  const entry: OtpLogEntry = {
    level: answer.logLevel ?? (answer.status >= 500 ? 'error' : answer.status === 429 || answer.status === 403 ? 'warn' : 'info'),
    route: ctx.route,
    method: ctx.request.method,
    status: answer.status,
    outcome: answer.outcome,
    durationMs: Math.round((performance.now() - ctx.started) * 100) / 100,
    provider: ctx.config.provider.name,
  }
  if (ctx.maskedPhoneNumber !== undefined) entry.phoneNumber = ctx.maskedPhoneNumber
  if (ctx.alert !== undefined) {
    // A fraud defence tripped: the operator must hear of it, whatever the answer's own level.
    entry.alert = ctx.alert
    if (entry.level === 'info') entry.level = 'warn'
  }
  const details: string[] = []
  if (answer.detail !== undefined) details.push(answer.detail)
  else if (ctx.storeFallback !== undefined) {
    // Served, but counted where other instances cannot see it: the limits hold per instance only until the store is back.
    entry.level = entry.level === 'error' ? 'error' : 'warn'
    details.push(`The store is out of reach: counted in this process's memory (storeFailure: 'open'): ${ctx.storeFallback}`)
  }
  if (ctx.alertFailure !== undefined) details.push(ctx.alertFailure)
  if (details.length > 0) entry.detail = details.join('; ')
  return entry
}
