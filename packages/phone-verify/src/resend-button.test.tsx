import { act, fireEvent, render, screen } from '@testing-library/react'
import axe from 'axe-core'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { locales } from './locales'
import { ResendButton } from './resend-button'
import { VerifyStatus } from './verify-status'

// Date.now is faked with the timers, so the system clock and the countdown's timeouts move together.
const clock = { now: () => Date.now() }

describe('ResendButton', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 26, 12) })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('takes a locale written with an underscore, as some servers write tags, and a malformed one, without throwing', () => {
    const { rerender } = render(
      <ResendButton availableAt={new Date(Date.now() + 30_000)} onResend={() => {}} locale="ar_EG" messages={locales.ar} />,
    )
    expect(screen.getByRole('button').textContent).toContain('٠:٣٠')
    rerender(<ResendButton availableAt={new Date(Date.now() + 30_000)} onResend={() => {}} locale="not a tag!" />)
    expect(screen.getByRole('button', { name: 'Resend code in 0:30' })).toBeDisabled()
  })

  it('is disabled and named with its countdown until the deadline, then announces once and resends', () => {
    const onResend = vi.fn()
    const onAvailable = vi.fn()
    render(
      <ResendButton availableAt={new Date(Date.now() + 30_000)} onResend={onResend} onAvailable={onAvailable} clock={clock} />,
    )
    expect(screen.getByRole('button', { name: 'Resend code in 0:30' })).toBeDisabled()
    act(() => vi.advanceTimersByTime(3_000))
    expect(screen.getByRole('button', { name: 'Resend code in 0:27' })).toBeDisabled()
    act(() => vi.advanceTimersByTime(26_999))
    expect(screen.getByRole('button', { name: 'Resend code in 0:01' })).toBeDisabled()
    expect(onAvailable).not.toHaveBeenCalled()
    act(() => vi.advanceTimersByTime(1))
    const button = screen.getByRole('button', { name: 'Resend code' })
    expect(button).toBeEnabled()
    expect(button).toHaveAttribute('data-state', 'ready')
    act(() => vi.advanceTimersByTime(10_000))
    expect(onAvailable).toHaveBeenCalledTimes(1)
    act(() => button.click())
    expect(onResend).toHaveBeenCalledTimes(1)
  })

  it('says so when no resends are left', () => {
    render(<ResendButton availableAt={new Date(Date.now() - 1)} remaining={0} onResend={() => {}} clock={clock} />)
    expect(screen.getByRole('button', { name: 'No more codes can be sent' })).toBeDisabled()
  })

  it('shows a resend in flight, focusable and sending nothing more', () => {
    const onResend = vi.fn()
    render(<ResendButton availableAt={undefined} pending onResend={onResend} clock={clock} />)
    const button = screen.getByRole('button', { name: 'Sending a new code…' })
    // Not the disabled attribute: a disabled button loses the keyboard focus it had when pressed.
    expect(button).toBeEnabled()
    expect(button).toHaveAttribute('aria-disabled', 'true')
    fireEvent.click(button)
    expect(onResend).not.toHaveBeenCalled()
  })

  it('speaks the locale', () => {
    render(
      <ResendButton
        availableAt={new Date(Date.now() + 75_000)}
        onResend={() => {}}
        clock={clock}
        locale="fr"
        messages={locales.fr}
      />,
    )
    expect(screen.getByRole('button', { name: 'Renvoyer le code dans 1:15' })).toBeDisabled()
  })
})

describe('VerifyStatus', () => {
  it('keeps a status region and an alert region, and shows the way out after an error', async () => {
    const { container, rerender } = render(<VerifyStatus />)
    expect(screen.getByRole('status')).toBeEmptyDOMElement()
    expect(screen.getByRole('alert')).toBeEmptyDOMElement()
    rerender(
      <VerifyStatus
        message="Code sent to +44 7700 900123"
        error="This code has expired"
        actions={<button type="button">Send a new code</button>}
      />,
    )
    expect(screen.getByRole('status')).toHaveTextContent('Code sent to +44 7700 900123')
    expect(screen.getByRole('alert')).toHaveTextContent('This code has expired')
    expect(screen.getByRole('button', { name: 'Send a new code' })).toBeInTheDocument()
    expect((await axe.run(container)).violations).toEqual([])
  })
})
