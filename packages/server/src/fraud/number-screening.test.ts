import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { SANDBOX_TEST_NUMBERS } from '@otpflow/core/sandbox'
import { parsePhoneNumberFromString } from 'libphonenumber-js/max'
import { describe, expect, it } from 'vitest'
import { createOtpHandlerFromEnv } from '../from-env'
import { createOtpHandler, type OtpHandlerOptions } from '../handler'
import type { OtpLogEntry } from '../log'
import { sandboxProvider } from '../providers/sandbox'
import type { OtpProvider } from '../providers/types'

const SECRET = 'number-screening-secret-at-least-32-bytes'
const ORIGIN = 'https://app.example'
const START = Date.parse('2026-03-01T10:00:00Z')

/** A provider that records what reaches it, over the sandbox; `channels` as a provider lists them. */
function setup(options: Partial<OtpHandlerOptions> = {}, channels?: readonly string[]) {
  const clock = { now: () => START }
  const sandbox = sandboxProvider({ clock })
  const sentTo: string[] = []
  const provider = {
    name: 'recording',
    ...(channels === undefined ? {} : { channels }),
    send: (input, ctx) => {
      sentTo.push(input.phoneNumber)
      return sandbox.send(input, ctx)
    },
    check: (flow, code, ctx) => sandbox.check(flow, code, ctx),
    retry: (flow, ctx) => sandbox.retry(flow, ctx),
  } as OtpProvider
  const log: OtpLogEntry[] = []
  const handler = createOtpHandler({ provider, secret: SECRET, clock, logger: (entry) => log.push(entry), ...options })
  return { handler, sentTo, log }
}

async function send(handler: (request: Request) => Promise<Response>, phoneNumber: string, channel?: string) {
  const response = await handler(
    new Request(`${ORIGIN}/api/otp/authentication`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: JSON.stringify({ phone_number: phoneNumber, ...(channel === undefined ? {} : { channel }) }),
    }),
  )
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

/** One number of each type refused by default, as the full metadata classifies it (checked below, not assumed). */
const REFUSED: ReadonlyArray<[string, string]> = [
  ['PREMIUM_RATE', '+449098790000'],
  ['PREMIUM_RATE', '+19002345678'],
  ['SHARED_COST', '+4918012345678'],
  ['SHARED_COST', '+33810123456'],
  ['TOLL_FREE', '+18002345678'],
  ['TOLL_FREE', '+33800123456'],
  ['PAGER', '+447600000123'],
  ['UAN', '+445512345678'],
  ['VOICEMAIL', '+3932000000123'],
  ['PERSONAL_NUMBER', '+447012345678'],
  ['VOIP', '+445600000123'],
]

