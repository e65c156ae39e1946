import { secondsUntil } from '../limits'
import type { Store } from '../store'
import type { SendBudgetAlert } from './alerts'

/*
 * Send budgets: a cap on what the endpoint spends, whoever asks. Off by default, because a cap that anyone can spend
 * lets an attacker lock every legitimate user out for the rest of the window. Worth it where a bill is the bigger risk
 * (a small app, a country where the app has no users). Windows are aligned to the clock (the hour, the UTC day), so
 * "per hour" means what an operator reads on a dashboard.
 *
 * Keys: otp:budget:hour:<hour since the epoch>, otp:budget:country:<ISO>:day:<day since the epoch>.
 */

export interface SendBudgets {
  /** Codes sent per clock hour, every country together (`OTP_SEND_BUDGET_PER_HOUR`). */
  perHour?: number
  /** Codes sent per UTC day to one country's numbers, by ISO code (`OTP_COUNTRY_BUDGETS=GB:500,NG:50`). */
  perCountryPerDay?: Readonly<Record<string, number>>
}

const HOUR_MS = 3_600_000
const DAY_MS = 86_400_000

export function resolveBudgets(budgets: SendBudgets | undefined): SendBudgets | undefined {
  if (budgets === undefined) return undefined
  const { perHour, perCountryPerDay } = budgets
  if (perHour !== undefined && !(Number.isInteger(perHour) && perHour >= 0))
    throw new Error(`budgets.perHour must be a whole number of sends, not ${perHour}`)
  const countries: Record<string, number> = {}
  for (const [country, limit] of Object.entries(perCountryPerDay ?? {})) {
    if (!/^[A-Za-z]{2}$/.test(country))
      throw new Error(`budgets.perCountryPerDay: ${JSON.stringify(country)} is not an ISO country code`)
    if (!(Number.isInteger(limit) && limit >= 0))
      throw new Error(`budgets.perCountryPerDay.${country} must be a whole number of sends, not ${limit}`)
    countries[country.toUpperCase()] = limit
  }
  const resolved: SendBudgets = {}
  if (perHour !== undefined) resolved.perHour = perHour
  if (Object.keys(countries).length > 0) resolved.perCountryPerDay = countries
  return resolved.perHour === undefined && resolved.perCountryPerDay === undefined ? undefined : resolved
}

/** A send the budgets refuse: which one, by how much, and how long until it resumes. */
export interface BudgetRefusal {
  alert: SendBudgetAlert
  retryAfter: number
  /** Whether the operator should hear of it now: the first send over, then the 10th, the 100th… */
  raise: boolean
}

/** 1, 10, 100, 1,000…: the sends over a budget at which it is raised again, so an alert says how much is refused. */
const isPowerOfTen = (value: number) => value >= 1 && 10 ** Math.round(Math.log10(value)) === value

/**
 * Counts one send on the country's budget, then the hourly one, and returns the first refusal. The narrower budget
 * comes first: a country spent does not use up the hour for every other country.
 */
export async function spendBudgets(
  store: Store,
  budgets: SendBudgets,
  country: string | undefined,
  now: number,
): Promise<BudgetRefusal | undefined> {
  const countryLimit = country === undefined ? undefined : budgets.perCountryPerDay?.[country]
  if (countryLimit !== undefined) {
    const day = Math.floor(now / DAY_MS)
    const refusal = await spend(store, `otp:budget:country:${country}:day:${day}`, countryLimit, (day + 1) * DAY_MS, now)
    if (refusal) return { ...refusal, alert: { ...refusal.alert, budget: 'country_day', country } }
  }
  if (budgets.perHour !== undefined) {
    const hour = Math.floor(now / HOUR_MS)
    const refusal = await spend(store, `otp:budget:hour:${hour}`, budgets.perHour, (hour + 1) * HOUR_MS, now)
    if (refusal) return refusal
  }
  return undefined
}

async function spend(
  store: Store,
  key: string,
  limit: number,
  resetsAt: number,
  now: number,
): Promise<BudgetRefusal | undefined> {
  const counter = await store.increment(key, Math.ceil((resetsAt - now) / 1000) + 60)
  if (counter.count <= limit) return undefined
  const over = counter.count - limit
  return {
    alert: { kind: 'send_budget', budget: 'hour', limit, asked: counter.count, over, resetsAt: new Date(resetsAt) },
    retryAfter: secondsUntil(resetsAt, now),
    raise: isPowerOfTen(over),
  }
}
