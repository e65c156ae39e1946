import { type CountryCode, getExampleNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max'
import examples from 'libphonenumber-js/mobile/examples'
import { describe, expect, it } from 'vitest'
import { createOtpHandler } from '../handler'
import { DEFAULT_LIMITS } from '../limits'
import { sandboxProvider } from '../providers/sandbox'
import { DEFAULT_CONVERSION_GUARD } from './conversion-guard'
import { DEFAULT_ALLOWED_NUMBER_TYPES } from './number-facts'

/*
 * SMS pumping, simulated through the real endpoint with every default on and no captcha: `createOtpHandler` on the
 * sandbox, behind a trusted proxy (`trustProxy: true`) that names each client in `X-Forwarded-For`, with a fake clock
 * moved by hand through a simulated hour. What is counted is codes the sandbox sent. No timing is asserted.
 */

const SECRET = 'sms-pumping-simulation-secret-of-32-bytes'
const ORIGIN = 'https://signup.example'
// 10:07 UTC: off the guard's 15-minute edges, as any real hour would be.
const START = Date.parse('2026-03-01T10:07:00Z')
const HOUR = 3_600_000

function endpoint() {
  const clock = {
    time: START,
    now() {
      return this.time
    },
  }
  const provider = sandboxProvider({ clock })
  let sent = 0
  provider.sandbox.outbox.subscribe(() => {
    sent += 1
  })
  const handler = createOtpHandler({ provider, secret: SECRET, clock, trustProxy: true, logger: false })
  const post = async (path: string, body: object, clientIp: string) => {
    const response = await handler(
      new Request(`${ORIGIN}/api/otp${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ORIGIN, 'x-forwarded-for': clientIp },
        body: JSON.stringify(body),
      }),
      { ip: '127.0.0.1' },
    )
    return { status: response.status, body: (await response.json()) as Record<string, unknown> }
  }
  return {
    clock,
    sandbox: provider.sandbox,
    codesSent: () => sent,
    send: (phoneNumber: string, clientIp: string) => post('/authentication', { phone_number: phoneNumber }, clientIp),
    check: (sent: Record<string, unknown>, code: string, clientIp: string) =>
      post('/check', { authentication_uuid: sent.authentication_uuid, check_code: code, flow_token: sent.flow_token }, clientIp),
  }
}

/** One of 200 addresses, in turn: the rotating proxies a pump rents. */
const rotatingIp = (index: number) => `198.18.${Math.floor((index % 200) / 100)}.${index % 100}`

const thresholds = () => {
  const { block, country, windowSeconds, slots } = DEFAULT_CONVERSION_GUARD
  const rule = (unit: typeof block) =>
    unit === false ? 'off' : `held after ${unit.minSends} sends with under ${unit.minVerifiedRatio * 100}% verified`
  return [
    `conversion guard: block (number without its last 4 digits) ${rule(block)}; country ${rule(country)};`,
    `  window ${windowSeconds / 60} minutes in ${slots} sub-windows`,
    `screening: allowed ${DEFAULT_ALLOWED_NUMBER_TYPES.join(', ')}`,
    `per-IP limit: ${DEFAULT_LIMITS.sendsPerIp.map((limit) => `${limit.max} per ${limit.windowSeconds / 60} minutes`).join(', ')}`,
  ].join('\n')
}

const figures: string[] = []

describe('SMS pumping, simulated with the defaults', () => {
  it('(a) 200 rotating IPs over 1,000 numbers of one block, no code entered: at most 25 codes in the hour', async () => {
    const sim = endpoint()
    let refused = 0
    for (let index = 0; index < 1000; index += 1) {
      sim.clock.time = START + (index * HOUR) / 1000
      // +44 7400 12xxxx: one block of UK mobile numbers (the block is the number without its last four digits).
      const number = `+44740012${String(index).padStart(4, '0')}`
      const answer = await sim.send(number, rotatingIp(index))
      if (answer.status !== 200) refused += 1
    }
    figures.push(`(a) one block, 1,000 numbers, 200 IPs: ${sim.codesSent()} of 1,000 codes sent in the hour (${refused} refused)`)
    expect(sim.codesSent()).toBeLessThanOrEqual(25)
    expect(sim.codesSent() + refused).toBe(1000)
  })

  it('(b) 50 blocks of one country, 20 numbers each, no code entered: at most 10 % delivered', async () => {
    const sim = endpoint()
    let asked = 0
    // The pump spreads itself: one number of each block in turn, so no block stands out.
    for (let number = 0; number < 20; number += 1) {
      for (let block = 0; block < 50; block += 1) {
        sim.clock.time = START + (asked * HOUR) / 1000
        const phoneNumber = `+447400${String(block).padStart(2, '0')}${String(number).padStart(4, '0')}`
        await sim.send(phoneNumber, rotatingIp(asked))
        asked += 1
      }
    }
    const share = sim.codesSent() / asked
    figures.push(`(b) 50 blocks of GB, 20 numbers each: ${sim.codesSent()} of ${asked} delivered (${(share * 100).toFixed(1)} %)`)
    expect(share).toBeLessThanOrEqual(0.1)
  })

  it('(c) 300 people in 30 countries, 90 % entering their code: none refused', async () => {
    const countries: CountryCode[] = [
      ...['GB', 'FR', 'DE', 'ES', 'IT', 'NL', 'BE', 'PT', 'IE', 'SE', 'NO', 'DK', 'FI', 'PL', 'CZ'],
      ...['AT', 'CH', 'GR', 'RO', 'HU', 'BR', 'AR', 'IN', 'ID', 'PH', 'NG', 'KE', 'ZA', 'AU', 'JP'],
    ] as CountryCode[]
    const people = Array.from({ length: 300 }, (_, index) => {
      const country = countries[index % 30] as CountryCode
      const example = getExampleNumber(country, examples)?.number ?? ''
      // The country's example mobile number with its last two digits varied: ten people per country.
      const phoneNumber = `${example.slice(0, -2)}${String(Math.floor(index / 30)).padStart(2, '0')}`
      return { phoneNumber, country, ip: `100.64.${index >> 8}.${index & 255}`, entersCode: index % 10 !== 9 }
    })
    for (const person of people)
      expect(parsePhoneNumberFromString(person.phoneNumber)?.getType(), person.phoneNumber).toBe('MOBILE')

    const sim = endpoint()
    const refusals: string[] = []
    // A person arrives every 12 s through the hour and types the code a minute after it was sent.
    const waiting: { at: number; person: (typeof people)[number]; sent: Record<string, unknown> }[] = []
    const checkDue = async (until: number) => {
      while (waiting.length > 0 && (waiting[0]?.at ?? Number.POSITIVE_INFINITY) <= until) {
        const due = waiting.shift()
        if (due === undefined) break
        sim.clock.time = due.at
        const code = sim.sandbox.outbox.latest(due.person.phoneNumber)?.code ?? ''
        const checked = await sim.check(due.sent, code, due.person.ip)
        if (checked.body.status !== 'valid') refusals.push(`check ${due.person.phoneNumber}: ${JSON.stringify(checked.body)}`)
      }
    }
    for (const [index, person] of people.entries()) {
      const at = START + index * 12_000
      await checkDue(at)
      sim.clock.time = at
      const sent = await sim.send(person.phoneNumber, person.ip)
      if (sent.status !== 200 || sent.body.status !== 'pending') {
        refusals.push(`send ${person.phoneNumber} (${person.country}): ${sent.status} ${JSON.stringify(sent.body)}`)
      } else if (person.entersCode) waiting.push({ at: at + 60_000, person, sent: sent.body })
    }
    await checkDue(Number.POSITIVE_INFINITY)
    figures.push(`(c) 300 people in 30 countries, 270 entering their code: ${refusals.length} refused`)
    expect(refusals).toEqual([])
  })

  it('(d) premium-rate, shared-cost and toll-free numbers of 6 countries: none sent', async () => {
    const numbers = [
      ['GB', '+449098790000'],
      ['GB', '+448431234567'],
      ['US', '+19002345678'],
      ['US', '+18002345678'],
      ['FR', '+33891123456'],
      ['FR', '+33810123456'],
      ['FR', '+33800123456'],
      ['DE', '+499001234567'],
      ['DE', '+4918012345678'],
      ['DE', '+498001234567'],
      ['ES', '+34803123456'],
      ['ES', '+34901123456'],
      ['ES', '+34900123456'],
      ['AU', '+611900000123'],
      ['AU', '+611300000123'],
      ['AU', '+611800123456'],
    ] as const
    const types = new Set<string>()
    for (const [country, number] of numbers) {
      const parsed = parsePhoneNumberFromString(number)
      expect(parsed?.country, number).toBe(country)
      expect(['PREMIUM_RATE', 'SHARED_COST', 'TOLL_FREE'], number).toContain(parsed?.getType())
      types.add(parsed?.getType() ?? '')
    }
    expect(types).toEqual(new Set(['PREMIUM_RATE', 'SHARED_COST', 'TOLL_FREE']))

    const sim = endpoint()
    const statuses: number[] = []
    for (const [index, [, number]] of numbers.entries()) statuses.push((await sim.send(number, rotatingIp(index))).status)
    figures.push(`(d) ${numbers.length} premium-rate, shared-cost and toll-free numbers of 6 countries: ${sim.codesSent()} sent`)
    expect(statuses.every((status) => status === 400)).toBe(true)
    expect(sim.codesSent()).toBe(0)

    console.log(`SMS pumping simulation, every default on, no captcha:\n${figures.join('\n')}\nthresholds:\n${thresholds()}`)
  })
})
