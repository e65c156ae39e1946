import { formatCountdown } from '@otpflow/core/flow'
import { createSandbox } from '@otpflow/core/sandbox'
import { act, fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { OtpFlowProvider } from './otp-flow-provider'
import { useCountdown } from './use-countdown'
import { type UseOtpFlowResult, useOtpFlow } from './use-otp-flow'

// The custom UI of the README, as written there.
function VerifyPhone({ onDone }: { onDone: (token: string | undefined) => void }) {
  // The one call for this verification; the steps below get the result as a prop.
  const flow = useOtpFlow({ onVerified: ({ verificationToken }) => onDone(verificationToken), maxAttempts: 5 })

  switch (flow.status) {
    case 'verified':
      return <p>Verified {flow.phoneNumber}</p>
    case 'expired':
      return (
        <button type="button" onClick={flow.resend}>
          The code expired. Send a new one
        </button>
      )
    case 'awaitingCode':
    case 'checking':
      return <CodeStep flow={flow} />
    case 'sending':
      // A resend keeps the code step on screen; a first send is still the number step.
      return flow.reason === 'resend' ? <CodeStep flow={flow} /> : <NumberStep flow={flow} />
    case 'idle':
    case 'error':
    case 'blocked':
      return <NumberStep flow={flow} />
  }
}

function NumberStep({ flow }: { flow: UseOtpFlowResult }) {
  // Mounted when the step shows, so it starts from the number kept by "change number" or a failed send.
  const [number, setNumber] = useState(flow.phoneNumber ?? '')
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault()
        flow.send(number)
      }}
    >
      <input
        aria-label="Phone number"
        type="tel"
        autoComplete="tel"
        value={number}
        onChange={(event) => setNumber(event.target.value)}
      />
      <button type="submit" disabled={flow.status === 'sending'}>
        Send code
      </button>
      {flow.error && <p role="alert">{flow.error.code}</p>}
    </form>
  )
}

function CodeStep({ flow }: { flow: UseOtpFlowResult }) {
  const [code, setCode] = useState('')
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault()
        flow.checkCode(code.replace(/\D/g, ''))
      }}
    >
      <input
        aria-label="Code"
        autoComplete="one-time-code"
        inputMode="numeric"
        value={code}
        onChange={(event) => setCode(event.target.value)}
      />
      {/* checkCode only works in awaitingCode: not while checking, nor while a resend is under way */}
      <button type="submit" disabled={flow.status !== 'awaitingCode'}>
        Verify
      </button>
      {flow.error?.code === 'invalid_code' && <p role="alert">Wrong code, {flow.attemptsLeft} attempts left</p>}
      <ResendButton deadline={flow.resendAvailableAt} onResend={flow.resend} />
      <button type="button" onClick={flow.changeNumber}>
        Change number
      </button>
    </form>
  )
}

// Only this component re-renders every second.
function ResendButton({ deadline, onResend }: { deadline: Date | undefined; onResend: () => void }) {
  const seconds = useCountdown(deadline)
  return (
    <button type="button" disabled={seconds > 0} onClick={onResend}>
      {seconds > 0 ? `Resend in ${formatCountdown(seconds)}` : 'Resend code'}
    </button>
  )
}

const PHONE = '+14155552671'
/** Lets the sandbox answer and React commit. (findBy* and user-event wait on real timers, which are faked here.) */
const settle = () => act(() => vi.advanceTimersByTimeAsync(0))
const typeInto = (name: string, text: string) =>
  fireEvent.change(screen.getByRole('textbox', { name }), { target: { value: text } })
const click = (element: HTMLElement) => fireEvent.click(element)

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 0, 1, 12, 0, 0) })
  sessionStorage.clear()
})

afterEach(() => {
  vi.useRealTimers()
})

