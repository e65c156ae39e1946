'use client'
import { e164Schema } from '@otpflow/core'
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react'
import { type Control, type FieldPath, type FieldValues, type UseControllerProps, useController } from 'react-hook-form'
import { z } from 'zod/mini'
import type { FieldBinding, FieldHandle, PhoneVerifyFieldValue } from './field-binding'
import { BoundPhoneVerify } from './phone-verify'
import type { PhoneVerifyProps } from './phone-verify-props'

export type { PhoneVerifyFieldValue } from './field-binding'

/** A verified value with its proof: what {@link phoneVerifyFieldSchema} passes on. */
export interface VerifiedPhone {
  phoneNumber: string
  token: string
}

const verifiedPhoneSchema = z.object({ phoneNumber: e164Schema, token: z.string().check(z.minLength(1)) })

/**
 * The zod schema of a `PhoneVerifyField`'s value, with the message shown until the number is verified: it passes a
 * verified number with its proof and nothing else (`null` before, a number verified without a proof). Built on
 * `zod/mini`; it fits in a schema of classic `zod` too.
 *
 * @example
 * const signupSchema = z.object({ name: z.string(), phone: createPhoneVerifyFieldSchema({ message: t('verifyPhone') }) })
 */
export function createPhoneVerifyFieldSchema({ message = 'Verify your phone number.' }: { message?: string } = {}) {
  return z.pipe(
    // What the field holds: null (or nothing) until verified. Typed so that `defaultValues: { phone: null }` fits.
    z.custom<PhoneVerifyFieldValue | null | undefined>(() => true),
    z.custom<VerifiedPhone>((value) => verifiedPhoneSchema.safeParse(value).success, { error: message }),
  )
}

/**
 * The value of a `PhoneVerifyField` in a zod schema: `{ phoneNumber, token }` once verified, refused with
 * "Verify your phone number." before. `createPhoneVerifyFieldSchema({ message })` says it in your words.
 *
 * @example
 * const schema = z.object({ phone: phoneVerifyFieldSchema })
 * useForm({ resolver: zodResolver(schema), defaultValues: { phone: null } })
 */
export const phoneVerifyFieldSchema = createPhoneVerifyFieldSchema()

export interface PhoneVerifyFieldProps<
  TFieldValues extends FieldValues = FieldValues,
  TName extends FieldPath<TFieldValues> = FieldPath<TFieldValues>,
  TTransformedValues = TFieldValues,
> extends Omit<PhoneVerifyProps, 'name'> {
  /** The form's `control`. @default the `FormProvider` above */
  // biome-ignore lint/suspicious/noExplicitAny: react-hook-form's own type for a control of any context (useController's)
  control?: Control<TFieldValues, any, TTransformedValues>
  /** The field's name in the form's values. */
  name: TName
  /** react-hook-form's rules (`required`, `validate`), for a form without a schema resolver. */
  rules?: UseControllerProps<TFieldValues, TName, TTransformedValues>['rules']
  /** Removes the value from the form's values when the field unmounts. @default false */
  shouldUnregister?: boolean
}

/**
 * `<PhoneVerify>` as one field of a react-hook-form form. The field's value is `null` until the number is verified,
 * then `{ phoneNumber, token }` (`token`: the proof for `verifyPhoneToken`), and `null` again when the user changes
 * the number or the proof expires. Validate it with {@link phoneVerifyFieldSchema} or `rules`; the form's error is
 * shown on the control on screen (`aria-invalid`, announced, `aria-describedby`), `setFocus(name)` and
 * `shouldFocusError` focus the phone input or, on the code step, the code field, and `reset()` brings it back to
 * an empty number step.
 *
 * @example
 * const form = useForm({ resolver: zodResolver(z.object({ phone: phoneVerifyFieldSchema })), defaultValues: { phone: null } })
 * <form onSubmit={form.handleSubmit(({ phone }) => signUp(phone.phoneNumber, phone.token))}>
 *   <PhoneVerifyField control={form.control} name="phone" endpoint="/api/otp" />
 * </form>
 */
export function PhoneVerifyField<
  TFieldValues extends FieldValues = FieldValues,
  TName extends FieldPath<TFieldValues> = FieldPath<TFieldValues>,
  TTransformedValues = TFieldValues,
>({
  control,
  name,
  rules,
  shouldUnregister,
  disabled,
  ...props
}: PhoneVerifyFieldProps<TFieldValues, TName, TTransformedValues>): ReactNode {
  const { field, fieldState, formState } = useController<TFieldValues, TName, TTransformedValues>({
    ...(control ? { control } : {}),
    name,
    ...(rules ? { rules } : {}),
    ...(shouldUnregister === undefined ? {} : { shouldUnregister }),
    // A form whose defaultValues leave the field out still starts (and resets) at null, never at undefined.
    defaultValue: null as never,
  })
  const handle = useRef<FieldHandle>(null)
  // Each reset mounts the component afresh: the number typed, the code and the step all go.
  const [generation, setGeneration] = useState(0)

  // The value last handed to the form: any other value the field shows was set from outside (a reset, setValue).
  const value = asValue(field.value)
  const reported = useRef<PhoneVerifyFieldValue | null>(value)
  const { onChange, onBlur, ref } = field
  const onValueChange = useCallback(
    (next: PhoneVerifyFieldValue | null) => {
      if (sameValue(next, reported.current)) return
      reported.current = next
      onChange(next)
    },
    [onChange],
  )

  // react-hook-form focuses a field through the object given to its ref (`setFocus`, `shouldFocusError`).
  useEffect(() => {
    ref({ focus: () => handle.current?.focus() })
  }, [ref])

  // A reset of the form (or of this field) empties the value, the touched flag and the submit count; the flow goes back
  // to an empty number step with it. A value kept through a reset (`keepValues`) keeps the flow too.
  const cues = { value, touched: fieldState.isTouched, submitCount: formState.submitCount }
  const previousCues = useRef(cues)
  useEffect(() => {
    const before = previousCues.current
    previousCues.current = cues
    if (value !== null) return
    // Emptied since the last render, and not by the component (a report lands a render later).
    const clearedFromOutside = before.value !== null && reported.current !== null
    const formReset = (before.touched && !cues.touched) || (before.submitCount > 0 && cues.submitCount === 0)
    if (!clearedFromOutside && !formReset) return
    reported.current = null
    handle.current?.reset()
    setGeneration((count) => count + 1)
  })

  const binding: FieldBinding = {
    error: fieldState.error ? { message: fieldState.error.message ?? '' } : undefined,
    onValueChange,
    onBlur,
    handle,
  }
  return <BoundPhoneVerify key={generation} {...props} disabled={disabled || field.disabled || false} field={binding} />
}

function asValue(value: unknown): PhoneVerifyFieldValue | null {
  return value === null || value === undefined ? null : (value as PhoneVerifyFieldValue)
}

function sameValue(a: PhoneVerifyFieldValue | null, b: PhoneVerifyFieldValue | null): boolean {
  return a === b || (a !== null && b !== null && a.phoneNumber === b.phoneNumber && a.token === b.token)
}
