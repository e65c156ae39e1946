/**
 * A fake of Ding's OTP API V1 (`POST /v1/authentication`, `/v1/check`, `/v1/retry`) on a real HTTP server, for tests
 * of `dingProvider` without network or account. The answers come from the in-memory sandbox of `@otpflow/core`,
 * which speaks Ding's statuses and errors; this file adds the wire as Ding's reference describes it:
 *
 * - `x-api-key` is required: a wrong or missing key answers 403 `{"message":"Forbidden"}` (the API gateway's body).
 * - JSON bodies, each with the `customer_uuid`; a wrong one answers 400 `account_invalid`.
 * - Business outcomes are 200 with a status; errors are 400 `{ code, message, doc_url }`, server errors 500.
 *
 * The sandbox's test numbers (`SANDBOX_TEST_NUMBERS`) keep their scripted answers here.
 */
import { isOtpError } from '@otpflow/core'
import { createSandbox, type Sandbox, type SandboxOptions } from '@otpflow/core/sandbox'
import { type FakeRequest, type FakeResponse, listen, readRequest, writeResponse } from './fake-http'

export type { FakeRequest, FakeResponse } from './fake-http'

export interface FakeDingOptions extends SandboxOptions {
  /** @default 'test-ding-api-key' */
  apiKey?: string
  /** @default a fixed test UUID */
  customerUuid?: string
}

export interface FakeDing {
  /** Base URL to pass as `baseUrl`, e.g. `http://127.0.0.1:41234/v1`. */
  readonly url: string
  /** The host alone, e.g. `http://127.0.0.1:41234`, without Ding's `/v1`. */
  readonly origin: string
  readonly apiKey: string
  readonly customerUuid: string
  /** The sandbox behind the fake: its outbox holds the codes "sent". */
  readonly sandbox: Sandbox
  /** The code of the newest message to this number (read from the sandbox's outbox), as the other fakes offer. */
  latestCode(phoneNumber: string): string | undefined
  /** Every request received, oldest first. */
  readonly requests: FakeRequest[]
  /** Answers the next request with this response instead of the normal behaviour. */
  failNext(response: FakeResponse): void
  close(): Promise<void>
}

const iso = (date: Date | undefined) => date?.toISOString()

export async function startFakeDing(options: FakeDingOptions = {}): Promise<FakeDing> {
  const { apiKey = 'test-ding-api-key', customerUuid = '6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b', ...sandboxOptions } = options
  const sandbox = createSandbox(sandboxOptions)
  const requests: FakeRequest[] = []
  const queued: FakeResponse[] = []

  const route = async (request: FakeRequest): Promise<FakeResponse> => {
    const queuedAnswer = queued.shift()
    if (queuedAnswer !== undefined) return queuedAnswer
    if (request.headers['x-api-key'] !== apiKey) return { status: 403, body: { message: 'Forbidden' } }
    const body = request.body
    if (
      request.method !== 'POST' ||
      body === undefined ||
      !(request.headers['content-type'] ?? '').startsWith('application/json')
    ) {
      return { status: 400, body: { code: 'bad_request', message: 'The body must be JSON' } }
    }
    if (body.customer_uuid !== customerUuid)
      return { status: 400, body: { code: 'account_invalid', message: 'The customer UUID is invalid' } }
    const authenticationUuid = String(body.authentication_uuid ?? '')
    switch (request.path) {
      case '/v1/authentication': {
        const sent = await sandbox.createAuthentication({
          phoneNumber: String(body.phone_number ?? ''),
          ...(typeof body.locale === 'string' ? { locale: body.locale } : {}),
        })
        return {
          status: 200,
          body: {
            authentication_uuid: sent.authenticationUuid,
            status: sent.status,
            created_at: iso(sent.createdAt),
            expires_at: iso(sent.expiresAt),
          },
        }
      }
      case '/v1/check': {
        const checked = await sandbox.check({ authenticationUuid, checkCode: String(body.check_code ?? '') })
        return { status: 200, body: { authentication_uuid: checked.authenticationUuid, status: checked.status } }
      }
      case '/v1/retry': {
        const retried = await sandbox.retry({ authenticationUuid })
        return {
          status: 200,
          body: {
            authentication_uuid: retried.authenticationUuid,
            status: retried.status,
            created_at: iso(retried.createdAt),
            next_retry_at: iso(retried.nextRetryAt),
            remaining_retry: retried.remainingRetry,
          },
        }
      }
      default:
        return { status: 404, body: { message: 'Not Found' } }
    }
  }

  const server = await listen((incoming, response) => {
    readRequest(incoming)
      .then(async (request) => {
        requests.push(request)
        return route(request)
      })
      .then(
        (answer) => writeResponse(response, answer),
        (error: unknown) => {
          if (isOtpError(error) && error.status === 400) {
            writeResponse(response, {
              status: 400,
              body: { code: error.code, message: error.message, doc_url: `https://docs.example/errors#${error.code}` },
            })
          } else {
            writeResponse(response, { status: 500, body: { code: 'internal_server_error', message: 'Internal server error' } })
          }
        },
      )
  })

  return {
    url: `http://127.0.0.1:${server.port}/v1`,
    origin: `http://127.0.0.1:${server.port}`,
    apiKey,
    customerUuid,
    sandbox,
    latestCode: (phoneNumber) => sandbox.outbox.latest(phoneNumber)?.code,
    requests,
    failNext(response) {
      queued.push(response)
    },
    close: server.close,
  }
}
