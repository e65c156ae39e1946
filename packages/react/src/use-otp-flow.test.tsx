import { createOtpClient, type OtpContract, OtpError } from '@otpflow/core'
import { createSandbox, SANDBOX_TEST_NUMBERS, type SandboxOptions } from '@otpflow/core/sandbox'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { act, renderHook } from '@testing-library/react'
import { type ReactNode, useEffect } from 'react'
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

    act(() => result.current.checkCode(CODE))
    expect(result.current.status).toBe('checking')
    await settle()

    expect(result.current).toMatchObject({ status: 'verified', phoneNumber: PHONE })
    expect(onVerified).toHaveBeenCalledTimes(1)
    expect(onVerified).toHaveBeenCalledWith({
      phoneNumber: PHONE,
      verificationToken: undefined,
      verificationExpiresAt: undefined,
      restored: false,
    })
  })

  it('rejects a wrong code with invalid_code, never sends it twice, then accepts the right one', async () => {
    const onError = vi.fn()
    const { result, calls } = setup({ onError, maxAttempts: 5 })
    act(() => result.current.send(PHONE))
    await settle()

    act(() => result.current.checkCode('000000'))
    await settle()
    expect(result.current).toMatchObject({ status: 'awaitingCode', attemptsLeft: 4, lastRejectedCode: '000000' })
    expect(result.current.error?.code).toBe('invalid_code')
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'invalid_code' }))

    act(() => result.current.checkCode('000000'))
    await settle()
    expect(calls.check).toHaveBeenCalledTimes(1)

    act(() => result.current.checkCode(CODE))
    await settle()
    expect(result.current.status).toBe('verified')
    expect(calls.check).toHaveBeenCalledTimes(2)
  })

  it('still checks a code through submitCode, the deprecated name of checkCode', async () => {
    const { result, calls } = setup()
    act(() => result.current.send(PHONE))
    await settle()
    act(() => result.current.submitCode(CODE))
    expect(result.current.status).toBe('checking')
    await settle()
    expect(result.current.status).toBe('verified')
    expect(calls.check).toHaveBeenCalledTimes(1)
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
      result.current.checkCode(CODE)
      result.current.checkCode(CODE)
    })
    act(() => result.current.checkCode(CODE))
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
    // One deadline at a time (the resend one at 30 s, then the expiry): React 18 renders what a timer changed at the
    // end of an act() scope, so the next timer is set after the advance that fired the first.
    await advance(30_000)
    await advance(30_000)
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
    act(() => first.result.current.checkCode('000000'))
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

    act(() => second.result.current.checkCode(CODE))
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

  describe('with a proof that expires', () => {
    const PROOF_LIFETIME = 10 * 60_000
    /** The endpoint's answer to a right code: a proof and its expiry (the in-memory sandbox gives neither). */
    const withProof = (contract: OtpContract): OtpContract => ({
      ...contract,
      check: async (input, options) => {
        const result = await contract.check(input, options)
        if (result.status !== 'valid') return result
        return {
          ...result,
          verificationToken: 'signed-proof',
          verificationExpiresAt: new Date(Date.now() + PROOF_LIFETIME),
        }
      },
    })

    async function verify(options: UseOtpFlowOptions = {}) {
      const view = setup(options, {}, withProof)
      act(() => view.result.current.send(PHONE))
      await settle()
      act(() => view.result.current.checkCode(CODE))
      await settle()
      return view
    }

    it('says when the proof expires, in the state and to onVerified', async () => {
      const onVerified = vi.fn()
      const { result } = await verify({ onVerified })
      expect(result.current).toMatchObject({
        status: 'verified',
        verificationToken: 'signed-proof',
        verificationExpiresAt: new Date(T0 + PROOF_LIFETIME),
      })
      expect(onVerified).toHaveBeenCalledWith({
        phoneNumber: PHONE,
        verificationToken: 'signed-proof',
        verificationExpiresAt: new Date(T0 + PROOF_LIFETIME),
        restored: false,
      })
    })

    it('goes back to the number, kept, when the proof expires', async () => {
      const { result } = await verify()
      await advance(PROOF_LIFETIME - 1)
      expect(result.current.status).toBe('verified')
      await advance(1)
      expect(result.current).toMatchObject({ status: 'idle', phoneNumber: PHONE, verificationExpired: true })
    })

    it('verifies the same number again with a new code', async () => {
      const { result, calls } = await verify()
      act(() => result.current.send(PHONE))
      await settle()
      expect(result.current).toMatchObject({ status: 'awaitingCode', phoneNumber: PHONE })
      expect(calls.createAuthentication).toHaveBeenCalledTimes(2)
    })

    it('goes back to the number step, number kept, on changeNumber', async () => {
      const { result } = await verify()
      act(() => result.current.changeNumber())
      expect(result.current).toMatchObject({ status: 'idle', phoneNumber: PHONE })
      expect(result.current.verificationExpired).toBeUndefined()
    })

    it('stays verified across a reload until the proof expires, giving the proof to onVerified again', async () => {
      const first = await verify()
      first.unmount()
      const stored = Object.keys(sessionStorage).map((key) => sessionStorage.getItem(key) ?? '')
      expect(stored.join('\n')).toContain('signed-proof')
      expect(stored.join('\n')).not.toContain(CODE)

      await advance(60_000)
      const onVerified = vi.fn()
      const second = renderHook(() => useOtpFlow({ onVerified }), { wrapper: first.wrapper })
      expect(second.result.current).toMatchObject({
        status: 'verified',
        phoneNumber: PHONE,
        verificationToken: 'signed-proof',
        verificationExpiresAt: new Date(T0 + PROOF_LIFETIME),
      })
      expect(onVerified).toHaveBeenCalledWith(expect.objectContaining({ verificationToken: 'signed-proof', restored: true }))

      await advance(PROOF_LIFETIME - 60_000)
      expect(second.result.current).toMatchObject({ status: 'idle', phoneNumber: PHONE, verificationExpired: true })
      expect(sessionStorage.length).toBe(0)
    })

    it('comes back after a reload as the number step with the number once the proof has expired', async () => {
      const first = await verify()
      first.unmount()
      await advance(PROOF_LIFETIME)
      const onVerified = vi.fn()
      const second = renderHook(() => useOtpFlow({ onVerified }), { wrapper: first.wrapper })
      expect(second.result.current).toMatchObject({ status: 'idle', phoneNumber: PHONE, verificationExpired: true })
      expect(onVerified).not.toHaveBeenCalled()
      expect(sessionStorage.length).toBe(0)
    })

    it('keeps no verified number with persist: false, nor after reset', async () => {
      const memoryOnly = await verify({ persist: false })
      expect(sessionStorage.length).toBe(0)
      memoryOnly.unmount()
      const kept = await verify()
      expect(sessionStorage.length).toBeGreaterThan(0)
      act(() => kept.result.current.reset())
      expect(sessionStorage.length).toBe(0)
    })
  })

  it('keeps no verified number across a reload when the answer gave no proof expiry', async () => {
    const first = setup()
    act(() => first.result.current.send(PHONE))
    await settle()
    act(() => first.result.current.checkCode(CODE))
    await settle()
    expect(first.result.current.status).toBe('verified')
    first.unmount()
    expect(sessionStorage.length).toBe(0)
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
    act(() => result.current.checkCode(CODE))
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
    await settle()
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
    act(() => result.current.checkCode(CODE))
    await settle()
    expect(result.current).toMatchObject({ status: 'awaitingCode', phoneNumber: PHONE, lastRejectedCode: undefined })
    expect(result.current.error?.code).toBe('network_error')
    expect(result.current.error?.retryable).toBe(true)

    act(() => result.current.checkCode(CODE))
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
    act(() => result.current.checkCode(CODE))
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

describe('useOtpFlow used the way a custom UI uses it', () => {
  // reactStrictMode puts StrictMode at the root, where React double-invokes effects (inside a wrapper it does not).
  const strictly = (contract: OtpContract) => ({
    wrapper: ({ children }: { children: ReactNode }) => <OtpFlowProvider client={contract}>{children}</OtpFlowProvider>,
    reactStrictMode: true,
  })

  it('keeps a code request that an effect starts on mount under StrictMode: one request, then the code step', async () => {
    const sandbox = createSandbox({ generateCode: () => CODE, latencyMs: 100 })
    const createAuthentication = vi.spyOn(sandbox, 'createAuthentication')
    const { result } = renderHook(() => {
      const flow = useOtpFlow()
      const { send } = flow
      useEffect(() => send(PHONE), [send])
      return flow
    }, strictly(sandbox))
    await advance(100)
    expect(createAuthentication).toHaveBeenCalledTimes(1)
    expect(createAuthentication.mock.calls[0]?.[1]?.signal?.aborted).toBe(false)
    expect(result.current).toMatchObject({ status: 'awaitingCode', phoneNumber: PHONE })
  })

  it('calls onVerified exactly once under StrictMode', async () => {
    const onVerified = vi.fn()
    const sandbox = createSandbox({ generateCode: () => CODE })
    const { result } = renderHook(() => useOtpFlow({ onVerified }), strictly(sandbox))
    act(() => result.current.send(PHONE))
    await settle()
    act(() => result.current.checkCode(CODE))
    await settle()
    expect(result.current.status).toBe('verified')
    expect(onVerified).toHaveBeenCalledTimes(1)
  })

  it('asks for a new code after the last allowed wrong code, instead of resending one that could not be checked', async () => {
    const onError = vi.fn()
    const { result, calls, sandbox } = setup({ maxAttempts: 2, onError }, { maxCheckAttempts: 2 })
    act(() => result.current.send(PHONE))
    await settle()
    act(() => result.current.checkCode('000001'))
    await settle()
    expect(result.current).toMatchObject({ status: 'awaitingCode', attemptsLeft: 1 })
    act(() => result.current.checkCode('000002'))
    await settle()
    expect(result.current).toMatchObject({ status: 'blocked', phoneNumber: PHONE, until: undefined })
    expect(onError).toHaveBeenLastCalledWith(expect.objectContaining({ code: 'rate_limited' }))

    await advance(30_000)
    act(() => result.current.resend())
    expect(calls.retry).not.toHaveBeenCalled()

    act(() => result.current.send(PHONE))
    await settle()
    expect(calls.createAuthentication).toHaveBeenCalledTimes(2)
    expect(result.current).toMatchObject({ status: 'awaitingCode', attemptsLeft: 2 })
    act(() => result.current.checkCode(sandbox.outbox.latest(PHONE)?.code ?? ''))
    await settle()
    expect(result.current.status).toBe('verified')
  })

  it('forgets every stored authentication on reset, also a number left behind by changeNumber', async () => {
    const { result, calls } = setup()
    act(() => result.current.send(PHONE))
    await settle()
    act(() => result.current.changeNumber())
    act(() => result.current.send(OTHER_PHONE))
    await settle()
    expect(Object.keys(sessionStorage)).toContain(`otpflow:session:${PHONE}`)

    act(() => result.current.reset())
    expect(sessionStorage.length).toBe(0)
    act(() => result.current.send(PHONE))
    expect(result.current).toMatchObject({ status: 'sending', phoneNumber: PHONE })
    await settle()
    expect(calls.createAuthentication).toHaveBeenCalledTimes(3)
  })

  it('ignores actions that do not apply in the current state, without a request', async () => {
    const { result, calls } = setup()
    const idle = result.current
    act(() => {
      idle.checkCode(CODE)
      idle.resend()
      idle.changeNumber()
    })
    expect(result.current).toBe(idle)

    act(() => result.current.send(PHONE))
    await settle()
    act(() => result.current.checkCode(CODE))
    await settle()
    const verified = result.current
    expect(verified.status).toBe('verified')
    act(() => {
      verified.checkCode(CODE)
      verified.resend()
    })
    await settle()
    expect(result.current).toBe(verified)
    expect(calls.createAuthentication).toHaveBeenCalledTimes(1)
    expect(calls.check).toHaveBeenCalledTimes(1)
    expect(calls.retry).not.toHaveBeenCalled()
  })

  it('reports an error once through onError, not again when a deadline passes', async () => {
    const onError = vi.fn()
    const { result } = setup({ onError })
    act(() => result.current.send(PHONE))
    await settle()
    act(() => result.current.checkCode('000000'))
    await settle()
    await advance(30_000)
    expect(result.current.resendStatus).toBe('available')
    expect(onError).toHaveBeenCalledTimes(1)
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'invalid_code' }))
  })

  it('gives each useOtpFlow call its own flow, even under one provider', async () => {
    const sandbox = createSandbox({ generateCode: () => CODE })
    const wrapper = ({ children }: { children: ReactNode }) => <OtpFlowProvider client={sandbox}>{children}</OtpFlowProvider>
    const { result } = renderHook(() => ({ first: useOtpFlow(), second: useOtpFlow() }), { wrapper })
    act(() => result.current.first.send(PHONE))
    await settle()
    expect(result.current.first.status).toBe('awaitingCode')
    expect(result.current.second.status).toBe('idle')
  })

  it('survives an unmount and a remount in the code step with persist: session, and starts over with persist: false', async () => {
    for (const persist of ['session', false] as const) {
      sessionStorage.clear()
      const first = setup({ persist })
      act(() => first.result.current.send(PHONE))
      await settle()
      first.unmount()
      const second = renderHook(() => useOtpFlow({ persist }), { wrapper: first.wrapper })
      expect(second.result.current.status).toBe(persist === 'session' ? 'awaitingCode' : 'idle')
      second.unmount()
    }
  })

  it("reads Ding's own send answer (no next_retry_at) from a server whose clock is 5 minutes ahead", async () => {
    const skew = 5 * 60_000
    const uuid = '3b1f2c1e-8a4d-4c1b-9f0e-2d7a6b5c4e3f'
    const fetch = vi.fn(async (url: string | URL | Request) => {
      const serverNow = Date.now() + skew
      const headers = { 'content-type': 'application/json', date: new Date(serverNow).toUTCString() }
      const body = String(url).endsWith('/retry')
        ? {
            authentication_uuid: uuid,
            status: 'approved',
            created_at: new Date(serverNow).toISOString(),
            next_retry_at: new Date(serverNow + 60_000).toISOString(),
            remaining_retry: 2,
          }
        : {
            authentication_uuid: uuid,
            status: 'pending',
            created_at: new Date(serverNow).toISOString(),
            expires_at: new Date(serverNow + 600_000).toISOString(),
          }
      return new Response(JSON.stringify(body), { status: 200, headers })
    })
    const client = createOtpClient({ baseUrl: '/api/otp', fetch })
    const wrapper = ({ children }: { children: ReactNode }) => <OtpFlowProvider client={client}>{children}</OtpFlowProvider>
    const { result } = renderHook(() => useOtpFlow(), { wrapper })
    act(() => result.current.send(PHONE))
    await settle()

    // The Date header has whole seconds: the estimate is within one second of the real offset.
    expect(result.current).toMatchObject({ status: 'awaitingCode', resendAvailableAt: new Date(T0 + 30_000) })
    expect(Math.abs((result.current.expiresAt?.getTime() ?? 0) - (T0 + 600_000))).toBeLessThan(1_000)
    expect(result.current.remainingResends).toBeUndefined()

    await advance(30_000)
    act(() => result.current.resend())
    await settle()
    expect(result.current).toMatchObject({ status: 'awaitingCode', remainingResends: 2, resendStatus: 'waiting' })
    expect(Math.abs((result.current.resendAvailableAt?.getTime() ?? 0) - (T0 + 90_000))).toBeLessThan(1_000)
  })
})
