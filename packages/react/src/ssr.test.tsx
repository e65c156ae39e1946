// @vitest-environment node
import { createSandbox } from '@otpflow/core/sandbox'
import { useLayoutEffect } from 'react'
import { renderToString } from 'react-dom/server'
import { expect, it, vi } from 'vitest'
import { OtpFlowProvider } from './otp-flow-provider'
import { useCountdown } from './use-countdown'
import { useOtpFlow } from './use-otp-flow'

vi.mock('react', async (importOriginal) => {
  const react = await importOriginal<typeof import('react')>()
  return { ...react, useLayoutEffect: vi.fn(react.useLayoutEffect) }
})

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

it('runs no layout effect in a server render, which React 18 warns about', () => {
  vi.mocked(useLayoutEffect).mockClear()
  renderToString(
    <OtpFlowProvider client={createSandbox()}>
      <Page />
    </OtpFlowProvider>,
  )
  expect(useLayoutEffect).not.toHaveBeenCalled()
})
