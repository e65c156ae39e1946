import { OtpError, type RequestOptions } from '@otpflow/core'
import {
  createSandbox,
  SANDBOX_TEST_NUMBERS,
  type Sandbox,
  type SandboxMessage,
  type SandboxOptions,
} from '@otpflow/core/sandbox'
import type { Store } from '../store'
import type { OtpProvider, ProviderContext, ProviderSendResult } from './types'

/** The sandbox as a provider; `sandbox` gives the outbox (to print codes in a dev terminal) and `reset()`. */
export interface SandboxProvider extends OtpProvider {
  readonly name: 'sandbox'
  /** The sandbox whose options and outbox listeners serve; its state lives in the endpoint's store. */
  readonly sandbox: Sandbox
  /**
   * The codes sent to `phoneNumber` as `store` holds them: on a shared store, what every instance sent (the newest 10);
   * without a number, what this process sent.
   */
  readOutbox(phoneNumber: string | undefined, store: Store): Promise<SandboxMessage[]>
}

function isSandbox(value: Sandbox | SandboxOptions | undefined): value is Sandbox {
  return (
    typeof value === 'object' &&
    value !== null &&
    'outbox' in value &&
    typeof (value as Sandbox).createAuthentication === 'function'
  )
}

/**
 * Serves the sandbox from `@otpflow/core/sandbox` through the endpoint: no account, codes in an outbox (also at
 * `GET {basePath}/sandbox/outbox?phone_number=…`). Its authentications, codes, attempts and outbox live in the
 * endpoint's store (`ctx.store`, memory by default), like every other piece of the endpoint's state: on a shared store
 * (Redis), a code sent by one instance is checked by another.
 *
 * @example
 * const provider = sandboxProvider()
 * provider.sandbox.outbox.subscribe((m) => console.log(`code for ${m.phoneNumber}: ${m.code}`))
 */
export function sandboxProvider(sandboxOrOptions?: Sandbox | SandboxOptions): SandboxProvider {
  const given = isSandbox(sandboxOrOptions)
  const sandbox = given ? sandboxOrOptions : createSandbox(sandboxOrOptions)
  // The sandbox only waits on the abort signal while it delays an answer (latencyMs, the slow test number). Built here
  // from options, it is known never to delay when latencyMs is 0, and then the request's signal is not read at all:
  // on Node servers reading it builds an AbortController per request. A sandbox passed in always gets the signal.
  const neverDelays = !given && (sandboxOrOptions?.latencyMs ?? 0) <= 0
  const options = (ctx: ProviderContext, slow = false): RequestOptions | undefined =>
    neverDelays && !slow ? undefined : { signal: ctx.signal }
  // Always the store the endpoint passes, the default memory store included: one code path, the same on one process
  // and on many, and a sandbox's state counts against the same bounds as the limits (a full memory store refuses
  // rather than forgets). The view is made once per store.
  const on = (store: Store) => sandbox.withStore(store)
  return {
    name: 'sandbox',
    channels: sandbox.channels,
    sandbox,
    readOutbox: (phoneNumber, store) => on(store).readOutbox(phoneNumber),
    async send(input, ctx) {
      const sent = await on(ctx.store).createAuthentication(input, options(ctx, input.phoneNumber === SANDBOX_TEST_NUMBERS.slow))
      if (sent.status === 'unknown' || sent.createdAt === undefined || sent.expiresAt === undefined) {
        throw new OtpError('upstream_error', `Sandbox answered an unexpected send: ${sent.rawStatus}`)
      }
      const result: ProviderSendResult = {
        authenticationUuid: sent.authenticationUuid,
        status: sent.status,
        createdAt: sent.createdAt,
        expiresAt: sent.expiresAt,
      }
      if (sent.channel !== undefined) result.channel = sent.channel
      if (sent.nextRetryAt !== undefined) result.nextRetryAt = sent.nextRetryAt
      if (sent.remainingRetry !== undefined) result.remainingRetry = sent.remainingRetry
      return result
    },
    async check(flow, code, ctx) {
      const checked = await on(ctx.store).check({ authenticationUuid: flow.authenticationUuid, checkCode: code }, options(ctx))
      return checked.remainingAttempts === undefined
        ? { status: checked.status }
        : { status: checked.status, remainingAttempts: checked.remainingAttempts }
    },
    async retry(flow, ctx, input) {
      const retried = await on(ctx.store).retry(
        { authenticationUuid: flow.authenticationUuid, ...(input?.channel === undefined ? {} : { channel: input.channel }) },
        options(ctx),
      )
      return {
        status: retried.status,
        ...(retried.createdAt === undefined ? {} : { createdAt: retried.createdAt }),
        ...(retried.nextRetryAt === undefined ? {} : { nextRetryAt: retried.nextRetryAt }),
        ...(retried.remainingRetry === undefined ? {} : { remainingRetry: retried.remainingRetry }),
      }
    },
  }
}

/** Whether a provider is the sandbox (and so has an outbox to serve). */
export function isSandboxProvider(provider: OtpProvider): provider is SandboxProvider {
  return provider.name === 'sandbox' && 'sandbox' in provider && isSandbox((provider as SandboxProvider).sandbox)
}
