import { type Clock, type OtpContract, OtpError } from '@otpflow/core'
import { createSandbox, SANDBOX_TEST_NUMBERS, type Sandbox, type SandboxOptions } from '@otpflow/core/sandbox'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { type CSSProperties, type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { OtpFlowProvider } from './otp-flow-provider'
import { useCountdown } from './use-countdown'
import { type CaptchaOption, type UseOtpFlowResult, useOtpFlow } from './use-otp-flow'

/* ---- A custom UI on the hook: every status drawn with plain elements ---- */

interface CustomFlowProps {
  /** Anything with the contract's three calls: the app's endpoint client, here the sandbox (or a wrapper of it). */
  client: OtpContract
  /** The sandbox behind `client`, whose outbox (the codes it "sent") is shown beside the UI. */
  sandbox?: Sandbox
  /** The flow's and the countdown's clock. @default the system clock */
  clock?: Clock
  /** Checks per code, to show the attempts left. @default undefined */
  maxAttempts?: number
  /** Shows a human check when the endpoint asks for one; without it `captcha_required` is an error. @default false */
  humanCheck?: boolean
}

/** A stand-in for a vendor's widget (Turnstile, hCaptcha…): one press gives the flow its token. */
const fakeWidget: CaptchaOption = {
  render: ({ challenge, onToken }) => (
    <button type="button" onClick={() => onToken(`token-for-${challenge.siteKey}`)}>
      I am not a robot ({challenge.provider})
    </button>
  ),
}

const box: CSSProperties = { display: 'grid', gap: '0.5rem', justifyItems: 'start', margin: 0, padding: 0, border: 0 }

/**
 * Phone verification drawn by the app: `useOtpFlow` says which status the flow is in and what each status knows;
 * the UI draws it and calls the actions. Nothing here comes from `@otpflow/phone-verify`.
 */
function CustomFlow({ client, sandbox, clock, maxAttempts, humanCheck = false }: CustomFlowProps) {
  return (
    <OtpFlowProvider client={client}>
      <div
        style={{ display: 'flex', flexWrap: 'wrap', gap: '2rem', alignItems: 'start', font: '15px/1.5 system-ui, sans-serif' }}
      >
        <FlowView clock={clock} maxAttempts={maxAttempts} humanCheck={humanCheck} />
        {sandbox ? <Outbox sandbox={sandbox} /> : null}
      </div>
    </OtpFlowProvider>
  )
}

function FlowView({ clock, maxAttempts, humanCheck }: Pick<CustomFlowProps, 'clock' | 'maxAttempts' | 'humanCheck'>) {
  const flow = useOtpFlow({
    persist: false,
    ...(clock ? { clock } : {}),
    ...(maxAttempts === undefined ? {} : { maxAttempts }),
    ...(humanCheck ? { captcha: fakeWidget } : {}),
  })
  return (
    <div style={{ ...box, minWidth: '18rem' }} data-status={flow.status}>
      <p style={{ margin: 0 }}>
        status: <code data-part="flow-status">{flow.status}</code>
      </p>
      <StatusView flow={flow} clock={clock} />
    </div>
  )
}

function StatusView({ flow, clock }: { flow: UseOtpFlowResult; clock: Clock | undefined }) {
  switch (flow.status) {
    case 'idle':
      return <NumberForm flow={flow} />
    case 'sending':
      return <p role="status">{flow.reason === 'resend' ? 'Sending a new code…' : `Sending a code to ${flow.phoneNumber}…`}</p>
    case 'humanCheck':
      return (
        <fieldset style={box}>
          <legend>Security check for {flow.phoneNumber}</legend>
          {fakeWidget.render?.({ challenge: flow.challenge, onToken: flow.passHumanCheck, onError: flow.failHumanCheck })}
          {flow.error ? <p role="alert">{flow.error.message}</p> : null}
          <button type="button" onClick={flow.changeNumber}>
            Change number
          </button>
        </fieldset>
      )
    case 'awaitingCode':
    case 'checking':
      return <CodeForm flow={flow} clock={clock} />
    case 'verified':
      return (
        <div style={box}>
          <p role="status">Verified: {flow.phoneNumber}</p>
          <p>
            Proof for your backend: <code>{flow.verificationToken ?? 'none (the sandbox in the browser issues none)'}</code>
          </p>
          <button type="button" onClick={flow.reset}>
            Start again
          </button>
        </div>
      )
    case 'expired':
      return (
        <div style={box}>
          <p role="alert">
            {flow.error.message} (<code>{flow.error.code}</code>)
          </p>
          <button type="button" onClick={() => flow.resend()}>
            Send a new code
          </button>
          <button type="button" onClick={flow.changeNumber}>
            Change number
          </button>
        </div>
      )
    case 'blocked':
      return (
        <div style={box}>
          <p role="alert">
            {flow.cause === 'check' ? 'Too many wrong codes.' : 'No code can be sent to this number.'} (
            <code>{flow.error.code}</code>)
          </p>
          {flow.until ? <p>Try again after {flow.until.toLocaleTimeString()}.</p> : null}
          {flow.cause === 'check' ? (
            <button type="button" onClick={() => flow.send(flow.phoneNumber)}>
              Send a new code
            </button>
          ) : null}
          <button type="button" onClick={flow.changeNumber}>
            Use another number
          </button>
        </div>
      )
    case 'error':
      return (
        <div style={box}>
          <p role="alert">
            {flow.error.message} (<code>{flow.error.code}</code>)
          </p>
          {flow.error.retryable ? (
            <button type="button" onClick={() => flow.send(flow.phoneNumber)}>
              Try again
            </button>
          ) : null}
          <button type="button" onClick={flow.changeNumber}>
            Change number
          </button>
        </div>
      )
    default:
      return flow satisfies never
  }
}

function NumberForm({ flow }: { flow: Extract<UseOtpFlowResult, { status: 'idle' }> }) {
  const [phoneNumber, setPhoneNumber] = useState(flow.phoneNumber ?? '')
  const id = useId()
  const submit = (event: FormEvent) => {
    event.preventDefault()
    flow.send(phoneNumber.replace(/[^\d+]/g, ''))
  }
  return (
    <form onSubmit={submit} style={box}>
      {flow.verificationExpired ? <p role="alert">Your verification expired. Send a new code.</p> : null}
      <label htmlFor={id}>Phone number, with country code</label>
      <input id={id} type="tel" autoComplete="tel" value={phoneNumber} onChange={(event) => setPhoneNumber(event.target.value)} />
      <button type="submit">Send code</button>
    </form>
  )
}

function CodeForm({
  flow,
  clock,
}: {
  flow: Extract<UseOtpFlowResult, { status: 'awaitingCode' | 'checking' }>
  clock: Clock | undefined
}) {
  const [code, setCode] = useState('')
  const id = useId()
  const input = useRef<HTMLInputElement>(null)
  const checking = flow.status === 'checking'
  const error = flow.status === 'awaitingCode' ? flow.error : undefined
  // A rejected code is cleared so the next one can be typed straight away.
  const rejected = flow.lastRejectedCode
  useEffect(() => {
    if (rejected) setCode('')
  }, [rejected])
  useEffect(() => {
    if (!checking) input.current?.focus()
  }, [checking])
  const submit = (event: FormEvent) => {
    event.preventDefault()
    flow.checkCode(code)
  }
  return (
    <form onSubmit={submit} style={box}>
      <label htmlFor={id}>
        Code sent to {flow.phoneNumber} by {flow.channel ?? 'sms'}
      </label>
      <input
        ref={input}
        id={id}
        autoComplete="one-time-code"
        inputMode="numeric"
        value={code}
        disabled={checking}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-error`}
        onChange={(event) => {
          const digits = event.target.value.replace(/\D/g, '').slice(0, 6)
          setCode(digits)
          if (digits.length === 6) flow.checkCode(digits)
        }}
      />
      <p id={`${id}-error`} role="alert" style={{ margin: 0 }}>
        {error ? `${error.message} (${error.code})` : null}
        {error && flow.attemptsLeft !== undefined ? ` ${flow.attemptsLeft} tries left.` : null}
      </p>
      <button type="submit" disabled={checking}>
        {checking ? 'Checking…' : 'Verify'}
      </button>
      <ResendButton
        deadline={flow.resendAvailableAt}
        remaining={flow.remainingResends}
        clock={clock}
        onResend={() => flow.resend()}
      />
      <button type="button" onClick={flow.changeNumber}>
        Change number
      </button>
    </form>
  )
}

interface ResendButtonProps {
  deadline: Date
  remaining: number | undefined
  clock: Clock | undefined
  onResend: () => void
}

/** The countdown lives here: only this button re-renders every second, not the whole flow. */
function ResendButton({ deadline, remaining, clock, onResend }: ResendButtonProps) {
  const seconds = useCountdown(deadline, clock ? { clock } : undefined)
  if (remaining === 0) return <p>No more codes can be sent.</p>
  return (
    <button type="button" disabled={seconds > 0} onClick={onResend}>
      {seconds > 0 ? `Resend code in ${seconds} s` : 'Resend code'}
    </button>
  )
}

/** The codes the sandbox "sent", newest first: what a phone would receive. */
function Outbox({ sandbox }: { sandbox: Sandbox }) {
  const [messages, setMessages] = useState(() => sandbox.outbox.messages())
  useEffect(() => {
    setMessages(sandbox.outbox.messages())
    return sandbox.outbox.subscribe(() => setMessages(sandbox.outbox.messages()))
  }, [sandbox])
  return (
    <section aria-label="Sandbox outbox" style={{ ...box, padding: '0.75rem', border: '1px dashed #6b7280' }}>
      <p style={{ margin: 0 }}>Sandbox outbox</p>
      {messages.length === 0 ? <p style={{ margin: 0 }}>No code sent yet.</p> : null}
      <ul style={{ margin: 0, paddingInlineStart: '1.25rem' }}>
        {[...messages].reverse().map((message) => (
          <li key={`${message.authenticationUuid} ${message.code} ${message.sentAt.getTime()}`}>
            {message.phoneNumber}: <code>{message.code}</code> by {message.channel}
          </li>
        ))}
      </ul>
    </section>
  )
}

/* ---- Stories: one per status a custom UI draws, each reached by its play function ---- */

interface StoryClock extends Clock {
  advance(ms: number): void
  reset(): void
}

/** A clock that moves only when a story moves it, shared by the sandbox, the flow and the countdown. */
function storyClock(): StoryClock {
  const start = Date.parse('2026-11-26T09:00:00Z')
  let now = start
  return {
    now: () => now,
    advance: (ms) => {
      now += ms
      // The flow and the countdown read their clock again when the tab comes back to the front.
      document.dispatchEvent(new Event('visibilitychange'))
    },
    reset: () => {
      now = start
    },
  }
}

interface Scenario {
  args: CustomFlowProps
  sandbox: Sandbox
  clock: StoryClock
}

function scenario(options: Omit<SandboxOptions, 'clock'> = {}, wrap?: (sandbox: Sandbox) => OtpContract): Scenario {
  const clock = storyClock()
  const sandbox = createSandbox({ ...options, clock })
  return { sandbox, clock, args: { client: wrap ? wrap(sandbox) : sandbox, sandbox, clock } }
}

const phoneNumber = '+447700900123'

type Canvas = ReturnType<typeof within>

const statusOf = (canvasElement: HTMLElement) => canvasElement.querySelector('[data-part="flow-status"]')?.textContent

async function waitForStatus(canvasElement: HTMLElement, status: UseOtpFlowResult['status']) {
  await waitFor(() => expect(statusOf(canvasElement)).toBe(status))
}

async function send(canvas: Canvas, number = phoneNumber) {
  await userEvent.type(canvas.getByLabelText('Phone number, with country code'), number)
  await userEvent.click(canvas.getByRole('button', { name: 'Send code' }))
}

async function sendCode(canvas: Canvas): Promise<HTMLElement> {
  await send(canvas)
  return canvas.findByLabelText(/^Code sent to/)
}

const codeFor = (sandbox: Sandbox) => sandbox.outbox.latest(phoneNumber)?.code ?? ''
const wrongCodeFor = (sandbox: Sandbox) => (codeFor(sandbox) === '000000' ? '111111' : '000000')

const meta = {
  title: 'Hooks/useOtpFlow',
  component: CustomFlow,
  // The page for this hook is use-otp-flow.mdx: the component here is a story's, not the kit's.
  tags: ['!autodocs'],
  argTypes: {
    client: { control: false },
    sandbox: { control: false },
    clock: { control: false },
    maxAttempts: { control: { type: 'number', min: 1, max: 10 } },
    humanCheck: { control: 'boolean' },
  },
  // A story's sandbox and clock live as long as the page: a rerun starts from a fresh outbox at the same time.
  beforeEach: ({ args }) => {
    args.sandbox?.reset()
    ;(args.clock as Partial<StoryClock> | undefined)?.reset?.()
  },
} satisfies Meta<typeof CustomFlow>

// Storybook reads the stories' metadata from the default export.
export default meta
type Story = StoryObj<typeof meta>

const live = createSandbox()
/**
 * The live example: the sandbox runs in this page on the real clock. Type any mobile number with its country code
 * (+447700900123), read the code in the sandbox's outbox, type it. The test numbers (+12025550101 to …0108) show the
 * other statuses.
 */
export const Live: Story = {
  args: { client: live, sandbox: live, maxAttempts: 5 },
  play: async ({ canvasElement }) => {
    await expect(statusOf(canvasElement)).toBe('idle')
  },
}

const idle = scenario()
/** `idle`: no code asked for yet. Draw the number form; `send(e164)` asks for a code. */
export const Idle: Story = {
  args: idle.args,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(statusOf(canvasElement)).toBe('idle')
    await expect(canvas.getByRole('button', { name: 'Send code' })).toBeEnabled()
  },
}

const sending = scenario({ latencyMs: 10 * 60 * 1000 })
/** `sending`: the send (or a resend, `reason: 'resend'`) is on its way. Draw a busy state; a second send is ignored. */
export const Sending: Story = {
  args: sending.args,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await send(canvas)
    await waitForStatus(canvasElement, 'sending')
    await expect(canvas.getByRole('status')).toHaveTextContent(`Sending a code to ${phoneNumber}…`)
  },
}

/** The app's endpoint asking for a human check before the first send (403 `captcha_required`, naming its widget). */
const askingForAHumanCheck = (sandbox: Sandbox): OtpContract => ({
  createAuthentication: ({ captchaToken, ...input }, options) =>
    captchaToken === undefined
      ? Promise.reject(
          new OtpError('captcha_required', 'Complete the security check', {
            status: 403,
            captcha: { provider: 'turnstile', siteKey: '1x00000000000000000000AA' },
          }),
        )
      : sandbox.createAuthentication(input, options),
  check: (input, options) => sandbox.check(input, options),
  retry: (input, options) => sandbox.retry(input, options),
})

const humanCheck = scenario({}, askingForAHumanCheck)
/**
 * `humanCheck`: the endpoint asks for a human check before it sends (with the `captcha` option). Draw the widget
 * `challenge` names; its token (`passHumanCheck`) sends the code to the same number.
 */
export const HumanCheck: Story = {
  args: { ...humanCheck.args, humanCheck: true },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await send(canvas)
    await waitForStatus(canvasElement, 'humanCheck')
    await expect(humanCheck.sandbox.outbox.messages()).toHaveLength(0)
    await userEvent.click(canvas.getByRole('button', { name: 'I am not a robot (turnstile)' }))
    await waitForStatus(canvasElement, 'awaitingCode')
    await expect(humanCheck.sandbox.outbox.messages()).toHaveLength(1)
  },
}

const awaitingCode = scenario()
/**
 * `awaitingCode`: a code is on its way to the phone. Draw the code field, the resend button with its countdown
 * (`useCountdown(flow.resendAvailableAt)`) and "Change number"; `checkCode(code)` checks a code.
 */
export const AwaitingCode: Story = {
  args: awaitingCode.args,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const code = await sendCode(canvas)
    await waitFor(() => expect(code).toHaveFocus())
    await expect(canvas.getByRole('button', { name: 'Resend code in 30 s' })).toBeDisabled()
    await expect(awaitingCode.sandbox.outbox.messages()).toHaveLength(1)
  },
}

const wrongCode = scenario()
/** `awaitingCode` with an `error` (`invalid_code`): the code was wrong; `attemptsLeft` says how many checks are left. */
export const WrongCode: Story = {
  args: { ...wrongCode.args, maxAttempts: 5 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const code = await sendCode(canvas)
    await userEvent.type(code, wrongCodeFor(wrongCode.sandbox))
    await waitFor(() => expect(canvas.getByRole('alert')).toHaveTextContent('(invalid_code) 4 tries left.'))
    await waitForStatus(canvasElement, 'awaitingCode')
    await waitFor(() => expect(code).toHaveValue(''))
  },
}

const resendOpen = scenario()
/** `awaitingCode` once the resend deadline has passed: the countdown reached 0, and `resend()` sends a new code. */
export const ResendAvailable: Story = {
  args: resendOpen.args,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await sendCode(canvas)
    resendOpen.clock.advance(30 * 1000)
    const resend = await canvas.findByRole('button', { name: 'Resend code' })
    await userEvent.click(resend)
    await waitFor(() => expect(resendOpen.sandbox.outbox.messages()).toHaveLength(2))
    await expect(await canvas.findByRole('button', { name: 'Resend code in 60 s' })).toBeDisabled()
  },
}

/** The sandbox, with checks that stay on their way until the flow cancels them. */
const slowChecks = (sandbox: Sandbox): OtpContract => ({
  createAuthentication: (input, options) => sandbox.createAuthentication(input, options),
  check: (_input, options) =>
    new Promise((_resolve, reject) => {
      options?.signal?.addEventListener('abort', () => reject(new OtpError('aborted', 'The check was cancelled')))
    }),
  retry: (input, options) => sandbox.retry(input, options),
})

const checking = scenario({}, slowChecks)
/** `checking`: the code is being checked (`flow.code`). Keep the code on screen, and keep it from changing. */
export const Checking: Story = {
  args: checking.args,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const code = await sendCode(canvas)
    await userEvent.type(code, codeFor(checking.sandbox))
    await waitForStatus(canvasElement, 'checking')
    await expect(code).toBeDisabled()
    await expect(canvas.getByRole('button', { name: 'Checking…' })).toBeDisabled()
  },
}

const verified = scenario()
/** `verified`: the code was right. Send `verificationToken` to your backend, which checks it with `verifyPhoneToken`. */
export const Verified: Story = {
  args: verified.args,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const code = await sendCode(canvas)
    await userEvent.type(code, codeFor(verified.sandbox))
    await waitForStatus(canvasElement, 'verified')
    await expect(canvas.getByRole('status')).toHaveTextContent(`Verified: ${phoneNumber}`)
  },
}

const expired = scenario({ ttlSeconds: 600 })
/** `expired`: the code outlived its 10 minutes. Offer a new code (`resend()` sends one) or another number. */
export const Expired: Story = {
  args: expired.args,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const code = await sendCode(canvas)
    const sent = codeFor(expired.sandbox)
    expired.clock.advance(601 * 1000)
    await userEvent.type(code, sent)
    await waitForStatus(canvasElement, 'expired')
    await userEvent.click(canvas.getByRole('button', { name: 'Send a new code' }))
    await waitForStatus(canvasElement, 'awaitingCode')
    await expect(expired.sandbox.outbox.messages()).toHaveLength(2)
  },
}

const blocked = scenario()
/**
 * `blocked`: no code for this number (`cause: 'send'`: spam detected or rate limited, `until` when known), or no more
 * checks for this code (`cause: 'check'`). Offer another number, or a new code.
 */
export const Blocked: Story = {
  args: blocked.args,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await send(canvas, SANDBOX_TEST_NUMBERS.spamDetected)
    await waitForStatus(canvasElement, 'blocked')
    await expect(canvas.getByRole('alert')).toHaveTextContent('(spam_detected)')
    await expect(blocked.sandbox.outbox.messages()).toHaveLength(0)
  },
}

const failed = scenario()
/**
 * `error`: the send failed (the network, the server, a number the provider refuses). `error.retryable` says whether
 * trying again can help; the number is kept.
 */
export const ErrorStatus: Story = {
  name: 'Error',
  args: failed.args,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await send(canvas, SANDBOX_TEST_NUMBERS.serverError)
    await waitForStatus(canvasElement, 'error')
    await expect(canvas.getByRole('alert')).toHaveTextContent('(server_error)')
    await expect(canvas.getByRole('button', { name: 'Try again' })).toBeEnabled()
  },
}
