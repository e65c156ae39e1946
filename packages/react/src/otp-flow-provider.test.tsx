import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { act, renderHook, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { OtpFlowProvider } from './otp-flow-provider'
import { useOtpFlow } from './use-otp-flow'

const PHONE = '+14155552671'
const FIVE_MINUTES = 5 * 60_000

let server: Server
let endpoint: string
const requests: { url: string | undefined; body: unknown }[] = []

/** A stand-in for the app's endpoint whose clock runs 5 minutes ahead of the browser's. */
function answer(request: IncomingMessage, response: ServerResponse) {
  let raw = ''
  request.on('data', (chunk) => {
    raw += chunk
  })
  request.on('end', () => {
    requests.push({ url: request.url, body: JSON.parse(raw || '{}') })
    const serverNow = Date.now() + FIVE_MINUTES
    response.setHeader('Date', new Date(serverNow).toUTCString())
    response.setHeader('Content-Type', 'application/json')
    response.end(
      JSON.stringify({
        authentication_uuid: '0b5a7ff1-5d4b-4a43-8d1e-0f6a3c3a9b10',
        status: 'pending',
        created_at: new Date(serverNow).toISOString(),
        expires_at: new Date(serverNow + 600_000).toISOString(),
        next_retry_at: new Date(serverNow + 30_000).toISOString(),
        remaining_retry: 3,
        flow_token: 'signed-flow-token',
      }),
    )
  })
}

// Only Date is faked, and it stands still: the real server and sockets still run, and the browser's clock and the
// server's read the same instant, half-way through a second (where the Date header's one-second precision is centred).
const T0 = Date.UTC(2026, 0, 1, 12, 0, 0, 500)

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'], now: T0 })
  sessionStorage.clear()
  requests.length = 0
  server = createServer(answer)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/otp`
})

afterEach(async () => {
  vi.useRealTimers()
  await new Promise((resolve) => server.close(resolve))
})

it('talks to the endpoint it is given and corrects the server clock running 5 minutes ahead', async () => {
  const wrapper = ({ children }: { children: ReactNode }) => <OtpFlowProvider endpoint={endpoint}>{children}</OtpFlowProvider>
  const { result } = renderHook(() => useOtpFlow(), { wrapper })
  act(() => result.current.send(PHONE))

  await waitFor(() => expect(result.current.status).toBe('awaitingCode'))
  expect(requests).toEqual([{ url: '/api/otp/authentication', body: { phone_number: PHONE } }])
  expect(result.current.flowToken).toBe('signed-flow-token')
  // The server's 12:05:30.5 is 12:00:30.5 here: its deadlines are moved back by the 5 minutes its clock is ahead.
  expect(result.current.resendAvailableAt).toEqual(new Date(T0 + 30_000))
  expect(result.current.expiresAt).toEqual(new Date(T0 + 600_000))
})
