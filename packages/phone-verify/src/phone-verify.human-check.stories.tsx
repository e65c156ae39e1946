import { type CreateAuthenticationInput, type OtpContract, OtpError, type RequestOptions } from '@otpflow/core'
import { createSandbox, type Sandbox } from '@otpflow/core/sandbox'
import type { CaptchaOption } from '@otpflow/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { PhoneVerify } from './phone-verify'

import './styles.css'

const PASSED = 'story-widget-token'

/**
 * The sandbox behind an endpoint that asks for a Turnstile check before each send, as `createOtpHandler` with
 * `captcha` and `captchaPolicy: 'always'` does: 403 `captcha_required` naming the widget, until a send carries a token.
 */
function askingForACheck(sandbox: Sandbox): OtpContract {
  return {
    check: (input, options) => sandbox.check(input, options),
    retry: (input, options) => sandbox.retry(input, options),
    createAuthentication: (input: CreateAuthenticationInput, options?: RequestOptions) =>
      input.captchaToken === PASSED
        ? sandbox.createAuthentication({ phoneNumber: input.phoneNumber }, options)
        : Promise.reject(
            new OtpError('captcha_required', 'Complete the human check to get a code', {
              status: 403,
              captcha: { provider: 'turnstile', siteKey: '1x00000000000000000000AA' },
            }),
          ),
  }
}

/** A widget of the app's own in the render slot (a vendor's would be an iframe): a button that passes, one that fails. */
const storyWidget: CaptchaOption = {
  render: ({ challenge, onToken, onError }) => (
    <div data-provider={challenge.provider} style={{ display: 'flex', gap: '0.5rem' }}>
      <button type="button" onClick={() => onToken(PASSED)}>
        I am human
      </button>
      <button type="button" onClick={() => onError(new Error('the challenge was closed'))}>
        Close the challenge
      </button>
    </div>
  ),
}

const meta = {
  title: 'PhoneVerify/Human check',
  component: PhoneVerify,
  parameters: {
    docs: {
      description: {
        component:
          'When the endpoint asks for a human check before it sends a code (403 `captcha_required`), the `captcha` option shows its widget under the number, then sends the code with its token. Each story is one state, reached by its play function against the sandbox running in the browser behind an endpoint that asks on every send.',
      },
    },
  },
  argTypes: { client: { control: false }, captcha: { control: false }, flowOptions: { control: false } },
  decorators: [
    (Story) => (
      <div style={{ maxWidth: '26rem' }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof PhoneVerify>

// Storybook reads the stories' metadata from the default export.
export default meta
type Story = StoryObj<typeof meta>

type Canvas = ReturnType<typeof within>

async function sendCode(canvas: Canvas) {
  await userEvent.type(canvas.getByLabelText('Phone number'), '07700 900123')
  await userEvent.click(canvas.getByRole('button', { name: 'Send code' }))
}

const asked = createSandbox()
/** The endpoint asked: the check is under the number, focused and announced; the number waits, read-only. */
export const Asked: Story = {
  args: { client: askingForACheck(asked), captcha: storyWidget, defaultCountry: 'GB', flowOptions: { persist: false } },
  play: async ({ canvasElement }) => {
    asked.reset()
    const canvas = within(canvasElement)
    await sendCode(canvas)
    const check = await canvas.findByRole('group', { name: 'Security check' })
    await waitFor(() => expect(check).toHaveFocus())
    await expect(canvas.getByRole('status')).toHaveTextContent('Complete the security check to get your code.')
    await expect(canvas.getByLabelText('Phone number')).toHaveAttribute('readonly')
    await expect(canvas.getByRole('button', { name: 'Sending…' })).toHaveAttribute('aria-disabled', 'true')
    await expect(asked.outbox.messages()).toHaveLength(0)
  },
}

const failed = createSandbox()
/** The widget failed: said at once; Send code asks again. */
export const Failed: Story = {
  args: { client: askingForACheck(failed), captcha: storyWidget, defaultCountry: 'GB', flowOptions: { persist: false } },
  play: async ({ canvasElement }) => {
    failed.reset()
    const canvas = within(canvasElement)
    await sendCode(canvas)
    await userEvent.click(await canvas.findByRole('button', { name: 'Close the challenge' }))
    await expect(await canvas.findByRole('alert')).toHaveTextContent('The security check did not go through. Try again.')
    await expect(canvas.getByRole('button', { name: 'Send code' })).not.toHaveAttribute('aria-disabled')
  },
}

const passed = createSandbox()
/** Passed: the code goes to the number kept, and the code step comes. */
export const Passed: Story = {
  args: { client: askingForACheck(passed), captcha: storyWidget, defaultCountry: 'GB', flowOptions: { persist: false } },
  play: async ({ canvasElement }) => {
    passed.reset()
    const canvas = within(canvasElement)
    await sendCode(canvas)
    await userEvent.click(await canvas.findByRole('button', { name: 'I am human' }))
    const code = await canvas.findByLabelText('Verification code')
    await waitFor(() => expect(code).toHaveFocus())
    await expect(passed.outbox.latest('+447700900123')).toBeDefined()
  },
}

const withoutOption = createSandbox()
/** No `captcha` option: the endpoint's ask is said, the number kept, no widget. */
export const WithoutCaptchaOption: Story = {
  args: { client: askingForACheck(withoutOption), defaultCountry: 'GB', flowOptions: { persist: false } },
  play: async ({ canvasElement }) => {
    withoutOption.reset()
    const canvas = within(canvasElement)
    await sendCode(canvas)
    await expect(await canvas.findByRole('alert')).toHaveTextContent('Complete the security check to get a code.')
    await expect(canvas.getByLabelText('Phone number')).toHaveValue('07700 900123')
    await expect(canvas.queryByRole('group', { name: 'Security check' })).toBeNull()
  },
}
