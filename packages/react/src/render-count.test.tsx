import { createSandbox, type Sandbox } from '@otpflow/core/sandbox'
import { act, render } from '@testing-library/react'
import { Profiler, type ProfilerOnRenderCallback } from 'react'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { OtpFlowProvider } from './otp-flow-provider'
import { useCountdown } from './use-countdown'
import { type UseOtpFlowResult, useOtpFlow } from './use-otp-flow'

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0)
const PHONE = '+14155552671'

beforeEach(() => {
  vi.useFakeTimers({ now: T0 })
  sessionStorage.clear()
})

afterEach(() => {
  vi.useRealTimers()
})

let flow: UseOtpFlowResult | undefined

function FlowStep() {
  flow = useOtpFlow()
  return <p>{flow.status}</p>
}

function ResendCountdown({ deadline }: { deadline: Date | undefined }) {
  const seconds = useCountdown(deadline)
  return <span>{seconds}</span>
}

interface AppProps {
  sandbox: Sandbox
  deadline: Date | undefined
  onFlowRender: ProfilerOnRenderCallback
  onCountdownRender: ProfilerOnRenderCallback
}

function App({ sandbox, deadline, onFlowRender, onCountdownRender }: AppProps) {
  return (
    <OtpFlowProvider client={sandbox}>
      <Profiler id="flow" onRender={onFlowRender}>
        <FlowStep />
      </Profiler>
      <Profiler id="countdown" onRender={onCountdownRender}>
        <ResendCountdown deadline={deadline} />
      </Profiler>
    </OtpFlowProvider>
  )
}

it('re-renders only the countdown consumer each second, not the component using useOtpFlow', async () => {
  const sandbox = createSandbox({ resendDelays: [60] })
  const commits = { flow: [] as string[], countdown: [] as string[] }
  const onFlowRender: ProfilerOnRenderCallback = (_id, phase) => commits.flow.push(phase)
  const onCountdownRender: ProfilerOnRenderCallback = (_id, phase) => commits.countdown.push(phase)
  const props = { sandbox, onFlowRender, onCountdownRender }
  const view = render(<App {...props} deadline={undefined} />)
  act(() => flow?.send(PHONE))
  await act(() => vi.advanceTimersByTimeAsync(0))
  expect(flow?.status).toBe('awaitingCode')
  const deadline = flow?.resendAvailableAt
  expect(deadline).toEqual(new Date(T0 + 60_000))
  view.rerender(<App {...props} deadline={deadline} />)
  expect(view.getByText('60')).toBeInTheDocument()

  commits.flow.length = 0
  commits.countdown.length = 0
  for (let second = 1; second <= 60; second += 1) {
    await act(() => vi.advanceTimersByTimeAsync(1_000))
  }

  expect(view.getByText('0')).toBeInTheDocument()
  expect(commits.countdown).toHaveLength(60)
  // One commit in 60 seconds: the resend becoming available at its deadline.
  expect(commits.flow).toEqual(['update'])
  expect(flow?.resendStatus).toBe('available')
})
