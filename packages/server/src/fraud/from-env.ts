import type { SendBudgets } from './budgets'
import { type CaptchaPolicy, type CaptchaProviderName, type CaptchaVerifier, captchaVerifier } from './captcha'
import type { ConversionGuardOptions, ConversionRule } from './conversion-guard'
import { isNumberType, NUMBER_TYPES, type NumberType } from './number-facts'

/*
 * The fraud defences from environment variables. A malformed value stops startup with a message naming the variable:
 * a budget or a guard that silently reads as "off" would only show on the bill.
 */

type Env = Record<string, string | undefined>

/** The options of `createOtpHandler` these variables set (only those that are set). */
export interface FraudOptionsFromEnv {
  allowedNumberTypes?: readonly NumberType[] | 'all'
  conversionGuard?: Partial<ConversionGuardOptions> | false
  budgets?: SendBudgets
  captcha?: CaptchaVerifier
  captchaPolicy?: CaptchaPolicy
  usualCountries?: readonly string[]
}

const value = (env: Env, name: string) => {
  const raw = env[name]?.trim()
  return raw === undefined || raw === '' ? undefined : raw
}

const entries = (raw: string) =>
  raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)

function wholeNumber(name: string, raw: string, min: number): number {
  const parsed = Number(raw)
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(parsed) || parsed < min)
    throw new Error(`${name} must be a whole number of at least ${min}, not ${JSON.stringify(raw)}`)
  return parsed
}

function countries(name: string, raw: string): string[] {
  const codes = entries(raw).map((code) => code.toUpperCase())
  const bad = codes.find((code) => !/^[A-Z]{2}$/.test(code))
  if (bad !== undefined || codes.length === 0)
    throw new Error(`${name} must list ISO 3166-1 alpha-2 codes such as GB,FR, not ${JSON.stringify(raw)}`)
  return codes
}

/** `MOBILE,FIXED_LINE_OR_MOBILE` (any case, `-` for `_`), or `all`. */
function numberTypesFrom(env: Env): readonly NumberType[] | 'all' | undefined {
  const raw = value(env, 'OTP_ALLOWED_NUMBER_TYPES')
  if (raw === undefined) return undefined
  if (raw.toLowerCase() === 'all') return 'all'
  const types = entries(raw).map((type) => type.toUpperCase().replaceAll('-', '_'))
  const bad = types.find((type) => !isNumberType(type))
  if (bad !== undefined || types.length === 0) {
    throw new Error(
      `OTP_ALLOWED_NUMBER_TYPES must be all, or a list of ${NUMBER_TYPES.join(', ')}; ${JSON.stringify(bad ?? raw)} is not one`,
    )
  }
  return types as NumberType[]
}

/** `10:20`: at least 10 sends, with under 20 % of them verified, hold the unit; `off` leaves the unit alone. */
function ruleFrom(env: Env, name: string): ConversionRule | false | undefined {
  const raw = value(env, name)
  if (raw === undefined) return undefined
  if (raw.toLowerCase() === 'off') return false
  const match = /^(\d+)\s*:\s*(\d+(?:\.\d+)?)\s*%?$/.exec(raw)
  const minSends = Number(match?.[1])
  const percent = Number(match?.[2])
  if (match === null || !(minSends >= 1) || !(percent >= 0 && percent <= 100)) {
    throw new Error(
      `${name} must be <sends>:<percent verified>, such as 10:20 (hold after 10 sends with under 20% verified), or off; not ${JSON.stringify(raw)}`,
    )
  }
  return { minSends, minVerifiedRatio: percent / 100 }
}

function guardFrom(env: Env): Partial<ConversionGuardOptions> | false | undefined {
  const switched = value(env, 'OTP_CONVERSION_GUARD')?.toLowerCase()
  if (switched !== undefined && switched !== 'on' && switched !== 'off')
    throw new Error(`OTP_CONVERSION_GUARD must be on or off, not ${JSON.stringify(env.OTP_CONVERSION_GUARD)}`)
  const guard: Partial<ConversionGuardOptions> = {}
  const block = ruleFrom(env, 'OTP_CONVERSION_GUARD_BLOCK')
  const country = ruleFrom(env, 'OTP_CONVERSION_GUARD_COUNTRY')
  const windowRaw = value(env, 'OTP_CONVERSION_GUARD_WINDOW')
  if (block !== undefined) guard.block = block
  if (country !== undefined) guard.country = country
  if (windowRaw !== undefined) guard.windowSeconds = wholeNumber('OTP_CONVERSION_GUARD_WINDOW', windowRaw, 60)
  if (switched === 'off') return false
  return Object.keys(guard).length === 0 ? undefined : guard
}

/** `OTP_SEND_BUDGET_PER_HOUR=1000`, `OTP_COUNTRY_BUDGETS=GB:500,NG:50`. */
function budgetsFrom(env: Env): SendBudgets | undefined {
  const budgets: SendBudgets = {}
  const hourly = value(env, 'OTP_SEND_BUDGET_PER_HOUR')
  if (hourly !== undefined) budgets.perHour = wholeNumber('OTP_SEND_BUDGET_PER_HOUR', hourly, 1)
  const perCountry = value(env, 'OTP_COUNTRY_BUDGETS')
  if (perCountry !== undefined) {
    const byCountry: Record<string, number> = {}
    for (const entry of entries(perCountry)) {
      const match = /^([A-Za-z]{2})\s*:\s*(\d+)$/.exec(entry)
      const country = match?.[1]?.toUpperCase()
      const limit = Number(match?.[2])
      if (country === undefined || !Number.isSafeInteger(limit) || limit < 1) {
        throw new Error(
          `OTP_COUNTRY_BUDGETS must be <ISO code>:<sends per day>, comma-separated, such as GB:500,NG:50; ${JSON.stringify(entry)} is not`,
        )
      }
      if (country in byCountry) throw new Error(`OTP_COUNTRY_BUDGETS names ${country} twice`)
      byCountry[country] = limit
    }
    if (Object.keys(byCountry).length === 0)
      throw new Error(
        `OTP_COUNTRY_BUDGETS must be <ISO code>:<sends per day>, such as GB:500,NG:50, not ${JSON.stringify(perCountry)}`,
      )
    budgets.perCountryPerDay = byCountry
  }
  return Object.keys(budgets).length === 0 ? undefined : budgets
}

