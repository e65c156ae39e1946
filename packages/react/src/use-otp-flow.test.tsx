import { type OtpContract, OtpError } from '@otpflow/core'
import { createSandbox, SANDBOX_TEST_NUMBERS, type SandboxOptions } from '@otpflow/core/sandbox'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { act, renderHook } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { OtpFlowProvider } from './otp-flow-provider'
import { type UseOtpFlowOptions, useOtpFlow } from './use-otp-flow'

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0)
const PHONE = '+14155552671'
const OTHER_PHONE = '+33612345678'
const CODE = '482913'

/** Lets pending promises and react-query's notifications (scheduled with setTimeout 0) run. */
const settle = () => act(() => vi.advanceTimersByTimeAsync(0))
const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms))

function setVisibility(state: DocumentVisibilityState) {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state })
  document.dispatchEvent(new Event('visibilitychange'))
}

function setup(
  options: UseOtpFlowOptions = {},
  sandboxOptions: SandboxOptions = {},
  wrap?: (contract: OtpContract) => OtpContract,
) {
  const sandbox = createSandbox({ generateCode: () => CODE, ...sandboxOptions })
  const contract = wrap ? wrap(sandbox) : sandbox
  const calls = {
    createAuthentication: vi.spyOn(contract, 'createAuthentication'),
    check: vi.spyOn(contract, 'check'),
    retry: vi.spyOn(contract, 'retry'),
  }
  const wrapper = ({ children }: { children: ReactNode }) => <OtpFlowProvider client={contract}>{children}</OtpFlowProvider>
  const hook = renderHook(() => useOtpFlow(options), { wrapper })
  return { sandbox, calls, wrapper, ...hook }
}

beforeEach(() => {
  vi.useFakeTimers({ now: T0 })
  sessionStorage.clear()
})

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
  Reflect.deleteProperty(document, 'visibilityState')
})

