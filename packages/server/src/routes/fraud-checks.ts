import type { OtpChannel } from '@otpflow/core'
import { isSandboxTestNumber } from '@otpflow/core/sandbox'
import type { PhoneNumber } from 'libphonenumber-js/max'
import { type DescribedAlert, describeAlert, type OtpAlert } from '../fraud/alerts'
import { spendBudgets } from '../fraud/budgets'
import { CaptchaUnavailableError, type CaptchaVerifier } from '../fraud/captcha'
import {
  type ConversionGuardOptions,
  countSend,
  countVerification,
  firstTripAlert,
  guardRetryAfter,
  guardUnits,
  isTripped,
  readUnits,
  type UnitFigures,
} from '../fraud/conversion-guard'
import { type NumberFacts, numberFacts } from '../fraud/number-facts'
import type { RequestContext } from '../http/context'
import { HttpError } from '../http/http-error'
import { smsClient, smsClientKey } from './sms-limits'

/*
 * The fraud defences of a send, in the order a send meets them (the route calls each step):
 *   1. screenNumber: the type of line, before anything is counted (400 invalid_line).
 *   2. clearSend: reads the conversion guard; decides whether the send is risky; asks for a human check when one is
 *      configured and needed (403 captcha_required), or holds a tripped unit's send (429 rate_limited). Reads only: a
 *      refused send counts nowhere.
 *   3. (the limits per client and per number, `countSms`)
 *   4. spendSendBudgets: the budgets, when set (503 service_unavailable).
 *   5. countGuardedSend: counts the send on the guard, atomically, and holds it if a concurrent send tripped the unit.
 */

/** A number's facts, and whether the fraud defences leave it alone (the sandbox's test numbers reach no phone). */
export interface ScreenedNumber {
  phoneNumber: string
  facts: NumberFacts
  exempt: boolean
}

/** Whether the sandbox serves and this is one of its test numbers, whose scripted answers must stay reachable. */
const isExempt = (ctx: RequestContext, phoneNumber: string) =>
  ctx.config.sandbox !== undefined && isSandboxTestNumber(phoneNumber)

/**
 * Refuses a line type outside `allowedNumberTypes` with 400 `invalid_line`, logged as a warning; nothing is counted.
 * By default a fixed line passes when its code goes by a call (`channel`, the send's).
 */
export function screenNumber(
  ctx: RequestContext,
  parsed: PhoneNumber,
  channel: string,
  facts: NumberFacts = numberFacts(parsed),
): ScreenedNumber {
  const phoneNumber = parsed.number
  const exempt = isExempt(ctx, phoneNumber)
  const screening = ctx.config.fraud.allowedNumberTypes
  if (exempt || screening === undefined || screening.types.has(facts.type)) return { phoneNumber, facts, exempt }
  const byCall = callOnly(ctx, facts)
  if (byCall && channel === 'voice') return { phoneNumber, facts, exempt }
  const number = `a ${facts.type} number${facts.country ? ` of ${facts.country}` : ''}`
  throw new HttpError('invalid_line', {
    logLevel: 'warn',
    detail: byCall
      ? `Number screening: ${number} takes a code by a call only, and this send is by ${channel}`
      : `Number screening: ${number} is not in allowedNumberTypes (${[...screening.types].join(', ')})`,
  })
}

/** A fixed line that number screening lets have its code by a call, and by nothing else. */
function callOnly(ctx: RequestContext, facts: NumberFacts): boolean {
  const screening = ctx.config.fraud.allowedNumberTypes
  if (screening === undefined) return false
  return screening.fixedLineByCall && facts.type === 'FIXED_LINE' && !screening.types.has(facts.type)
}

/**
 * The channel of a send that names none: the first on offer, or a call for a fixed line that takes its code by call
 * only, so that a person typing a landline number gets a call rather than "this number cannot receive texts".
 */
export function defaultChannel(
  ctx: RequestContext,
  phoneNumber: string,
  facts: NumberFacts,
  available: readonly OtpChannel[],
): OtpChannel | undefined {
  const byCall = !isExempt(ctx, phoneNumber) && available.includes('voice') && callOnly(ctx, facts)
  return byCall ? 'voice' : available[0]
}

/** What `clearSend` found, for `countGuardedSend`. */
export interface SendClearance {
  figures: UnitFigures[]
  /** A human check passed for this send: the guard does not hold it. */
  human: boolean
}

