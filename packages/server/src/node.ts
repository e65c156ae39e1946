/*
 * Mounting the endpoint on a Node server. `@hono/node-server` (its `serve` and `getRequestListener`, which Vite's dev
 * server, Express and Connect mount) hands a Fetch `Request` plus Node's own request as `env.incoming`: the socket
 * knows the client address, and a body parser mounted before the endpoint may have read the body already.
 */
import { HttpError } from './http/http-error'

/** What the endpoint reads of Node's `IncomingMessage`. */
export interface NodeIncomingMessage {
  socket?: { remoteAddress?: string }
  /** Ended once a body parser mounted before the endpoint (Express's `express.json()`…) has read the body. */
  readableEnded?: boolean
  /** What that body parser left: an object (`express.json()`), a string (`express.text()`) or bytes (`express.raw()`). */
  body?: unknown
}

/** The `env` `@hono/node-server` passes beside the `Request`. */
export interface NodeBindings {
  incoming?: NodeIncomingMessage
}

/**
 * The endpoint as `@hono/node-server` calls it: the client address from the socket, and the body from a body parser
 * mounted before it when that parser has read it (Express `app.use(express.json())` before the endpoint).
 *
 * @example
 * import { serve, getRequestListener } from '@hono/node-server'
 * serve({ fetch: toNodeHandler(handler), port: 3000 })
 * app.use('/api/otp', getRequestListener(toNodeHandler(handler))) // Express, Connect, Vite's dev server
 */
export function toNodeHandler(
  handler: (request: Request, info?: { ip?: string }) => Promise<Response>,
): (request: Request, env?: NodeBindings) => Promise<Response> {
  return (request, env) => {
    const incoming = env?.incoming
    if (incoming === undefined) return handler(request)
    const ip = incoming.socket?.remoteAddress
    return handler(fromNodeRequest(request, incoming), ip === undefined ? {} : { ip })
  }
}

/**
 * The `Request` to read for a Node request: the same one, or, once a body parser mounted before the endpoint has read
 * the stream, a copy carrying what the parser left. When it left nothing usable, reading the copy's body fails with a
 * 500 whose detail says why.
 */
export function fromNodeRequest(request: Request, incoming: NodeIncomingMessage): Request {
  if (incoming.readableEnded !== true || request.method !== 'POST') return request
  const left = incoming.body
  let body: BodyInit
  if (typeof left === 'string') body = left
  else if (left instanceof Uint8Array) body = new TextDecoder().decode(left)
  else if (typeof left === 'object' && left !== null) body = JSON.stringify(left)
  else {
    const lost = new HttpError('server_error', {
      detail:
        'The request body was read before the handler, and nothing it could use was left (a body parser mounted before it?)',
    })
    body = new ReadableStream({ start: (controller) => controller.error(lost) })
  }
  const init: RequestInit & { duplex: 'half' } = {
    method: 'POST',
    headers: request.headers,
    body,
    signal: request.signal,
    duplex: 'half',
  }
  return new Request(request.url, init)
}
