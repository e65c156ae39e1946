import { systemClock } from '@otpflow/core'
import { OtpFlowProvider, useOtpFlow, useOtpFlowContext } from '@otpflow/react'
import { type ReactNode, useEffect, useImperativeHandle, useRef, useState } from 'react'
import type { FieldBinding } from './field-binding'
import { languageOf } from './messages'
import { type PhoneVerifyContextValue, PhoneVerifyProvider, usePartIds, usePartRefs } from './phone-verify-context'
import { type Announcement, type ErrorDescription, type PhoneVerifyStep, stepOf } from './phone-verify-decisions'
import type { PhoneVerifyProps } from './phone-verify-props'
import { StatusRegion } from './status-region'
import { CodeStep } from './steps/code-step'
import { NumberStep } from './steps/number-step'
import { VerifiedStep } from './steps/verified-step'
import { useFlowReactions } from './use-flow-reactions'
import { useMessages } from './use-messages'
import { useNumberEntry } from './use-number-entry'
import { useShownError } from './use-shown-error'
import { useVerifyActions } from './use-verify-actions'

export type { PhoneVerifyClassNames, PhoneVerifyProps } from './phone-verify-props'

/** Whether an `OtpFlowProvider` is above (its context hook throws when not). */
function useHasFlowProvider(): boolean {
  try {
    // biome-ignore lint/correctness/useHookAtTopLevel: called on every render; the try only catches its throw outside a provider
    useOtpFlowContext()
    return true
  } catch {
    return false
  }
}

/**
 * The whole phone verification, ready to drop in: number, code, done. Built from the exported parts on
 * `useOtpFlow`; uses the `OtpFlowProvider` above, or its own from `client` / `endpoint`.
 *
 * @example
 * <PhoneVerify endpoint="/api/otp" onVerified={({ phoneNumber, verificationToken }) => save(phoneNumber, verificationToken)} />
 */
export function PhoneVerify(props: PhoneVerifyProps): ReactNode {
  return useWithFlowProvider(props, <PhoneVerifyFlow {...props} />)
}

/** `<PhoneVerify>` as a form's field (internal: what `PhoneVerifyField` of the react-hook-form entry renders). */
export function BoundPhoneVerify({ field, ...props }: PhoneVerifyProps & { field: FieldBinding }): ReactNode {
  return useWithFlowProvider(props, <PhoneVerifyFlow {...props} field={field} />)
}

/** The content under the `OtpFlowProvider` above, or under its own from `client` / `endpoint`. */
function useWithFlowProvider(props: PhoneVerifyProps, content: ReactNode): ReactNode {
  const hasProvider = useHasFlowProvider()
  if (hasProvider && props.client === undefined && props.endpoint === undefined) return content
  return (
    <OtpFlowProvider
      {...(props.client ? { client: props.client } : {})}
      {...(props.endpoint ? { endpoint: props.endpoint } : {})}
    >
      {content}
    </OtpFlowProvider>
  )
}

const cx = (...names: (string | undefined)[]) => names.filter(Boolean).join(' ') || undefined

