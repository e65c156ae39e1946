import {
  type FlowSession,
  type FlowState,
  parseSession,
  parseVerifiedRecord,
  serializeSession,
  serializeVerifiedRecord,
  sessionOf,
  type VerifiedRecord,
} from '@otpflow/core/flow'

const SESSION_KEY_PREFIX = 'otpflow:session:'
/** Which number's flow was on screen, so a reload knows which session to resume. */
const ACTIVE_KEY = 'otpflow:active'
/** The verified number and its proof, kept until the proof expires (never a code). */
const VERIFIED_KEY = 'otpflow:verified'

/** `sessionStorage`, or `undefined` on the server and where storage is disabled (it throws on access in some private modes). */
function storage(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.sessionStorage
  } catch {
    return undefined
  }
}

function attempt(run: (store: Storage) => void): void {
  const store = storage()
  if (store === undefined) return
  try {
    run(store)
  } catch {
    // A full or locked storage only costs the resume after a reload.
  }
}

/** The stored authentication for `phoneNumber`, if any. */
export function loadSession(phoneNumber: string): FlowSession | undefined {
  const store = storage()
  if (store === undefined) return undefined
  try {
    return parseSession(store.getItem(SESSION_KEY_PREFIX + phoneNumber))
  } catch {
    return undefined
  }
}

/** The authentication that was on screen before a reload, if any. */
export function loadActiveSession(): FlowSession | undefined {
  const store = storage()
  if (store === undefined) return undefined
  try {
    const phoneNumber = store.getItem(ACTIVE_KEY)
    return phoneNumber === null ? undefined : loadSession(phoneNumber)
  } catch {
    return undefined
  }
}

/** The verified number kept from before a reload, if any (expired or not: the flow decides). */
export function loadVerifiedRecord(): VerifiedRecord | undefined {
  const store = storage()
  if (store === undefined) return undefined
  try {
    return parseVerifiedRecord(store.getItem(VERIFIED_KEY))
  } catch {
    return undefined
  }
}

/**
 * Mirrors a state change into storage: the session (deadlines, flow token; never a code) keyed by its number while a
 * code can be entered; after "change number" the number's session stays, so entering it again resumes its countdown.
 * A verified number is kept with its proof until the proof expires, when the answer said when (a proof without a
 * known end is not kept: nothing would say when to stop trusting it).
 */
export function saveFlowState(previous: FlowState, next: FlowState): void {
  attempt((store) => {
    if (next.status === 'verified' && next.verificationToken !== undefined && next.verificationExpiresAt !== undefined) {
      const { phoneNumber, authenticationUuid, verificationToken, verificationExpiresAt } = next
      store.setItem(
        VERIFIED_KEY,
        serializeVerifiedRecord({ phoneNumber, authenticationUuid, verificationToken, verificationExpiresAt }),
      )
    } else if (previous.status === 'verified' || (next.status === 'idle' && next.verificationExpired)) {
      store.removeItem(VERIFIED_KEY)
    }
    const session = sessionOf(next)
    if (session !== undefined) {
      store.setItem(SESSION_KEY_PREFIX + session.phoneNumber, serializeSession(session))
      store.setItem(ACTIVE_KEY, session.phoneNumber)
      return
    }
    if (next.status === 'sending') return
    store.removeItem(ACTIVE_KEY)
    const phoneNumber = previous.status === 'idle' ? previous.previous?.phoneNumber : previous.phoneNumber
    // Kept only when the user stepped back from a live session; anything else ended it or forgot it.
    if (phoneNumber !== undefined && !(next.status === 'idle' && next.previous !== undefined)) {
      store.removeItem(SESSION_KEY_PREFIX + phoneNumber)
    }
  })
}

/** Removes every stored authentication, the record of which one was on screen, and a kept verified number. */
export function forgetAllSessions(): void {
  attempt((store) => {
    const keys: string[] = []
    for (let index = 0; index < store.length; index += 1) {
      const key = store.key(index)
      if (key !== null && (key === ACTIVE_KEY || key === VERIFIED_KEY || key.startsWith(SESSION_KEY_PREFIX))) keys.push(key)
    }
    for (const key of keys) store.removeItem(key)
  })
}
