import { SANDBOX_TEST_NUMBERS } from '@otpflow/core/sandbox'
import { afterEach, describe, expect, it } from 'vitest'
import { createOtpHandlerFromEnv } from './from-env'
import { createOtpHandler, type OtpHandler, type OtpHandlerOptions } from './handler'
import { dingProvider } from './providers/ding'
import { preludeProvider } from './providers/prelude'
import { sandboxProvider } from './providers/sandbox'
import type { OtpProvider } from './providers/types'
import { type FakeDing, startFakeDing } from './testing/fake-ding'
import { type FakePrelude, startFakePrelude } from './testing/fake-prelude'

/**
 * The endpoint's channels: what a send and a resend may ask for, what the answers say, and what the limits count. On
 * the sandbox (all three channels), and on fakes of Prelude and Ding on 127.0.0.1 for what reaches a provider.
 */

const SECRET = 'channels-test-secret-of-at-least-32-bytes'
const ORIGIN = 'https://app.example'
const BASE = `${ORIGIN}/api/otp`
// In a range libphonenumber-js files under GB alone (its drama range +44 7700 900xxx could also be Jersey's).
const UK = '+447400123456'
const US = '+14155552671'
const START = Date.parse('2026-03-01T10:00:00Z')

let time = START
const clock = { now: () => time }

