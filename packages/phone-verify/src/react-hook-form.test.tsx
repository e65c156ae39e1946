import { zodResolver } from '@hookform/resolvers/zod'
import type { OtpContract } from '@otpflow/core'
import { createSandbox, type Sandbox } from '@otpflow/core/sandbox'
import { act, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import axe from 'axe-core'
import { useForm } from 'react-hook-form'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import * as classic from 'zod'
import { z } from 'zod/mini'
import { loadPhoneMetadata } from './phone/metadata'
import {
  createPhoneVerifyFieldSchema,
  PhoneVerifyField,
  type PhoneVerifyFieldProps,
  type PhoneVerifyFieldValue,
  phoneVerifyFieldSchema,
} from './react-hook-form'

beforeAll(async () => {
  await loadPhoneMetadata()
})

/**
 * The sandbox with the proof the app's endpoint adds to a valid check (the in-browser sandbox issues none): the
 * field's value carries it as `token`.
 */
function withProof(sandbox: Sandbox): OtpContract {
  return {
    createAuthentication: (input, options) => sandbox.createAuthentication(input, options),
    retry: (input, options) => sandbox.retry(input, options),
    check: async (input, options) => {
      const result = await sandbox.check(input, options)
      return result.status === 'valid' ? { ...result, verificationToken: `proof-of-${input.authenticationUuid}` } : result
    },
  }
}

const signupSchema = z.object({ name: z.string(), phone: phoneVerifyFieldSchema })
type SignupInput = z.input<typeof signupSchema>
type SignupValues = z.output<typeof signupSchema>

interface FormProps {
  client: OtpContract
  onValid: (values: SignupValues) => void
  field?: Partial<PhoneVerifyFieldProps<SignupInput, 'phone', SignupValues>>
  /** Called with the form, for the test to reset it or focus a field. */
  expose?: (form: ReturnType<typeof useForm<SignupInput, unknown, SignupValues>>) => void
}

function SignupForm({ client, onValid, field, expose }: FormProps) {
  const form = useForm<SignupInput, unknown, SignupValues>({
    resolver: zodResolver(signupSchema),
    defaultValues: { name: '', phone: null },
  })
  expose?.(form)
  return (
    <form noValidate onSubmit={form.handleSubmit(onValid)}>
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
        {...field}
      />
      <button type="submit">Create account</button>
    </form>
  )
}

function setup(props: Partial<FormProps> = {}) {
  const sandbox = createSandbox()
  const client = withProof(sandbox)
  const createAuthentication = vi.spyOn(client, 'createAuthentication')
  const check = vi.spyOn(client, 'check')
  const onValid = vi.fn()
  const user = userEvent.setup()
  let form: ReturnType<typeof useForm<SignupInput, unknown, SignupValues>> | undefined
  const view = render(
    <SignupForm
      client={client}
      onValid={onValid}
      expose={(current) => {
        form = current
      }}
      {...props}
    />,
  )
  const formApi = () => {
    if (!form) throw new Error('the form did not render')
    return form
  }
  return { ...view, sandbox, client, createAuthentication, check, onValid, user, form: formApi }
}

const phoneInput = () => screen.getByLabelText<HTMLInputElement>('Phone number')
const submit = () => screen.getByRole('button', { name: 'Create account' })

async function verify(user: ReturnType<typeof userEvent.setup>, sandbox: Sandbox, number = '07700 900123') {
  await user.type(phoneInput(), number)
  await user.click(screen.getByRole('button', { name: 'Send code' }))
  await screen.findByLabelText('Verification code')
  await user.keyboard(sandbox.outbox.latest()?.code ?? '')
  await screen.findByText('Phone number verified', { selector: '[data-part="verified-message"]' })
}

/** A form without a schema: the field's rule alone says it is required. */
function RulesForm({ message }: { message: string | boolean }) {
  const form = useForm<{ phone: PhoneVerifyFieldValue | null }>({ defaultValues: { phone: null } })
  return (
    <form noValidate onSubmit={form.handleSubmit(() => {})}>
      <PhoneVerifyField
        control={form.control}
        name="phone"
        rules={{ required: message }}
        client={createSandbox()}
        defaultCountry="GB"
        flowOptions={{ persist: false }}
      />
      <button type="submit">Create account</button>
    </form>
  )
}

describe('PhoneVerifyField', () => {
  it('refuses a submit before the number is verified: the error is on the phone input and announced, nothing is sent', async () => {
    const { user, onValid, createAuthentication, check } = setup()
    await user.type(screen.getByLabelText('Full name'), 'Ada Lovelace')
    await user.click(submit())

    const input = phoneInput()
    await waitFor(() => expect(input).toHaveAttribute('aria-invalid', 'true'))
    expect(screen.getByRole('alert')).toHaveTextContent('Verify your phone number.')
    const described = (input.getAttribute('aria-describedby') ?? '').split(' ')
    expect(described).toContain(screen.getByRole('alert').id)
    expect(input).toHaveAttribute('data-invalid', '')
    expect(onValid).not.toHaveBeenCalled()
    expect(createAuthentication).not.toHaveBeenCalled()
    expect(check).not.toHaveBeenCalled()
    // shouldFocusError: the form's first invalid field is this one, and its control on screen is the phone input.
    expect(input).toHaveFocus()
  })

  it('gives the verified number and its proof to the submit, and the error goes once verified', async () => {
    const { user, sandbox, onValid } = setup()
    await user.type(screen.getByLabelText('Full name'), 'Ada Lovelace')
    await user.click(submit())
    await waitFor(() => expect(phoneInput()).toHaveAttribute('aria-invalid', 'true'))

    await verify(user, sandbox)
    expect(screen.getByRole('alert')).toHaveTextContent('')
    await user.click(submit())
    await waitFor(() => expect(onValid).toHaveBeenCalledTimes(1))
    const authenticationUuid = sandbox.outbox.latest()?.authenticationUuid
    expect(onValid.mock.calls[0]?.[0]).toEqual({
      name: 'Ada Lovelace',
      phone: { phoneNumber: '+447700900123', token: `proof-of-${authenticationUuid}` },
    })
  })

  it('goes back to null when the user changes the verified number', async () => {
    const { user, sandbox, form } = setup()
    await verify(user, sandbox)
    await waitFor(() => expect(form().getValues('phone')).toMatchObject({ phoneNumber: '+447700900123' }))
    await user.click(screen.getByRole('button', { name: 'Change number' }))
    await waitFor(() => expect(form().getValues('phone')).toBeNull())
    expect(phoneInput()).toHaveValue('07700 900123')
  })

  it('resets with the form: back to an empty number step, value null, from the verified step', async () => {
    const { user, sandbox, form, onValid } = setup()
    await verify(user, sandbox)
    await user.click(submit())
    await waitFor(() => expect(onValid).toHaveBeenCalledTimes(1))

    act(() => form().reset())
    expect(await screen.findByLabelText('Phone number')).toHaveValue('')
    expect(screen.queryByText('Phone number verified', { selector: '[data-part="verified-message"]' })).toBeNull()
    expect(form().getValues('phone')).toBeNull()
    // Nothing left over: the next submit is refused again.
    await user.click(submit())
    await waitFor(() => expect(phoneInput()).toHaveAttribute('aria-invalid', 'true'))
    expect(onValid).toHaveBeenCalledTimes(1)
  })

  it('resets with the form from the code step, after a refused submit', async () => {
    const { user, form } = setup()
    await user.click(submit())
    await waitFor(() => expect(phoneInput()).toHaveAttribute('aria-invalid', 'true'))
    await user.type(phoneInput(), '07700 900123')
    await user.click(screen.getByRole('button', { name: 'Send code' }))
    await screen.findByLabelText('Verification code')

    act(() => form().reset())
    expect(await screen.findByLabelText('Phone number')).toHaveValue('')
    expect(screen.queryByLabelText('Verification code')).toBeNull()
    expect(phoneInput()).not.toHaveAttribute('aria-invalid')
  })

  it('resets with the form from the verified step before any submit', async () => {
    const { user, sandbox, form } = setup()
    await verify(user, sandbox)
    await waitFor(() => expect(form().getValues('phone')).toMatchObject({ phoneNumber: '+447700900123' }))
    expect(form().formState.submitCount).toBe(0)

    act(() => form().reset())
    expect(await screen.findByLabelText('Phone number')).toHaveValue('')
    expect(screen.queryByText('Phone number verified', { selector: '[data-part="verified-message"]' })).toBeNull()
    expect(form().getValues('phone')).toBeNull()
  })

  it('resets with the form a number typed and left for another field, before any submit', async () => {
    const { user, form } = setup()
    await user.type(phoneInput(), '07700 900123')
    await user.click(screen.getByLabelText('Full name'))
    await waitFor(() => expect(form().getFieldState('phone').isTouched).toBe(true))

    act(() => form().reset())
    await waitFor(() => expect(phoneInput()).toHaveValue(''))
  })

  it('is touched when the focus leaves it for another field, not when it moves inside it', async () => {
    const { user, form } = setup()
    await user.type(phoneInput(), '07700 900123')
    await user.click(screen.getByRole('button', { name: 'Send code' }))
    await screen.findByLabelText('Verification code')
    expect(form().getFieldState('phone').isTouched).toBe(false)

    await user.click(screen.getByLabelText('Full name'))
    await waitFor(() => expect(form().getFieldState('phone').isTouched).toBe(true))
  })

  it('puts the form error on the code field while the code step is on screen, and setFocus focuses it', async () => {
    const { user, form } = setup()
    await user.type(phoneInput(), '07700 900123')
    await user.click(screen.getByRole('button', { name: 'Send code' }))
    const code = await screen.findByLabelText('Verification code')
    await user.click(screen.getByLabelText('Full name'))

    await user.click(submit())
    await waitFor(() => expect(code).toHaveAttribute('aria-invalid', 'true'))
    expect(code).toHaveFocus()
    expect(screen.getByRole('alert')).toHaveTextContent('Verify your phone number.')

    await user.click(screen.getByLabelText('Full name'))
    act(() => form().setFocus('phone'))
    await waitFor(() => expect(code).toHaveFocus())
  })

  it('shows the message of a rule, and its own words for a rule without one', async () => {
    const user = userEvent.setup()
    const { unmount } = render(<RulesForm message="We need your phone number" />)
    await user.click(submit())
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('We need your phone number'))
    unmount()

    render(<RulesForm message={true} />)
    await user.click(submit())
    await waitFor(() => expect(phoneInput()).toHaveAttribute('aria-invalid', 'true'))
    expect(screen.getByRole('alert')).toHaveTextContent('Verify your phone number.')
  })

  it('has no axe violations with the form error shown', async () => {
    const { user, container } = setup()
    await user.click(submit())
    await waitFor(() => expect(phoneInput()).toHaveAttribute('aria-invalid', 'true'))
    expect((await axe.run(container)).violations).toEqual([])
  })
})

describe('phoneVerifyFieldSchema', () => {
  it('passes a verified number with its proof, and nothing else', () => {
    const verified = { phoneNumber: '+447700900123', token: 'eyJ.proof' }
    expect(phoneVerifyFieldSchema.safeParse(verified)).toEqual({ success: true, data: verified })
    for (const value of [
      null,
      undefined,
      { phoneNumber: '+447700900123', token: undefined },
      { phoneNumber: '07700', token: 'x' },
    ]) {
      const parsed = phoneVerifyFieldSchema.safeParse(value)
      expect(parsed.success).toBe(false)
      expect(parsed.error?.issues[0]?.message).toBe('Verify your phone number.')
    }
  })

  it('says it in the words given, and fits in a schema of classic zod', () => {
    const schema = classic.object({ phone: createPhoneVerifyFieldSchema({ message: 'Vérifiez votre numéro.' }) })
    expect(schema.safeParse({ phone: null }).error?.issues[0]).toMatchObject({
      path: ['phone'],
      message: 'Vérifiez votre numéro.',
    })
    expect(schema.parse({ phone: { phoneNumber: '+447700900123', token: 't' } })).toEqual({
      phone: { phoneNumber: '+447700900123', token: 't' },
    })
  })
})
