import { type OtpContract, type OtpError, secondsUntil as secondsLeft, systemClock } from '@otpflow/core'
import {
  OtpFlowProvider,
  type UseOtpFlowOptions,
  type UseOtpFlowResult,
  useOtpFlow,
  useOtpFlowContext,
  type VerifiedDetails,
} from '@otpflow/react'
import { type ReactNode, useCallback, useEffect, useId, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import { type Resolver, type ResolverResult, useForm } from 'react-hook-form'
import { z } from 'zod/mini'
import { CodeField } from './code/code-field'
import { en } from './locales/en'
import {
  createMessageFormat,
  languageOf,
  type MessageFormat,
  type Messages,
  type MessagesOverride,
  mergeMessages,
  stringsLeftToBase,
} from './messages'
import { CountryPicker } from './phone/country-picker'
import { getPhoneKit } from './phone/metadata'
import { PhoneField } from './phone/phone-field'
import { type CountryCode, guessCountry } from './phone/phone-text'
import { usePhoneKit } from './phone/use-phone-kit'
import { ResendButton } from './resend-button'
import { VerifyStatus } from './verify-status'

/** Classes for each part of `<PhoneVerify>`, added to the part's own `data-part` hooks. */
export interface PhoneVerifyClassNames {
  root?: string
  phoneStep?: string
  codeStep?: string
  verifiedStep?: string
  label?: string
  hint?: string
  countryPicker?: string
  countryList?: string
  countryOption?: string
  phoneField?: string
  sendButton?: string
  codeField?: string
  codeInput?: string
  codeSlot?: string
  verifyButton?: string
  resendButton?: string
  changeNumberButton?: string
  verifyAgainButton?: string
  status?: string
  actionButton?: string
}

export interface PhoneVerifyProps {
  /** The app's endpoint (`createOtpHandler`). Ignored when `client` is set. @default "/api/otp" (or the provider above) */
  endpoint?: string
  /** Any `OtpContract`: `createOtpClient(…)`, `createSandbox()`, a test double. */
  client?: OtpContract
  /**
   * Called once when the code is accepted, with the E.164 number, the proof for the backend and when it expires; again
   * with `restored: true` when a reload brings the verified number back (`flowOptions.persist`).
   */
  onVerified?: (details: VerifiedDetails) => void
  /** Called with every error the flow shows. */
  onError?: (error: OtpError) => void
  /** The country chosen at first. @default the region of the browser's language, else the first of `countries`, else US */
  defaultCountry?: CountryCode
  /** Only these countries are offered, in this order. @default every country */
  countries?: readonly CountryCode[]
  /** Countries listed first. @default [] */
  preferredCountries?: readonly CountryCode[]
  /** A number to start with, in any form (`+44 7700 900123`, `07700 900123`). */
  defaultPhoneNumber?: string
  /**
   * BCP 47 locale of the country names, numbers and countdowns (`"fr-CA"`). The strings and the direction come from
   * `messages`. @default `messages.locale`, else "en"
   */
  locale?: string
  /**
   * The strings: a shipped language (`import { fr } from '@otpflow/phone-verify/locales/fr'`), a complete `Messages`
   * of your own, or some strings to replace over English (`errors` may be partial). @default English
   */
  messages?: MessagesOverride
  /** Digits of the code. @default 6 */
  codeLength?: number
  /** Checks the code as soon as it is complete. @default true */
  autoSubmit?: boolean
  /** Disables every control. @default false */
  disabled?: boolean
  className?: string
  classNames?: PhoneVerifyClassNames
  /** Leaves out the stylesheet's rules (the `data-*` hooks stay). @default false */
  unstyled?: boolean
  /** Name of a hidden input carrying the verification token, for a surrounding `<form>`. */
  name?: string
  /** Options passed to `useOtpFlow` (persistence, clock, resend delay, attempts per code). */
  flowOptions?: Pick<UseOtpFlowOptions, 'persist' | 'clock' | 'resendDelay' | 'maxAttempts'>
}

const warnedLocales = new Set<string>()

/** Says once per locale that its strings are missing, and what to import. */
function warnMissingMessages(locale: string, messagesLocale: string): void {
  const language = languageOf(locale)
  if (language === languageOf(messagesLocale) || warnedLocales.has(locale)) return
  warnedLocales.add(locale)
  const fix = ['en', 'fr', 'de', 'es', 'pt', 'ar', 'he'].includes(language)
    ? `import { ${language} } from '@otpflow/phone-verify/locales/${language}' and pass messages={${language}}`
    : `pass a complete Messages object with locale: '${language}' as messages`
  console.warn(
    `[@otpflow/phone-verify] <PhoneVerify locale="${locale}"> has no messages in that language, so its strings stay in "${messagesLocale}": ${fix}.`,
  )
}

const warnedFallbacks = new Set<string>()

/**
 * Says once when strings in another language leave some to English: `{ ...fr, errors: { expired: '…' } }` replaces all
 * of French's errors, not one, so the others would show in English.
 */
function warnEnglishFallbacks(override: MessagesOverride | undefined): void {
  const left = stringsLeftToBase(en, override)
  if (left.length === 0) return
  const message = `[@otpflow/phone-verify] messages in "${override?.locale}" leave ${left.join(', ')} in English: spread the language's own into them (errors: { ...${languageOf(override?.locale ?? '')}.errors, … }), or build them with mergeMessages(${languageOf(override?.locale ?? '')}, overrides).`
  if (warnedFallbacks.has(message)) return
  warnedFallbacks.add(message)
  console.warn(message)
}

const noSubscribe = () => () => {}
const guessOnClient = () => guessCountry()
const guessOnServer = () => undefined

// zod/mini, as in @otpflow/core: one flavour of zod in the bundle, and a small one (the classic API cost 16 kB gzipped).
const phoneFormSchema = z.object({
  phoneNumber: z.string().check(z.refine((value) => getPhoneKit()?.isPossible(value) ?? false, { message: 'invalidNumber' })),
})
type PhoneForm = z.infer<typeof phoneFormSchema>

// The whole resolver for a one-field schema: a few lines instead of @hookform/resolvers (1.4 kB gzipped).
const phoneResolver: Resolver<PhoneForm> = async (values) => {
  const result = phoneFormSchema.safeParse(values)
  const answer: ResolverResult<PhoneForm> = result.success
    ? { values: result.data, errors: {} }
    : { values: {}, errors: { phoneNumber: { type: 'invalidNumber', message: result.error.issues[0]?.message ?? '' } } }
  return answer
}

/** "+44 7700 900123" once the phone kit is there, the E.164 number before. */
const international = (e164: string | undefined) => (e164 ? (getPhoneKit()?.formatInternational(e164) ?? e164) : '')

const cx = (...names: (string | false | undefined)[]) => names.filter(Boolean).join(' ') || undefined

/** A message with the phone number in it, the number kept on one line and left to right. */
function withNumber(text: string, number: string): ReactNode {
  const at = number ? text.indexOf(number) : -1
  if (at < 0) return text
  return (
    <>
      {text.slice(0, at)}
      <bdi dir="ltr" data-scope="phone-verify" data-part="phone-number">
        {number}
      </bdi>
      {text.slice(at + number.length)}
    </>
  )
}

/**
 * What the status region says, kept as a description rather than text: it is worded at render time, in the current
 * locale and with the number formatted once the phone kit is there.
 */
type Announcement =
  | { kind: 'codeSent'; phoneNumber: string | undefined }
  | { kind: 'codeResumed'; phoneNumber: string | undefined }
  | { kind: 'resendAvailable' }
  | { kind: 'verified' }

type Step = 'phone' | 'code' | 'verified'

function stepOf(flow: UseOtpFlowResult): Step {
  switch (flow.status) {
    case 'verified':
      return 'verified'
    case 'awaitingCode':
    case 'checking':
    case 'expired':
      return 'code'
    case 'sending':
      return flow.reason === 'resend' ? 'code' : 'phone'
    case 'blocked':
      // Too many wrong codes: the way out is a new code, from where the code was typed.
      return flow.cause === 'check' ? 'code' : 'phone'
    case 'idle':
    case 'error':
      return 'phone'
    default:
      return flow satisfies never
  }
}

interface ErrorView {
  text: string
  /** The field the error is about: it gets `aria-invalid` and `aria-describedby`. */
  field?: 'phone' | 'code'
  action?: 'tryAgain' | 'changeNumber' | 'sendNewCode'
}

const NETWORK_CODES = new Set(['network_error'])
const TIMEOUT_CODES = new Set(['timeout', 'upstream_timeout'])
const UNAVAILABLE_CODES = new Set(['server_error', 'service_unavailable', 'upstream_error', 'internal_server_error'])
const PHONE_CODES: Record<string, keyof Messages['errors']> = {
  invalid_phone_number: 'invalidNumber',
  invalid_request: 'invalidNumber',
  invalid_line: 'landline',
  unsupported_region: 'unsupportedRegion',
  blocked_number: 'blocked',
  spam_detected: 'blocked',
}

/**
 * One message and one way out for each error the flow can be in. A button never contradicts its message: a wait is
 * said in the message ("Try again in 4 minutes") with no button beside it, since the controls already on screen
 * (Send code, the code field) work again once it is over.
 */
function describeError(
  flow: UseOtpFlowResult,
  messages: Messages,
  format: MessageFormat,
  now: number,
  seenAt: (error: OtpError) => number,
): ErrorView | undefined {
  const { errors } = messages
  // A wait is never shown as 0 seconds: the message is about a deadline still ahead.
  const secondsUntil = (date: Date | undefined) => (date ? Math.max(1, secondsLeft(date, now)) : undefined)
  // Retry-After counts from the answer: what is left of it now.
  const waitOf = (error: OtpError) =>
    error.retryAfter === undefined ? undefined : Math.max(1, error.retryAfter - (now - seenAt(error)) / 1000)
  if (flow.status === 'expired') return { text: errors.expired, action: 'sendNewCode' }
  if (flow.status === 'idle' && flow.verificationExpired) return { text: errors.verificationExpired }
  const error = flow.error
  if (!error) return undefined
  const transport = (): ErrorView | undefined => {
    if (NETWORK_CODES.has(error.code)) return { text: errors.network, action: 'tryAgain' }
    if (TIMEOUT_CODES.has(error.code)) return { text: errors.timeout, action: 'tryAgain' }
    if (UNAVAILABLE_CODES.has(error.code)) return { text: errors.unavailable, action: 'tryAgain' }
    return undefined
  }
  if (flow.status === 'awaitingCode') {
    if (error.code === 'invalid_code') {
      // The server's count of checks left, said as a sentence in the locale's plural form.
      const left = flow.attemptsLeft === undefined ? '' : ` ${messages.attemptsLeft(flow.attemptsLeft, format)}`
      return { text: `${errors.wrongCode}${left}`, field: 'code' }
    }
    if (error.code === 'resend_denied') return { text: errors.rateLimited(secondsUntil(flow.resendAvailableAt), format) }
    if (error.code === 'rate_limited') {
      if (flow.remainingResends === 0) return { text: errors.noResendsLeft, action: 'changeNumber' }
      return { text: errors.rateLimited(waitOf(error), format) }
    }
    return transport() ?? { text: errors.unknown, action: 'tryAgain' }
  }
  if (flow.status === 'blocked') {
    // Checks are counted per code: a new code is the way out, not another number.
    if (flow.cause === 'check') return { text: errors.tooManyAttempts, action: 'sendNewCode' }
    if (error.code === 'rate_limited') return { text: errors.rateLimited(secondsUntil(flow.until) ?? waitOf(error), format) }
    return { text: errors.blocked, field: 'phone', action: 'changeNumber' }
  }
  if (flow.status === 'error') {
    const key = PHONE_CODES[error.code]
    if (key === 'blocked') return { text: errors.blocked, field: 'phone' }
    if (key) return { text: messages.errors[key] as string, field: 'phone' }
    if (error.code === 'rate_limited') return { text: errors.rateLimited(waitOf(error), format) }
    return transport() ?? { text: errors.unknown, action: 'tryAgain' }
  }
  return undefined
}

/** Whether the flow came back to the number step because the proof of the verified number expired. */
const proofExpired = (flow: UseOtpFlowResult) => flow.status === 'idle' && flow.verificationExpired === true

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
  const hasProvider = useHasFlowProvider()
  const content = <PhoneVerifyFlow {...props} />
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

function PhoneVerifyFlow({
  onVerified,
  onError,
  defaultCountry,
  countries,
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
}: PhoneVerifyProps): ReactNode {
  // English is built in; any other language comes in through `messages`, and brings its locale along.
  const messages = useMemo(() => mergeMessages(en, messagesProp), [messagesProp])
  const locale = localeProp ?? messages.locale
  // Bundlers replace `process.env.NODE_ENV`, so a production build drops the warning; where nothing replaced it and
  // there is no `process` (a plain ES module in a browser), it is off.
  if (typeof process !== 'undefined' && process.env.NODE_ENV !== 'production') {
    warnMissingMessages(locale, messages.locale)
    warnEnglishFallbacks(messagesProp)
  }
  const format = useMemo(() => createMessageFormat(locale), [locale])
  const clock = flowOptions?.clock ?? systemClock
  const flow = useOtpFlow({
    ...flowOptions,
    ...(onVerified ? { onVerified } : {}),
    ...(onError ? { onError } : {}),
  })
  // A new code after expiry is a fresh send; it stays on the code step rather than flashing the number step.
  const lastStep = useRef<Step>('phone')
  const step = flow.status === 'sending' && lastStep.current === 'code' ? 'code' : stepOf(flow)
  lastStep.current = step
  // Re-renders once the phone kit arrives, for the formatted number in the texts.
  const phoneKit = usePhoneKit()
  const id = useId()
  const ids = {
    phone: `${id}-phone`,
    phoneHint: `${id}-phone-hint`,
    code: `${id}-code`,
    codeHint: `${id}-code-hint`,
    error: `${id}-error`,
  }

  // The guess reads the browser's languages after hydration, so the server's HTML and the first client render agree.
  const guessed = useSyncExternalStore(noSubscribe, guessOnClient, guessOnServer)
  // With the phone kit already loaded (a second mount, or preloaded), a default number is read at once, so a country
  // guessed a moment later cannot be mistaken for the user's choice and rewrite it.
  const [initial] = useState(() => {
    const loaded = getPhoneKit()
    if (!defaultPhoneNumber || !loaded) return { text: defaultPhoneNumber ?? '', country: defaultCountry }
    const normalized = loaded.normalize(defaultPhoneNumber, defaultCountry)
    return { text: normalized.text, country: normalized.country ?? defaultCountry }
  })
  const [chosenCountry, setChosenCountry] = useState<CountryCode | undefined>(initial.country)
  const fits = (code: CountryCode | undefined) => code !== undefined && (!countries || countries.includes(code))
  const country = chosenCountry ?? (fits(guessed) ? guessed : (countries?.[0] ?? 'US'))

  const [phoneText, setPhoneText] = useState(initial.text)
  const phoneTextRef = useRef(phoneText)
  phoneTextRef.current = phoneText
  const [code, setCode] = useState('')
  const [dismissedError, setDismissedError] = useState<OtpError>()
  const [announcement, setAnnouncement] = useState<Announcement>()
  // The rejected code entered again (the flow ignores it): which error and code it answered, to say so.
  const [sameCode, setSameCode] = useState<{ error: OtpError | undefined; code: string }>()
  const rootRef = useRef<HTMLDivElement>(null)
  const verifiedRef = useRef<HTMLParagraphElement>(null)
  const phoneRef = useRef<HTMLInputElement>(null)
  const codeRef = useRef<HTMLInputElement>(null)
  const sendButtonRef = useRef<HTMLButtonElement>(null)
  const resendRef = useRef<HTMLButtonElement>(null)
  const focusCode = useCallback(() => codeRef.current?.focus(), [])
  const lastCodeAction = useRef<'check' | 'resend'>('check')
  const actionRef = useRef<HTMLButtonElement>(null)
  // When each error was first shown, to count its Retry-After down from there.
  const [errorsSeen] = useState(() => new WeakMap<OtpError, number>())
  const seenAt = (error: OtpError) => {
    const seen = errorsSeen.get(error) ?? clock.now()
    errorsSeen.set(error, seen)
    return seen
  }

  const form = useForm<PhoneForm>({ resolver: phoneResolver, defaultValues: { phoneNumber: '' } })
  const fieldError = form.formState.errors.phoneNumber

  const previous = useRef<{ flow: UseOtpFlowResult; step: Step }>({ flow, step })

  // Focus, announcements and clearing follow the flow's transitions.
  useEffect(() => {
    const before = previous.current
    previous.current = { flow, step }
    if (before.flow === flow) return
    // A change nobody asked for here (a deadline) moves the focus only if it was in the component, or fell out of it
    // with a removed control; never away from another field of the page.
    const focusIsOurs = () => {
      const active = document.activeElement
      return active === null || active === document.body || rootRef.current?.contains(active) === true
    }
    const newCode = before.flow.status === 'sending' && flow.status === 'awaitingCode' && !flow.error
    if (step === 'code' && (before.step !== 'code' || newCode)) {
      // A code was sent (first, resent, or after expiry), or one sent before came back (a reload, the same number
      // again) without any SMS: say which, and put the focus where it goes.
      setCode('')
      const sent = before.flow.status === 'sending'
      setAnnouncement(
        sent ? { kind: 'codeSent', phoneNumber: flow.phoneNumber } : { kind: 'codeResumed', phoneNumber: flow.phoneNumber },
      )
      focusCode()
    } else if (step === 'phone' && (before.step !== 'phone' || (proofExpired(flow) && !proofExpired(before.flow)))) {
      // Emptied, so that coming back to the same code later is announced again.
      setAnnouncement(undefined)
      // After a reload the flow remembers the number but the field does not: show it again.
      const loaded = getPhoneKit()
      if (phoneTextRef.current === '' && flow.phoneNumber) {
        const normalized = loaded ? loaded.normalize(flow.phoneNumber, undefined) : { text: flow.phoneNumber, country: undefined }
        setPhoneText(normalized.text)
        if (normalized.country) setChosenCountry(normalized.country)
      }
      // "Verify again": the send button says "Sending…" and keeps the focus until the code step.
      if (flow.status === 'sending') sendButtonRef.current?.focus()
      // The proof expired (the alert says so): the number is there, sending a new code is the next step.
      // A reload that finds the proof expired takes no focus.
      else if (proofExpired(flow)) {
        if (before.step === 'verified' && focusIsOurs()) sendButtonRef.current?.focus()
      } else phoneRef.current?.focus()
    } else if (step === 'verified' && before.step !== 'verified') {
      setAnnouncement({ kind: 'verified' })
      // The code field is gone: without this the focus would fall back to the page. A verified number brought back by
      // a reload takes no focus.
      if (before.flow.status === 'checking') verifiedRef.current?.focus()
    }
    // The code field is disabled on expiry and after too many wrong codes; the way out takes the focus, not the page.
    const deadEnd = (state: UseOtpFlowResult) =>
      state.status === 'expired' || (state.status === 'blocked' && state.cause === 'check')
    if (deadEnd(flow) && !deadEnd(before.flow)) actionRef.current?.focus()
    // "Send a new code" goes away with the state it belonged to: the resend button, saying "Sending a new code…",
    // holds the focus until the new code's field takes it.
    if (step === 'code' && flow.status === 'sending' && deadEnd(before.flow) && focusIsOurs()) resendRef.current?.focus()
    // A new send empties the region, so that its "Code sent to …" is announced even when the text is the same as before.
    if (flow.status === 'sending' && before.flow.status !== 'sending') setAnnouncement(undefined)
    // After a wrong code: the field is cleared and focused for the next try (the alert says why).
    if (flow.status === 'awaitingCode' && flow.error?.code === 'invalid_code' && flow.error !== before.flow.error) {
      setCode('')
      focusCode()
    }
    // A resend that failed leaves its button disabled (counting down, or none left): the focus goes to the error's way
    // out, else back to the code field.
    if (before.flow.status === 'sending' && before.flow.reason === 'resend' && flow.status === 'awaitingCode' && flow.error) {
      if (actionRef.current) actionRef.current.focus()
      else focusCode()
    }
  }, [flow, step, focusCode])

  const dismissed = flow.error !== undefined && flow.error === dismissedError && flow.status !== 'expired'
  const repeatedCode =
    sameCode !== undefined &&
    flow.status === 'awaitingCode' &&
    flow.error === sameCode.error &&
    flow.lastRejectedCode === sameCode.code
  const errorView =
    step === 'phone' && fieldError
      ? ({ text: messages.errors.invalidNumber, field: 'phone' } satisfies ErrorView)
      : repeatedCode
        ? ({ text: messages.errors.sameCode, field: 'code' } satisfies ErrorView)
        : dismissed
          ? undefined
          : describeError(flow, messages, format, clock.now(), seenAt)

  const sending = flow.status === 'sending' && flow.reason === 'send'
  const submitPhone = form.handleSubmit(
    ({ phoneNumber }) => flow.send(phoneNumber),
    () => phoneRef.current?.focus(),
  )
  const send = () => {
    if (sending || disabled) return
    if (flow.status === 'blocked') flow.changeNumber()
    // Read from what the field shows now: a default number may never have gone through a change.
    form.setValue('phoneNumber', getPhoneKit()?.toE164(phoneText, country) ?? phoneText)
    void submitPhone()
  }
  const submitCode = (value: string) => {
    lastCodeAction.current = 'check'
    if (flow.status === 'awaitingCode' && value === flow.lastRejectedCode) {
      // The flow does not check a rejected code twice; say so and clear the field as after the first time.
      setSameCode({ error: flow.error, code: value })
      setCode('')
      focusCode()
      return
    }
    flow.submitCode(value)
  }
  const resend = () => {
    lastCodeAction.current = 'resend'
    flow.resend()
  }
  const changeNumber = () => {
    flow.changeNumber()
    // Already on the number step (blocked): the effect does not move focus there.
    if (step === 'phone') phoneRef.current?.focus()
  }
  /** A new code to the same number: after expiry (the flow's resend) or after too many wrong codes (a new send). */
  const sendNewCode = () => {
    if (flow.status === 'blocked') flow.send(flow.phoneNumber)
    else resend()
  }
  const verifyAgain = () => {
    if (flow.status === 'verified') flow.send(flow.phoneNumber)
  }
  // The action button goes away while its request runs: the focus first moves to the control that stays and says the
  // request is on its way ("Sending…", the read-only code field), never to the page.
  const runAction = (action: ErrorView['action']) => {
    if (action === 'changeNumber') changeNumber()
    else if (action === 'sendNewCode') sendNewCode()
    else if (action === 'tryAgain') {
      if (step === 'phone') {
        sendButtonRef.current?.focus()
        send()
      } else if (lastCodeAction.current === 'resend') {
        resendRef.current?.focus()
        resend()
      } else {
        focusCode()
        submitCode(code)
      }
    }
  }
  const actionLabel = { tryAgain: messages.tryAgain, changeNumber: messages.changeNumber, sendNewCode: messages.sendNewCode }

  // A number is announced once it can be read in groups ("+44 7700 900123"), not as one long figure.
  const announcementText = (() => {
    if (!announcement) return ''
    if (announcement.kind === 'verified' || announcement.kind === 'resendAvailable') return messages[announcement.kind]
    if (!phoneKit && announcement.phoneNumber) return ''
    const say = announcement.kind === 'codeSent' ? messages.codeSentTo : messages.codeResumed
    return say(international(announcement.phoneNumber), format)
  })()

  const phoneInvalid = errorView?.field === 'phone'
  const codeInvalid = errorView?.field === 'code'
  const describedBy = (hint: string, invalid: boolean) => cx(hint, invalid && ids.error)

  const codeClosed = flow.status === 'expired' || flow.status === 'blocked'

  return (
    <div
      ref={rootRef}
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
      {step === 'phone' ? (
        <div
          data-scope="phone-verify"
          data-part="phone-step"
          data-state={sending ? 'pending' : 'idle'}
          className={classNames.phoneStep}
        >
          <label htmlFor={ids.phone} data-scope="phone-verify" data-part="label" className={classNames.label}>
            {messages.phoneNumber}
          </label>
          <div data-scope="phone-verify" data-part="phone-row">
            <CountryPicker
              value={country}
              onValueChange={(next) => {
                setChosenCountry(next)
                form.clearErrors('phoneNumber')
                // The number comes next: typed into the picker it would search countries ("7700": no country found).
                const phone = phoneRef.current
                if (phone) {
                  phone.focus()
                  phone.setSelectionRange(phone.value.length, phone.value.length)
                }
              }}
              locale={locale}
              labels={{ country: messages.country, noCountryFound: messages.noCountryFound }}
              disabled={disabled}
              {...(countries ? { countries } : {})}
              {...(preferredCountries ? { preferredCountries } : {})}
              className={classNames.countryPicker}
              {...(classNames.countryList ? { listClassName: classNames.countryList } : {})}
              {...(classNames.countryOption ? { optionClassName: classNames.countryOption } : {})}
            />
            <PhoneField
              ref={phoneRef}
              id={ids.phone}
              value={phoneText}
              country={country}
              onCountryChange={setChosenCountry}
              onValueChange={({ value, e164 }) => {
                setPhoneText(value)
                form.setValue('phoneNumber', e164 ?? value)
                if (fieldError) form.clearErrors('phoneNumber')
                if (flow.error) setDismissedError(flow.error)
              }}
              onKeyDown={(event) => {
                if (event.key !== 'Enter') return
                // Sends the code instead of submitting a surrounding form.
                event.preventDefault()
                send()
              }}
              disabled={disabled}
              // The code goes to the number as it was when sent: an edit now would show a number that gets no code.
              readOnly={sending}
              aria-invalid={phoneInvalid || undefined}
              aria-describedby={describedBy(ids.phoneHint, phoneInvalid)}
              {...(phoneInvalid ? { 'data-invalid': '' } : {})}
              className={classNames.phoneField}
            />
          </div>
          <p id={ids.phoneHint} data-scope="phone-verify" data-part="hint" className={classNames.hint}>
            {messages.phoneHint}
          </p>
          <button
            ref={sendButtonRef}
            type="button"
            data-scope="phone-verify"
            data-part="send-button"
            data-state={sending ? 'pending' : 'idle'}
            // aria-disabled rather than disabled while sending: the button keeps the focus and cannot send twice.
            aria-disabled={sending || undefined}
            disabled={disabled}
            className={classNames.sendButton}
            onClick={send}
          >
            {sending ? messages.sending : messages.sendCode}
          </button>
        </div>
      ) : null}

      {step === 'code' ? (
        <div
          data-scope="phone-verify"
          data-part="code-step"
          data-state={flow.status}
          aria-busy={flow.status === 'checking' || undefined}
          className={classNames.codeStep}
        >
          <div data-scope="phone-verify" data-part="sent-to">
            <p data-scope="phone-verify" data-part="sent-to-text">
              {withNumber(messages.codeSentTo(international(flow.phoneNumber), format), international(flow.phoneNumber))}
            </p>
            <button
              type="button"
              data-scope="phone-verify"
              data-part="change-number-button"
              data-state={flow.status === 'sending' ? 'pending' : 'idle'}
              disabled={disabled}
              className={classNames.changeNumberButton}
              onClick={changeNumber}
            >
              {messages.changeNumber}
            </button>
          </div>
          <label htmlFor={ids.code} data-scope="phone-verify" data-part="label" className={classNames.label}>
            {messages.verificationCode}
          </label>
          <p id={ids.codeHint} data-scope="phone-verify" data-part="hint" className={classNames.hint}>
            {messages.codeHint(codeLength, format)}
          </p>
          <CodeField
            ref={codeRef}
            id={ids.code}
            length={codeLength}
            value={code}
            onValueChange={setCode}
            onComplete={(value) => {
              if (autoSubmit) submitCode(value)
            }}
            onKeyDown={(event) => {
              if (event.key !== 'Enter') return
              event.preventDefault()
              if (code.length === codeLength) submitCode(code)
            }}
            readOnly={flow.status === 'checking'}
            disabled={disabled || codeClosed}
            invalid={codeInvalid}
            aria-describedby={describedBy(ids.codeHint, codeInvalid)}
            {...(classNames.codeField ? { rootClassName: classNames.codeField } : {})}
            {...(classNames.codeInput ? { className: classNames.codeInput } : {})}
            {...(classNames.codeSlot ? { slotClassName: classNames.codeSlot } : {})}
          />
          {autoSubmit ? null : (
            <button
              type="button"
              data-scope="phone-verify"
              data-part="verify-button"
              data-state={flow.status === 'checking' ? 'pending' : 'idle'}
              aria-disabled={flow.status === 'checking' || code.length < codeLength || undefined}
              disabled={disabled}
              className={classNames.verifyButton}
              onClick={() => {
                if (flow.status !== 'checking' && code.length === codeLength) submitCode(code)
              }}
            >
              {flow.status === 'checking' ? messages.verifying : messages.verify}
            </button>
          )}
          {codeClosed ? null : (
            <ResendButton
              ref={resendRef}
              availableAt={flow.resendAvailableAt}
              remaining={flow.remainingResends}
              pending={flow.status === 'sending'}
              onResend={resend}
              onAvailable={() => setAnnouncement({ kind: 'resendAvailable' })}
              clock={clock}
              locale={locale}
              messages={messages}
              disabled={disabled}
              className={classNames.resendButton}
            />
          )}
        </div>
      ) : null}

      {step === 'verified' ? (
        <div data-scope="phone-verify" data-part="verified-step" data-state="verified" className={classNames.verifiedStep}>
          <p ref={verifiedRef} tabIndex={-1} data-scope="phone-verify" data-part="verified-message">
            {messages.verified}{' '}
            <bdi dir="ltr" data-scope="phone-verify" data-part="phone-number">
              {international(flow.phoneNumber)}
            </bdi>
          </p>
          <div data-scope="phone-verify" data-part="verified-actions">
            <button
              type="button"
              data-scope="phone-verify"
              data-part="verify-again-button"
              disabled={disabled}
              className={classNames.verifyAgainButton}
              onClick={verifyAgain}
            >
              {messages.verifyAgain}
            </button>
            <button
              type="button"
              data-scope="phone-verify"
              data-part="change-number-button"
              disabled={disabled}
              className={classNames.changeNumberButton}
              onClick={changeNumber}
            >
              {messages.changeNumber}
            </button>
          </div>
        </div>
      ) : null}

      <VerifyStatus
        message={announcementText}
        error={errorView?.text}
        errorId={ids.error}
        className={classNames.status}
        actions={
          errorView?.action ? (
            <button
              ref={actionRef}
              type="button"
              data-scope="phone-verify"
              data-part="action-button"
              data-state={errorView.action}
              disabled={disabled}
              className={classNames.actionButton}
              onClick={() => runAction(errorView.action)}
            >
              {actionLabel[errorView.action]}
            </button>
          ) : undefined
        }
      />
      {name ? <input type="hidden" name={name} value={flow.status === 'verified' ? (flow.verificationToken ?? '') : ''} /> : null}
    </div>
  )
}
