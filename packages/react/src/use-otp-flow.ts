'use client'
import {
  type CaptchaChallenge,
  type CheckResult,
  type Clock,
  type CreateAuthenticationResult,
  isOtpError,
  type OtpChannel,
  OtpError,
  type RetryResult,
  systemClock,
} from '@otpflow/core'
import {
  type CheckingState,
  type FlowContext,
  type FlowEvent,
  type FlowState,
  type FlowStatus,
  initialFlowState,
  nextDeadline,
  type ResendingState,
  transition,
} from '@otpflow/core/flow'
import { useMutation } from '@tanstack/react-query'
import { type ReactNode, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import { useOtpFlowContext } from './otp-flow-provider'
import type { ResendOptions, SendOptions } from './resend-options'
import { forgetAllSessions, loadActiveSession, loadSession, loadVerifiedRecord, saveFlowState } from './session-persistence'

/* ---- Types ---- */

export interface VerifiedDetails {
  phoneNumber: string
  /** The proof to send to the app's backend, which checks it with `verifyPhoneToken`. `undefined` with the sandbox or Ding itself. */
  verificationToken: string | undefined
  /**
   * When the backend stops accepting `verificationToken` (local clock), when the endpoint said. At that time the flow
   * goes back to `idle` with the number kept and `verificationExpired: true`.
   */
  verificationExpiresAt: Date | undefined
  /** `true` when the verified state came back after a reload (`persist`) rather than from a code just accepted. */
  restored: boolean
}

/** What a human check widget gets to render: the challenge, and where its answer goes. */
export interface CaptchaRenderProps {
  /** The widget the endpoint asks for: vendor (`turnstile`, `hcaptcha`, `recaptcha`) and site key. */
  challenge: CaptchaChallenge
  /** The widget's token: the code is then sent to the same number with it. */
  onToken: (token: string) => void
  /** The widget failed (its script did not load, the vendor refused, the check timed out). */
  onError: (error?: unknown) => void
  /** The language of the page around it (BCP 47), for the widget's own words, when the UI says. */
  locale?: string
}

/**
 * How the app does the human check its endpoint may ask for (403 `captcha_required`). Either an async `getToken`
 * (an invisible widget, a native SDK) that the flow calls itself, or a `render` slot the UI shows while
 * `status === 'humanCheck'` (`<PhoneVerify>` does; a UI of your own calls it with `flow.challenge`,
 * `flow.passHumanCheck` and `flow.failHumanCheck`).
 */
export type CaptchaOption =
  | {
      /** Resolves to the widget's token; rejects when the check cannot be done. `signal` aborts on change number. */
      getToken: (challenge: CaptchaChallenge, options: { signal: AbortSignal }) => Promise<string>
      render?: never
    }
  | {
      render: (props: CaptchaRenderProps) => ReactNode
      getToken?: never
    }

export interface UseOtpFlowOptions {
  /**
   * Called once when the code is accepted, and again with `restored: true` when a reload brings the verified number
   * back (`persist`), so the app gets its proof again.
   */
  onVerified?: (details: VerifiedDetails) => void
  /** Called with every new error the flow shows (a wrong code, an expiry, a network failure…), never for a cancelled request. */
  onError?: (error: OtpError) => void
  /**
   * `'session'`: the flow survives a reload in the same step with its deadlines (sessionStorage, keyed by phone
   * number, never the code), and going back to a number resumes its countdown; a verified number stays verified
   * until its proof expires (the proof is kept in sessionStorage that long). `false`: memory only.
   * @default 'session'
   */
  persist?: 'session' | false
  /** Time source for deadlines; pass a stable object. @default systemClock */
  clock?: Clock
  /**
   * Seconds before a resend when the server does not say (Ding's own send answer has no `next_retry_at`).
   * @default 30
   */
  resendDelay?: number
  /**
   * Checks the server allows per authentication, to show `attemptsLeft`; without it `attemptsLeft` stays `undefined`.
   * After the last wrong code the flow is `blocked` (`rate_limited`), and `send()` asks for a new code.
   */
  maxAttempts?: number
  /**
   * The human check the endpoint may ask for before it sends a code (403 `captcha_required`). With it the flow goes to
   * `humanCheck` only when the endpoint asks, gets the widget's token (`getToken`, or the `render` slot's `onToken`)
   * and sends again with it, to the same number. Without it `captcha_required` is an `error`, number kept.
   * @default undefined
   */
  captcha?: CaptchaOption
}

export interface UseOtpFlowActions {
  /**
   * Sends a code to an E.164 number. Ignored while a code is pending; resumes a live authentication of the same number.
   * Once verified, verifies again (a new code, then a new proof). `send(number, { channel: 'voice' })` asks for the
   * first code by a call (or on WhatsApp) when the endpoint offers it.
   */
  send: (phoneNumber: string, options?: SendOptions) => void
  /** Checks a code. Ignored while checking, for the code just rejected, and with no attempts left. */
  checkCode: (code: string) => void
  /** @deprecated Use `checkCode`, the same action under the word the flow uses for it everywhere else. */
  submitCode: (code: string) => void
  /**
   * Sends the code again. Ignored (no request) before `resendAvailableAt` or with no resend left; after expiry, sends a
   * new code. `resend({ channel: 'voice' })` sends it another way ("Call me instead"): one of `availableChannels`,
   * another is ignored; the switch waits for the same deadline, and the channel stays in use for the next resends.
   */
  resend: {
    (): void
    (options?: ResendOptions): void
  }
  /** Back to the number step, keeping the number (from the verified step too). Cancels a pending request. */
  changeNumber: () => void
  /** Back to the start, forgetting the number and every stored authentication. Cancels a pending request. */
  reset: () => void
  /** The human check's token (from a widget of your own): sends the code with it. Ignored outside `humanCheck`. */
  passHumanCheck: (token: string) => void
  /** The human check could not be done; the flow stays on it with the error. Ignored outside `humanCheck`. */
  failHumanCheck: (error?: unknown) => void
}

/** Every data key some state has: each member of the result lists them all, `undefined` where they do not apply. */
type DataKey = FlowState extends infer S ? (S extends unknown ? Exclude<keyof S, 'status'> : never) : never
type WithEveryKey<S> = S extends unknown ? S & { [K in Exclude<DataKey, keyof S>]?: undefined } : never

/**
 * What `useOtpFlow` returns: the flow's state, told apart by `status`, plus the actions.
 * After `if (flow.status === 'awaitingCode')`, `flow.resendAvailableAt` is a `Date`.
 */
export type UseOtpFlowResult = WithEveryKey<FlowState> & UseOtpFlowActions

/** The result narrowed to one status. */
export type UseOtpFlowResultOf<S extends FlowStatus> = Extract<UseOtpFlowResult, { status: S }>

/* ---- Store ---- */

interface FlowStore {
  get: () => FlowState
  subscribe: (listener: () => void) => () => void
  /** Runs the event through the machine; returns the new state and whether it changed. */
  dispatch: (event: FlowEvent) => { previous: FlowState; next: FlowState }
}

function createFlowStore(
  contextOf: () => FlowContext,
  onChange: (previous: FlowState, next: FlowState, event: FlowEvent) => void,
) {
  let state: FlowState = initialFlowState
  const listeners = new Set<() => void>()
  const store: FlowStore = {
    get: () => state,
    subscribe: (listener) => {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    dispatch: (event) => {
      const previous = state
      const next = transition(previous, event, contextOf())
      if (next !== previous) {
        state = next
        onChange(previous, next, event)
        for (const listener of listeners) listener()
      }
      return { previous, next }
    },
  }
  return store
}

function toOtpError(error: unknown): OtpError {
  if (isOtpError(error)) return error
  const message = error instanceof Error ? error.message : String(error)
  return new OtpError('unexpected_error', message, { cause: error })
}

function errorOf(state: FlowState): OtpError | undefined {
  return 'error' in state ? state.error : undefined
}

/** A failed human check as the flow keeps it: `captcha_required`, as the endpoint would answer a send without a token. */
function humanCheckError(error: unknown): OtpError {
  if (isOtpError(error) && error.code !== 'unexpected_error') return error
  const cause = isOtpError(error) ? error.cause : error
  const detail = cause instanceof Error ? `: ${cause.message}` : ''
  return new OtpError('captcha_required', `The human check did not pass${detail}`, { cause })
}

interface SendVariables {
  phoneNumber: string
  captchaToken: string | undefined
  channel: OtpChannel | undefined
  signal: AbortSignal
}

interface Latest {
  options: UseOtpFlowOptions
  clock: Clock
  mutations: {
    send: (variables: SendVariables) => Promise<CreateAuthenticationResult>
    check: (variables: { state: CheckingState; signal: AbortSignal }) => Promise<CheckResult>
    retry: (variables: { state: ResendingState; signal: AbortSignal }) => Promise<RetryResult>
  }
}

// The flow owns transport retries: a replayed check burns an attempt and a replayed send costs an SMS, whatever the
// app's QueryClient defaults say. `always` runs the request offline too, so it fails into the flow's retryable error
// instead of pausing unseen.
// gcTime 0: a finished check's variables (the typed code) leave the mutation cache at once.
const MUTATION_DEFAULTS = { retry: false, networkMode: 'always', gcTime: 0 } as const

// React 18 warns about a layout effect in a server render; there is nothing to restore there anyway.
const useIsomorphicLayoutEffect = typeof window === 'undefined' ? useEffect : useLayoutEffect

/* ---- Hook ---- */

/**
 * The phone verification flow: send a code, check it, resend it, with deadlines instead of ticking timers.
 * Needs an `OtpFlowProvider` above. Re-renders on state changes only (a countdown lives in `useCountdown`).
 *
 * @example
 * const flow = useOtpFlow({ onVerified: ({ verificationToken }) => signUp(verificationToken) })
 * if (flow.status === 'awaitingCode') return <CodeForm onCode={flow.checkCode} error={flow.error} />
 */
export function useOtpFlow(options: UseOtpFlowOptions = {}): UseOtpFlowResult {
  const { client, queryClient } = useOtpFlowContext()
  const clock = options.clock ?? systemClock
  const persist = options.persist ?? 'session'

  const sendMutation = useMutation(
    {
      ...MUTATION_DEFAULTS,
      mutationFn: ({ phoneNumber, captchaToken, channel, signal }: SendVariables) =>
        client.createAuthentication(
          {
            phoneNumber,
            ...(captchaToken === undefined ? {} : { captchaToken }),
            ...(channel === undefined ? {} : { channel }),
          },
          { signal },
        ),
    },
    queryClient,
  )
  const checkMutation = useMutation(
    {
      ...MUTATION_DEFAULTS,
      mutationFn: ({ state, signal }: { state: CheckingState; signal: AbortSignal }) =>
        client.check(
          { authenticationUuid: state.authenticationUuid, checkCode: state.code, flowToken: state.flowToken },
          { signal },
        ),
    },
    queryClient,
  )
  const retryMutation = useMutation(
    {
      ...MUTATION_DEFAULTS,
      mutationFn: ({ state, signal }: { state: ResendingState; signal: AbortSignal }) =>
        client.retry(
          {
            authenticationUuid: state.authenticationUuid,
            flowToken: state.flowToken,
            ...(state.requestedChannel === undefined ? {} : { channel: state.requestedChannel }),
          },
          { signal },
        ),
    },
    queryClient,
  )
  const mutations = {
    send: sendMutation.mutateAsync,
    check: checkMutation.mutateAsync,
    retry: retryMutation.mutateAsync,
  }
  // Actions run after a commit, so the values of the last committed render are the ones to use.
  const latest = useRef<Latest>({ options, clock, mutations })
  useEffect(() => {
    latest.current = { options, clock, mutations }
  })

  const [engine] = useState(() => {
    const controllers = new Set<AbortController>()
    // Answers to requests started before the last changeNumber/reset are dropped.
    let generation = 0

    const store = createFlowStore(
      () => ({
        now: latest.current.clock.now(),
        resendDelay: latest.current.options.resendDelay,
        maxAttempts: latest.current.options.maxAttempts,
        humanCheck: latest.current.options.captcha !== undefined,
      }),
      (previous, next, event) => {
        if ((latest.current.options.persist ?? 'session') === 'session') saveFlowState(previous, next)
        const error = errorOf(next)
        if (error !== undefined && error !== errorOf(previous) && error.code !== 'aborted')
          latest.current.options.onError?.(error)
        if (next.status === 'verified' && previous.status !== 'verified') {
          latest.current.options.onVerified?.({
            phoneNumber: next.phoneNumber,
            verificationToken: next.verificationToken,
            verificationExpiresAt: next.verificationExpiresAt,
            restored: event.type === 'VERIFICATION_RESTORED',
          })
        }
      },
    )

    function run<T>(
      request: (signal: AbortSignal) => Promise<T>,
      onResult: (result: T) => FlowEvent,
      onFailure: (error: OtpError) => FlowEvent,
    ) {
      const controller = new AbortController()
      controllers.add(controller)
      const started = generation
      request(controller.signal)
        .then(
          (result) => {
            if (started === generation) dispatch(onResult(result))
          },
          (error: unknown) => {
            if (started === generation) dispatch(onFailure(toOtpError(error)))
          },
        )
        .finally(() => controllers.delete(controller))
    }

    /** Dispatches an event and starts the request its new state stands for. */
    function dispatch(event: FlowEvent): void {
      const { previous, next } = store.dispatch(event)
      if (next === previous) return
      if (next.status === 'sending' && next.reason === 'send') {
        const { phoneNumber, captchaToken, requestedChannel: channel } = next
        run<CreateAuthenticationResult>(
          (signal) => latest.current.mutations.send({ phoneNumber, captchaToken, channel, signal }),
          (result) => ({ type: 'SEND_SUCCEEDED', result }),
          (error) => ({ type: 'SEND_FAILED', error }),
        )
      } else if (next.status === 'sending' && next.reason === 'resend') {
        run<RetryResult>(
          (signal) => latest.current.mutations.retry({ state: next, signal }),
          (result) => ({ type: 'RESEND_SUCCEEDED', result }),
          (error) => ({ type: 'RESEND_FAILED', error }),
        )
      } else if (next.status === 'checking') {
        run<CheckResult>(
          (signal) => latest.current.mutations.check({ state: next, signal }),
          (result) => ({ type: 'CHECK_SUCCEEDED', result }),
          (error) => ({ type: 'CHECK_FAILED', error }),
        )
      } else if (next.status === 'humanCheck' && previous.status !== 'humanCheck' && next.error === undefined) {
        // Asked for a check (not a token just refused: the user decides when to try again, so a widget that keeps
        // handing out tokens the endpoint refuses cannot loop).
        const getToken = latest.current.options.captcha?.getToken
        const { challenge } = next
        if (getToken) {
          run<string>(
            // async: a getToken that throws at once fails the check like one that rejects.
            async (signal) => getToken(challenge, { signal }),
            (token) =>
              token === ''
                ? { type: 'HUMAN_CHECK_FAILED', error: humanCheckError(new Error('empty token')) }
                : { type: 'HUMAN_CHECK_PASSED', token },
            (error) => ({ type: 'HUMAN_CHECK_FAILED', error: humanCheckError(error) }),
          )
        }
      }
    }

    function cancelAll(): void {
      for (const controller of controllers) controller.abort()
    }

    // StrictMode (development) unmounts and mounts every new component once, synchronously. Cancelling right away
    // would abort a send that an effect started on mount and swallow it, so an unmount cancels only when no mount
    // follows within the same task.
    let mounts = 0
    function mounted(): () => void {
      mounts += 1
      return () => {
        mounts -= 1
        queueMicrotask(() => {
          if (mounts === 0) cancelAll()
        })
      }
    }

    const persisting = () => (latest.current.options.persist ?? 'session') === 'session'
    const actions: UseOtpFlowActions = {
      send: (phoneNumber: string, options?: SendOptions) =>
        dispatch({
          type: 'SEND',
          phoneNumber,
          known: persisting() ? loadSession(phoneNumber) : undefined,
          channel: options?.channel,
        }),
      checkCode: (code) => dispatch({ type: 'CHECK', code }),
      submitCode: (code) => dispatch({ type: 'CHECK', code }),
      // Also bound as an event handler (`onClick={flow.resend}`): only a `channel` of the argument is read.
      resend: (options?: ResendOptions) => dispatch({ type: 'RESEND', channel: options?.channel }),
      changeNumber: () => {
        generation += 1
        cancelAll()
        dispatch({ type: 'CHANGE_NUMBER' })
      },
      reset: () => {
        generation += 1
        cancelAll()
        dispatch({ type: 'RESET' })
        // Numbers left behind by "change number" too: back to the start means no authentication is resumed.
        if (persisting()) forgetAllSessions()
      },
      passHumanCheck: (token) => dispatch({ type: 'HUMAN_CHECK_PASSED', token }),
      failHumanCheck: (error) => dispatch({ type: 'HUMAN_CHECK_FAILED', error: humanCheckError(error) }),
    }
    return { store, dispatch, actions, mounted }
  })

  const state = useSyncExternalStore(engine.store.subscribe, engine.store.get, engine.store.get)

  // Resume after a reload: in an effect, since storage does not exist during a server render; a layout effect, so the
  // number step never flashes before the code step.
  useIsomorphicLayoutEffect(() => {
    if (persist !== 'session') return
    const session = loadActiveSession()
    if (session !== undefined) {
      engine.dispatch({ type: 'RESTORED', session })
      return
    }
    const verified = loadVerifiedRecord()
    if (verified !== undefined) engine.dispatch({ type: 'VERIFICATION_RESTORED', verified })
  }, [engine, persist])

  // Requests of an unmounted flow are cancelled; their answers can no longer reach anyone.
  useEffect(() => engine.mounted(), [engine])

  // One timer to the next deadline, never a tick; a tab coming back re-reads the clock, since timers sleep in the background.
  useEffect(() => {
    const deadline = nextDeadline(state, clock.now())
    if (deadline === undefined) return
    const timer = setTimeout(() => engine.dispatch({ type: 'CLOCK_CHECKED' }), Math.min(deadline - clock.now(), 2 ** 31 - 1))
    return () => clearTimeout(timer)
  }, [state, clock, engine])

  useEffect(() => {
    const onVisibilityChange = () => {
      if (document.visibilityState === 'visible') engine.dispatch({ type: 'CLOCK_CHECKED' })
    }
    document.addEventListener('visibilitychange', onVisibilityChange)
    return () => document.removeEventListener('visibilitychange', onVisibilityChange)
  }, [engine])

  return useMemo(() => ({ ...state, ...engine.actions }) as UseOtpFlowResult, [state, engine])
}