function post(path: string, body: unknown) {
  return new Request(`${BASE}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN },
    body: JSON.stringify(body),
  })
}

async function call(handler: OtpHandler, path: string, body: unknown) {
  const response = await handler(post(path, body), { ip: '203.0.113.7' })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

function onSandbox(options: Partial<OtpHandlerOptions> = {}) {
  time = START
  const provider = sandboxProvider({ clock })
  const handler = createOtpHandler({ provider, secret: SECRET, clock, logger: false, ...options })
  const outbox = (phoneNumber: string) => provider.sandbox.outbox.messages().filter((m) => m.phoneNumber === phoneNumber)
  return { handler, provider, outbox }
}

const flowOf = (sent: { body: Record<string, unknown> }) => ({
  authentication_uuid: sent.body.authentication_uuid,
  flow_token: sent.body.flow_token,
})

afterEach(() => {
  time = START
})

describe('the endpoint on the sandbox: channels on send', () => {
  it('sends by SMS without a channel, and says so with the channels on offer', async () => {
    const { handler, outbox } = onSandbox()
    const sent = await call(handler, '/authentication', { phone_number: UK })
    expect(sent.status).toBe(200)
    expect(sent.body).toMatchObject({ status: 'pending', channel: 'sms', available_channels: ['sms', 'whatsapp', 'voice'] })
    expect(outbox(UK).map((message) => message.channel)).toEqual(['sms'])
  })

  it('sends on the channel asked for', async () => {
    const { handler, outbox } = onSandbox()
    const sent = await call(handler, '/authentication', { phone_number: UK, channel: 'voice' })
    expect(sent.body).toMatchObject({ status: 'pending', channel: 'voice' })
    expect(outbox(UK).map((message) => message.channel)).toEqual(['voice'])
  })

  it('refuses a channel it does not offer with 400 unsupported_channel naming the ones it does, counting nothing', async () => {
    const { handler, outbox } = onSandbox({
      channels: ['sms', 'voice'],
      limits: { sendsPerPhoneNumber: [{ max: 1, windowSeconds: 600 }] },
    })
    for (const channel of ['whatsapp', 'fax']) {
      const refused = await call(handler, '/authentication', { phone_number: UK, channel })
      expect(refused.status).toBe(400)
      expect(refused.body).toMatchObject({ code: 'unsupported_channel', field: 'channel' })
      expect(refused.body.message).toBe(`Codes cannot be sent by "${channel}" to this number; offered: sms, voice`)
    }
    expect(outbox(UK)).toEqual([])
    // The number's one send of the window is still there.
    const sent = await call(handler, '/authentication', { phone_number: UK })
    expect(sent.body).toMatchObject({ status: 'pending', available_channels: ['sms', 'voice'] })
  })

  it('offers a channel limited to some countries to their numbers only', async () => {
    const { handler } = onSandbox({ channels: ['sms', 'whatsapp', { channel: 'voice', countries: ['gb'] }] })
    const british = await call(handler, '/authentication', { phone_number: UK })
    expect(british.body.available_channels).toEqual(['sms', 'whatsapp', 'voice'])
    const american = await call(handler, '/authentication', { phone_number: US })
    expect(american.body.available_channels).toEqual(['sms', 'whatsapp'])
    const call_ = await call(handler, '/authentication', { phone_number: '+14155552672', channel: 'voice' })
    expect(call_.body).toMatchObject({ code: 'unsupported_channel', message: expect.stringContaining('offered: sms, whatsapp') })
  })

  it('answers 400 unsupported_channel, naming the other channels, when the provider refuses the channel for the number', async () => {
    const { handler, outbox } = onSandbox()
    const refused = await call(handler, '/authentication', { phone_number: SANDBOX_TEST_NUMBERS.noWhatsApp, channel: 'whatsapp' })
    expect(refused.status).toBe(400)
    expect(refused.body).toMatchObject({ code: 'unsupported_channel', message: expect.stringContaining('offered: sms, voice') })
    expect(outbox(SANDBOX_TEST_NUMBERS.noWhatsApp)).toEqual([])
  })
})

describe('the endpoint on the sandbox: a switch of channel on resend', () => {
  it('switches once the resend is open: the code goes out on the new channel, which stays in use', async () => {
    const { handler, outbox } = onSandbox()
    const sent = await call(handler, '/authentication', { phone_number: UK })
    time += 30_000
    const switched = await call(handler, '/retry', { ...flowOf(sent), channel: 'voice' })
    expect(switched.body).toMatchObject({
      status: 'approved',
      channel: 'voice',
      available_channels: ['sms', 'whatsapp', 'voice'],
    })
    // The flow token says the channel from now on: a plain resend calls again.
    expect(switched.body.flow_token).toEqual(expect.any(String))
    const flow = { ...flowOf(sent), flow_token: switched.body.flow_token }
    time += 60_000
    const again = await call(handler, '/retry', flow)
    expect(again.body).toMatchObject({ status: 'approved', channel: 'voice' })
    expect(outbox(UK).map((message) => message.channel)).toEqual(['sms', 'voice', 'voice'])
    const code = outbox(UK).at(-1)?.code
    expect((await call(handler, '/check', { ...flow, check_code: code })).body.status).toBe('valid')
  })

  it('answers a switch before the resend deadline as an early resend: denied with the deadline, nothing sent or counted', async () => {
    const { handler, outbox } = onSandbox({ limits: { sendsPerPhoneNumber: [{ max: 2, windowSeconds: 3600 }] } })
    const sent = await call(handler, '/authentication', { phone_number: UK })
    time += 10_000
    const early = await call(handler, '/retry', { ...flowOf(sent), channel: 'voice' })
    expect(early.status).toBe(200)
    expect(early.body).toEqual({
      authentication_uuid: sent.body.authentication_uuid,
      status: 'denied',
      next_retry_at: '2026-03-01T10:00:30.000Z',
      channel: 'sms',
      available_channels: ['sms', 'whatsapp', 'voice'],
    })
    expect(outbox(UK)).toHaveLength(1)
    // The early switch spent none of the number's two sends: the switch at the deadline is the second.
    time += 20_000
    expect((await call(handler, '/retry', { ...flowOf(sent), channel: 'voice' })).body).toMatchObject({ status: 'approved' })
  })

  it('answers an early switch after a plain resend from the resend’s own deadline, counting nothing', async () => {
    const { handler, outbox } = onSandbox({ limits: { sendsPerPhoneNumber: [{ max: 2, windowSeconds: 3600 }] } })
    const sent = await call(handler, '/authentication', { phone_number: UK })
    time += 30_000
    const resent = await call(handler, '/retry', flowOf(sent))
    expect(resent.body).toMatchObject({ status: 'approved', channel: 'sms' })
    expect(resent.body.flow_token).toEqual(expect.any(String))
    const flow = { ...flowOf(sent), flow_token: resent.body.flow_token }
    time += 5_000
    // Past the first deadline, before the resend's: denied with the resend's deadline, and no send counted.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const early = await call(handler, '/retry', { ...flow, channel: 'voice' })
      expect(early.body).toMatchObject({ status: 'denied', next_retry_at: resent.body.next_retry_at, channel: 'sms' })
    }
    expect(outbox(UK)).toHaveLength(2)
    time = Date.parse(String(resent.body.next_retry_at))
    expect((await call(handler, '/retry', { ...flow, channel: 'voice' })).body).toMatchObject({ status: 'approved' })
  })

  it('counts a switch on the number’s limits like a send, and a plain resend as before', async () => {
    const { handler } = onSandbox({
      limits: { sendsPerPhoneNumber: [{ max: 2, windowSeconds: 3600 }] },
      provider: sandboxProvider({ clock, resendDelays: [0], maxResends: 10 }),
    })
    const sent = await call(handler, '/authentication', { phone_number: UK })
    // Plain resends spend none of the number's sends.
    for (let index = 0; index < 3; index += 1) expect((await call(handler, '/retry', flowOf(sent))).body.status).toBe('approved')
    const toVoice = await call(handler, '/retry', { ...flowOf(sent), channel: 'voice' })
    expect(toVoice.body).toMatchObject({ status: 'approved', channel: 'voice' })
    const flow = { ...flowOf(sent), flow_token: toVoice.body.flow_token }
    const toWhatsApp = await call(handler, '/retry', { ...flow, channel: 'whatsapp' })
    expect(toWhatsApp.status).toBe(429)
    expect(toWhatsApp.body.code).toBe('rate_limited')
  })

  it('refuses a switch to a channel not on offer with 400 before anything is counted or sent', async () => {
    const { handler, outbox } = onSandbox({ channels: ['sms', 'whatsapp'] })
    const sent = await call(handler, '/authentication', { phone_number: UK })
    time += 30_000
    const refused = await call(handler, '/retry', { ...flowOf(sent), channel: 'voice' })
    expect(refused.status).toBe(400)
    expect(refused.body).toMatchObject({
      code: 'unsupported_channel',
      message: 'Codes cannot be sent by "voice" to this number; offered: sms, whatsapp',
    })
    expect(outbox(UK)).toHaveLength(1)
  })

  it('keeps the code in use when the provider refuses the channel: the resend goes out on another one at once', async () => {
    const { handler, outbox } = onSandbox()
    const phoneNumber = SANDBOX_TEST_NUMBERS.noVoice
    const sent = await call(handler, '/authentication', { phone_number: phoneNumber })
    time += 30_000
    const refused = await call(handler, '/retry', { ...flowOf(sent), channel: 'voice' })
    expect(refused.status).toBe(400)
    expect(refused.body).toMatchObject({
      code: 'unsupported_channel',
      message: expect.stringContaining('offered: sms, whatsapp'),
    })
    const byWhatsApp = await call(handler, '/retry', { ...flowOf(sent), channel: 'whatsapp' })
    expect(byWhatsApp.body).toMatchObject({ status: 'approved', channel: 'whatsapp' })
    expect(outbox(phoneNumber).map((message) => message.channel)).toEqual(['sms', 'whatsapp'])
  })
})

describe('the endpoint on Prelude: what reaches the provider', () => {
  let fake: FakePrelude | undefined
  afterEach(async () => {
    await fake?.close()
  })

  async function onPrelude() {
    time = START
    fake = await startFakePrelude({ now: clock.now, generateCode: () => '482915' })
    const provider = preludeProvider({ apiKey: fake.apiKey, baseUrl: fake.url })
    return { fake, handler: createOtpHandler({ provider, secret: SECRET, clock, logger: false }) }
  }

  it('sends without steering when no channel is asked for, as before channels', async () => {
    const { fake, handler } = await onPrelude()
    const sent = await call(handler, '/authentication', { phone_number: UK, locale: 'en-GB' })
    expect(sent.body).toMatchObject({ channel: 'sms', available_channels: ['sms', 'whatsapp', 'voice'] })
    expect(fake.requests[0]?.body?.options).toEqual({ locale: 'en-GB' })
  })

  it('asks Prelude for a call on a switch, and for a call again on the next plain resend', async () => {
    const { fake, handler } = await onPrelude()
    const sent = await call(handler, '/authentication', { phone_number: UK })
    time += 30_000
    const switched = await call(handler, '/retry', { ...flowOf(sent), channel: 'voice' })
    expect(switched.body).toMatchObject({ status: 'approved', channel: 'voice' })
    time += 60_000
    const again = await call(handler, '/retry', { ...flowOf(sent), flow_token: switched.body.flow_token })
    expect(again.body).toMatchObject({ status: 'approved', channel: 'voice' })
    expect(fake.requests.map((request) => request.body?.options)).toEqual([undefined, { method: 'voice' }, { method: 'voice' }])
  })

  it('makes no request to Prelude for a switch before the resend deadline', async () => {
    const { fake, handler } = await onPrelude()
    const sent = await call(handler, '/authentication', { phone_number: UK })
    time += 5_000
    const early = await call(handler, '/retry', { ...flowOf(sent), channel: 'whatsapp' })
    expect(early.body).toMatchObject({ status: 'denied', next_retry_at: '2026-03-01T10:00:30.000Z', channel: 'sms' })
    expect(fake.requests).toHaveLength(1)
  })
})

describe('the endpoint on Ding: SMS alone', () => {
  let fake: FakeDing | undefined
  afterEach(async () => {
    await fake?.close()
  })

  it('offers SMS alone and refuses a call before Ding is asked', async () => {
    fake = await startFakeDing({ clock })
    time = START
    const provider = dingProvider({ apiKey: fake.apiKey, customerUuid: fake.customerUuid, baseUrl: fake.url, clock })
    const handler = createOtpHandler({ provider, secret: SECRET, clock, logger: false })
    const sent = await call(handler, '/authentication', { phone_number: UK })
    expect(sent.body).toMatchObject({ status: 'pending', channel: 'sms', available_channels: ['sms'] })
    expect(fake.requests[0]?.body).not.toHaveProperty('channel')
    time += 30_000
    const refused = await call(handler, '/retry', { ...flowOf(sent), channel: 'voice' })
    expect(refused.body).toMatchObject({ code: 'unsupported_channel', message: expect.stringContaining('offered: sms') })
    expect(fake.requests).toHaveLength(1)
  })
})

describe('channels as configured', () => {
  const provider = (): OtpProvider => sandboxProvider({ clock })

  it('refuses to start on a channel the provider does not have, a channel listed twice, or an empty list', () => {
    const ding = dingProvider({ apiKey: 'key', customerUuid: 'c0ffee00-1111-4222-8333-444455556666' })
    expect(() => createOtpHandler({ provider: ding, secret: SECRET, channels: ['sms', 'voice'] })).toThrow(
      'channels: "voice" is not a channel of the ding provider, which offers sms',
    )
    expect(() => createOtpHandler({ provider: provider(), secret: SECRET, channels: ['sms', 'sms'] })).toThrow(
      'sms is listed twice',
    )
    expect(() => createOtpHandler({ provider: provider(), secret: SECRET, channels: [] })).toThrow('at least one channel')
    expect(() =>
      createOtpHandler({ provider: provider(), secret: SECRET, channels: [{ channel: 'voice', countries: ['Britain'] }] }),
    ).toThrow('ISO 3166-1 alpha-2')
  })

  it('reads OTP_CHANNELS and OTP_<CHANNEL>_COUNTRIES', async () => {
    const handler = createOtpHandlerFromEnv(
      { OTP_CHANNELS: 'voice, sms', OTP_VOICE_COUNTRIES: 'GB,IE', NODE_ENV: 'test' },
      { warn: () => undefined, logger: false },
    )
    const british = await call(handler, '/authentication', { phone_number: UK })
    expect(british.body).toMatchObject({ channel: 'voice', available_channels: ['voice', 'sms'] })
    const american = await call(handler, '/authentication', { phone_number: US })
    expect(american.body).toMatchObject({ channel: 'sms', available_channels: ['sms'] })
    expect(handler.sandbox?.outbox.messages().map((message) => message.channel)).toEqual(['voice', 'sms'])
  })

  it('limits a channel of the provider’s list by OTP_<CHANNEL>_COUNTRIES alone', async () => {
    const handler = createOtpHandlerFromEnv(
      { OTP_VOICE_COUNTRIES: 'GB', NODE_ENV: 'test' },
      { warn: () => undefined, logger: false },
    )
    expect((await call(handler, '/authentication', { phone_number: US })).body.available_channels).toEqual(['sms', 'whatsapp'])
  })

  it('refuses to start on OTP_CHANNELS naming a channel the provider does not have', () => {
    expect(() =>
      createOtpHandlerFromEnv({ OTP_CHANNELS: 'sms,fax', NODE_ENV: 'test' }, { warn: () => undefined, logger: false }),
    ).toThrow('"fax" is not a channel of the sandbox provider')
  })
})
