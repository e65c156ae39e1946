import { type OtpContract, OtpError } from '@otpflow/core'
import { createSandbox, SANDBOX_TEST_NUMBERS, type Sandbox } from '@otpflow/core/sandbox'
import { act, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import axe from 'axe-core'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { ChannelOffer, channelOfferLabel } from './channel-offer'
import { locales } from './locales'
import { en } from './locales/en'
import { createMessageFormat } from './messages'
import { loadPhoneMetadata } from './phone/metadata'
import { PhoneVerify, type PhoneVerifyProps } from './phone-verify'
import {
  announcementAfter,
  announcementText,
  channelSwitched,
  codeHintText,
  codeSentText,
  describeError,
} from './phone-verify-decisions'

beforeAll(async () => {
  await loadPhoneMetadata()
})

function manualClock(start = Date.UTC(2026, 10, 26, 12)) {
  let now = start
  return {
    now: () => now,
    advance(seconds: number) {
      now += seconds * 1000
    },
  }
}

function setup(props: Partial<PhoneVerifyProps> = {}, client?: (sandbox: Sandbox) => OtpContract) {
  const clock = manualClock()
  const sandbox = createSandbox({ clock })
  const user = userEvent.setup()
  const view = render(
    <PhoneVerify
      client={client ? client(sandbox) : sandbox}
      defaultCountry="GB"
      {...props}
      flowOptions={{ persist: false, clock, ...props.flowOptions }}
    />,
  )
  return { ...view, clock, sandbox, user }
}

const phoneField = () => screen.getByLabelText<HTMLInputElement>('Phone number')
const codeField = () => screen.findByLabelText<HTMLInputElement>('Verification code')
const status = () => screen.getByRole('status')
const sentTo = () => document.querySelector('[data-part="sent-to-text"]')
const offer = (name: string) => screen.queryByRole('button', { name })

async function sendTo(user: ReturnType<typeof userEvent.setup>, number: string) {
  await user.type(phoneField(), number)
  await user.click(screen.getByRole('button', { name: 'Send code' }))
  await codeField()
}

/** Moves the clock past the resend deadline and lets the flow read it, as a tab coming back does. */
function openResend(clock: ReturnType<typeof manualClock>, seconds = 30) {
  clock.advance(seconds)
  act(() => {
    document.dispatchEvent(new Event('visibilitychange'))
  })
}

describe('PhoneVerify: another way to get the code', () => {
  it('offers a call and WhatsApp beside Resend code once the resend is open, and not before', async () => {
    const { user, clock } = setup()
    await sendTo(user, '07700 900123')
    expect(offer('Call me instead')).toBeNull()
    expect(offer('Send via WhatsApp')).toBeNull()
    openResend(clock)
    expect(await screen.findByRole('button', { name: 'Call me instead' })).toBeEnabled()
    expect(offer('Send via WhatsApp')).toBeEnabled()
    // The channel in use is not offered again.
    expect(offer('Text me instead')).toBeNull()
    const row = screen.getByRole('button', { name: 'Resend code' }).parentElement
    expect(row).toHaveAttribute('data-part', 'resend-options')
    expect(row).toContainElement(offer('Call me instead'))
  })

  it('calls instead: says where the code went, keeps the digits typed and the focus in the code field', async () => {
    const { user, clock, sandbox } = setup()
    await sendTo(user, '07700 900123')
    const field = await codeField()
    await user.type(field, '123')
    openResend(clock)
    await user.click(await screen.findByRole('button', { name: 'Call me instead' }))
    await waitFor(() => expect(sandbox.outbox.latest()?.channel).toBe('voice'))
    await waitFor(() => expect(status()).toHaveTextContent('We called +44 7700 900123'))
    expect(sentTo()).toHaveTextContent('We called +44 7700 900123')
    expect(screen.getByText('Enter the 6-digit code you heard in the call.')).toBeInTheDocument()
    await waitFor(() => expect(field).toHaveFocus())
    expect(field.value.replace(/\D/g, '')).toBe('123')
    // The next resend waits for its own deadline; then SMS is offered back, and WhatsApp still.
    expect(offer('Call me instead')).toBeNull()
    openResend(clock, 60)
    expect(await screen.findByRole('button', { name: 'Text me instead' })).toBeEnabled()
    expect(offer('Send via WhatsApp')).toBeEnabled()
    expect(offer('Call me instead')).toBeNull()
  })

  it('sends by WhatsApp instead, and the code that came verifies', async () => {
    const onVerified = vi.fn()
    const { user, clock, sandbox } = setup({ onVerified })
    await sendTo(user, '07700 900123')
    openResend(clock)
    await user.click(await screen.findByRole('button', { name: 'Send via WhatsApp' }))
    await waitFor(() => expect(status()).toHaveTextContent('Code sent on WhatsApp to +44 7700 900123'))
    expect(screen.getByText('Enter the 6-digit code from the WhatsApp message.')).toBeInTheDocument()
    await user.keyboard(sandbox.outbox.latest()?.code ?? '')
    await waitFor(() => expect(onVerified).toHaveBeenCalledTimes(1))
  })

  it('asks for the same channel again when "Try again" follows a switch the network lost', async () => {
    let lose = true
    const { user, clock, sandbox } = setup({}, (sandbox) => ({
      createAuthentication: (input, options) => sandbox.createAuthentication(input, options),
      check: (input, options) => sandbox.check(input, options),
      retry: (input, options) => {
        if (!lose) return sandbox.retry(input, options)
        lose = false
        return Promise.reject(new OtpError('network_error', 'Failed to fetch'))
      },
    }))
    await sendTo(user, '07700 900123')
    openResend(clock)
    await user.click(await screen.findByRole('button', { name: 'Call me instead' }))
    await user.click(await screen.findByRole('button', { name: 'Try again' }))
    await waitFor(() => expect(sandbox.outbox.latest()?.channel).toBe('voice'))
    await waitFor(() => expect(sentTo()).toHaveTextContent('We called +44 7700 900123'))
  })

  it('says why a channel was refused, offers it no more, and the code in use still verifies', async () => {
    const onVerified = vi.fn()
    const { user, clock, sandbox } = setup({ onVerified })
    await sendTo(user, SANDBOX_TEST_NUMBERS.noVoice)
    const field = await codeField()
    openResend(clock)
    await user.click(await screen.findByRole('button', { name: 'Call me instead' }))
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent('The code cannot be sent this way to this number. Choose another way.'),
    )
    expect(offer('Call me instead')).toBeNull()
    expect(offer('Send via WhatsApp')).toBeEnabled()
    await waitFor(() => expect(field).toHaveFocus())
    await user.keyboard(sandbox.outbox.latest()?.code ?? '')
    await waitFor(() => expect(onVerified).toHaveBeenCalledTimes(1))
  })

  it('offers nothing when the endpoint names no channels (Ding itself, an endpoint without channels)', async () => {
    const { user, clock } = setup({}, (sandbox) => ({
      ...sandbox,
      createAuthentication: async (input, options) => ({
        ...(await sandbox.createAuthentication(input, options)),
        channel: undefined,
        availableChannels: undefined,
      }),
    }))
    await sendTo(user, '07700 900123')
    openResend(clock)
    expect(await screen.findByRole('button', { name: 'Resend code' })).toBeEnabled()
    expect(document.querySelector('[data-part="channel-offer"]')).toBeNull()
    expect(sentTo()).toHaveTextContent('Code sent to +44 7700 900123')
  })

  it('has no axe violations with the offer on screen, and after a refused channel', async () => {
    const { container, user, clock } = setup()
    await sendTo(user, SANDBOX_TEST_NUMBERS.noWhatsApp)
    openResend(clock)
    await screen.findByRole('button', { name: 'Send via WhatsApp' })
    expect((await axe.run(container)).violations).toEqual([])
    await user.click(screen.getByRole('button', { name: 'Send via WhatsApp' }))
    await waitFor(() => expect(screen.getByRole('alert')).toBeInTheDocument())
    expect((await axe.run(container)).violations).toEqual([])
  })

  it('speaks the offer in French', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { user, clock } = setup({ messages: locales.fr })
    await user.type(screen.getByLabelText('Numéro de téléphone'), '07700 900123')
    await user.click(screen.getByRole('button', { name: 'Envoyer le code' }))
    await screen.findByLabelText('Code de vérification')
    openResend(clock)
    await user.click(await screen.findByRole('button', { name: 'M’appeler plutôt' }))
    await waitFor(() => expect(status()).toHaveTextContent('Nous avons appelé le +44 7700 900123'))
  })
})