describe('number screening', () => {
  it.each(REFUSED)('refuses a %s number (%s) with 400 invalid_line, sends nothing and logs the refusal', async (type, number) => {
    expect(parsePhoneNumberFromString(number)?.getType()).toBe(type)
    const ctx = setup()
    const refused = await send(ctx.handler, number)
    expect(refused).toMatchObject({ status: 400, body: { code: 'invalid_line' } })
    expect(ctx.sentTo).toEqual([])
    expect(ctx.log).toHaveLength(1)
    expect(ctx.log[0]).toMatchObject({ level: 'warn', status: 400, outcome: 'invalid_line' })
    expect(ctx.log[0]?.detail).toContain(`a ${type} number`)
  })

  it('lets mobile numbers through, a fixed-line-or-mobile one (US) and one outside every known range', async () => {
    const ctx = setup()
    for (const number of ['+447400123456', '+33612345678', '+14155552671', '+447700900123'])
      expect((await send(ctx.handler, number)).status, number).toBe(200)
    expect(ctx.sentTo).toEqual(['+447400123456', '+33612345678', '+14155552671', '+447700900123'])
  })

  it('lets a fixed line have its code by a call, and refuses it a text message', async () => {
    const landline = '+442079460000'
    expect(parsePhoneNumberFromString(landline)?.getType()).toBe('FIXED_LINE')
    const smsOnly = setup({}, ['sms'])
    expect((await send(smsOnly.handler, landline)).body.code).toBe('invalid_line')
    const noChannels = setup()
    expect((await send(noChannels.handler, landline)).body.code).toBe('invalid_line')
    expect([...smsOnly.sentTo, ...noChannels.sentTo]).toEqual([])

    const calls = setup({}, ['sms', 'voice'])
    const bySms = await send(calls.handler, landline, 'sms')
    expect(bySms).toMatchObject({ status: 400, body: { code: 'invalid_line' } })
    expect(calls.log.at(-1)?.detail).toBe(
      'Number screening: a FIXED_LINE number of GB takes a code by a call only, and this send is by sms',
    )
    expect((await send(calls.handler, landline, 'voice')).status).toBe(200)
    expect(calls.sentTo).toEqual([landline])
    // Naming no channel, a person typing a landline gets a call rather than a refusal; a mobile still gets a text.
    const unnamed = setup({}, ['sms', 'voice'])
    expect(await send(unnamed.handler, landline)).toMatchObject({ status: 200, body: { channel: 'voice' } })
    expect(await send(unnamed.handler, '+447400123456')).toMatchObject({ status: 200, body: { channel: 'sms' } })
    // A list given in full is taken as given: without FIXED_LINE, not even by a call.
    const mobileOnly = setup({ allowedNumberTypes: ['MOBILE'] }, ['sms', 'voice'])
    expect((await send(mobileOnly.handler, landline, 'voice')).body.code).toBe('invalid_line')
  })

  it('refuses a fixed line a switch to a text message on resend, as on the first send', async () => {
    const landline = '+442079460000'
    const clock = { time: START, now: () => clock.time }
    const sandbox = sandboxProvider({ clock, channels: ['sms', 'voice'] })
    const resentBy: (string | undefined)[] = []
    const provider: OtpProvider = {
      ...sandbox,
      retry: (flow, ctx, input) => {
        resentBy.push(input?.channel)
        return sandbox.retry(flow, ctx, input)
      },
    }
    const handler = createOtpHandler({ provider, secret: SECRET, clock, logger: false })
    const sent = await send(handler, landline, 'voice')
    expect(sent).toMatchObject({ status: 200, body: { channel: 'voice' } })
    clock.time = Date.parse(String(sent.body.next_retry_at))
    const resend = (channel: string) =>
      handler(
        new Request(`${ORIGIN}/api/otp/retry`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: ORIGIN },
          body: JSON.stringify({
            authentication_uuid: sent.body.authentication_uuid,
            flow_token: sent.body.flow_token,
            channel,
          }),
        }),
      )
    const bySms = await resend('sms')
    expect(bySms.status).toBe(400)
    expect(await bySms.json()).toMatchObject({ code: 'invalid_line' })
    expect(resentBy).toEqual([])
    // Another call stays possible.
    expect((await resend('voice')).status).toBe(200)
    expect(resentBy).toEqual(['voice'])
  })

  it('takes allowedNumberTypes as given: only what it lists, or every type with all', async () => {
    const strict = setup({ allowedNumberTypes: ['MOBILE'] })
    expect((await send(strict.handler, '+447400123456')).status).toBe(200)
    expect((await send(strict.handler, '+14155552671')).status).toBe(400)
    expect((await send(strict.handler, '+447700900123')).status).toBe(400)
    const voip = setup({ allowedNumberTypes: ['MOBILE', 'VOIP'] })
    expect((await send(voip.handler, '+445600000123')).status).toBe(200)
    const all = setup({ allowedNumberTypes: 'all' })
    expect((await send(all.handler, '+449098790000')).status).toBe(200)
    expect(() => setup({ allowedNumberTypes: ['MOBILE', 'CELL' as 'MOBILE'] })).toThrow(/"CELL" is not a number type/)
  })

  it("keeps the sandbox's test numbers reachable, their scripted answers included", async () => {
    const handler = createOtpHandler({
      provider: sandboxProvider(),
      secret: SECRET,
      logger: false,
      allowedNumberTypes: ['MOBILE'],
    })
    expect((await send(handler, SANDBOX_TEST_NUMBERS.spamDetected)).body.status).toBe('spam_detected')
    expect(await send(handler, SANDBOX_TEST_NUMBERS.invalidLine)).toMatchObject({ status: 400, body: { code: 'invalid_line' } })
    // An ordinary number of the same range is screened.
    expect((await send(handler, '+12025550199')).body.code).toBe('invalid_line')
  })

  it('reads OTP_ALLOWED_NUMBER_TYPES, and refuses to start on a type it does not know, naming the variable', async () => {
    const quiet = { logger: false as const, warn: () => {} }
    const voip = createOtpHandlerFromEnv({ OTP_ALLOWED_NUMBER_TYPES: 'mobile, fixed-line-or-mobile, voip' }, quiet)
    expect((await send(voip, '+445600000123')).status).toBe(200)
    expect((await send(voip, '+449098790000')).status).toBe(400)
    const all = createOtpHandlerFromEnv({ OTP_ALLOWED_NUMBER_TYPES: 'ALL' }, quiet)
    expect((await send(all, '+449098790000')).status).toBe(200)
    expect(() => createOtpHandlerFromEnv({ OTP_ALLOWED_NUMBER_TYPES: 'MOBILE,LANDLINE' }, quiet)).toThrow(
      /^OTP_ALLOWED_NUMBER_TYPES must be all, or a list of .*"LANDLINE" is not one/,
    )
  })
})

describe('the full metadata stays on the server', () => {
  /** Every source file of a package, tests and stories included. */
  const sources = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sources(path)
      return /\.(ts|tsx|mts|js|mjs)$/.test(name) ? [path] : []
    })

  it('is imported by no file of core, react or phone-verify', () => {
    const root = new URL('../../../', import.meta.url).pathname
    const offenders: string[] = []
    let read = 0
    for (const pkg of ['core', 'react', 'phone-verify']) {
      for (const file of sources(join(root, pkg, 'src'))) {
        read += 1
        if (/libphonenumber-js\/max|metadata\.max|metadata\.full/.test(readFileSync(file, 'utf8'))) offenders.push(file)
      }
    }
    expect(read).toBeGreaterThan(50)
    expect(offenders).toEqual([])
  })
})
