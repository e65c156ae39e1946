/** A source of the current time, injected wherever time matters so tests and stories can control it. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number
}

/** The real clock (`Date.now`). */
export const systemClock: Clock = { now: () => Date.now() }
