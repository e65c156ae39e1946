import { httpStatusOf, OtpError } from '@otpflow/core'

/**
 * A {@link Store} call that could not be carried out: the shared store is down, unreachable, or did not answer in time.
 *
 * Thrown by the Redis store (and by any store that talks to a server), never by the memory store. The endpoint answers
 * it with 503 `service_unavailable` and does nothing it could not count: a limit that cannot be read is not a limit
 * that passed.
 *
 * @example
 * try { await store.increment(key, 600) }
 * catch (error) { if (error instanceof StoreUnavailableError) return serviceUnavailable() }
 */
export class StoreUnavailableError extends OtpError {
  declare readonly code: 'service_unavailable'

  constructor(message: string, options: { cause?: unknown } = {}) {
    super('service_unavailable', message, { status: httpStatusOf('service_unavailable'), cause: options.cause })
  }
}

export function isStoreUnavailableError(value: unknown): value is StoreUnavailableError {
  return value instanceof StoreUnavailableError
}
