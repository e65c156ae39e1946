/** What a route answers, before it becomes a `Response`; the log line reads it too. */
export interface Answer {
  status: number
  /** JSON body; none on 204. */
  body: unknown
  /** The business status (`pending`, `valid`…) or the error code, for the log. */
  outcome: string
  headers?: Record<string, string>
  /** For the log only. */
  detail?: string
  /** The log line's level, when the status alone would not say it. */
  logLevel?: 'info' | 'warn' | 'error'
}

/** The answer as a JSON `Response` that no cache keeps, with the CORS headers of its origin. */
export function toResponse(answer: Answer, cors: Record<string, string> | undefined): Response {
  const empty = answer.status === 204
  const headers: Record<string, string> = empty
    ? {}
    : { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }
  if (cors !== undefined) Object.assign(headers, cors)
  if (answer.headers !== undefined) Object.assign(headers, answer.headers)
  return new Response(empty ? null : JSON.stringify(answer.body), { status: answer.status, headers })
}
