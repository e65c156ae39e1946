import { secondsUntil } from '../limits'
import type { Store } from '../store'
import type { ConversionGuardAlert } from './alerts'
import type { NumberFacts } from './number-facts'

/*
 * The conversion guard: real people enter their codes, a pump never does. Per number block and per country, the store
 * counts the codes sent and the numbers verified over a sliding window (a few fixed sub-windows, summed), and holds
 * further sends to a unit once it has many sends and few verifications.
 *
 * Keys (all expire one window and one sub-window after their sub-window starts):
 *   otp:guard:<unit>:<id>:sent:<slot>       codes sent in a sub-window
 *   otp:guard:<unit>:<id>:verified:<slot>   numbers verified in a sub-window
 *   otp:guard:<unit>:<id>:warned            the unit's warning was logged in this window
 *   otp:guard:verified:<number>             the number's verification was counted in this window
 */

/** When a unit trips: once it has `minSends` sends in the window, with fewer than `minVerifiedRatio` of them verified. */
export interface ConversionRule {
  /** Sends in the window before the ratio is judged: fewer never trip the unit. */
  minSends: number
  /** Share of the sends that must be verified, from 0 to 1. */
  minVerifiedRatio: number
}

export interface ConversionGuardOptions {
  /**
   * The sliding window the sends and verifications are counted over.
   * @default 3600
   */
  windowSeconds: number
  /**
   * Sub-windows the window is made of: sends leave the count one sub-window at a time.
   * @default 4 (15 minutes each)
   */
  slots: number
  /**
   * The rule for a number block (the number without its last four digits), or `false` to leave blocks alone.
   * @default { minSends: 10, minVerifiedRatio: 0.2 }
   */
  block: ConversionRule | false
  /**
   * The rule for a whole country (or calling code), against pumps spread over many blocks; `false` to leave
   * countries alone.
   * @default { minSends: 40, minVerifiedRatio: 0.2 }
   */
  country: ConversionRule | false
}

/** The guard's options with every field optional, or `false` to turn it off. */
export type ConversionGuardOption = Partial<ConversionGuardOptions> | false

export const DEFAULT_CONVERSION_GUARD: ConversionGuardOptions = {
  windowSeconds: 3600,
  slots: 4,
  block: { minSends: 10, minVerifiedRatio: 0.2 },
  country: { minSends: 40, minVerifiedRatio: 0.2 },
}

export function resolveConversionGuard(option: ConversionGuardOption | undefined): ConversionGuardOptions | undefined {
  if (option === false) return undefined
  const guard = { ...DEFAULT_CONVERSION_GUARD, ...option }
  if (!Number.isInteger(guard.slots) || guard.slots < 1)
    throw new Error(`conversionGuard.slots must be a whole number of at least 1, not ${guard.slots}`)
  if (!(guard.windowSeconds >= guard.slots) || !Number.isFinite(guard.windowSeconds))
    throw new Error(`conversionGuard.windowSeconds must be a number of seconds of at least slots, not ${guard.windowSeconds}`)
  for (const unit of ['block', 'country'] as const) {
    const rule = guard[unit]
    if (rule === false) continue
    if (!Number.isInteger(rule.minSends) || rule.minSends < 1)
      throw new Error(`conversionGuard.${unit}.minSends must be a whole number of at least 1, not ${rule.minSends}`)
    if (!(rule.minVerifiedRatio >= 0 && rule.minVerifiedRatio <= 1))
      throw new Error(`conversionGuard.${unit}.minVerifiedRatio must be between 0 and 1, not ${rule.minVerifiedRatio}`)
  }
  return guard
}

export interface GuardUnit {
  unit: 'block' | 'country'
  id: string
  rule: ConversionRule
}

/** The units a number counts in: its block and its country (or calling code), each when its rule is on. */
export function guardUnits(facts: NumberFacts, guard: ConversionGuardOptions): GuardUnit[] {
  const units: GuardUnit[] = []
  if (guard.block !== false) units.push({ unit: 'block', id: facts.block, rule: guard.block })
  if (guard.country !== false) units.push({ unit: 'country', id: facts.country ?? facts.callingCode, rule: guard.country })
  return units
}

/** What the store holds for one unit over the window. */
export interface UnitFigures extends GuardUnit {
  sends: number
  verifications: number
  /** Sends in the current sub-window (already in `sends`). */
  sendsNow: number
  /** The oldest sub-window in the window that holds a send, for the wait (`undefined` when none does). */
  oldestSlot: number | undefined
}

