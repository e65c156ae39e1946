import { OtpError } from '@otpflow/core'
import { createSandbox, type Sandbox, type SandboxOptions } from '@otpflow/core/sandbox'
import type { OtpProvider } from './types'

/** The sandbox as a provider; `sandbox` gives the outbox (to print codes in a dev terminal) and `reset()`. */
export interface SandboxProvider extends OtpProvider {
  readonly name: 'sandbox'
  readonly sandbox: Sandbox
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
 * Serves the in-memory sandbox from `@otpflow/core/sandbox` through the endpoint: no account, codes in an outbox
 * (also at `GET {basePath}/sandbox/outbox?phone_number=…`).
 *
 * @example
 * const provider = sandboxProvider()
 * provider.sandbox.outbox.subscribe((m) => console.log(`code for ${m.phoneNumber}: ${m.code}`))
 */
export function sandboxProvider(sandboxOrOptions?: Sandbox | SandboxOptions): SandboxProvider {
  const sandbox = isSandbox(sandboxOrOptions) ? sandboxOrOptions : createSandbox(sandboxOrOptions)
  return {
    name: 'sandbox',
    sandbox,
    async send(input, ctx) {
      const sent = await sandbox.createAuthentication(input, { signal: ctx.signal })
      if (sent.status === 'unknown' || sent.createdAt === undefined || sent.expiresAt === undefined) {
        throw new OtpError('upstream_error', `Sandbox answered an unexpected send: ${sent.rawStatus}`)
      }
      return {
        authenticationUuid: sent.authenticationUuid,
        status: sent.status,
        createdAt: sent.createdAt,
        expiresAt: sent.expiresAt,
        ...(sent.nextRetryAt === undefined ? {} : { nextRetryAt: sent.nextRetryAt }),
        ...(sent.remainingRetry === undefined ? {} : { remainingRetry: sent.remainingRetry }),
      }
    },
    async check(flow, code, ctx) {
      const checked = await sandbox.check(
        { authenticationUuid: flow.authenticationUuid, checkCode: code },
        { signal: ctx.signal },
      )
      return { status: checked.status }
    },
    async retry(flow, ctx) {
      const retried = await sandbox.retry({ authenticationUuid: flow.authenticationUuid }, { signal: ctx.signal })
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
