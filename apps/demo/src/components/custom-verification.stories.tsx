import { createSandbox, type Sandbox } from '@otpflow/core/sandbox'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { CustomVerification } from './custom-verification'

const phoneNumber = '+447700900123'

const meta = {
  title: 'Demo/Custom UI on useOtpFlow',
  component: CustomVerification,
  parameters: {
    docs: {
      description: {
        component:
          'The headless use: an app draws its own phone verification with `useOtpFlow` and `useCountdown`, here on the sandbox running in the browser.',
      },
    },
  },
  argTypes: { client: { control: false } },
  decorators: [
    (Story) => (
      <div className="custom-card">
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof CustomVerification>

// Storybook reads the stories' metadata from the default export.
export default meta
type Story = StoryObj<typeof meta>

// Each story gets its own sandbox (in its args), so one story's codes and limits never leak into the next.
const sandboxOf = (client: unknown) => client as Sandbox

export const PhoneStep: Story = {
  args: { client: createSandbox() },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByLabelText('Mobile number, with country code')).toBeVisible()
    await expect(canvas.getByRole('button', { name: 'Text me a code' })).toBeEnabled()
  },
}

export const VerifiedWithTheCodeFromTheOutbox: Story = {
  args: { client: createSandbox() },
  play: async ({ canvasElement, args }) => {
    const sandbox = sandboxOf(args.client)
    const canvas = within(canvasElement)
    await userEvent.type(canvas.getByLabelText('Mobile number, with country code'), phoneNumber)
    await userEvent.click(canvas.getByRole('button', { name: 'Text me a code' }))
    const codeField = await canvas.findByLabelText(/Code sent to/)
    await waitFor(() => expect(codeField).toHaveFocus())
    await expect(canvas.getByRole('button', { name: /Resend in \d+s/ })).toBeDisabled()
    const code = sandbox.outbox.latest(phoneNumber)?.code ?? ''
    await userEvent.type(codeField, code)
    await expect(await canvas.findByText(/Verified:/)).toBeVisible()
  },
}

export const WrongCode: Story = {
  args: { client: createSandbox() },
  play: async ({ canvasElement, args }) => {
    const sandbox = sandboxOf(args.client)
    const canvas = within(canvasElement)
    await userEvent.type(canvas.getByLabelText('Mobile number, with country code'), phoneNumber)
    await userEvent.click(canvas.getByRole('button', { name: 'Text me a code' }))
    const codeField = await canvas.findByLabelText(/Code sent to/)
    const right = sandbox.outbox.latest(phoneNumber)?.code ?? ''
    const wrong = right === '000000' ? '111111' : '000000'
    await userEvent.type(codeField, wrong)
    // The sandbox says how many checks the code has left, so the count follows the message.
    await expect(await canvas.findByText(/^That code is not right\. \d+ tries left\.$/)).toBeVisible()
    await waitFor(() => expect(codeField).toHaveValue(''))
  },
}