const slotLength = (guard: ConversionGuardOptions) => (guard.windowSeconds * 1000) / guard.slots
const slotOf = (guard: ConversionGuardOptions, now: number) => Math.floor(now / slotLength(guard))
/** A sub-window's counter lives while its sub-window is in the window, and one sub-window more. */
const slotTtlSeconds = (guard: ConversionGuardOptions) => Math.ceil(guard.windowSeconds + guard.windowSeconds / guard.slots)
const unitKey = (unit: GuardUnit) => `otp:guard:${unit.unit}:${unit.id}`

const readCount = (value: string | undefined) => {
  const count = Number(value ?? '0')
  return Number.isFinite(count) && count > 0 ? count : 0
}

/** Reads each unit's sends and verifications over the window, all keys at once (one round trip on Redis). */
export async function readUnits(
  store: Store,
  units: readonly GuardUnit[],
  guard: ConversionGuardOptions,
  now: number,
): Promise<UnitFigures[]> {
  const current = slotOf(guard, now)
  const slots = Array.from({ length: guard.slots }, (_, index) => current - guard.slots + 1 + index)
  const reads = units.flatMap((unit) =>
    slots.flatMap((slot) => [store.get(`${unitKey(unit)}:sent:${slot}`), store.get(`${unitKey(unit)}:verified:${slot}`)]),
  )
  const values = (await Promise.all(reads)).map(readCount)
  return units.map((unit, unitIndex) => {
    let sends = 0
    let verifications = 0
    let oldestSlot: number | undefined
    let sendsNow = 0
    slots.forEach((slot, slotIndex) => {
      const at = (unitIndex * slots.length + slotIndex) * 2
      const sent = values[at] ?? 0
      sends += sent
      verifications += values[at + 1] ?? 0
      if (sent > 0 && oldestSlot === undefined) oldestSlot = slot
      if (slot === current) sendsNow = sent
    })
    return { ...unit, sends, verifications, sendsNow, oldestSlot }
  })
}

/** Whether a unit with these figures holds the next send. */
export const isTripped = (rule: ConversionRule, sends: number, verifications: number) =>
  sends >= rule.minSends && verifications < rule.minVerifiedRatio * sends

/** Seconds until the unit's oldest send leaves the window, when its figures can change without a verification. */
export function guardRetryAfter(figures: UnitFigures, guard: ConversionGuardOptions, now: number): number {
  const oldest = figures.oldestSlot ?? slotOf(guard, now)
  return secondsUntil((oldest + guard.slots) * slotLength(guard), now)
}

/**
 * Counts one send on each unit and returns, per unit, whether the unit had tripped just before it: the figures read
 * earlier, with the current sub-window's count taken from the atomic increment. Of concurrent sends on any number of
 * instances, each sees a different count, so no burst gets past a unit's `minSends` together.
 */
export async function countSend(
  store: Store,
  figures: readonly UnitFigures[],
  guard: ConversionGuardOptions,
  now: number,
): Promise<boolean[]> {
  const slot = slotOf(guard, now)
  const counters = await Promise.all(
    figures.map((unit) => store.increment(`${unitKey(unit)}:sent:${slot}`, slotTtlSeconds(guard))),
  )
  return figures.map((unit, index) => {
    const before = unit.sends - unit.sendsNow + (counters[index]?.count ?? 1) - 1
    return isTripped(unit.rule, before, unit.verifications)
  })
}

/**
 * Counts a number's verification on each of its units, once per number and window: someone who owns a few numbers of a
 * block cannot lift its ratio by verifying them over and over.
 */
export async function countVerification(
  store: Store,
  phoneNumber: string,
  units: readonly GuardUnit[],
  guard: ConversionGuardOptions,
  now: number,
): Promise<void> {
  if (units.length === 0) return
  if (!(await store.setIfAbsent(`otp:guard:verified:${phoneNumber}`, '1', guard.windowSeconds))) return
  const slot = slotOf(guard, now)
  await Promise.all(units.map((unit) => store.increment(`${unitKey(unit)}:verified:${slot}`, slotTtlSeconds(guard))))
}

/**
 * The unit's alert, the first time it trips in a window (across every instance: `setIfAbsent`), else `undefined`:
 * one warning per unit and window, however many sends it holds.
 */
export async function firstTripAlert(
  store: Store,
  figures: UnitFigures,
  guard: ConversionGuardOptions,
): Promise<ConversionGuardAlert | undefined> {
  if (!(await store.setIfAbsent(`${unitKey(figures)}:warned`, '1', guard.windowSeconds))) return undefined
  return {
    kind: 'conversion_guard',
    unit: figures.unit,
    id: figures.id,
    sends: figures.sends,
    verifications: figures.verifications,
    minSends: figures.rule.minSends,
    minVerifiedRatio: figures.rule.minVerifiedRatio,
    windowSeconds: guard.windowSeconds,
  }
}