describe('ChannelOffer', () => {
  it('offers the channels on offer but the one in use, in their order, and none with no words', async () => {
    const onSelect = vi.fn()
    const user = userEvent.setup()
    render(<ChannelOffer channel="whatsapp" availableChannels={['sms', 'whatsapp', 'voice', 'rcs']} open onSelect={onSelect} />)
    const buttons = screen.getAllByRole('button')
    expect(buttons.map((button) => button.textContent)).toEqual(['Text me instead', 'Call me instead'])
    expect(buttons.map((button) => button.getAttribute('data-channel'))).toEqual(['sms', 'voice'])
    await user.click(buttons[1] as HTMLElement)
    expect(onSelect).toHaveBeenCalledWith('voice')
  })

  it('renders nothing before the resend is open, or with nothing else to offer', () => {
    const { container, rerender } = render(
      <ChannelOffer channel="sms" availableChannels={['sms', 'voice']} open={false} onSelect={() => {}} />,
    )
    expect(container).toBeEmptyDOMElement()
    rerender(<ChannelOffer channel="sms" availableChannels={['sms']} open onSelect={() => {}} />)
    expect(container).toBeEmptyDOMElement()
  })

  it('keeps every button focusable but inert while a resend is on its way, the one pressed marked pending', async () => {
    const onSelect = vi.fn()
    const user = userEvent.setup()
    render(
      <ChannelOffer
        channel="sms"
        availableChannels={['sms', 'whatsapp', 'voice']}
        open
        pending
        pendingChannel="voice"
        onSelect={onSelect}
      />,
    )
    const call = screen.getByRole('button', { name: 'Call me instead' })
    expect(call).toHaveAttribute('aria-disabled', 'true')
    expect(call).toHaveAttribute('data-state', 'pending')
    expect(screen.getByRole('button', { name: 'Send via WhatsApp' })).toHaveAttribute('data-state', 'idle')
    await user.click(call)
    expect(onSelect).not.toHaveBeenCalled()
  })

  it('labels the three channels in every shipped language', () => {
    for (const [name, messages] of Object.entries(locales)) {
      for (const channel of ['sms', 'whatsapp', 'voice']) expect(channelOfferLabel(channel, messages)?.trim(), name).toBeTruthy()
    }
  })
})

