import { formatCountdown } from '@otpflow/core/flow'
import { createSandbox } from '@otpflow/core/sandbox'
import { act, fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { OtpFlowProvider } from './otp-flow-provider'
import { useCountdown } from './use-countdown'
import { useOtpFlow } from './use-otp-flow'

// The custom UI of the README, as written there.
function VerifyPhone({ onDone }: { onDone: (token: string | undefined) => void }) {
  const flow = useOtpFlow({ onVerified: ({ verificationToken }) => onDone(verificationToken), maxAttempts: 5 })
  const [number, setNumber] = useState(flow.phoneNumber ?? '')
  const [code, setCode] = useState('')

  switch (flow.status) {
    case 'idle':
    case 'sending':
    case 'error':
    case 'blocked':
      if (flow.status === 'sending' && flow.reason === 'resend') break
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
    case 'verified':
      return <p>Verified {flow.phoneNumber}</p>
    case 'expired':
      return (
        <button type="button" onClick={flow.resend}>
          The code expired. Send a new one
        </button>
      )
  }

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault()
        flow.submitCode(code)
      }}
    >
      <input
        aria-label="Code"
        autoComplete="one-time-code"
        inputMode="numeric"
        value={code}
        onChange={(event) => setCode(event.target.value)}
      />
      <button type="submit" disabled={flow.status === 'checking'}>
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
