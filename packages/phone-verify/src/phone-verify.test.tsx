import type { CheckInput, CreateAuthenticationInput, OtpContract, RequestOptions, RetryInput } from '@otpflow/core'
import { OtpError } from '@otpflow/core'
import { createSandbox, SANDBOX_TEST_NUMBERS, type Sandbox } from '@otpflow/core/sandbox'
import { OtpFlowProvider } from '@otpflow/react'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import axe from 'axe-core'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { ar } from './locales/ar'
import { es } from './locales/es'
import { fr } from './locales/fr'
import { mergeMessages } from './messages'
import { loadPhoneMetadata } from './phone/metadata'
import { PhoneVerify, type PhoneVerifyProps } from './phone-verify'

beforeAll(async () => {
  await loadPhoneMetadata()
})

afterEach(() => {
  vi.restoreAllMocks()
})

/** A clock the test moves by hand, shared by the sandbox and the flow. */
function manualClock(start = Date.UTC(2026, 10, 26, 12)) {
  let now = start
  return {
    now: () => now,
    advance(seconds: number) {
      now += seconds * 1000
    },
  }
}

function setup(props: Partial<PhoneVerifyProps> = {}, sandboxOptions: Parameters<typeof createSandbox>[0] = {}) {
  const clock = manualClock()
  const sandbox = createSandbox({ clock, ...sandboxOptions })
  const user = userEvent.setup()
  const onVerified = vi.fn()
  const onError = vi.fn()
  const view = render(
    <PhoneVerify
      client={sandbox}
      defaultCountry="GB"
      onVerified={onVerified}
      onError={onError}
      {...props}
      flowOptions={{ persist: false, clock, ...props.flowOptions }}
    />,
  )
  return { ...view, clock, sandbox, user, onVerified, onError }
}

const phoneField = () => screen.getByLabelText<HTMLInputElement>('Phone number')
const codeField = () => screen.findByLabelText<HTMLInputElement>('Verification code')
const alert = () => screen.getByRole('alert')
const status = () => screen.getByRole('status')

async function sendTo(user: ReturnType<typeof userEvent.setup>, number: string) {
  await user.type(phoneField(), number)
  await user.click(screen.getByRole('button', { name: 'Send code' }))
}

const latestCode = (sandbox: Sandbox) => sandbox.outbox.latest()?.code ?? ''
const wrong = (code: string) => code.replace(/^./, (digit) => String((Number(digit) + 1) % 10))

/** Tells the flow and countdowns to read the clock again, as a tab coming back to the front does. */
function wakeUp() {
  act(() => {
    document.dispatchEvent(new Event('visibilitychange'))
  })
}

