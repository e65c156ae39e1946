// @vitest-environment node
import { createSandbox } from '@otpflow/core/sandbox'
import { renderToString } from 'react-dom/server'
import { expect, it } from 'vitest'
import { OtpFlowProvider } from './otp-flow-provider'
import { useCountdown } from './use-countdown'
import { useOtpFlow } from './use-otp-flow'

function Page() {
  const flow = useOtpFlow()
  const seconds = useCountdown(new Date(Date.now() + 30_000))
  return (
    <p>
      {flow.status} {seconds}
    </p>
  )
}

it('renders on a server, where there is no window and no storage', () => {
  expect(typeof window).toBe('undefined')
  const html = renderToString(
    <OtpFlowProvider client={createSandbox()}>
      <Page />
    </OtpFlowProvider>,
  )
  expect(html).toContain('idle')
  expect(html).toMatch(/\b30\b/)
})

it('renders on a server with the default endpoint client', () => {
  expect(
    renderToString(
      <OtpFlowProvider>
        <Page />
      </OtpFlowProvider>,
    ),
  ).toContain('idle')
})
