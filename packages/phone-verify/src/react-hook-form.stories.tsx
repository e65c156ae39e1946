import { zodResolver } from '@hookform/resolvers/zod'
import type { OtpContract } from '@otpflow/core'
import { createSandbox, type Sandbox } from '@otpflow/core/sandbox'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { useId, useState } from 'react'
import { useForm } from 'react-hook-form'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { z } from 'zod/mini'
import { international } from './phone/phone-number'
import { PhoneVerifyField, phoneVerifyFieldSchema } from './react-hook-form'

import './styles.css'

/**
 * The in-browser sandbox, with the proof the app's endpoint adds to an accepted code (the sandbox alone issues none,
 * and `phoneVerifyFieldSchema` passes a verified number only with its proof).
 */
function sandboxWithProof(sandbox: Sandbox): OtpContract {
  return {
    createAuthentication: (input, options) => sandbox.createAuthentication(input, options),
    retry: (input, options) => sandbox.retry(input, options),
    check: async (input, options) => {
      const result = await sandbox.check(input, options)
      return result.status === 'valid' ? { ...result, verificationToken: `sandbox-proof-${input.authenticationUuid}` } : result
    },
  }
}

const signupSchema = z.object({
  name: z.string().check(z.trim(), z.minLength(1, 'Enter your full name.')),
  phone: phoneVerifyFieldSchema,
})
type SignupInput = z.input<typeof signupSchema>
type SignupValues = z.output<typeof signupSchema>

interface SignupFormProps {
  sandbox: Sandbox
}

/** A signup form as an app writes it: react-hook-form, one zod schema, the phone verification as one of its fields. */
function SignupForm({ sandbox }: SignupFormProps) {
  const [client] = useState(() => sandboxWithProof(sandbox))
  const form = useForm<SignupInput, unknown, SignupValues>({
    resolver: zodResolver(signupSchema),
    defaultValues: { name: '', phone: null },
  })
  const [submitted, setSubmitted] = useState<SignupValues>()
  const nameId = useId()
  const nameError = form.formState.errors.name
  return (
    <form
      noValidate
      onSubmit={form.handleSubmit((values) => setSubmitted(values))}
      style={{ display: 'grid', gap: '1rem', maxWidth: '26rem' }}
    >
      <div style={{ display: 'grid', gap: '0.25rem' }}>
        <label htmlFor={nameId}>Full name</label>
        <input
          id={nameId}
          autoComplete="name"
          aria-invalid={nameError ? true : undefined}
          aria-describedby={nameError ? `${nameId}-error` : undefined}
          {...form.register('name')}
        />
        <p id={`${nameId}-error`} role="alert" style={{ margin: 0 }}>
          {nameError?.message}
        </p>
      </div>
      <PhoneVerifyField
        control={form.control}
        name="phone"
        client={client}
        defaultCountry="GB"
        flowOptions={{ persist: false }}
      />
      <div style={{ display: 'flex', gap: '0.5rem' }}>
        <button type="submit">Create account</button>
        <button
          type="button"
          onClick={() => {
            form.reset()
            setSubmitted(undefined)
          }}
        >
          Start over
        </button>
      </div>
      <output>
        {submitted ? `Account for ${submitted.name}, ${international(submitted.phone.phoneNumber)} verified` : null}
      </output>
    </form>
  )
}

const meta = {
  title: 'PhoneVerify/In a react-hook-form form',
  component: SignupForm,
  parameters: {
    docs: {
      description: {
        component:
          '`PhoneVerifyField` from `@otpflow/phone-verify/react-hook-form` in a signup form validated by one zod schema (`phoneVerifyFieldSchema`). Each story is one validation state, reached by its play function against the sandbox running in the browser.',
      },
    },
  },
  argTypes: { sandbox: { control: false } },
} satisfies Meta<typeof SignupForm>

// Storybook reads the stories' metadata from the default export.
export default meta
type Story = StoryObj<typeof meta>

type Canvas = ReturnType<typeof within>