describe('PhoneVerify', () => {
  it('sends a code, moves focus to the code field, and verifies the typed code', async () => {
    const { user, sandbox, onVerified } = setup()
    await sendTo(user, '07700 900123')
    const field = await codeField()
    await waitFor(() => expect(field).toHaveFocus())
    expect(status()).toHaveTextContent('Code sent to +44 7700 900123')
    expect(sandbox.outbox.latest()?.phoneNumber).toBe('+447700900123')
    await user.keyboard(latestCode(sandbox))
    await waitFor(() =>
      expect(onVerified).toHaveBeenCalledWith({
        phoneNumber: '+447700900123',
        verificationToken: undefined,
        verificationExpiresAt: undefined,
        restored: false,
      }),
    )
    expect(onVerified).toHaveBeenCalledTimes(1)
    expect(status()).toHaveTextContent('Phone number verified')
  })

  it('verifies a pasted code once, with the button and Enter unable to check it again', async () => {
    const { user, sandbox, onVerified } = setup({ autoSubmit: false })
    const check = vi.spyOn(sandbox, 'check')
    await sendTo(user, '07700 900123')
    await codeField()
    await user.paste(`Your code is ${latestCode(sandbox)}`)
    await user.click(screen.getByRole('button', { name: 'Verify' }))
    await user.keyboard('{Enter}')
    await waitFor(() => expect(onVerified).toHaveBeenCalledTimes(1))
    expect(check).toHaveBeenCalledTimes(1)
  })

  it('sends the E.164 number of a pasted international number and follows its country', async () => {
    const { user, sandbox } = setup({ defaultCountry: 'US' })
    await user.click(phoneField())
    await user.paste('+44 7700 900123')
    expect(screen.getByRole('combobox', { name: 'Country' })).toHaveValue('🇬🇧 +44')
    await user.click(screen.getByRole('button', { name: 'Send code' }))
    await codeField()
    expect(sandbox.outbox.latest()?.phoneNumber).toBe('+447700900123')
  })

  it('sends to a default number given in national form', async () => {
    const { user, sandbox } = setup({ defaultPhoneNumber: '07700 900123' })
    expect(phoneField()).toHaveValue('07700 900123')
    await user.click(screen.getByRole('button', { name: 'Send code' }))
    await codeField()
    expect(sandbox.outbox.latest()?.phoneNumber).toBe('+447700900123')
  })

  it('takes the country of a default number in international form', async () => {
    const { user, sandbox } = setup({ defaultCountry: 'US', defaultPhoneNumber: '+33 6 12 34 56 78' })
    expect(await screen.findByDisplayValue('06 12 34 56 78')).toBe(phoneField())
    expect(screen.getByRole('combobox', { name: 'Country' })).toHaveValue('🇫🇷 +33')
    await user.click(screen.getByRole('button', { name: 'Send code' }))
    await codeField()
    expect(sandbox.outbox.latest()?.phoneNumber).toBe('+33612345678')
  })

  it('keeps the country of a default international number over the guessed one', async () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['en-GB'])
    render(<PhoneVerify client={createSandbox()} defaultPhoneNumber="+33 6 12 34 56 78" flowOptions={{ persist: false }} />)
    expect(phoneField()).toHaveValue('06 12 34 56 78')
    expect(screen.getByRole('combobox', { name: 'Country' })).toHaveValue('🇫🇷 +33')
  })

  it('says an invalid number is invalid, without sending, and keeps the focus on the field', async () => {
    const { user, sandbox } = setup()
    const send = vi.spyOn(sandbox, 'createAuthentication')
    await sendTo(user, '0770')
    expect(alert()).toHaveTextContent('Enter a valid phone number.')
    expect(phoneField()).toHaveAttribute('aria-invalid', 'true')
    expect(phoneField()).toHaveAccessibleDescription(/Enter a valid phone number/)
    expect(phoneField()).toHaveFocus()
    expect(send).not.toHaveBeenCalled()
    await user.type(phoneField(), '900123')
    expect(alert()).toBeEmptyDOMElement()
  })

  it.each([
    [SANDBOX_TEST_NUMBERS.invalidPhoneNumber, 'Enter a valid phone number.'],
    [SANDBOX_TEST_NUMBERS.invalidLine, 'This number cannot receive text messages. Enter a mobile number.'],
    [SANDBOX_TEST_NUMBERS.spamDetected, 'This number cannot be verified. Use another number.'],
  ])('explains the send answer for %s and points at the number', async (number, message) => {
    const { user } = setup({ defaultCountry: 'US' })
    await sendTo(user, number)
    await waitFor(() => expect(alert()).toHaveTextContent(message))
    expect(phoneField()).toHaveAttribute('aria-invalid', 'true')
    // Editing the number is the way out: the error goes away with the first change.
    await user.type(phoneField(), '{Backspace}')
    expect(alert()).toBeEmptyDOMElement()
    expect(phoneField()).not.toHaveAttribute('aria-invalid')
  })

  it('guesses the country from the browser language', () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['fr-FR', 'fr'])
    render(<PhoneVerify client={createSandbox()} flowOptions={{ persist: false }} />)
    expect(screen.getByRole('combobox', { name: 'Country' })).toHaveValue('🇫🇷 +33')
  })

  it('falls back to the first offered country when the guess is not offered', () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['fr-FR'])
    render(<PhoneVerify client={createSandbox()} allowedCountries={['DE', 'AT']} flowOptions={{ persist: false }} />)
    expect(screen.getByRole('combobox', { name: 'Country' })).toHaveValue('🇩🇪 +49')
  })

  it('still offers the countries given as countries, the deprecated name of allowedCountries', () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['fr-FR'])
    render(<PhoneVerify client={createSandbox()} countries={['DE', 'AT']} flowOptions={{ persist: false }} />)
    expect(screen.getByRole('combobox', { name: 'Country' })).toHaveValue('🇩🇪 +49')
  })

  it('explains an unsupported region', async () => {
    const sandbox = createSandbox()
    const client: OtpContract = {
      ...sandbox,
      createAuthentication: async () => {
        throw new OtpError('unsupported_region', 'Region not supported', { status: 400 })
      },
    }
    const user = userEvent.setup()
    render(<PhoneVerify client={client} defaultCountry="GB" flowOptions={{ persist: false }} />)
    await sendTo(user, '07700 900123')
    await waitFor(() => expect(alert()).toHaveTextContent('We cannot send codes to this country.'))
  })

  it('says to wait when rate limited, with no button that contradicts it, and forgets it once the number changes', async () => {
    const { user } = setup({ defaultCountry: 'US' })
    await sendTo(user, SANDBOX_TEST_NUMBERS.rateLimited)
    await waitFor(() => expect(alert()).toHaveTextContent(/^Too many requests\./))
    expect(document.querySelector('[data-part="action-button"]')).toBeNull()
    await user.type(phoneField(), '{Backspace}')
    expect(alert()).toBeEmptyDOMElement()
  })

  it('gives the wait of a rate-limit error from Retry-After', async () => {
    const sandbox = createSandbox()
    const client: OtpContract = {
      ...sandbox,
      createAuthentication: async () => {
        throw new OtpError('rate_limited', 'Too many requests', { status: 429, retryAfter: 120 })
      },
    }
    const user = userEvent.setup()
    render(<PhoneVerify client={client} defaultCountry="GB" flowOptions={{ persist: false }} />)
    await sendTo(user, '07700 900123')
    await waitFor(() => expect(alert()).toHaveTextContent('Too many requests. Try again in 2 minutes.'))
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull()
    expect(screen.queryByRole('button', { name: 'Change number' })).toBeNull()
  })

  it('counts a Retry-After down from when it came: later, the message says the wait that is left', async () => {
    const clock = manualClock()
    const sandbox = createSandbox({ clock })
    let refuse = false
    const client: OtpContract = {
      ...sandbox,
      check: async (input, options) => {
        if (refuse) throw new OtpError('rate_limited', 'Too many requests', { status: 429, retryAfter: 240 })
        return sandbox.check(input, options)
      },
    }
    const user = userEvent.setup()
    render(<PhoneVerify client={client} defaultCountry="GB" flowOptions={{ persist: false, clock }} />)
    await sendTo(user, '07700 900123')
    await codeField()
    refuse = true
    await user.keyboard(wrong(latestCode(sandbox)))
    await waitFor(() => expect(alert()).toHaveTextContent('Too many requests. Try again in 4 minutes.'))
    clock.advance(150)
    // Any render reads the wait again (here, a digit erased).
    await user.keyboard('{Backspace}')
    expect(alert()).toHaveTextContent('Too many requests. Try again in 2 minutes.')
  })

  it.each([
    ['network_error', 'No connection to the server. Check your connection and try again.'],
    ['timeout', 'The server took too long to answer. Try again.'],
    ['service_unavailable', 'The service is unavailable right now.'],
    ['server_error', 'The service is unavailable right now.'],
  ])('offers a retry after %s on send that keeps the typed number', async (errorCode, message) => {
    const sandbox = createSandbox()
    let failures = 1
    const client: OtpContract = {
      ...sandbox,
      createAuthentication: (input: CreateAuthenticationInput, options?: RequestOptions) => {
        if (failures-- > 0) return Promise.reject(new OtpError(errorCode, 'failed'))
        return sandbox.createAuthentication(input, options)
      },
    }
    const user = userEvent.setup()
    render(<PhoneVerify client={client} defaultCountry="GB" flowOptions={{ persist: false }} />)
    await sendTo(user, '07700 900123')
    await waitFor(() => expect(alert()).toHaveTextContent(message))
    expect(phoneField()).toHaveValue('07700 900123')
    await user.click(screen.getByRole('button', { name: 'Try again' }))
    await codeField()
    expect(sandbox.outbox.latest()?.phoneNumber).toBe('+447700900123')
  })

  it('offers a retry after a network failure on check that keeps the typed code', async () => {
    const sandbox = createSandbox()
    let failures = 1
    const client: OtpContract = {
      ...sandbox,
      check: (input: CheckInput, options?: RequestOptions) => {
        if (failures-- > 0) return Promise.reject(new OtpError('network_error', 'offline'))
        return sandbox.check(input, options)
      },
    }
    const user = userEvent.setup()
    const onVerified = vi.fn()
    render(<PhoneVerify client={client} defaultCountry="GB" onVerified={onVerified} flowOptions={{ persist: false }} />)
    await sendTo(user, '07700 900123')
    const field = await codeField()
    await user.keyboard(latestCode(sandbox))
    await waitFor(() => expect(alert()).toHaveTextContent('No connection to the server.'))
    expect(field).toHaveValue(latestCode(sandbox))
    await user.click(screen.getByRole('button', { name: 'Try again' }))
    await waitFor(() => expect(onVerified).toHaveBeenCalledTimes(1))
  })

  it('announces a wrong code with the attempts left, then clears and refocuses the field', async () => {
    const { user, sandbox } = setup({ flowOptions: { maxAttempts: 5 } })
    await sendTo(user, '07700 900123')
    const field = await codeField()
    await user.keyboard(wrong(latestCode(sandbox)))
    await waitFor(() =>
      expect(alert()).toHaveTextContent('That code is not right. Check the text message and try again. 4 attempts left'),
    )
    expect(field).toHaveValue('')
    expect(field).toHaveFocus()
    expect(field).toHaveAttribute('aria-invalid', 'true')
  })

  /** The sandbox, answering each wrong code with the checks left as `remainingAttempts` says (as the endpoint does). */
  function withAttemptsLeft(sandbox: Sandbox, left: number[]): OtpContract {
    return {
      ...sandbox,
      check: async (input, options) => {
        const result = await sandbox.check(input, options)
        if (result.status !== 'invalid') return result
        const { remainingAttempts: _, ...rest } = result
        const next = left.shift()
        return next === undefined ? rest : { ...rest, remainingAttempts: next }
      },
    }
  }

  it('says how many attempts are left when the check answer says so, in the plural form of the count', async () => {
    const sandbox = createSandbox()
    const user = userEvent.setup()
    render(<PhoneVerify client={withAttemptsLeft(sandbox, [3, 1])} defaultCountry="GB" flowOptions={{ persist: false }} />)
    await sendTo(user, '07700 900123')
    await codeField()
    await user.keyboard(wrong(latestCode(sandbox)))
    await waitFor(() =>
      expect(alert()).toHaveTextContent('That code is not right. Check the text message and try again. 3 attempts left.'),
    )
    await user.keyboard(wrong(wrong(latestCode(sandbox))))
    await waitFor(() => expect(alert()).toHaveTextContent('1 attempt left.'))
  })

  it('says no count when the check answer has none and maxAttempts is not set', async () => {
    const sandbox = createSandbox()
    const user = userEvent.setup()
    render(<PhoneVerify client={withAttemptsLeft(sandbox, [])} defaultCountry="GB" flowOptions={{ persist: false }} />)
    await sendTo(user, '07700 900123')
    await codeField()
    await user.keyboard(wrong(latestCode(sandbox)))
    await waitFor(() => expect(alert()).toHaveTextContent('That code is not right.'))
    expect(alert()).not.toHaveTextContent(/attempt/)
  })

  it('offers a new code, not only another number, once no attempts are left, and verifies with it', async () => {
    const sandbox = createSandbox()
    const user = userEvent.setup()
    const onVerified = vi.fn()
    render(
      <PhoneVerify
        client={withAttemptsLeft(sandbox, [0])}
        defaultCountry="GB"
        onVerified={onVerified}
        flowOptions={{ persist: false }}
      />,
    )
    await sendTo(user, '07700 900123')
    const field = await codeField()
    await user.keyboard(wrong(latestCode(sandbox)))
    await waitFor(() => expect(alert()).toHaveTextContent('Too many wrong codes. Request a new code.'))
    // Still on the code step, its field closed: the way out is a new code, and it has the focus.
    expect(field).toBeDisabled()
    const sendNew = screen.getByRole('button', { name: 'Send a new code' })
    expect(sendNew).toHaveFocus()
    await user.click(sendNew)
    await waitFor(() => expect(sandbox.outbox.messages()).toHaveLength(2))
    const fresh = await codeField()
    await waitFor(() => expect(fresh).toHaveFocus())
    expect(sandbox.outbox.messages()[1]?.authenticationUuid).not.toBe(sandbox.outbox.messages()[0]?.authenticationUuid)
    await user.keyboard(latestCode(sandbox))
    await waitFor(() => expect(onVerified).toHaveBeenCalledTimes(1))
  })

  it('says when the server refuses more checks, and offers a new code', async () => {
    const sandbox = createSandbox({ maxCheckAttempts: 1 })
    const user = userEvent.setup()
    // Ding's own answer: no count of the checks left, so the refusal comes with the next check.
    render(<PhoneVerify client={withAttemptsLeft(sandbox, [])} defaultCountry="GB" flowOptions={{ persist: false }} />)
    await sendTo(user, '07700 900123')
    await codeField()
    const code = latestCode(sandbox)
    await user.keyboard(wrong(code))
    await waitFor(() => expect(alert()).toHaveTextContent('That code is not right.'))
    await user.keyboard(code)
    await waitFor(() => expect(alert()).toHaveTextContent('Too many wrong codes. Request a new code.'))
    expect(screen.getByRole('button', { name: 'Send a new code' })).toHaveFocus()
  })

  it('says the code has expired and sends a new one', async () => {
    const { user, sandbox, clock, container } = setup({}, { ttlSeconds: 60 })
    await sendTo(user, '07700 900123')
    await codeField()
    const first = latestCode(sandbox)
    clock.advance(61)
    await user.keyboard(first)
    await waitFor(() => expect(alert()).toHaveTextContent('This code has expired'))
    expect((await axe.run(container)).violations).toEqual([])
    const sendNew = screen.getByRole('button', { name: 'Send a new code' })
    expect(sendNew).toHaveFocus()
    await user.keyboard('{Enter}')
    // The number step never shows in between.
    expect(screen.queryByLabelText('Phone number')).toBeNull()
    await waitFor(() => expect(sandbox.outbox.messages()).toHaveLength(2))
    await waitFor(() => expect(alert()).toBeEmptyDOMElement())
    const field = await codeField()
    expect(field).toBeEnabled()
    await waitFor(() => expect(field).toHaveFocus())
  })

  it('counts the resend down from the server deadline, announces it once, then resends', async () => {
    const { user, sandbox, clock } = setup()
    await sendTo(user, '07700 900123')
    await codeField()
    const resend = screen.getByRole('button', { name: 'Resend code in 0:30' })
    expect(resend).toBeDisabled()
    clock.advance(3)
    wakeUp()
    expect(screen.getByRole('button', { name: 'Resend code in 0:27' })).toBeDisabled()
    clock.advance(27)
    wakeUp()
    const ready = await screen.findByRole('button', { name: 'Resend code' })
    expect(ready).toBeEnabled()
    expect(status()).toHaveTextContent('You can request a new code now')
    await user.click(ready)
    await waitFor(() => expect(sandbox.outbox.messages()).toHaveLength(2))
    await waitFor(() => expect(status()).toHaveTextContent('Code sent to +44 7700 900123'))
    expect(screen.getByRole('button', { name: /^Resend code in/ })).toBeDisabled()
    expect(await codeField()).toHaveFocus()
  })

  it('says when no more codes can be sent', async () => {
    const { user, clock } = setup({}, { maxResends: 0 })
    await sendTo(user, '07700 900123')
    await codeField()
    expect(screen.getByRole('button', { name: 'No more codes can be sent' })).toBeDisabled()
    clock.advance(30)
    wakeUp()
    expect(screen.getByRole('button', { name: 'No more codes can be sent' })).toBeDisabled()
  })

  it('keeps the code and its countdown when the same number is sent again after Change number', async () => {
    const { user, sandbox, clock } = setup()
    await sendTo(user, '07700 900123')
    await codeField()
    clock.advance(10)
    await user.click(screen.getByRole('button', { name: 'Change number' }))
    await user.click(screen.getByRole('button', { name: 'Send code' }))
    await codeField()
    expect(sandbox.outbox.messages()).toHaveLength(1)
    expect(screen.getByRole('button', { name: 'Resend code in 0:20' })).toBeDisabled()
  })

  it('says "Enter the code sent to …", not "Code sent", when the same number comes back without a new SMS', async () => {
    const { user, sandbox } = setup()
    await sendTo(user, '07700 900123')
    await codeField()
    await waitFor(() => expect(status()).toHaveTextContent('Code sent to +44 7700 900123'))
    await user.click(screen.getByRole('button', { name: 'Change number' }))
    // Emptied on the way back, so the same text later is announced again.
    expect(status()).toBeEmptyDOMElement()
    await user.click(screen.getByRole('button', { name: 'Send code' }))
    await codeField()
    expect(sandbox.outbox.messages()).toHaveLength(1)
    expect(status()).toHaveTextContent('Enter the code sent to +44 7700 900123')
    expect(status()).not.toHaveTextContent('Code sent')
  })

  it('says "Enter the code sent to …" with the number in groups after a reload', async () => {
    sessionStorage.clear()
    const sandbox = createSandbox()
    const user = userEvent.setup()
    const first = render(<PhoneVerify client={sandbox} defaultCountry="GB" flowOptions={{ persist: 'session' }} />)
    await sendTo(user, '07700 900123')
    await codeField()
    first.unmount()
    render(<PhoneVerify client={sandbox} defaultCountry="GB" flowOptions={{ persist: 'session' }} />)
    await codeField()
    await waitFor(() => expect(status()).toHaveTextContent('Enter the code sent to +44 7700 900123'))
    expect(sandbox.outbox.messages()).toHaveLength(1)
    sessionStorage.clear()
  })

  it('announces the new code after an expiry even though its text is the same as the first one', async () => {
    const clock = manualClock()
    const sandbox = createSandbox({ clock, ttlSeconds: 20 })
    const sends: (() => void)[] = []
    const client: OtpContract = {
      ...sandbox,
      createAuthentication: (input: CreateAuthenticationInput, options?: RequestOptions) =>
        new Promise((resolve) => {
          sends.push(() => resolve(sandbox.createAuthentication(input, options)))
        }),
    }
    const user = userEvent.setup()
    render(<PhoneVerify client={client} defaultCountry="GB" flowOptions={{ persist: false, clock }} />)
    await sendTo(user, '07700 900123')
    await act(async () => sends.shift()?.())
    await codeField()
    expect(status()).toHaveTextContent('Code sent to +44 7700 900123')
    clock.advance(21)
    wakeUp()
    await user.click(await screen.findByRole('button', { name: 'Send a new code' }))
    // The region is emptied while the new code is on its way, so the same words are announced again.
    expect(status()).toBeEmptyDOMElement()
    await act(async () => sends.shift()?.())
    await waitFor(() => expect(status()).toHaveTextContent('Code sent to +44 7700 900123'))
  })

  it('keeps the number from being edited while its code is being sent', async () => {
    const sandbox = createSandbox()
    const sends: (() => void)[] = []
    const client: OtpContract = {
      ...sandbox,
      createAuthentication: (input: CreateAuthenticationInput, options?: RequestOptions) =>
        new Promise((resolve) => {
          sends.push(() => resolve(sandbox.createAuthentication(input, options)))
        }),
    }
    const user = userEvent.setup()
    render(<PhoneVerify client={client} defaultCountry="GB" flowOptions={{ persist: false }} />)
    await sendTo(user, '07700 900123')
    await user.type(phoneField(), '9')
    // Backspace right after the space goes through the field's own separator handling: read-only too.
    await user.keyboard('{ArrowLeft>6/}{Backspace}')
    expect(phoneField()).toHaveValue('07700 900123')
    await act(async () => sends.shift()?.())
    await codeField()
    // Under the step's heading and in the announcement.
    expect(screen.getAllByText('+44 7700 900123')).toHaveLength(2)
  })

  it('keeps the number on one line in the sent-to text', async () => {
    const { user, container } = setup()
    await sendTo(user, '07700 900123')
    await codeField()
    const number = container.querySelector('[data-part="sent-to-text"] [data-part="phone-number"]')
    expect(number).toHaveTextContent('+44 7700 900123')
    expect(number).toHaveAttribute('dir', 'ltr')
  })

  it('says so when the code just rejected is entered again, clears it and checks nothing', async () => {
    const { user, sandbox, onError } = setup()
    await sendTo(user, '07700 900123')
    const field = await codeField()
    const check = vi.spyOn(sandbox, 'check')
    const rejected = wrong(latestCode(sandbox))
    await user.keyboard(rejected)
    await waitFor(() => expect(alert()).toHaveTextContent('That code is not right.'))
    await user.keyboard(rejected)
    expect(alert()).toHaveTextContent('You already tried this code. Check the text message and enter the code it shows.')
    expect(field).toHaveValue('')
    expect(field).toHaveFocus()
    expect(field).toHaveAttribute('aria-invalid', 'true')
    expect(check).toHaveBeenCalledTimes(1)
    expect(onError).toHaveBeenCalledTimes(1)
    await user.keyboard(latestCode(sandbox))
    await waitFor(() => expect(status()).toHaveTextContent('Phone number verified'))
  })

  it('moves the focus to the verified message when the code field goes away', async () => {
    const { user, sandbox } = setup()
    await sendTo(user, '07700 900123')
    await codeField()
    await user.keyboard(latestCode(sandbox))
    await waitFor(() => expect(status()).toHaveTextContent('Phone number verified'))
    expect(document.activeElement).toHaveAttribute('data-part', 'verified-message')
    expect(document.activeElement).toHaveTextContent('Phone number verified +44 7700 900123')
  })

  describe('once verified', () => {
    const PROOF_LIFETIME = 600
    /** The endpoint's answer to the right code: a proof and when it expires (the in-memory sandbox gives neither). */
    function withProof(sandbox: Sandbox, clock: { now: () => number }): OtpContract {
      return {
        ...sandbox,
        check: async (input, options) => {
          const result = await sandbox.check(input, options)
          if (result.status !== 'valid') return result
          const verificationExpiresAt = new Date(clock.now() + PROOF_LIFETIME * 1000)
          return { ...result, verificationToken: 'signed-proof', verificationExpiresAt }
        },
      }
    }

    async function verified(persist: 'session' | false = false) {
      const clock = manualClock()
      const sandbox = createSandbox({ clock })
      const client = withProof(sandbox, clock)
      const user = userEvent.setup()
      const onVerified = vi.fn()
      const props = { client, defaultCountry: 'GB', onVerified, name: 'phoneToken', flowOptions: { persist, clock } } as const
      const view = render(<PhoneVerify {...props} />)
      await sendTo(user, '07700 900123')
      await codeField()
      await user.keyboard(latestCode(sandbox))
      await waitFor(() => expect(status()).toHaveTextContent('Phone number verified'))
      return { ...view, clock, sandbox, user, onVerified, props }
    }

    const hiddenToken = (container: HTMLElement) => container.querySelector<HTMLInputElement>('input[name="phoneToken"]')

    it('tells onVerified when the proof expires', async () => {
      const { onVerified, clock } = await verified()
      expect(onVerified).toHaveBeenCalledWith({
        phoneNumber: '+447700900123',
        verificationToken: 'signed-proof',
        verificationExpiresAt: new Date(clock.now() + PROOF_LIFETIME * 1000),
        restored: false,
      })
    })

    it('goes back to the number step when the proof expires, number kept, saying why, focus on Send code', async () => {
      const { clock, container } = await verified()
      expect(hiddenToken(container)).toHaveValue('signed-proof')
      clock.advance(PROOF_LIFETIME)
      wakeUp()
      await waitFor(() =>
        expect(alert()).toHaveTextContent('Your verification has expired. Send a new code to verify this number again.'),
      )
      expect(phoneField()).toHaveValue('07700 900123')
      expect(screen.getByRole('button', { name: 'Send code' })).toHaveFocus()
      expect(hiddenToken(container)).toHaveValue('')
      expect((await axe.run(container)).violations).toEqual([])
    })

    it('leaves the focus where it is when the proof expires while the user is elsewhere on the page', async () => {
      const { clock } = await verified()
      const elsewhere = document.createElement('input')
      document.body.append(elsewhere)
      elsewhere.focus()
      clock.advance(PROOF_LIFETIME)
      wakeUp()
      await waitFor(() => expect(alert()).toHaveTextContent('Your verification has expired.'))
      expect(elsewhere).toHaveFocus()
      elsewhere.remove()
    })

    it('verifies the same number again with a new code', async () => {
      const { user, sandbox, onVerified } = await verified()
      await user.click(screen.getByRole('button', { name: 'Verify again' }))
      const field = await codeField()
      await waitFor(() => expect(field).toHaveFocus())
      expect(sandbox.outbox.messages()).toHaveLength(2)
      await user.keyboard(latestCode(sandbox))
      await waitFor(() => expect(onVerified).toHaveBeenCalledTimes(2))
    })

    it('goes back to the number step on Change number, number kept, focus on the field', async () => {
      const { user } = await verified()
      await user.click(screen.getByRole('button', { name: 'Change number' }))
      expect(phoneField()).toHaveValue('07700 900123')
      expect(phoneField()).toHaveFocus()
      expect(alert()).toBeEmptyDOMElement()
    })

    it('stays verified across a reload with persist, until the proof expires, and never stores the code', async () => {
      sessionStorage.clear()
      const { unmount, clock, props, sandbox } = await verified('session')
      unmount()
      const stored = Object.keys(sessionStorage).map((key) => sessionStorage.getItem(key) ?? '')
      expect(stored.join('\n')).toContain('signed-proof')
      expect(stored.join('\n')).not.toContain(latestCode(sandbox))
      clock.advance(60)
      const onVerified = vi.fn()
      const again = render(<PhoneVerify {...props} onVerified={onVerified} />)
      expect(again.container.querySelector('[data-part="verified-message"]')).toHaveTextContent(
        'Phone number verified +44 7700 900123',
      )
      expect(hiddenToken(again.container)).toHaveValue('signed-proof')
      expect(onVerified).toHaveBeenCalledWith(expect.objectContaining({ verificationToken: 'signed-proof', restored: true }))
      again.unmount()
      clock.advance(PROOF_LIFETIME)
      render(<PhoneVerify {...props} />)
      await waitFor(() => expect(alert()).toHaveTextContent('Your verification has expired.'))
      expect(phoneField()).toHaveValue('07700 900123')
      sessionStorage.clear()
    })
  })

  it('puts the focus on the way out when a resend fails, not on the disabled resend button', async () => {
    const clock = manualClock()
    const sandbox = createSandbox({ clock })
    const client: OtpContract = {
      ...sandbox,
      retry: (_input: RetryInput, _options?: RequestOptions) => Promise.reject(new OtpError('network_error', 'offline')),
    }
    const user = userEvent.setup()
    render(<PhoneVerify client={client} defaultCountry="GB" flowOptions={{ persist: false, clock }} />)
    await sendTo(user, '07700 900123')
    await codeField()
    clock.advance(30)
    wakeUp()
    await user.click(await screen.findByRole('button', { name: 'Resend code' }))
    await waitFor(() => expect(alert()).toHaveTextContent('No connection to the server.'))
    expect(screen.getByRole('button', { name: 'Try again' })).toHaveFocus()
  })

  it('goes back with the number kept and the focus on the phone field', async () => {
    const { user } = setup()
    await sendTo(user, '07700 900123')
    await codeField()
    await user.click(screen.getByRole('button', { name: 'Change number' }))
    expect(phoneField()).toHaveValue('07700 900123')
    expect(phoneField()).toHaveFocus()
    await user.clear(phoneField())
    expect(phoneField()).toHaveValue('')
  })

  it('comes back on the code step after a reload, and shows the number again on Change number', async () => {
    sessionStorage.clear()
    const sandbox = createSandbox()
    const user = userEvent.setup()
    const first = render(<PhoneVerify client={sandbox} defaultCountry="US" flowOptions={{ persist: 'session' }} />)
    await user.type(phoneField(), '07700 900123')
    await user.click(screen.getByRole('combobox', { name: 'Country' }))
    await user.keyboard('gb{Enter}')
    await user.click(screen.getByRole('button', { name: 'Send code' }))
    await codeField()
    first.unmount()
    render(<PhoneVerify client={sandbox} defaultCountry="US" flowOptions={{ persist: 'session' }} />)
    await codeField()
    await user.click(screen.getByRole('button', { name: 'Change number' }))
    expect(phoneField()).toHaveValue('07700 900123')
    expect(screen.getByRole('combobox', { name: 'Country' })).toHaveValue('🇬🇧 +44')
    sessionStorage.clear()
  })

  it('puts the verification token in a hidden input for a surrounding form', async () => {
    const sandbox = createSandbox()
    const client: OtpContract = {
      ...sandbox,
      check: async (input, options) => ({ ...(await sandbox.check(input, options)), verificationToken: 'signed-token' }),
    }
    const user = userEvent.setup()
    const onSubmit = vi.fn((event: { preventDefault(): void }) => event.preventDefault())
    const { container } = render(
      <form onSubmit={onSubmit}>
        <PhoneVerify client={client} defaultCountry="GB" name="phone_token" flowOptions={{ persist: false }} />
      </form>,
    )
    await user.type(phoneField(), '07700 900123{Enter}')
    expect(onSubmit).not.toHaveBeenCalled()
    await codeField()
    await user.keyboard(latestCode(sandbox))
    await waitFor(() => expect(status()).toHaveTextContent('Phone number verified'))
    const form = container.querySelector('form') as HTMLFormElement
    expect(new FormData(form).get('phone_token')).toBe('signed-token')
  })

  it('uses the provider above when given no client', async () => {
    const sandbox = createSandbox()
    const user = userEvent.setup()
    render(
      <OtpFlowProvider client={sandbox}>
        <PhoneVerify defaultCountry="GB" flowOptions={{ persist: false }} />
      </OtpFlowProvider>,
    )
    await sendTo(user, '07700 900123')
    await codeField()
    expect(sandbox.outbox.messages()).toHaveLength(1)
  })

  it('shows progress on the send button and sends once however often it is pressed', async () => {
    const sandbox = createSandbox()
    let release: () => void = () => {}
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    const send = vi.fn(async (input: CreateAuthenticationInput, options?: RequestOptions) => {
      await gate
      return sandbox.createAuthentication(input, options)
    })
    const user = userEvent.setup()
    render(
      <PhoneVerify client={{ ...sandbox, createAuthentication: send }} defaultCountry="GB" flowOptions={{ persist: false }} />,
    )
    await user.type(phoneField(), '07700 900123')
    const button = screen.getByRole('button', { name: 'Send code' })
    await user.click(button)
    expect(button).toHaveTextContent('Sending…')
    expect(button).toHaveAttribute('aria-disabled', 'true')
    expect(button).toHaveFocus()
    await user.click(button)
    fireEvent.keyDown(phoneField(), { key: 'Enter' })
    release()
    await codeField()
    expect(send).toHaveBeenCalledTimes(1)
  })

  it('renders right to left in Arabic with the code field left to right', async () => {
    const { container, user, sandbox } = setup({ locale: 'ar-EG', messages: ar })
    const root = container.querySelector('[data-part="root"]')
    expect(root).toHaveAttribute('dir', 'rtl')
    expect(screen.getByLabelText('رقم الهاتف')).toBeInTheDocument()
    await user.type(screen.getByLabelText('رقم الهاتف'), '07700 900123')
    await user.click(screen.getByRole('button', { name: 'إرسال الرمز' }))
    const field = await screen.findByLabelText('رمز التحقق')
    expect(field.closest('[data-part="code-field"]')).toHaveAttribute('dir', 'ltr')
    expect(sandbox.outbox.messages()).toHaveLength(1)
    expect(screen.getByRole('button', { name: /^إعادة إرسال الرمز بعد/ })).toHaveTextContent('٠:٣٠')
    expect((await axe.run(container)).violations).toEqual([])
  })

  it('disables every control', () => {
    setup({ disabled: true })
    expect(phoneField()).toBeDisabled()
    expect(screen.getByRole('combobox', { name: 'Country' })).toBeDisabled()
    expect(screen.getByRole('button', { name: 'Send code' })).toBeDisabled()
  })

  it('exposes data-scope, data-part and data-state, and classNames per part', () => {
    const { container } = setup({ className: 'mine', classNames: { sendButton: 'send', phoneField: 'phone' }, unstyled: true })
    const root = container.querySelector('[data-part="root"]')
    expect(root).toHaveAttribute('data-scope', 'phone-verify')
    expect(root).toHaveAttribute('data-state', 'phone')
    expect(root).toHaveAttribute('data-unstyled')
    expect(root).toHaveClass('mine')
    expect(screen.getByRole('button', { name: 'Send code' })).toHaveClass('send')
    expect(phoneField()).toHaveClass('phone')
    for (const part of container.querySelectorAll('[data-part]')) {
      if (part.closest('[data-part="status"]') !== part && part.closest('[data-part="status"]')) continue
      expect(part.closest('[data-scope="phone-verify"]')).not.toBeNull()
    }
  })

  it('has no axe violations on the phone, error, code and verified steps', async () => {
    const { container, user, sandbox } = setup()
    expect((await axe.run(container)).violations).toEqual([])
    await sendTo(user, '0770')
    expect((await axe.run(container)).violations).toEqual([])
    await user.type(phoneField(), '900123')
    await user.click(screen.getByRole('button', { name: 'Send code' }))
    await codeField()
    expect((await axe.run(container)).violations).toEqual([])
    await user.keyboard(wrong(latestCode(sandbox)))
    await waitFor(() => expect(alert()).toHaveTextContent('That code is not right.'))
    expect((await axe.run(container)).violations).toEqual([])
    await user.keyboard(latestCode(sandbox))
    await waitFor(() => expect(status()).toHaveTextContent('Phone number verified'))
    expect((await axe.run(container)).violations).toEqual([])
  })
})

