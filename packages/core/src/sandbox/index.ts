export type {
  Sandbox,
  SandboxListener,
  SandboxMessage,
  SandboxOptions,
  SandboxOutbox,
  SandboxStore,
} from './sandbox'
export { createSandbox, STORED_MESSAGES_PER_NUMBER } from './sandbox'
export type { SandboxTestNumber } from './test-numbers'
export { isSandboxTestNumber, SANDBOX_TEST_NUMBERS } from './test-numbers'
