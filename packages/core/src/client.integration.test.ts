import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOtpClient } from './client'

interface Seen {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
}

const seen: Seen[] = []
const server = createServer((req, res) => {
  let body = ''
  req.on('data', (chunk) => {
    body += chunk
  })
  req.on('end', () => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body })
    res.setHeader('content-type', 'application/json')
    if (req.url === '/v1/authentication') {
      res.end(
        JSON.stringify({
          authentication_uuid: 'auth-1',
          status: 'pending',
          created_at: '2026-11-26T10:00:00Z',
          expires_at: '2026-11-26T10:10:00Z',
        }),
      )
    } else if (req.url === '/v1/check') {
      res.statusCode = 400
      res.end(
        JSON.stringify({ code: 'invalid_auth_uuid', message: 'unknown authentication', doc_url: 'https://docs.example/errors' }),
      )
    } else {
      res.statusCode = 404
      res.end('{}')
    }
  })
})
let baseUrl = ''

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

describe('against a real HTTP server on 127.0.0.1', () => {
  it('sends what Ding expects: method, path, headers and body', async () => {
    const client = createOtpClient({
      baseUrl,
      apiKey: 'live-key',
      customerUuid: 'c2a6a2a5-9f5e-4c0c-9c3f-3b1f7c5f0d11',
      headers: { 'x-trace': 't1' },
    })
    const result = await client.createAuthentication({ phoneNumber: '+33612345678', locale: 'fr-FR' })
    expect(result).toMatchObject({ authenticationUuid: 'auth-1', status: 'pending', expiresAt: new Date('2026-11-26T10:10:00Z') })
    expect(result.meta.serverDate).toBeInstanceOf(Date)
    const request = seen.at(-1)
    expect(request?.method).toBe('POST')
    expect(request?.url).toBe('/v1/authentication')
    expect(request?.headers['x-api-key']).toBe('live-key')
    expect(request?.headers['content-type']).toBe('application/json')
    expect(request?.headers.accept).toBe('application/json')
    expect(request?.headers['x-trace']).toBe('t1')
    expect(JSON.parse(request?.body ?? '')).toEqual({
      customer_uuid: 'c2a6a2a5-9f5e-4c0c-9c3f-3b1f7c5f0d11',
      phone_number: '+33612345678',
      locale: 'fr-FR',
    })
  })

  it('turns the real 400 answer into an OtpError', async () => {
    const client = createOtpClient({ baseUrl, apiKey: 'live-key', customerUuid: 'c2a6a2a5-9f5e-4c0c-9c3f-3b1f7c5f0d11' })
    await expect(client.check({ authenticationUuid: 'nope', checkCode: '000000' })).rejects.toMatchObject({
      code: 'invalid_auth_uuid',
      status: 400,
      docUrl: 'https://docs.example/errors',
    })
  })

  it('reads a closed port as network_error', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    const client = createOtpClient({ baseUrl: `http://127.0.0.1:${port}` })
    await expect(client.retry({ authenticationUuid: 'a' })).rejects.toMatchObject({ code: 'network_error' })
  })
})