/** Raises an alert: on the request's log line, and to `onAlert` (whose failure is logged, never answered). */
export function raiseAlert(ctx: RequestContext, alert: OtpAlert): DescribedAlert {
  ctx.alert = alert
  const hook = ctx.config.fraud.onAlert
  const described = { alert, text: describeAlert(alert) }
  if (hook === undefined) return described
  const failed = (error: unknown) => {
    ctx.alertFailure = `onAlert failed: ${error instanceof Error ? error.message : String(error)}`
  }
  try {
    const pending = hook(alert)
    if (pending !== undefined && typeof pending.then === 'function') pending.then(undefined, failed)
  } catch (error) {
    failed(error)
  }
  return described
}

/** The unit's words for the log, every time it holds a send (the alert, with the same figures, is raised once). */
const heldBy = (unit: UnitFigures) =>
  `Conversion guard: ${unit.unit === 'block' ? `number block ${unit.id}••••` : `country ${unit.id}`} holds sends ` +
  `(${unit.sends} sent, ${unit.verifications} verified in the window)`

/**
 * The first unit of these figures the guard holds, with the log's words for it: the figures in full with the unit's
 * alert the first time it holds a send in a window, in short after that. `undefined` when no unit holds.
 */
async function holdingUnit(
  ctx: RequestContext,
  figures: readonly UnitFigures[],
  guard: ConversionGuardOptions,
): Promise<{ unit: UnitFigures; detail: string } | undefined> {
  const unit = figures.find((figure) => isTripped(figure.rule, figure.sends, figure.verifications))
  if (unit === undefined) return undefined
  const alert = await firstTripAlert(ctx.store, unit, guard)
  return { unit, detail: alert === undefined ? heldBy(unit) : raiseAlert(ctx, alert).text }
}

/** Whether the client has spent half its per-IP budget in any of its windows: a soft limit, a reason for a human check. */
async function softIpLimitReached(ctx: RequestContext, phoneNumber: string): Promise<boolean> {
  const client = smsClient(ctx, phoneNumber)
  if (client === undefined) return false
  const windows = ctx.config.limits.sendsPerIp.filter((limit) => limit.max < Number.POSITIVE_INFINITY)
  // The counters `countSms` adds to, read without adding to them.
  const counts = await Promise.all(windows.map((limit) => ctx.store.get(`${smsClientKey(client)}:${limit.windowSeconds}`)))
  return windows.some((limit, index) => Number(counts[index] ?? '0') >= limit.max / 2)
}

/** The body of a 403 `captcha_required`: the widget the browser must render. */
const captchaAsked = (verifier: CaptchaVerifier) => ({ captcha: { provider: verifier.provider, site_key: verifier.siteKey } })

function originHostname(request: Request): string | undefined {
  const origin = request.headers.get('origin')
  if (origin === null) return undefined
  try {
    return new URL(origin).hostname
  } catch {
    return undefined
  }
}

/**
 * Asks for a human check: without a token, 403 `captcha_required` naming the widget; with one, verifies it with the
 * vendor (once: tokens are single use) and refuses a failed one the same way. A vendor that gives no verdict fails
 * closed: 503 `service_unavailable`, nothing sent.
 */
async function requireHuman(ctx: RequestContext, token: string | undefined, reasons: readonly string[]): Promise<void> {
  const { captcha } = ctx.config.fraud
  if (captcha === undefined) return
  const body = captchaAsked(captcha.verifier)
  const why = `Human check asked: ${reasons.join('; ')}`
  if (token === undefined) throw new HttpError('captcha_required', { body, detail: `${why}; no token` })
  let verdict: Awaited<ReturnType<typeof captcha.verifier.verify>>
  try {
    const hostname = originHostname(ctx.request)
    verdict = await captcha.verifier.verify({
      token,
      ...(ctx.ip === undefined ? {} : { ip: ctx.ip }),
      ...(hostname === undefined ? {} : { hostname }),
      signal: ctx.request.signal,
    })
  } catch (error) {
    const detail = error instanceof CaptchaUnavailableError ? error.message : `Human check failed: ${String(error)}`
    throw new HttpError('service_unavailable', { detail, cause: error })
  }
  if (!verdict.ok) {
    throw new HttpError('captcha_required', {
      message: 'The human check failed or expired: complete it again to get a code',
      body,
      detail: `${why}; the token was refused (${verdict.reason})`,
    })
  }
}

/**
 * Reads the guard and decides what a send needs before anything is counted: a human check (when configured, and the
 * policy or a risk calls for one), or nothing; a unit the guard holds, with no human check configured, refuses it with
 * 429 `rate_limited` and the wait until its oldest send leaves the window.
 */
