import { act, fireEvent, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import axe from 'axe-core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { CodeField } from './code-field'

const field = () => screen.getByLabelText<HTMLInputElement>('Verification code')
const slots = (container: HTMLElement) => [...container.querySelectorAll<HTMLElement>('[data-part="code-slot"]')]

describe('CodeField', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
  })

  it('is one real input for one-time codes, left to right, never translated', () => {
    const { container } = render(<CodeField aria-label="Verification code" />)
    expect(field()).toHaveAttribute('autocomplete', 'one-time-code')
    expect(field()).toHaveAttribute('inputmode', 'numeric')
    expect(field()).toHaveAttribute('translate', 'no')
    expect(container.querySelector('[data-part="code-field"]')).toHaveAttribute('dir', 'ltr')
    expect(container.querySelector('[data-part="code-slots"]')).toHaveAttribute('aria-hidden', 'true')
    expect(screen.getAllByRole('textbox')).toHaveLength(1)
    expect(slots(container)).toHaveLength(6)
  })

  it.each([['123456'], ['123 456'], ['123-456'], ['Your code is 123456'], ['١٢٣٤٥٦'], ['۱۲۳۴۵۶']])(
    'turns a pasted %j into 123456 and completes once',
    async (pasted) => {
      const user = userEvent.setup()
      const onComplete = vi.fn()
      const { container } = render(<CodeField aria-label="Verification code" onComplete={onComplete} />)
      await user.click(field())
      await user.paste(pasted)
      expect(field()).toHaveValue('123456')
      expect(onComplete).toHaveBeenCalledTimes(1)
      expect(onComplete).toHaveBeenCalledWith('123456')
      expect(slots(container).map((slot) => slot.textContent)).toEqual(['1', '2', '3', '4', '5', '6'])
      expect(field().selectionStart).toBe(6)
    },
  )

  it('takes typed Persian digits as ASCII', async () => {
    const user = userEvent.setup()
    render(<CodeField aria-label="Verification code" />)
    await user.type(field(), '۱۲۳')
    expect(field()).toHaveValue('123')
  })

  it('fires onComplete once per distinct complete code', () => {
    const onComplete = vi.fn()
    render(<CodeField aria-label="Verification code" onComplete={onComplete} />)
    // autofill sometimes dispatches the same value several times
    fireEvent.change(field(), { target: { value: '123456' } })
    fireEvent.change(field(), { target: { value: '123456' } })
    expect(onComplete).toHaveBeenCalledTimes(1)
    fireEvent.change(field(), { target: { value: '123457' } })
    expect(onComplete).toHaveBeenCalledTimes(2)
    fireEvent.change(field(), { target: { value: '12345' } })
    fireEvent.change(field(), { target: { value: '123457' } })
    expect(onComplete).toHaveBeenCalledTimes(3)
  })

  it('puts the caret on the clicked slot to correct that digit', async () => {
    const user = userEvent.setup()
    const onComplete = vi.fn()
    const { container } = render(<CodeField aria-label="Verification code" defaultValue="123456" onComplete={onComplete} />)
    slots(container).forEach((slot, index) => {
      vi.spyOn(slot, 'getBoundingClientRect').mockReturnValue(new DOMRect(index * 40, 0, 40, 48))
    })
    await user.pointer({ keys: '[MouseLeft]', target: field(), coords: { clientX: 95, clientY: 10 } })
    expect(field().selectionStart).toBe(2)
    expect(field().selectionEnd).toBe(3)
    expect(slots(container)[2]).toHaveAttribute('data-active')
    await user.keyboard('9')
    expect(field()).toHaveValue('129456')
    expect(onComplete).toHaveBeenCalledWith('129456')
  })

  it('keeps showing where the focus is when the parent clears the code', async () => {
    const user = userEvent.setup()
    const { container, rerender } = render(<CodeField aria-label="Verification code" value="123456" onValueChange={() => {}} />)
    await user.click(field())
    await user.keyboard('{End}')
    expect(slots(container)[5]).toHaveAttribute('data-active')
    // As after a wrong code: the value goes away without the input firing select, and the focus stays.
    rerender(<CodeField aria-label="Verification code" value="" onValueChange={() => {}} />)
    expect(field()).toHaveFocus()
    expect(slots(container).filter((slot) => slot.hasAttribute('data-active'))).toEqual([slots(container)[0]])
  })

  it('replaces the digit after the caret when typing into a full field', async () => {
    const user = userEvent.setup()
    render(<CodeField aria-label="Verification code" defaultValue="123456" />)
    await user.type(field(), '0', { initialSelectionStart: 1, initialSelectionEnd: 1 })
    expect(field()).toHaveValue('103456')
    expect(field().selectionStart).toBe(2)
  })

  it('keeps native Backspace, arrows and select-all', async () => {
    const user = userEvent.setup()
    render(<CodeField aria-label="Verification code" />)
    await user.type(field(), '1234')
    await user.keyboard('{ArrowLeft}{Backspace}')
    expect(field()).toHaveValue('124')
    expect(field().selectionStart).toBe(2)
    await user.keyboard('{Control>}a{/Control}{Backspace}')
    expect(field()).toHaveValue('')
  })

  it('ignores letters', async () => {
    const user = userEvent.setup()
    render(<CodeField aria-label="Verification code" />)
    await user.type(field(), '1a2b')
    expect(field()).toHaveValue('12')
  })

  it('fills the code through WebOTP and aborts the request on unmount', async () => {
    let signal: AbortSignal | undefined
    let deliver: (credential: { code: string }) => void = () => {}
    vi.stubGlobal('OTPCredential', class {})
    const get = vi.fn((options: CredentialRequestOptions) => {
      signal = options.signal ?? undefined
      return new Promise((resolve) => {
        deliver = resolve
      })
    })
    vi.stubGlobal('navigator', { ...navigator, credentials: { get } })
    const onComplete = vi.fn()
    const { unmount } = render(<CodeField aria-label="Verification code" onComplete={onComplete} />)
    expect(get).toHaveBeenCalledWith(expect.objectContaining({ otp: { transport: ['sms'] } }))
    await act(async () => deliver({ code: '654321' }))
    expect(field()).toHaveValue('654321')
    expect(onComplete).toHaveBeenCalledWith('654321')
    expect(signal?.aborted).toBe(false)
    unmount()
    expect(signal?.aborted).toBe(true)
  })

  it('does not ask for WebOTP where the browser lacks it', () => {
    const get = vi.fn()
    vi.stubGlobal('navigator', { ...navigator, credentials: { get } })
    render(<CodeField aria-label="Verification code" />)
    expect(get).not.toHaveBeenCalled()
  })

  it('draws codeLength slots and completes at that many digits, as with length, its deprecated name', () => {
    const onComplete = vi.fn()
    const { container, unmount } = render(<CodeField aria-label="Verification code" codeLength={4} onComplete={onComplete} />)
    expect(slots(container)).toHaveLength(4)
    fireEvent.change(field(), { target: { value: '1234' } })
    expect(onComplete).toHaveBeenCalledWith('1234')
    unmount()
    const old = render(<CodeField aria-label="Verification code" length={8} />)
    expect(slots(old.container)).toHaveLength(8)
  })

  it('marks itself invalid', () => {
    const { container } = render(<CodeField aria-label="Verification code" invalid />)
    expect(field()).toHaveAttribute('aria-invalid', 'true')
    expect(container.querySelector('[data-part="code-field"]')).toHaveAttribute('data-invalid')
  })

  it('has no axe violations', async () => {
    const { container } = render(<CodeField aria-label="Verification code" defaultValue="12" />)
    expect((await axe.run(container)).violations).toEqual([])
  })
})
