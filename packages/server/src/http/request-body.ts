import { type InputIssue, invalidInputError } from '@otpflow/core'
import { HttpError } from './http-error'

/**
 * Request bodies larger than this are refused (413). The bodies fit in a few hundred bytes, but a send may carry a
 * human check's token (`captcha_token`, up to 4096 characters: Turnstile's run to 2048, hCaptcha's and reCAPTCHA's
 * longer).
 */
export const MAX_BODY_BYTES = 8192

const tooLarge = () => new HttpError('payload_too_large', { message: `The body is larger than ${MAX_BODY_BYTES} bytes` })

/**
 * The JSON object a POST carries: `application/json` (415 otherwise), at most {@link MAX_BODY_BYTES} (413, from the
 * declared length before anything is read, and from what arrives), a JSON object (400 otherwise).
 */
export async function readJsonBody(request: Request): Promise<object> {
  const mediaType = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase()
  if (mediaType !== 'application/json') throw new HttpError('unsupported_media_type')
  const declared = request.headers.get('content-length')
  if (Number(declared ?? '0') > MAX_BODY_BYTES) throw tooLarge()
  let text: string
  if (declared !== null && /^\d+$/.test(declared)) {
    // The HTTP server stops the body at its declared length, so it can be read whole.
    text = await request.text()
    if (text.length > MAX_BODY_BYTES) throw tooLarge()
  } else {
    text = request.body === null ? '' : new TextDecoder().decode(await readLimited(request.body))
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new HttpError('invalid_request', { message: 'The body is not valid JSON' })
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HttpError('invalid_request', { message: 'The body must be a JSON object' })
  }
  return parsed
}

/** Reads a body to its end, and stops as soon as it passes {@link MAX_BODY_BYTES}: a length header can lie or be absent. */
async function readLimited(body: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => undefined)
      throw tooLarge()
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

/** The part of a zod schema read here (core's wire schemas). */
interface Schema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: readonly InputIssue[] } }
}

/**
 * The body as its route's schema reads it, or 400 `invalid_request` naming the first field at fault. A check or retry
 * whose only fault is its flow token is refused like a forged one: 401 `invalid_flow_token`.
 */
export function parseBody<T>(schema: Schema<T>, body: unknown): T {
  const parsed = schema.safeParse(body)
  if (parsed.success) return parsed.data
  const { issues } = parsed.error
  if (issues.length > 0 && issues.every((issue) => issue.path[0] === 'flow_token')) throw new HttpError('invalid_flow_token')
  const invalid = invalidInputError(issues, 'body')
  throw new HttpError('invalid_request', {
    message: invalid.message,
    ...(invalid.field === undefined ? {} : { field: invalid.field }),
  })
}
