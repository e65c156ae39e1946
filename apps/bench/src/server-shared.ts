export const BASE_PATH = '/api/otp'

export interface CheckFlow {
  authentication_uuid: string
  flow_token: string
  check_code: string
}

/** What the process under load prints once it listens. */
export interface ServerTargetInfo {
  bareOrigin: string
  handlerOrigin?: string
  handlerError?: string
  /** Flows created before the load; each is checked with a wrong code, so every check walks the same path. */
  checkFlows: CheckFlow[]
  sendResponse?: unknown
  checkResponse?: unknown
}

/** Phone numbers that the sandbox treats as ordinary (its test numbers are in the +1 202 555 01xx range). */
export const benchPhoneNumber = (index: number) => `+4477009${String(index % 100_000).padStart(5, '0')}`
