import type { ResponseMeta } from '../types'

/**
 * Offsets smaller than this are measurement noise, not a wrong clock: the `Date` header has one-second precision and
 * the answer spends some time on the network. Ignoring them keeps deadlines from jumping by a second between answers.
 */
export const CLOCK_OFFSET_TOLERANCE_MS = 2000

/**
 * Estimates how far the server's clock is ahead of the local one (negative when behind), in milliseconds.
 *
 * The server time comes from the response's `Date` header when there is one (taken at the middle of its second),
 * else from the answer's `createdAt`; it is compared with `meta.receivedAt`, the local time the answer arrived.
 * Returns `undefined` when the answer carries no server time, and `0` for offsets within
 * {@link CLOCK_OFFSET_TOLERANCE_MS}.
 *
 * @example
 * // The server runs 5 minutes ahead: a `nextRetryAt` of its 12:05:30 is 12:00:30 here.
 * const offset = estimateClockOffset(result.meta, result.createdAt) // 300_000
 * const localDeadline = toLocalTime(result.nextRetryAt, offset)
 */
export function estimateClockOffset(meta: ResponseMeta, createdAt?: Date): number | undefined {
  const serverTime = meta.serverDate !== undefined ? meta.serverDate.getTime() + 500 : createdAt?.getTime()
  if (serverTime === undefined || Number.isNaN(serverTime)) return undefined
  const offset = serverTime - meta.receivedAt.getTime()
  if (Number.isNaN(offset)) return undefined
  return Math.abs(offset) <= CLOCK_OFFSET_TOLERANCE_MS ? 0 : offset
}

/** Converts a time read off the server's clock to the local clock, given {@link estimateClockOffset}'s offset. */
export function toLocalTime(serverTime: Date, offset: number): Date {
  return new Date(serverTime.getTime() - offset)
}