export async function clearSend(
  ctx: RequestContext,
  screened: ScreenedNumber,
  token: string | undefined,
  now: number,
): Promise<SendClearance> {
  const { guard, captcha, usualCountries } = ctx.config.fraud
  const units = guard === undefined || screened.exempt ? [] : guardUnits(screened.facts, guard)
  const figures = guard === undefined || units.length === 0 ? [] : await readUnits(ctx.store, units, guard, now)
  const held = guard === undefined ? undefined : await holdingUnit(ctx, figures, guard)

  if (captcha === undefined) {
    if (held !== undefined && guard !== undefined) {
      throw new HttpError('rate_limited', { retryAfter: guardRetryAfter(held.unit, guard, now), detail: held.detail })
    }
    return { figures, human: false }
  }
  const reasons: string[] = []
  if (captcha.policy === 'always') reasons.push('policy always')
  if (held !== undefined) reasons.push(held.detail)
  if (captcha.policy === 'when-risky') {
    if (await softIpLimitReached(ctx, screened.phoneNumber)) reasons.push('the client reached half its per-IP limit')
    const { country } = screened.facts
    if (usualCountries !== undefined && (country === undefined || !usualCountries.has(country)))
      reasons.push(`${country ?? screened.facts.callingCode} is not one of usualCountries`)
  }
  if (reasons.length === 0) return { figures, human: false }
  await requireHuman(ctx, token, reasons)
  return { figures, human: true }
}

/** Spends the send budgets (sends and resends alike): past one, 503 `service_unavailable` until its window ends. */
export async function spendSendBudgets(
  ctx: RequestContext,
  phoneNumber: string,
  now: number,
  facts?: NumberFacts,
): Promise<void> {
  const { budgets } = ctx.config.fraud
  if (budgets === undefined) return
  // The sandbox's test numbers reach no phone and cost nothing, as for the per-IP budget.
  if (isExempt(ctx, phoneNumber)) return
  const refusal = await spendBudgets(ctx.store, budgets, (facts ?? numberFacts(phoneNumber)).country, now)
  if (refusal === undefined) return
  const detail = refusal.raise ? raiseAlert(ctx, refusal.alert).text : describeAlert(refusal.alert)
  throw new HttpError('service_unavailable', { retryAfter: refusal.retryAfter, detail })
}

/**
 * Counts the send on the guard. A unit that tripped between the read and this count (concurrent sends) holds the send
 * as `clearSend` would have: a human check when one is configured, else 429.
 */
export async function countGuardedSend(ctx: RequestContext, clearance: SendClearance, now: number): Promise<void> {
  const { guard, captcha } = ctx.config.fraud
  if (guard === undefined || clearance.figures.length === 0) return
  const trippedBefore = await countSend(ctx.store, clearance.figures, guard, now)
  if (clearance.human) return
  const index = trippedBefore.indexOf(true)
  const unit = clearance.figures[index]
  if (unit === undefined) return
  if (captcha !== undefined) {
    throw new HttpError('captcha_required', {
      body: captchaAsked(captcha.verifier),
      detail: `Human check asked: ${heldBy(unit)}`,
    })
  }
  throw new HttpError('rate_limited', { retryAfter: guardRetryAfter(unit, guard, now), detail: heldBy(unit) })
}

/**
 * A resend to a unit the guard holds is refused too (429), or a pump would get the provider's resends for every
 * send the guard let through. Read only: resends do not count as sends (a person who asks for the code again still
 * verifies once).
 */
export async function guardResend(ctx: RequestContext, phoneNumber: string, now: number, facts?: NumberFacts): Promise<void> {
  const { guard } = ctx.config.fraud
  if (guard === undefined || isExempt(ctx, phoneNumber)) return
  const figures = await readUnits(ctx.store, guardUnits(facts ?? numberFacts(phoneNumber), guard), guard, now)
  const held = await holdingUnit(ctx, figures, guard)
  if (held === undefined) return
  throw new HttpError('rate_limited', { retryAfter: guardRetryAfter(held.unit, guard, now), detail: held.detail })
}

/**
 * Counts a verified number on its block and country. The proof is already earned: a store that fails here costs the
 * guard one verification, never the user their proof (the failure goes to the log).
 */
export async function countVerified(ctx: RequestContext, phoneNumber: string, now: number): Promise<string | undefined> {
  const { guard } = ctx.config.fraud
  if (guard === undefined || isExempt(ctx, phoneNumber)) return undefined
  try {
    await countVerification(ctx.store, phoneNumber, guardUnits(numberFacts(phoneNumber), guard), guard, now)
    return undefined
  } catch (error) {
    return `Conversion guard: the verification could not be counted: ${error instanceof Error ? error.message : String(error)}`
  }
}
