export { CLOCK_OFFSET_TOLERANCE_MS, estimateClockOffset, toLocalTime } from './clock-offset'
export { formatCountdown, msUntilNextSecond, secondsUntil } from './countdown'
export type {
  AwaitingCodeState,
  BlockedState,
  CheckingState,
  CodeSubmittedEvent,
  ErrorState,
  ExpiredState,
  FlowContext,
  FlowErrorCode,
  FlowEvent,
  FlowEventType,
  FlowSession,
  FlowState,
  FlowStatus,
  HumanCheckState,
  IdleState,
  ResendingState,
  ResendStatus,
  SendingState,
  VerifiedRecord,
  VerifiedState,
} from './otp-flow.machine'
export {
  canResend,
  FLOW_ERROR_CODES,
  FLOW_STATUSES,
  initialFlowState,
  isSessionAlive,
  nextDeadline,
  resendStatusOf,
  SESSION_LIFETIME_WITHOUT_EXPIRY_MS,
  sessionOf,
  transition,
} from './otp-flow.machine'
export { parseSession, parseVerifiedRecord, serializeSession, serializeVerifiedRecord } from './otp-flow.snapshot'
