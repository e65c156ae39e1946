import { fileURLToPath } from 'node:url'

/** Who a fixture measures: the React floor, this kit, or a kit users would pick instead. */
export type FixtureKind = 'baseline' | 'ours' | 'peer'

export interface Fixture {
  key: string
  kind: FixtureKind
  /** What the fixture's page holds, for the printed table. */
  label: string
}

/** The size fixtures, in the order they are built and printed. Keys are the keys of `size` in results.json. */
export const SIZE_FIXTURES = [
  { key: 'baseline', kind: 'baseline', label: 'React + ReactDOM rendering a div' },
  { key: 'phoneVerify', kind: 'ours', label: '<PhoneVerify> with its CSS' },
  { key: 'phoneField', kind: 'ours', label: '<PhoneField> alone' },
  { key: 'codeField', kind: 'ours', label: '<CodeField> alone' },
  { key: 'client', kind: 'ours', label: "@otpflow/core's client alone" },
  { key: 'kitDeps', kind: 'peer', label: 'react-query + react-hook-form + zod' },
  { key: 'assembledPeers', kind: 'peer', label: 'react-phone-number-input + input-otp + kitDeps + libphonenumber-js/min' },
  { key: 'assembledPeersIntlPhone', kind: 'peer', label: 'the same with react-international-phone' },
  { key: 'inputOtp', kind: 'peer', label: 'input-otp alone' },
  { key: 'reactPhoneNumberInput', kind: 'peer', label: 'react-phone-number-input alone' },
  { key: 'stytchReact', kind: 'peer', label: "Stytch's <StytchLogin> with SMS OTP" },
  { key: 'firebaseUi', kind: 'peer', label: "FirebaseUI v7's <PhoneAuthScreen> + firebase/auth" },
] as const satisfies readonly Fixture[]

export type SizeFixtureKey = (typeof SIZE_FIXTURES)[number]['key']

export const benchRoot = fileURLToPath(new URL('..', import.meta.url))
export const fixturesDir = fileURLToPath(new URL('../fixtures/', import.meta.url))
export const outRoot = fileURLToPath(new URL('../.fixtures-out/', import.meta.url))
export const resultsPath = fileURLToPath(new URL('../results.json', import.meta.url))
export const budgetPath = fileURLToPath(new URL('../size-budget.json', import.meta.url))