describe('PhoneVerify languages', () => {
  it('speaks French from messages={fr} alone: strings, country names, language', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { container, user } = setup({ messages: fr })
    const root = container.querySelector('[data-part="root"]')
    expect(root).toHaveAttribute('lang', 'fr')
    expect(root).toHaveAttribute('dir', 'ltr')
    expect(screen.getByLabelText('Numéro de téléphone')).toBeInTheDocument()
    await user.click(screen.getByRole('combobox', { name: 'Pays' }))
    await user.keyboard('royaume')
    expect(screen.getAllByRole('option')[0]).toHaveTextContent('Royaume-Uni')
    await user.keyboard('{Escape}')
    await user.type(screen.getByLabelText('Numéro de téléphone'), '07700 900123')
    await user.click(screen.getByRole('button', { name: 'Envoyer le code' }))
    await screen.findByLabelText('Code de vérification')
    expect(screen.getByRole('button', { name: 'Renvoyer le code dans 0:30' })).toBeDisabled()
    expect(warn).not.toHaveBeenCalled()
  })

  it('keeps a regional locale given beside the language of its messages', () => {
    const { container } = setup({ locale: 'fr-CA', messages: fr })
    expect(container.querySelector('[data-part="root"]')).toHaveAttribute('lang', 'fr-CA')
    expect(screen.getByRole('button', { name: 'Envoyer le code' })).toBeInTheDocument()
  })

  it('lays Arabic out right to left from messages={ar} alone', () => {
    const { container } = setup({ messages: ar })
    const root = container.querySelector('[data-part="root"]')
    expect(root).toHaveAttribute('dir', 'rtl')
    expect(root).toHaveAttribute('lang', 'ar')
    expect(screen.getByRole('button', { name: 'إرسال الرمز' })).toBeInTheDocument()
  })

  it('merges some strings over English, and over a shipped language spread into them', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const first = setup({ messages: { sendCode: 'Get code', errors: { expired: 'Too late' } } })
    expect(screen.getByRole('button', { name: 'Get code' })).toBeInTheDocument()
    expect(screen.getByLabelText('Phone number')).toBeInTheDocument()
    first.unmount()
    setup({ messages: { ...es, sendCode: 'Recibir código' } })
    expect(screen.getByRole('button', { name: 'Recibir código' })).toBeInTheDocument()
    expect(screen.getByLabelText('Número de teléfono')).toBeInTheDocument()
    expect(warn).not.toHaveBeenCalled()
  })

  it('says once which strings a partial override in another language leaves in English', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    setup({ messages: { ...es, errors: { expired: 'El código caducó' } } })
    expect(screen.getByLabelText('Número de teléfono')).toBeInTheDocument()
    expect(warn).toHaveBeenCalledTimes(1)
    const said = String(warn.mock.calls[0]?.[0])
    expect(said).toContain('errors.network')
    expect(said).not.toContain('errors.expired')
    expect(said).toContain('...es.errors')
    setup({ messages: { ...es, errors: { expired: 'El código caducó' } } })
    expect(warn).toHaveBeenCalledTimes(1)
    setup({ messages: mergeMessages(es, { errors: { expired: 'El código caducó' } }) })
    expect(warn).toHaveBeenCalledTimes(1)
  })

  it('reads a locale written with an underscore (es_MX, as some servers write it) as es-MX instead of failing', () => {
    const { container } = setup({ locale: 'es_MX', messages: es })
    expect(container.querySelector('[data-part="root"]')).toHaveAttribute('lang', 'es-MX')
    // The country names are Spanish ones, from Intl.DisplayNames.
    expect(screen.getByRole('combobox', { name: es.country })).toHaveAttribute('title', 'Reino Unido')
  })

  it('takes a locale Intl refuses as English rather than failing to render', () => {
    const { container } = setup({ locale: 'not a tag!' })
    expect(container.querySelector('[data-part="root"]')).toHaveAttribute('lang', 'en')
    expect(screen.getByRole('button', { name: 'Send code' })).toBeInTheDocument()
  })

  it('shows English with the locale’s formats when the locale has no messages, and says once what to import', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const first = setup({ locale: 'ar-EG' })
    const root = first.container.querySelector('[data-part="root"]')
    expect(root).toHaveAttribute('dir', 'ltr')
    expect(root).toHaveAttribute('lang', 'en')
    await sendTo(first.user, '07700 900123')
    await codeField()
    // The strings are English, the countdown's digits those of ar-EG.
    expect(screen.getByRole('button', { name: /^Resend code in/ })).toHaveTextContent('Resend code in ٠:٣٠')
    first.unmount()
    setup({ locale: 'ar-EG' })
    expect(warn).toHaveBeenCalledTimes(1)
    expect(warn.mock.calls[0]?.[0]).toContain("import { ar } from '@otpflow/phone-verify/locales/ar'")
    setup({ locale: 'zh-TW' })
    expect(warn).toHaveBeenCalledTimes(2)
    expect(warn.mock.calls[1]?.[0]).toContain("import { zhHant } from '@otpflow/phone-verify/locales/zh-Hant'")
    setup({ locale: 'sw' })
    expect(warn).toHaveBeenCalledTimes(3)
    expect(warn.mock.calls[2]?.[0]).toContain("a complete Messages object with locale: 'sw'")
  })
})
