export type { Sandbox, SandboxListener, SandboxMessage, SandboxOptions, SandboxOutbox } from './sandbox'
export { createSandbox } from './sandbox'
export type { SandboxTestNumber } from './test-numbers'
export { isSandboxTestNumber, SANDBOX_TEST_NUMBERS } from './test-numbers'