const CAPTCHA_NAMES: readonly CaptchaProviderName[] = ['turnstile', 'hcaptcha', 'recaptcha']

/** `OTP_CAPTCHA` with its secret and site key; the secret never appears in an error. */
function captchaFrom(env: Env): Pick<FraudOptionsFromEnv, 'captcha' | 'captchaPolicy'> {
  const name = value(env, 'OTP_CAPTCHA')?.toLowerCase()
  const secret = value(env, 'OTP_CAPTCHA_SECRET')
  const siteKey = value(env, 'OTP_CAPTCHA_SITE_KEY')
  const policy = value(env, 'OTP_CAPTCHA_POLICY')?.toLowerCase()
  if (name === undefined) {
    const stray = (['OTP_CAPTCHA_SECRET', 'OTP_CAPTCHA_SITE_KEY', 'OTP_CAPTCHA_POLICY'] as const).find((variable) =>
      value(env, variable),
    )
    if (stray !== undefined)
      throw new Error(`${stray} is set, but OTP_CAPTCHA is not: set it to turnstile, hcaptcha or recaptcha`)
    return {}
  }
  if (!(CAPTCHA_NAMES as readonly string[]).includes(name))
    throw new Error(`OTP_CAPTCHA must be turnstile, hcaptcha or recaptcha, not ${JSON.stringify(env.OTP_CAPTCHA)}`)
  if (secret === undefined) throw new Error(`OTP_CAPTCHA_SECRET is missing: OTP_CAPTCHA=${name} needs its secret key`)
  if (siteKey === undefined)
    throw new Error(
      `OTP_CAPTCHA_SITE_KEY is missing: OTP_CAPTCHA=${name} needs its site key, which the browser renders the widget with`,
    )
  if (policy !== undefined && policy !== 'always' && policy !== 'when-risky')
    throw new Error(`OTP_CAPTCHA_POLICY must be always or when-risky, not ${JSON.stringify(env.OTP_CAPTCHA_POLICY)}`)
  const baseUrl = value(env, 'OTP_CAPTCHA_BASE_URL')
  if (baseUrl !== undefined) {
    let protocol: string | undefined
    try {
      protocol = new URL(baseUrl).protocol
    } catch {
      protocol = undefined
    }
    if (protocol !== 'http:' && protocol !== 'https:')
      throw new Error(`OTP_CAPTCHA_BASE_URL must be an http(s) URL, not ${JSON.stringify(baseUrl)}`)
  }
  const hostnames = value(env, 'OTP_CAPTCHA_HOSTNAMES')
  const minScore = value(env, 'OTP_CAPTCHA_MIN_SCORE')
  const score = minScore === undefined ? undefined : Number(minScore)
  if (score !== undefined && !(score >= 0 && score <= 1))
    throw new Error(`OTP_CAPTCHA_MIN_SCORE must be a number from 0 to 1, not ${JSON.stringify(minScore)}`)
  const verifier = captchaVerifier(name as CaptchaProviderName, {
    secret,
    siteKey,
    ...(baseUrl === undefined ? {} : { baseUrl }),
    ...(hostnames === undefined ? {} : { hostnames: entries(hostnames) }),
    ...(score === undefined ? {} : { minScore: score }),
  })
  return { captcha: verifier, ...(policy === undefined ? {} : { captchaPolicy: policy as CaptchaPolicy }) }
}

/**
 * The variables of the fraud defences, read and checked: `OTP_ALLOWED_NUMBER_TYPES`, `OTP_CONVERSION_GUARD`
 * (`_BLOCK`, `_COUNTRY`, `_WINDOW`), `OTP_SEND_BUDGET_PER_HOUR`, `OTP_COUNTRY_BUDGETS`, `OTP_CAPTCHA` (`_SECRET`,
 * `_SITE_KEY`, `_POLICY`, `_BASE_URL`, `_HOSTNAMES`, `_MIN_SCORE`) and `OTP_USUAL_COUNTRIES`. Throws, naming the
 * variable, on a malformed one.
 */
export function fraudOptionsFromEnv(env: Env): FraudOptionsFromEnv {
  const options: FraudOptionsFromEnv = {}
  const types = numberTypesFrom(env)
  if (types !== undefined) options.allowedNumberTypes = types
  const guard = guardFrom(env)
  if (guard !== undefined) options.conversionGuard = guard
  const budgets = budgetsFrom(env)
  if (budgets !== undefined) options.budgets = budgets
  Object.assign(options, captchaFrom(env))
  const usual = value(env, 'OTP_USUAL_COUNTRIES')
  if (usual !== undefined) options.usualCountries = countries('OTP_USUAL_COUNTRIES', usual)
  return options
}