describe('the channel decisions', () => {
  const f = createMessageFormat('en')

  it('words where the code went and the hint by channel', () => {
    expect(codeSentText('voice', '+44 7700 900123', en, f)).toBe('We called +44 7700 900123')
    expect(codeSentText('whatsapp', '+44 7700 900123', en, f)).toBe('Code sent on WhatsApp to +44 7700 900123')
    expect(codeSentText('sms', '+44 7700 900123', en, f)).toBe('Code sent to +44 7700 900123')
    expect(codeSentText(undefined, '+44 7700 900123', en, f)).toBe('Code sent to +44 7700 900123')
    expect(codeHintText('voice', 6, en, f)).toBe('Enter the 6-digit code you heard in the call.')
    expect(codeHintText('rcs', 6, en, f)).toBe(en.codeHint(6, f))
  })

  const session = {
    phoneNumber: '+447700900123',
    authenticationUuid: 'auth-1',
    flowToken: 'token',
    sentAt: new Date(0),
    expiresAt: new Date(600_000),
    resendAvailableAt: new Date(30_000),
    remainingResends: 2,
    attemptsLeft: undefined,
    clockOffset: 0,
    channel: 'voice',
    availableChannels: ['sms', 'whatsapp', 'voice'],
  }
  const switching = {
    flow: {
      status: 'sending',
      reason: 'resend',
      ...session,
      channel: 'sms',
      lastRejectedCode: undefined,
      requestedChannel: 'voice',
    },
    step: 'code',
  } as const
  const arrived = {
    flow: { status: 'awaitingCode', ...session, resendStatus: 'waiting', error: undefined, lastRejectedCode: undefined },
    step: 'code',
  } as const

  it('tells a switch of channel from a plain resend, and announces where the code went', () => {
    expect(channelSwitched(switching, arrived)).toBe(true)
    const plain = { ...switching, flow: { ...switching.flow, requestedChannel: undefined } }
    expect(channelSwitched(plain, arrived)).toBe(false)
    const announcement = announcementAfter(switching, arrived)
    expect(announcement).toEqual({ kind: 'codeSent', phoneNumber: '+447700900123', channel: 'voice' })
    expect(announcementText(announcement ?? undefined, en, f, () => '+44 7700 900123')).toBe('We called +44 7700 900123')
  })

  it('says a refused channel with its own words and no button: the other ways are still on screen', () => {
    const refused = { ...arrived.flow, error: new OtpError('unsupported_channel', 'refused', { status: 400 }) }
    expect(describeError(refused, en)).toEqual({ text: en.errors.unsupportedChannel })
  })
})