it('verifies a number through the README custom UI: wrong code, countdown, resend, right code', async () => {
  const sandbox = createSandbox()
  const onDone = vi.fn()
  render(
    <OtpFlowProvider client={sandbox}>
      <VerifyPhone onDone={onDone} />
    </OtpFlowProvider>,
  )

  typeInto('Phone number', PHONE)
  click(screen.getByRole('button', { name: 'Send code' }))
  await settle()
  expect(screen.getByRole('textbox', { name: 'Code' })).toBeInTheDocument()
  expect(screen.getByRole('button', { name: 'Resend in 0:30' })).toBeDisabled()

  const first = sandbox.outbox.latest(PHONE)?.code ?? ''
  const wrong = first === '000000' ? '111111' : '000000'
  typeInto('Code', wrong)
  click(screen.getByRole('button', { name: 'Verify' }))
  await settle()
  expect(screen.getByRole('alert')).toHaveTextContent('Wrong code, 4 attempts left')

  await act(() => vi.advanceTimersByTimeAsync(30_000))
  click(screen.getByRole('button', { name: 'Resend code' }))
  await settle()
  expect(screen.getByRole('button', { name: 'Resend in 1:00' })).toBeDisabled()
  const second = sandbox.outbox.latest(PHONE)?.code ?? ''

  typeInto('Code', second)
  click(screen.getByRole('button', { name: 'Verify' }))
  await settle()
  expect(screen.getByText(`Verified ${PHONE}`)).toBeInTheDocument()
  expect(onDone).toHaveBeenCalledWith(undefined)
})

it('shows the kept number again after "change number", and resumes its countdown without a new SMS', async () => {
  const sandbox = createSandbox()
  render(
    <OtpFlowProvider client={sandbox}>
      <VerifyPhone onDone={() => {}} />
    </OtpFlowProvider>,
  )
  typeInto('Phone number', PHONE)
  click(screen.getByRole('button', { name: 'Send code' }))
  await settle()
  await act(() => vi.advanceTimersByTimeAsync(10_000))

  click(screen.getByRole('button', { name: 'Change number' }))
  expect(screen.getByRole('textbox', { name: 'Phone number' })).toHaveValue(PHONE)
  click(screen.getByRole('button', { name: 'Send code' }))
  expect(screen.getByRole('button', { name: 'Resend in 0:20' })).toBeDisabled()
  expect(sandbox.outbox.messages()).toHaveLength(1)
})

it('resumes the code step after a reload, and "change number" then shows the number', async () => {
  const sandbox = createSandbox()
  const first = render(
    <OtpFlowProvider client={sandbox}>
      <VerifyPhone onDone={() => {}} />
    </OtpFlowProvider>,
  )
  typeInto('Phone number', PHONE)
  click(screen.getByRole('button', { name: 'Send code' }))
  await settle()
  first.unmount()

  render(
    <OtpFlowProvider client={sandbox}>
      <VerifyPhone onDone={() => {}} />
    </OtpFlowProvider>,
  )
  expect(screen.getByRole('textbox', { name: 'Code' })).toBeInTheDocument()
  click(screen.getByRole('button', { name: 'Change number' }))
  expect(screen.getByRole('textbox', { name: 'Phone number' })).toHaveValue(PHONE)
})

it('cleans a pasted code and keeps Verify disabled while a resend is under way', async () => {
  const sandbox = createSandbox({ latencyMs: 100 })
  const onDone = vi.fn()
  render(
    <OtpFlowProvider client={sandbox}>
      <VerifyPhone onDone={onDone} />
    </OtpFlowProvider>,
  )
  typeInto('Phone number', PHONE)
  click(screen.getByRole('button', { name: 'Send code' }))
  await act(() => vi.advanceTimersByTimeAsync(30_100))

  click(screen.getByRole('button', { name: 'Resend code' }))
  expect(screen.getByRole('button', { name: 'Verify' })).toBeDisabled()
  await act(() => vi.advanceTimersByTimeAsync(100))

  const code = sandbox.outbox.latest(PHONE)?.code ?? ''
  typeInto('Code', `${code.slice(0, 3)} ${code.slice(3)}`)
  click(screen.getByRole('button', { name: 'Verify' }))
  await act(() => vi.advanceTimersByTimeAsync(100))
  expect(screen.getByText(`Verified ${PHONE}`)).toBeInTheDocument()
  expect(onDone).toHaveBeenCalledTimes(1)
})
