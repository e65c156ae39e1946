/** The plumbing shared by the provider fakes: a real `node:http` server on 127.0.0.1, port 0, recording every request. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One request as the fake received it. */
export interface FakeRequest {
  method: string
  path: string
  /** Header names in lower case. */
  headers: Record<string, string>
  rawBody: string
  /** The parsed body (JSON object or form fields), or `undefined` when it could not be parsed. */
  body: Record<string, unknown> | undefined
}

/** A raw answer queued by `failNext`. */
export interface FakeResponse {
  status: number
  /** An object is sent as JSON; a string as it is. */
  body?: unknown
  headers?: Record<string, string>
}

export async function readRequest(request: IncomingMessage): Promise<FakeRequest> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  const rawBody = Buffer.concat(chunks).toString('utf8')
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
  }
  const contentType = headers['content-type'] ?? ''
  let body: Record<string, unknown> | undefined
  try {
    if (contentType.startsWith('application/json')) body = JSON.parse(rawBody) as Record<string, unknown>
    else if (contentType.startsWith('application/x-www-form-urlencoded')) body = Object.fromEntries(new URLSearchParams(rawBody))
  } catch {
    body = undefined
  }
  return { method: request.method ?? 'GET', path: (request.url ?? '/').split('?')[0] ?? '/', headers, rawBody, body }
}

export function writeResponse(response: ServerResponse, answer: FakeResponse): void {
  const text = typeof answer.body === 'string' ? answer.body : answer.body === undefined ? '' : JSON.stringify(answer.body)
  const contentType = typeof answer.body === 'string' ? 'text/html' : 'application/json'
  response.writeHead(answer.status, { 'content-type': contentType, ...answer.headers })
  response.end(text)
}

export function listen(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<{
  port: number
  close: () => Promise<void>
}> {
  const server = createServer(handler)
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      resolve({
        port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections()
            server.close(() => done())
          }),
      })
    })
  })
}
