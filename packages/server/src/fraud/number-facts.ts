import { type PhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max'

/*
 * What the full metadata of libphonenumber-js (`max`, about 150 kB of JSON) says about a number: its type of line, its
 * country and its block. The server alone loads it: the browser packages parse with `min` (no types), so screening
 * adds nothing to a page.
 */

/**
 * The types of line libphonenumber-js tells apart, plus `UNKNOWN` for a number of a possible length outside every
 * range its metadata knows (a range allocated after the metadata was cut, or one never allocated, such as the UK's
 * drama range +44 7700 900xxx).
 */
export const NUMBER_TYPES = [
  'MOBILE',
  'FIXED_LINE_OR_MOBILE',
  'FIXED_LINE',
  'VOIP',
  'PERSONAL_NUMBER',
  'PAGER',
  'UAN',
  'VOICEMAIL',
  'TOLL_FREE',
  'PREMIUM_RATE',
  'SHARED_COST',
  'UNKNOWN',
] as const

export type NumberType = (typeof NUMBER_TYPES)[number]

/**
 * The line types that may receive a code by default. A fixed line may too, when its code goes by a call (the send's
 * `channel` is `voice`, on offer for the number): it takes no text message, so an SMS to it is refused before it is paid
 * for, and the answer's `available_channels` tells the page a call is possible.
 *
 * - `MOBILE` and `FIXED_LINE_OR_MOBILE` (the United States, Canada and a few others number both alike): phones that
 *   take SMS.
 * - `UNKNOWN`: a number of a possible length outside every known range. It is not known to cost anything: a premium
 *   range is in the metadata, and a range nobody allocated reaches no carrier that pays. The provider's own line
 *   lookup has fresher data, and the conversion guard still watches its block.
 *
 * Left out: premium-rate, shared-cost and toll-free numbers (the caller, or here the sender, pays the number's owner:
 * what SMS pumping sells), pagers, UAN (a company's single number), voicemail access numbers, personal numbers (UK 070
 * and the like: forwarding numbers billed at premium rates, long used in premium-rate fraud) and VoIP numbers (many
 * take no SMS from short codes, and they are the disposable numbers of bulk account creation; add `VOIP` if your
 * users rely on them).
 */
export const DEFAULT_ALLOWED_NUMBER_TYPES: readonly NumberType[] = ['MOBILE', 'FIXED_LINE_OR_MOBILE', 'UNKNOWN']

/** Digits a number block leaves out: the block is the number without its last four digits, 10,000 numbers. */
const BLOCK_DIGITS = 4

export interface NumberFacts {
  /** The type of line, `UNKNOWN` outside every known range. */
  type: NumberType
  /** ISO 3166-1 alpha-2 code, from the full metadata; `undefined` when even it cannot tell (a shared calling code). */
  country: string | undefined
  /** `+44`: what the conversion guard counts a number under when its country is unknown. */
  callingCode: string
  /**
   * The number without its last four digits (`+44791112` for `+447911123456`): the 10,000 numbers that a carrier
   * assigns, and an international premium rate number (IPRN) seller leases, together. A pump works through a leased
   * range and rotates its last digits, so it stays in a few blocks however many numbers it tries.
   */
  block: string
}

/** The facts of a number already in E.164 (`normalizePhoneNumber`'s form). */
export function numberFacts(number: string | PhoneNumber): NumberFacts {
  // A number the edge has already parsed (with the full metadata) is not parsed again.
  const parsed = typeof number === 'string' ? parsePhoneNumberFromString(number) : number
  const e164 = typeof number === 'string' ? number : number.number
  const callingCode = `+${parsed?.countryCallingCode ?? ''}`
  // The type of line costs the most of the full metadata's patterns: worked out once, when it is first read (number
  // screening on a send; a resend only needs the block and country).
  let type: NumberType | undefined
  return {
    get type() {
      type ??= parsed?.getType() ?? 'UNKNOWN'
      return type
    },
    country: parsed?.country,
    callingCode,
    block: e164.slice(0, Math.max(callingCode.length, e164.length - BLOCK_DIGITS)),
  }
}

/** Whether `value` names a type of {@link NUMBER_TYPES}. */
export const isNumberType = (value: string): value is NumberType => (NUMBER_TYPES as readonly string[]).includes(value)

/** The screening, resolved: the types that pass, and whether a fixed line passes when its code goes by a call. */
export interface NumberScreening {
  types: ReadonlySet<NumberType>
  fixedLineByCall: boolean
}

/**
 * The screening from `allowedNumberTypes`: `'all'` turns it off (`undefined`); a list is taken as given; without one,
 * the default types, and a fixed line when its code goes by a call.
 */
export function resolveAllowedNumberTypes(option: readonly NumberType[] | 'all' | undefined): NumberScreening | undefined {
  if (option === 'all') return undefined
  if (option === undefined) return { types: new Set(DEFAULT_ALLOWED_NUMBER_TYPES), fixedLineByCall: true }
  for (const type of option) {
    if (!isNumberType(type))
      throw new Error(`allowedNumberTypes: ${JSON.stringify(type)} is not a number type (${NUMBER_TYPES.join(', ')})`)
  }
  return { types: new Set(option), fixedLineByCall: false }
}
