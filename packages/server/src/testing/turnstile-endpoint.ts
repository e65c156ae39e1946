import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { turnstileVerifier } from '../fraud/captcha'
import { createOtpHandler } from '../handler'
import { sandboxProvider } from '../providers/sandbox'
import { type FakeSiteverify, startFakeSiteverify } from './fake-siteverify'

/** The site key the endpoint names in its `captcha_required` answers. */
export const TURNSTILE_SITE_KEY = '0x4AAAAAAA-public-site-key'
const TURNSTILE_SECRET = 'turnstile-secret-never-in-the-browser'

/** What the endpoint received on each send. */
export interface ReceivedSend {
  phone_number?: string
  captcha_token?: string
}

export interface TurnstileEndpoint {
  /** `http://127.0.0.1:<port>/api/otp`, for `createEndpointClient`. */
  baseUrl: string
  /** Every send's body, in order. */
  received: ReceivedSend[]
  siteverify: FakeSiteverify
  /** A token as the widget hands it over once a person solved it: the fake vendor passes it once. */
  solved(name: string): string
  close(): Promise<void>
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * The app's endpoint on loopback (`createOtpHandler` on the sandbox) asking for a Turnstile check on every send, its
 * tokens verified with a loopback fake of Turnstile's siteverify: the browser side's human check, tested against the
 * real endpoint.
 */
export async function startTurnstileEndpoint(): Promise<TurnstileEndpoint> {
  const siteverify = await startFakeSiteverify({ vendor: 'turnstile', secret: TURNSTILE_SECRET, siteKey: TURNSTILE_SITE_KEY })
  const handler = createOtpHandler({
    provider: sandboxProvider(),
    // As bytes: under jsdom, TextEncoder's arrays come from another realm than this one's Uint8Array.
    secret: Uint8Array.from(Buffer.from('turnstile-endpoint-secret-of-32-bytes-or-more')),
    // The test's requests carry no Origin, so the page a token was solved on is not compared.
    captcha: turnstileVerifier({
      secret: TURNSTILE_SECRET,
      siteKey: TURNSTILE_SITE_KEY,
      baseUrl: siteverify.url,
      hostnames: false,
    }),
    captchaPolicy: 'always',
    logger: () => {},
  })
  const received: ReceivedSend[] = []
  const server: Server = createServer((request, response) => {
    void (async () => {
      const text = await bodyOf(request)
      if (request.url?.endsWith('/authentication')) received.push(JSON.parse(text) as ReceivedSend)
      const answer = await handler(
        new Request(`http://127.0.0.1${request.url}`, {
          method: request.method ?? 'GET',
          headers: { 'content-type': request.headers['content-type'] ?? 'application/json' },
          ...(text === '' ? {} : { body: text }),
        }),
        { ip: '127.0.0.1' },
      )
      response.writeHead(answer.status, Object.fromEntries(answer.headers))
      response.end(await answer.text())
    })()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}/api/otp`,
    received,
    siteverify,
    solved: (name) => {
      siteverify.issue(name)
      return name
    },
    close: async () => {
      await new Promise((resolve) => server.close(resolve))
      await siteverify.close()
    },
  }
}
