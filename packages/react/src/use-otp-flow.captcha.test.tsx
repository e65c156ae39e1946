import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type CaptchaChallenge, createEndpointClient } from '@otpflow/core'
import { act, renderHook, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { OtpFlowProvider } from './otp-flow-provider'
import { type UseOtpFlowOptions, useOtpFlow } from './use-otp-flow'

const PHONE = '+447700900123'
const SITE_KEY = '1x00000000000000000000AA'
const CHALLENGE: CaptchaChallenge = { provider: 'turnstile', siteKey: SITE_KEY }

interface Received {
  phone_number?: string
  captcha_token?: string
}

/**
 * The endpoint's send on loopback as it answers when it wants a human check: 403 `captcha_required` naming the widget
 * to a send without a token (or with a token it refuses), the code sent to a send with an accepted one.
 */
async function startEndpoint({ accepts = (token: string) => token.startsWith('pass:') } = {}) {
  const received: Received[] = []
  const server: Server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk) => {
      body += chunk
    })
    request.on('end', () => {
      const sent = JSON.parse(body || '{}') as Received
      received.push(sent)
      response.setHeader('content-type', 'application/json')
      if (request.url !== '/api/otp/authentication') {
        response.statusCode = 404
        response.end(JSON.stringify({ code: 'not_found', message: 'Not found' }))
      } else if (sent.captcha_token === undefined || !accepts(sent.captcha_token)) {
        response.statusCode = 403
        response.end(
          JSON.stringify({
            code: 'captcha_required',
            message: 'Complete the human check to get a code',
            captcha: { provider: 'turnstile', site_key: SITE_KEY },
          }),
        )
      } else {
        const now = Date.now()
        response.end(
          JSON.stringify({
            authentication_uuid: 'auth-1',
            status: 'pending',
            created_at: new Date(now).toISOString(),
            expires_at: new Date(now + 600_000).toISOString(),
            next_retry_at: new Date(now + 30_000).toISOString(),
            remaining_retry: 3,
            flow_token: 'flow-token-1',
          }),
        )
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { baseUrl: `http://127.0.0.1:${port}/api/otp`, received, close: () => new Promise((resolve) => server.close(resolve)) }
}

let endpoint: Awaited<ReturnType<typeof startEndpoint>>

beforeEach(async () => {
  sessionStorage.clear()
  endpoint = await startEndpoint()
})

afterEach(async () => {
  await endpoint.close()
})

function setup(options: UseOtpFlowOptions) {
  const client = createEndpointClient({ baseUrl: endpoint.baseUrl })
  const wrapper = ({ children }: { children: ReactNode }) => <OtpFlowProvider client={client}>{children}</OtpFlowProvider>
  return renderHook(() => useOtpFlow({ persist: false, ...options }), { wrapper })
}

describe('useOtpFlow with a human check the endpoint asks for', () => {
  it('gets a token from getToken and sends again with it, to the same number, without being asked twice', async () => {
    const getToken = vi.fn(async (challenge: CaptchaChallenge) => `pass:${challenge.siteKey}`)
    const onError = vi.fn()
    const { result } = setup({ captcha: { getToken }, onError })

    act(() => result.current.send(PHONE))
    await waitFor(() => expect(result.current.status).toBe('awaitingCode'))
    expect(result.current).toMatchObject({ phoneNumber: PHONE, flowToken: 'flow-token-1' })
    expect(getToken).toHaveBeenCalledTimes(1)
    expect(getToken.mock.calls[0]?.[0]).toEqual(CHALLENGE)
    expect(endpoint.received).toEqual([{ phone_number: PHONE }, { phone_number: PHONE, captcha_token: `pass:${SITE_KEY}` }])
    // Asking for a check is not an error the app hears about.
    expect(onError).not.toHaveBeenCalled()
  })

  it('waits on humanCheck with the challenge until the render slot hands its token over', async () => {
    const { result } = setup({ captcha: { render: () => null } })
    act(() => result.current.send(PHONE))
    await waitFor(() => expect(result.current.status).toBe('humanCheck'))
    expect(result.current).toMatchObject({ phoneNumber: PHONE, challenge: CHALLENGE, error: undefined })
    expect(endpoint.received).toHaveLength(1)

    act(() => result.current.passHumanCheck('pass:widget'))
    expect(result.current).toMatchObject({ status: 'sending', phoneNumber: PHONE })
    await waitFor(() => expect(result.current.status).toBe('awaitingCode'))
    expect(endpoint.received.at(-1)).toEqual({ phone_number: PHONE, captcha_token: 'pass:widget' })
  })

  it('stays on the check with the error when the widget fails, and a send starts it over', async () => {
    const getToken = vi.fn(async (_challenge: CaptchaChallenge): Promise<string> => {
      throw new Error('the script did not load')
    })
    const { result } = setup({ captcha: { getToken } })
    act(() => result.current.send(PHONE))
    await waitFor(() => expect(result.current.error?.code).toBe('captcha_required'))
    expect(result.current).toMatchObject({ status: 'humanCheck', phoneNumber: PHONE })
    expect(result.current.error?.message).toContain('the script did not load')
    expect(endpoint.received).toEqual([{ phone_number: PHONE }])

    getToken.mockResolvedValueOnce('pass:second-try')
    act(() => result.current.send(PHONE))
    await waitFor(() => expect(result.current.status).toBe('awaitingCode'))
    expect(getToken).toHaveBeenCalledTimes(2)
    expect(endpoint.received.at(-1)).toEqual({ phone_number: PHONE, captcha_token: 'pass:second-try' })
  })

  it('says so, number kept, when the endpoint refuses the token, and does not ask getToken again by itself', async () => {
    const getToken = vi.fn(async () => 'refused-token')
    const { result } = setup({ captcha: { getToken } })
    act(() => result.current.send(PHONE))
    await waitFor(() => expect(result.current.error?.code).toBe('captcha_required'))
    expect(result.current).toMatchObject({ status: 'humanCheck', phoneNumber: PHONE, challenge: CHALLENGE })
    expect(getToken).toHaveBeenCalledTimes(1)
    expect(endpoint.received).toEqual([{ phone_number: PHONE }, { phone_number: PHONE, captcha_token: 'refused-token' }])
  })

  it('is an error like any other, number kept, without a captcha option', async () => {
    const { result } = setup({})
    act(() => result.current.send(PHONE))
    await waitFor(() => expect(result.current.status).toBe('error'))
    expect(result.current).toMatchObject({ phoneNumber: PHONE, error: { code: 'captcha_required', captcha: CHALLENGE } })
    expect(endpoint.received).toEqual([{ phone_number: PHONE }])
  })

  it('drops a token that arrives after the user changed the number', async () => {
    let resolveToken: (token: string) => void = () => {}
    const getToken = vi.fn((_challenge: CaptchaChallenge, { signal }: { signal: AbortSignal }) => {
      expect(signal.aborted).toBe(false)
      return new Promise<string>((resolve) => {
        resolveToken = resolve
      })
    })
    const { result } = setup({ captcha: { getToken } })
    act(() => result.current.send(PHONE))
    await waitFor(() => expect(getToken).toHaveBeenCalledTimes(1))
    const signal = getToken.mock.calls[0]?.[1].signal
    act(() => result.current.changeNumber())
    expect(result.current).toMatchObject({ status: 'idle', phoneNumber: PHONE })
    expect(signal?.aborted).toBe(true)
    await act(async () => resolveToken('pass:late'))
    expect(result.current.status).toBe('idle')
    expect(endpoint.received).toHaveLength(1)
  })
})