async function verify(canvas: Canvas, sandbox: Sandbox) {
  await userEvent.type(canvas.getByLabelText('Phone number'), '07700 900123')
  await userEvent.click(canvas.getByRole('button', { name: 'Send code' }))
  await canvas.findByLabelText('Verification code')
  await userEvent.keyboard(sandbox.outbox.latest('+447700900123')?.code ?? '')
  await canvas.findByText('Phone number verified', { selector: '[data-part="verified-message"]' })
}

/** Nothing typed yet: no error shown. */
export const Untouched: Story = {
  args: { sandbox: createSandbox() },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByLabelText('Phone number')).not.toHaveAttribute('aria-invalid')
    await expect(canvas.getByRole('button', { name: 'Create account' })).toBeEnabled()
  },
}

const beforeVerifying = createSandbox()
/** Submitted with the number not verified: the phone input is invalid, says why and takes the focus; nothing is sent. */
export const SubmittedBeforeVerifying: Story = {
  args: { sandbox: beforeVerifying },
  play: async ({ canvasElement }) => {
    beforeVerifying.reset()
    const canvas = within(canvasElement)
    await userEvent.type(canvas.getByLabelText('Full name'), 'Ada Lovelace')
    await userEvent.click(canvas.getByRole('button', { name: 'Create account' }))
    const phone = canvas.getByLabelText('Phone number')
    await waitFor(() => expect(phone).toHaveAttribute('aria-invalid', 'true'))
    await expect(phone).toHaveFocus()
    const alert = canvas.getAllByRole('alert').find((element) => element.textContent === 'Verify your phone number.')
    await expect(alert).toBeDefined()
    await expect(phone.getAttribute('aria-describedby')?.split(' ')).toContain(alert?.id)
    await expect(beforeVerifying.outbox.messages()).toHaveLength(0)
    await expect(canvasElement.querySelector('output')).toHaveTextContent('')
  },
}

const onTheCodeStep = createSandbox()
/** Submitted while the code step is on screen: the error and the focus go to the code field. */
export const SubmittedOnTheCodeStep: Story = {
  args: { sandbox: onTheCodeStep },
  play: async ({ canvasElement }) => {
    onTheCodeStep.reset()
    const canvas = within(canvasElement)
    await userEvent.type(canvas.getByLabelText('Full name'), 'Ada Lovelace')
    await userEvent.type(canvas.getByLabelText('Phone number'), '07700 900123')
    await userEvent.click(canvas.getByRole('button', { name: 'Send code' }))
    const code = await canvas.findByLabelText('Verification code')
    await userEvent.click(canvas.getByRole('button', { name: 'Create account' }))
    await waitFor(() => expect(code).toHaveAttribute('aria-invalid', 'true'))
    await expect(code).toHaveFocus()
  },
}

const verified = createSandbox()
/** Verified, then submitted: the form's values carry the number and its proof. */
export const VerifiedAndSubmitted: Story = {
  args: { sandbox: verified },
  play: async ({ canvasElement }) => {
    verified.reset()
    const canvas = within(canvasElement)
    await userEvent.type(canvas.getByLabelText('Full name'), 'Ada Lovelace')
    await verify(canvas, verified)
    await userEvent.click(canvas.getByRole('button', { name: 'Create account' }))
    await waitFor(() =>
      expect(canvasElement.querySelector('output')).toHaveTextContent('Account for Ada Lovelace, +44 7700 900123 verified'),
    )
  },
}

const startedOver = createSandbox()
/** Reset with the form after a submit: back to an empty number step, refused again until verified. */
export const StartedOver: Story = {
  args: { sandbox: startedOver },
  play: async ({ canvasElement }) => {
    startedOver.reset()
    const canvas = within(canvasElement)
    await userEvent.type(canvas.getByLabelText('Full name'), 'Ada Lovelace')
    await verify(canvas, startedOver)
    await userEvent.click(canvas.getByRole('button', { name: 'Create account' }))
    await waitFor(() => expect(canvasElement.querySelector('output')).not.toHaveTextContent(''))
    await userEvent.click(canvas.getByRole('button', { name: 'Start over' }))
    await waitFor(() => expect(canvas.getByLabelText('Phone number')).toHaveValue(''))
    await expect(canvas.getByLabelText('Full name')).toHaveValue('')
    await expect(canvasElement.querySelector('output')).toHaveTextContent('')
  },
}
