import type { OtpContract } from '@otpflow/core'
import { createSandbox, type Sandbox } from '@otpflow/core/sandbox'
import { act, render } from '@testing-library/react'
import { useForm } from 'react-hook-form'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import { z } from 'zod/mini'
import { loadPhoneMetadata } from './phone/metadata'
import { PhoneVerifyField, phoneVerifyFieldSchema } from './react-hook-form'
import './styles.css'

beforeAll(async () => {
  await loadPhoneMetadata()
})

/** The sandbox with the proof the app's endpoint adds to a valid check (the in-browser sandbox issues none). */
function withProof(sandbox: Sandbox): OtpContract {
  return {
    createAuthentication: (input, options) => sandbox.createAuthentication(input, options),
    retry: (input, options) => sandbox.retry(input, options),
    check: async (input, options) => {
      const result = await sandbox.check(input, options)
      return result.status === 'valid' ? { ...result, verificationToken: 'proof' } : result
    },
  }
}

const schema = z.object({ name: z.string().check(z.minLength(1, 'Enter your name.')), phone: phoneVerifyFieldSchema })
type Input = z.input<typeof schema>
type Values = z.output<typeof schema>
type Form = ReturnType<typeof useForm<Input, unknown, Values>>

// The whole resolver for a zod schema, as @hookform/resolvers/zod would give it.
const resolver = async (values: Input) => {
  const parsed = schema.safeParse(values)
  if (parsed.success) return { values: parsed.data, errors: {} }
  const errors: Record<string, { type: string; message: string }> = {}
  for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= { type: 'schema', message: issue.message }
  return { values: {}, errors }
}

function SignupForm({
  client,
  onValid,
  expose,
}: {
  client: OtpContract
  onValid: (values: Values) => void
  expose: (form: Form) => void
}) {
  const form = useForm<Input, unknown, Values>({ resolver, defaultValues: { name: '', phone: null } })
  expose(form)
  return (
    <form noValidate onSubmit={form.handleSubmit(onValid)} style={{ maxWidth: '26rem' }}>
      <label>
        Full name
        <input {...form.register('name')} />
      </label>
      <PhoneVerifyField
        control={form.control}
        name="phone"
        client={client}
        defaultCountry="GB"
        flowOptions={{ persist: false }}
      />
      <button type="submit">Create account</button>
    </form>
  )
}

function mount() {
  const sandbox = createSandbox()
  const onValid = vi.fn()
  let form: Form | undefined
  render(
    <SignupForm
      client={withProof(sandbox)}
      onValid={onValid}
      expose={(current) => {
        form = current
      }}
    />,
  )
  return {
    sandbox,
    onValid,
    form: () => {
      if (!form) throw new Error('the form did not render')
      return form
    },
  }
}

const phoneInput = () => page.getByLabelText('Phone number')
const codeInput = () => page.getByLabelText('Verification code')
const nameInput = () => page.getByLabelText('Full name')
const submit = () => page.getByRole('button', { name: 'Create account' })

describe('PhoneVerifyField in Chromium', () => {
  it('focuses the phone input on a refused submit when it is the first invalid field, and says why', async () => {
    const { onValid } = mount()
    await userEvent.fill(nameInput(), 'Ada Lovelace')
    await userEvent.click(submit())
    await expect.element(phoneInput()).toHaveFocus()
    await expect.element(phoneInput()).toHaveAttribute('aria-invalid', 'true')
    await expect.element(page.getByRole('alert')).toHaveTextContent('Verify your phone number.')
    expect(onValid).not.toHaveBeenCalled()
  })

  it('leaves the focus on an earlier invalid field: the form focuses its first error, not this one', async () => {
    mount()
    await userEvent.click(submit())
    await expect.element(nameInput()).toHaveFocus()
    await expect.element(phoneInput()).toHaveAttribute('aria-invalid', 'true')
  })

  it('focuses the code field on a refused submit while the code step is on screen, and with setFocus', async () => {
    const { form } = mount()
    await userEvent.fill(nameInput(), 'Ada Lovelace')
    await userEvent.fill(phoneInput(), '07700 900123')
    await userEvent.click(page.getByRole('button', { name: 'Send code' }))
    await expect.element(codeInput()).toHaveFocus()

    await userEvent.click(submit())
    await expect.element(codeInput()).toHaveFocus()
    await expect.element(codeInput()).toHaveAttribute('aria-invalid', 'true')

    await userEvent.click(nameInput())
    act(() => form().setFocus('phone'))
    await expect.element(codeInput()).toHaveFocus()
  })

  it('gives the value to the submit once verified, and a reset brings back an empty number step the form can focus', async () => {
    const { sandbox, onValid, form } = mount()
    await userEvent.fill(nameInput(), 'Ada Lovelace')
    await userEvent.fill(phoneInput(), '07700 900123')
    await userEvent.click(page.getByRole('button', { name: 'Send code' }))
    await expect.element(codeInput()).toHaveFocus()
    await userEvent.keyboard(sandbox.outbox.latest()?.code ?? '')
    await expect.element(page.getByText('Phone number verified', { exact: true }).first()).toBeInTheDocument()
    await userEvent.click(submit())
    await expect.poll(() => onValid.mock.calls.length).toBe(1)
    expect(onValid.mock.calls[0]?.[0]).toEqual({ name: 'Ada Lovelace', phone: { phoneNumber: '+447700900123', token: 'proof' } })

    act(() => form().reset())
    await expect.element(phoneInput()).toHaveValue('')
    act(() => form().setFocus('phone'))
    await expect.element(phoneInput()).toHaveFocus()
  })
})