describe('useOtpFlow', () => {
  it('sends a code, checks it and reports the verified number', async () => {
    const onVerified = vi.fn()
    const { result, sandbox } = setup({ onVerified })
    expect(result.current.status).toBe('idle')

    act(() => result.current.send(PHONE))
    expect(result.current).toMatchObject({ status: 'sending', phoneNumber: PHONE })
    await settle()

    expect(result.current).toMatchObject({
      status: 'awaitingCode',
      phoneNumber: PHONE,
      resendAvailableAt: new Date(T0 + 30_000),
      expiresAt: new Date(T0 + 600_000),
      remainingResends: 3,
      resendStatus: 'waiting',
      error: undefined,
    })
    expect(sandbox.outbox.latest(PHONE)?.code).toBe(CODE)

    act(() => result.current.submitCode(CODE))
    expect(result.current.status).toBe('checking')
    await settle()

    expect(result.current).toMatchObject({ status: 'verified', phoneNumber: PHONE })
    expect(onVerified).toHaveBeenCalledTimes(1)
    expect(onVerified).toHaveBeenCalledWith({ phoneNumber: PHONE, verificationToken: undefined })
  })

  it('rejects a wrong code with invalid_code, never sends it twice, then accepts the right one', async () => {
    const onError = vi.fn()
    const { result, calls } = setup({ onError, maxAttempts: 5 })
    act(() => result.current.send(PHONE))
    await settle()

    act(() => result.current.submitCode('000000'))
    await settle()
    expect(result.current).toMatchObject({ status: 'awaitingCode', attemptsLeft: 4, lastRejectedCode: '000000' })
    expect(result.current.error?.code).toBe('invalid_code')
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'invalid_code' }))

    act(() => result.current.submitCode('000000'))
    await settle()
    expect(calls.check).toHaveBeenCalledTimes(1)

    act(() => result.current.submitCode(CODE))
    await settle()
    expect(result.current.status).toBe('verified')
    expect(calls.check).toHaveBeenCalledTimes(2)
  })

  it('sends one request for a double submit', async () => {
    const { result, calls } = setup({}, { latencyMs: 300 })
    act(() => {
      result.current.send(PHONE)
      result.current.send(PHONE)
    })
    await advance(300)
    expect(calls.createAuthentication).toHaveBeenCalledTimes(1)

    act(() => {
      result.current.submitCode(CODE)
      result.current.submitCode(CODE)
    })
    act(() => result.current.submitCode(CODE))
    await advance(300)
    expect(calls.check).toHaveBeenCalledTimes(1)
    expect(result.current.status).toBe('verified')
  })

  it('gates resend by its deadline: no request before it, one after', async () => {
    const { result, calls, sandbox } = setup()
    act(() => result.current.send(PHONE))
    await settle()

    act(() => result.current.resend())
    await settle()
    expect(calls.retry).not.toHaveBeenCalled()
    expect(result.current.status).toBe('awaitingCode')

    await advance(29_999)
    expect(result.current.resendStatus).toBe('waiting')
    await advance(1)
    expect(result.current.resendStatus).toBe('available')

    act(() => result.current.resend())
    expect(result.current).toMatchObject({ status: 'sending', reason: 'resend' })
    await settle()
    expect(calls.retry).toHaveBeenCalledTimes(1)
    expect(sandbox.outbox.messages()).toHaveLength(2)
    expect(result.current).toMatchObject({
      status: 'awaitingCode',
      resendStatus: 'waiting',
      remainingResends: 2,
      resendAvailableAt: new Date(T0 + 30_000 + 60_000),
    })
  })

  it('expires the code at its deadline', async () => {
    const onError = vi.fn()
    const { result } = setup({ onError }, { ttlSeconds: 120 })
    act(() => result.current.send(PHONE))
    await settle()

    await advance(119_999)
    expect(result.current.status).toBe('awaitingCode')
    await advance(1)
    expect(result.current).toMatchObject({ status: 'expired', phoneNumber: PHONE })
    expect(result.current.error?.code).toBe('expired')
    expect(onError).toHaveBeenLastCalledWith(expect.objectContaining({ code: 'expired' }))
  })

  it('sends a new code from expired with resend', async () => {
    const { result, calls } = setup({}, { ttlSeconds: 60 })
    act(() => result.current.send(PHONE))
    await settle()
    await advance(60_000)
    expect(result.current.status).toBe('expired')

    act(() => result.current.resend())
    await settle()
    expect(calls.createAuthentication).toHaveBeenCalledTimes(2)
    expect(result.current.status).toBe('awaitingCode')
  })

  it('catches up when a tab hidden for 10 minutes is shown again, with no timer having run', async () => {
    const { result } = setup()
    act(() => result.current.send(PHONE))
    await settle()

    setVisibility('hidden')
    // The clock moves but background timers sleep: nothing fires until the tab is visible again.
    vi.setSystemTime(T0 + 10 * 60_000 + 1_000)
    expect(result.current.status).toBe('awaitingCode')
    act(() => setVisibility('visible'))
    expect(result.current.status).toBe('expired')
  })

  it('resumes after a reload in the same step with the same deadlines, without storing the code', async () => {
    const first = setup({}, {})
    act(() => first.result.current.send(PHONE))
    await settle()
    act(() => first.result.current.submitCode('000000'))
    await settle()
    const before = first.result.current
    first.unmount()

    const stored = Object.keys(sessionStorage).map((key) => sessionStorage.getItem(key) ?? '')
    expect(stored.join('\n')).toContain(PHONE)
    expect(stored.join('\n')).not.toContain(CODE)
    expect(stored.join('\n')).not.toContain('000000')

    await advance(10_000)
    const second = renderHook(() => useOtpFlow(), { wrapper: first.wrapper })
    expect(second.result.current).toMatchObject({
      status: 'awaitingCode',
      phoneNumber: PHONE,
      authenticationUuid: before.authenticationUuid,
      resendAvailableAt: before.resendAvailableAt,
      expiresAt: before.expiresAt,
    })

    act(() => second.result.current.submitCode(CODE))
    await settle()
    expect(second.result.current.status).toBe('verified')
    expect(Object.keys(sessionStorage)).toEqual([])
  })

  it('stores nothing with persist: false', async () => {
    const { result } = setup({ persist: false })
    act(() => result.current.send(PHONE))
    await settle()
    expect(result.current.status).toBe('awaitingCode')
    expect(sessionStorage.length).toBe(0)
  })

  it('keeps the countdown when the user goes back and enters the same number (no new SMS)', async () => {
    const { result, calls } = setup()
    act(() => result.current.send(PHONE))
    await settle()
    await advance(10_000)

    act(() => result.current.changeNumber())
    expect(result.current).toMatchObject({ status: 'idle', phoneNumber: PHONE })
    act(() => result.current.send(PHONE))
    expect(result.current).toMatchObject({ status: 'awaitingCode', resendAvailableAt: new Date(T0 + 30_000) })
    expect(calls.createAuthentication).toHaveBeenCalledTimes(1)

    act(() => result.current.changeNumber())
    act(() => result.current.send(OTHER_PHONE))
    await settle()
    expect(calls.createAuthentication).toHaveBeenCalledTimes(2)
    expect(result.current).toMatchObject({ status: 'awaitingCode', phoneNumber: OTHER_PHONE })
  })

  it('resumes a number entered again after a reload on the number step, without a new SMS', async () => {
    const first = setup()
    act(() => first.result.current.send(PHONE))
    await settle()
    act(() => first.result.current.changeNumber())
    first.unmount()

    const second = renderHook(() => useOtpFlow(), { wrapper: first.wrapper })
    expect(second.result.current.status).toBe('idle')
    act(() => second.result.current.send(PHONE))
    expect(second.result.current).toMatchObject({ status: 'awaitingCode', resendAvailableAt: new Date(T0 + 30_000) })
    expect(first.calls.createAuthentication).toHaveBeenCalledTimes(1)
  })

  it('forgets the stored session on reset', async () => {
    const { result } = setup()
    act(() => result.current.send(PHONE))
    await settle()
    expect(sessionStorage.length).toBeGreaterThan(0)
    act(() => result.current.reset())
    expect(result.current).toMatchObject({ status: 'idle', phoneNumber: undefined })
    expect(sessionStorage.length).toBe(0)
  })

  it('still works when storage refuses to write', async () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('Quota exceeded', 'QuotaExceededError')
    })
    const { result } = setup()
    act(() => result.current.send(PHONE))
    await settle()
    act(() => result.current.submitCode(CODE))
    await settle()
    expect(result.current.status).toBe('verified')
  })

  it('cancels the request when unmounted during it', async () => {
    const { result, calls, unmount, sandbox } = setup({}, { latencyMs: 5_000 })
    act(() => result.current.send(PHONE))
    await settle()
    const signal = calls.createAuthentication.mock.calls[0]?.[1]?.signal
    expect(signal?.aborted).toBe(false)

    unmount()
    expect(signal?.aborted).toBe(true)
    await advance(5_000)
    expect(sandbox.outbox.messages()).toHaveLength(0)
  })

  it('drops the answer of a request started before changeNumber', async () => {
    const { result } = setup({}, { latencyMs: 1_000 })
    act(() => result.current.send(PHONE))
    act(() => result.current.changeNumber())
    act(() => result.current.send(OTHER_PHONE))
    await advance(1_000)
    expect(result.current).toMatchObject({ status: 'awaitingCode', phoneNumber: OTHER_PHONE })
  })

  it('goes back to the code with a retryable error when the network fails during checking, digits not counted as wrong', async () => {
    let failNext = true
    const { result, calls } = setup({}, {}, (sandbox) => ({
      createAuthentication: (input, options) => sandbox.createAuthentication(input, options),
      retry: (input, options) => sandbox.retry(input, options),
      check: (input, options) => {
        if (failNext) {
          failNext = false
          return Promise.reject(new OtpError('network_error', 'Failed to fetch'))
        }
        return sandbox.check(input, options)
      },
    }))
    act(() => result.current.send(PHONE))
    await settle()
    act(() => result.current.submitCode(CODE))
    await settle()
    expect(result.current).toMatchObject({ status: 'awaitingCode', phoneNumber: PHONE, lastRejectedCode: undefined })
    expect(result.current.error?.code).toBe('network_error')
    expect(result.current.error?.retryable).toBe(true)

    act(() => result.current.submitCode(CODE))
    await settle()
    expect(calls.check).toHaveBeenCalledTimes(2)
    expect(result.current.status).toBe('verified')
  })

  it('keeps the number in a retryable error when the send fails', async () => {
    const onError = vi.fn()
    const { result } = setup({ onError })
    act(() => result.current.send(SANDBOX_TEST_NUMBERS.serverError))
    await settle()
    expect(result.current).toMatchObject({ status: 'error', phoneNumber: SANDBOX_TEST_NUMBERS.serverError })
    expect(result.current.error?.retryable).toBe(true)
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'server_error' }))
  })

  it.each([
    { phoneNumber: SANDBOX_TEST_NUMBERS.spamDetected, code: 'spam_detected' },
    { phoneNumber: SANDBOX_TEST_NUMBERS.rateLimited, code: 'rate_limited' },
  ])('blocks on $code', async ({ phoneNumber, code }) => {
    const { result } = setup()
    act(() => result.current.send(phoneNumber))
    await settle()
    expect(result.current.status).toBe('blocked')
    expect(result.current.error?.code).toBe(code)
  })

  it('runs its requests on the app QueryClient when there is one, never retrying them', async () => {
    const sandbox = createSandbox({ generateCode: () => CODE })
    const check = vi.spyOn(sandbox, 'check').mockRejectedValue(new OtpError('server_error', 'down', { status: 503 }))
    const queryClient = new QueryClient({ defaultOptions: { mutations: { retry: 3, retryDelay: 0 } } })
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={queryClient}>
        <OtpFlowProvider client={sandbox}>{children}</OtpFlowProvider>
      </QueryClientProvider>
    )
    const { result } = renderHook(() => useOtpFlow(), { wrapper })
    act(() => result.current.send(PHONE))
    await settle()
    act(() => result.current.submitCode(CODE))
    await advance(1_000)
    expect(queryClient.getMutationCache().getAll()).toHaveLength(2)
    expect(check).toHaveBeenCalledTimes(1)
    expect(result.current.error?.code).toBe('server_error')
  })

  it('explains a missing provider', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(() => renderHook(() => useOtpFlow())).toThrow(/OtpFlowProvider/)
  })
})
