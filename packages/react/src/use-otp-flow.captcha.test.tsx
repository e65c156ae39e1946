import { type CaptchaChallenge, createEndpointClient } from '@otpflow/core'
import { act, renderHook, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
// The real endpoint on loopback, with the server package's fake of Turnstile's siteverify: tokens pass once.
import { startTurnstileEndpoint, TURNSTILE_SITE_KEY } from '../../server/src/testing/turnstile-endpoint'
import { OtpFlowProvider } from './otp-flow-provider'
import { type UseOtpFlowOptions, useOtpFlow } from './use-otp-flow'

const PHONE = '+447700900123'
const SITE_KEY = TURNSTILE_SITE_KEY
const CHALLENGE: CaptchaChallenge = { provider: 'turnstile', siteKey: SITE_KEY }
const startEndpoint = startTurnstileEndpoint

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
    const getToken = vi.fn(async (_challenge: CaptchaChallenge) => endpoint.solved('solved-by-getToken'))
    const onError = vi.fn()
    const { result } = setup({ captcha: { getToken }, onError })

    act(() => result.current.send(PHONE))
    await waitFor(() => expect(result.current.status).toBe('awaitingCode'))
    expect(result.current).toMatchObject({ phoneNumber: PHONE, flowToken: expect.any(String) })
    expect(getToken).toHaveBeenCalledTimes(1)
    expect(getToken.mock.calls[0]?.[0]).toEqual(CHALLENGE)
    expect(endpoint.received).toEqual([{ phone_number: PHONE }, { phone_number: PHONE, captcha_token: 'solved-by-getToken' }])
    // The endpoint asked Turnstile about the token it was sent.
    expect(endpoint.siteverify.requests.map((request) => request.body?.response)).toEqual(['solved-by-getToken'])
    // Asking for a check is not an error the app hears about.
    expect(onError).not.toHaveBeenCalled()
  })

  it('waits on humanCheck with the challenge until the render slot hands its token over', async () => {
    const { result } = setup({ captcha: { render: () => null } })
    act(() => result.current.send(PHONE))
    await waitFor(() => expect(result.current.status).toBe('humanCheck'))
    expect(result.current).toMatchObject({ phoneNumber: PHONE, challenge: CHALLENGE, error: undefined })
    expect(endpoint.received).toHaveLength(1)

    act(() => result.current.passHumanCheck(endpoint.solved('solved-in-widget')))
    expect(result.current).toMatchObject({ status: 'sending', phoneNumber: PHONE })
    await waitFor(() => expect(result.current.status).toBe('awaitingCode'))
    expect(endpoint.received.at(-1)).toEqual({ phone_number: PHONE, captcha_token: 'solved-in-widget' })
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

    getToken.mockResolvedValueOnce(endpoint.solved('solved-on-second-try'))
    act(() => result.current.send(PHONE))
    await waitFor(() => expect(result.current.status).toBe('awaitingCode'))
    expect(getToken).toHaveBeenCalledTimes(2)
    expect(endpoint.received.at(-1)).toEqual({ phone_number: PHONE, captcha_token: 'solved-on-second-try' })
  })

  it('fails the check, rather than waiting on it, when getToken resolves to an empty token', async () => {
    const getToken = vi.fn(async () => '')
    const { result } = setup({ captcha: { getToken } })
    act(() => result.current.send(PHONE))
    await waitFor(() => expect(result.current.error?.code).toBe('captcha_required'))
    expect(result.current).toMatchObject({ status: 'humanCheck', phoneNumber: PHONE })
    expect(endpoint.received).toEqual([{ phone_number: PHONE }])
  })

  it('says so, number kept, when the endpoint refuses the token, and does not ask getToken again by itself', async () => {
    // A token Turnstile never issued (or one already spent): siteverify refuses it.
    const getToken = vi.fn(async () => 'never-issued-token')
    const { result } = setup({ captcha: { getToken } })
    act(() => result.current.send(PHONE))
    await waitFor(() => expect(result.current.error?.code).toBe('captcha_required'))
    expect(result.current).toMatchObject({ status: 'humanCheck', phoneNumber: PHONE, challenge: CHALLENGE })
    expect(getToken).toHaveBeenCalledTimes(1)
    expect(endpoint.received).toEqual([{ phone_number: PHONE }, { phone_number: PHONE, captcha_token: 'never-issued-token' }])
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
    await act(async () => resolveToken(endpoint.solved('solved-too-late')))
    expect(result.current.status).toBe('idle')
    expect(endpoint.received).toHaveLength(1)
  })
})