/** The flow and what the steps share, around the step on screen and the status region. */
function PhoneVerifyFlow({
  onVerified,
  onError,
  defaultCountry,
  allowedCountries: allowedCountriesProp,
  countries: deprecatedCountries,
  preferredCountries,
  defaultPhoneNumber,
  locale: localeProp,
  messages: messagesProp,
  codeLength = 6,
  autoSubmit = true,
  disabled = false,
  className,
  classNames = {},
  unstyled = false,
  name,
  flowOptions,
  captcha,
  field,
}: PhoneVerifyProps & { field?: FieldBinding }): ReactNode {
  const { messages, locale, format } = useMessages(messagesProp, localeProp)
  const allowedCountries = allowedCountriesProp ?? deprecatedCountries
  const clock = flowOptions?.clock ?? systemClock
  const flow = useOtpFlow({ ...flowOptions, onVerified, onError, ...(captcha ? { captcha } : {}) })
  const lastStep = useRef<PhoneVerifyStep>('phone')
  const step = stepOf(flow, lastStep.current)
  lastStep.current = step
  const ids = usePartIds()
  const refs = usePartRefs()
  const number = useNumberEntry({ defaultPhoneNumber, defaultCountry, allowedCountries })
  const [code, setCode] = useState('')
  const [announcement, setAnnouncement] = useState<Announcement>()
  const shown = useShownError({ flow, step, invalidNumber: number.invalid, messages, format, clock })
  const actions = useVerifyActions({ flow, step, disabled, number, code, setCode, refs, sayCodeRepeated: shown.sayCodeRepeated })
  useFlowReactions({
    flow,
    step,
    refs,
    setCode,
    setAnnouncement,
    showNumber: number.showAgain,
    showsHumanCheck: captcha?.render !== undefined,
  })
  useFieldBinding(field, flow, step, refs)
  // The component's own error first (it says more); else the form's, on the control of the step on screen.
  const error: ErrorDescription | undefined =
    shown.error ??
    (field?.error
      ? { text: field.error.message || messages.errors.notVerified, ...(step === 'verified' ? {} : { field: step }) }
      : undefined)

  const shared: PhoneVerifyContextValue = {
    flow,
    step,
    messages,
    format,
    locale,
    clock,
    disabled,
    classNames,
    allowedCountries,
    preferredCountries,
    codeLength,
    autoSubmit,
    captcha,
    ids,
    refs,
    number,
    code,
    setCode,
    error,
    dismissError: shown.dismiss,
    announcement,
    setAnnouncement,
    actions,
  }
  return (
    <PhoneVerifyProvider value={shared}>
      <div
        ref={refs.root}
        data-scope="phone-verify"
        data-part="root"
        data-state={step}
        {...(unstyled ? { 'data-unstyled': '' } : {})}
        {...(disabled ? { 'data-disabled': '' } : {})}
        dir={messages.dir}
        // The language of the strings shown, which differs from `locale` only when its messages are missing.
        lang={languageOf(locale) === languageOf(messages.locale) ? locale : messages.locale}
        className={cx(classNames.root, className)}
      >
        {step === 'phone' ? <NumberStep /> : null}
        {step === 'code' ? <CodeStep /> : null}
        {step === 'verified' ? <VerifiedStep /> : null}
        <StatusRegion />
        {name ? (
          <input type="hidden" name={name} value={flow.status === 'verified' ? (flow.verificationToken ?? '') : ''} />
        ) : null}
      </div>
    </PhoneVerifyProvider>
  )
}

/** Reports the verified value to a form field, and answers its focus and reset. */
function useFieldBinding(
  field: FieldBinding | undefined,
  flow: PhoneVerifyContextValue['flow'],
  step: PhoneVerifyStep,
  refs: PhoneVerifyContextValue['refs'],
): void {
  const phoneNumber = flow.status === 'verified' ? flow.phoneNumber : undefined
  const token = flow.status === 'verified' ? flow.verificationToken : undefined
  const onValueChange = field?.onValueChange
  useEffect(() => {
    onValueChange?.(phoneNumber === undefined ? null : { phoneNumber, token })
  }, [onValueChange, phoneNumber, token])

  // The form marks the field touched when the focus leaves it for another element of the page; a focus lost with a
  // removed control (Send code, as the code step comes) is not the user leaving.
  const onBlur = field?.onBlur
  useEffect(() => {
    const root = refs.root.current
    if (!root || !onBlur) return
    const onFocusOut = (event: FocusEvent) => {
      if (event.relatedTarget instanceof Node && !root.contains(event.relatedTarget)) onBlur()
    }
    root.addEventListener('focusout', onFocusOut)
    return () => root.removeEventListener('focusout', onFocusOut)
  }, [onBlur, refs])

  useImperativeHandle(
    field?.handle,
    () => ({
      focus: () => {
        if (step === 'phone') refs.phone.current?.focus()
        else if (step === 'verified') refs.verifiedMessage.current?.focus()
        // A closed code field (expired, too many wrong codes) takes no focus: its way out does.
        else if (refs.code.current && !refs.code.current.disabled) refs.code.current.focus()
        else refs.actionButton.current?.focus()
      },
      reset: flow.reset,
    }),
    [step, refs, flow.reset],
  )
}
