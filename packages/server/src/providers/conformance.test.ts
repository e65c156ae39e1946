/**
 * One suite, run against every provider: whatever sits behind the endpoint, the browser sees the same contract.
 * The hosted providers run against fakes of their APIs on 127.0.0.1; every target shares one manual clock with its
 * fake, so expiry and resend deadlines are reached without waiting.
 */
import { isOtpError } from '@otpflow/core'
import { SANDBOX_TEST_NUMBERS } from '@otpflow/core/sandbox'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMemoryStore } from '../store'
import { startFakeDing } from '../testing/fake-ding'
import { startFakePrelude } from '../testing/fake-prelude'
import { startFakeTwilio } from '../testing/fake-twilio'
import { dingProvider } from './ding'
import { preludeProvider } from './prelude'
import { sandboxProvider } from './sandbox'
import { twilioVerifyProvider } from './twilio'
import type { OtpProvider, ProviderContext, ProviderFlow, ProviderSendResult } from './types'

interface Harness {
  provider: OtpProvider
  /** The newest code delivered to this number. */
  latestCode(phoneNumber: string): string | undefined
  /** Codes delivered so far, to every number. */
  deliveries(): number
  close(): Promise<void>
}

interface Target {
  name: string
  start(clock: { now(): number }): Promise<Harness>
  /** A second send for a number with an open verification answers the same authentication (`resent: true`). */
  reusesOpenVerification: boolean
}

const { spamDetected, rateLimited, invalidLine } = SANDBOX_TEST_NUMBERS

const targets: Target[] = [
  {
    name: 'sandbox',
    reusesOpenVerification: false,
    async start(clock) {
      const provider = sandboxProvider({ clock })
      return {
        provider,
        latestCode: (phoneNumber) => provider.sandbox.outbox.latest(phoneNumber)?.code,
        deliveries: () => provider.sandbox.outbox.messages().length,
        close: async () => {},
      }
    },
  },
  {
    name: 'ding',
    reusesOpenVerification: false,
    async start(clock) {
      const fake = await startFakeDing({ clock })
      return {
        provider: dingProvider({ apiKey: fake.apiKey, customerUuid: fake.customerUuid, baseUrl: fake.url, clock }),
        latestCode: (phoneNumber) => fake.sandbox.outbox.latest(phoneNumber)?.code,
        deliveries: () => fake.sandbox.outbox.messages().length,
        close: fake.close,
      }
    },
  },
  {
    name: 'prelude',
    reusesOpenVerification: true,
    async start(clock) {
      const fake = await startFakePrelude({ now: clock.now })
      fake.block(spamDetected, 'suspicious')
      fake.block(rateLimited, 'repeated_attempts')
      fake.block(invalidLine, 'invalid_phone_line')
      return {
        provider: preludeProvider({ apiKey: fake.apiKey, baseUrl: fake.url }),
        latestCode: fake.latestCode,
        deliveries: () => fake.messages().length,
        close: fake.close,
      }
    },
  },
  {
    name: 'twilio',
    reusesOpenVerification: true,
    async start(clock) {
      const fake = await startFakeTwilio({ now: clock.now })
      fake.reject(spamDetected, { status: 403, code: 60410, message: 'Fraud Guard' })
      fake.reject(rateLimited, { status: 429, code: 60203, message: 'Max send attempts reached' })
      fake.reject(invalidLine, { status: 403, code: 60205, message: 'SMS is not supported by landline phone number' })
      return {
        provider: twilioVerifyProvider({
          accountSid: fake.accountSid,
          authToken: fake.authToken,
          serviceSid: fake.serviceSid,
          baseUrl: fake.url,
        }),
        latestCode: fake.latestCode,
        deliveries: () => fake.messages().length,
        close: fake.close,
      }
    },
  },
]

const PHONE = '+447700900123'
const START = Date.parse('2026-11-26T09:00:00Z')

describe.each(targets)('provider conformance: $name', (target) => {
  let time = START
  const clock = { now: () => time }
  let harness: Harness
  let ctx: ProviderContext

  beforeEach(async () => {
    time = START
    harness = await target.start(clock)
    ctx = { store: createMemoryStore({ clock }), clock, ip: '203.0.113.9', userAgent: 'conformance' }
  })

  afterEach(async () => {
    await harness.close()
  })

  /** What the handler keeps in the flow token between calls. */
  const flowOf = (sent: ProviderSendResult, phoneNumber = PHONE): ProviderFlow => ({
    authenticationUuid: sent.authenticationUuid,
    phoneNumber,
    createdAt: sent.createdAt,
    expiresAt: sent.expiresAt,
    ...(sent.state === undefined ? {} : { state: sent.state }),
  })

  const code = (phoneNumber = PHONE) => {
    const latest = harness.latestCode(phoneNumber)
    if (latest === undefined) throw new Error(`no code was delivered to ${phoneNumber}`)
    return latest
  }

  it('sends a code and answers pending with a future expiry and a resend deadline', async () => {
    const sent = await harness.provider.send({ phoneNumber: PHONE, locale: 'en-GB' }, ctx)
    expect(sent.status).toBe('pending')
    expect(sent.authenticationUuid).not.toBe('')
    expect(sent.expiresAt.getTime()).toBeGreaterThan(sent.createdAt.getTime())
    expect(sent.nextRetryAt?.getTime()).toBeGreaterThan(START)
    expect(sent.nextRetryAt?.getTime()).toBeLessThan(sent.expiresAt.getTime())
    expect(harness.deliveries()).toBe(1)
  })

  it('accepts the delivered code once, then answers already_validated', async () => {
    const sent = await harness.provider.send({ phoneNumber: PHONE }, ctx)
    expect((await harness.provider.check(flowOf(sent), code(), ctx)).status).toBe('valid')
    expect((await harness.provider.check(flowOf(sent), code(), ctx)).status).toBe('already_validated')
  })

  it('answers invalid to a wrong code and still accepts the right one', async () => {
    const sent = await harness.provider.send({ phoneNumber: PHONE }, ctx)
    const wrong = code() === '000000' ? '111111' : '000000'
    expect((await harness.provider.check(flowOf(sent), wrong, ctx)).status).toBe('invalid')
    expect((await harness.provider.check(flowOf(sent), code(), ctx)).status).toBe('valid')
  })

  it('answers rate_limited after too many wrong codes, and then refuses even the right one', async () => {
    const sent = await harness.provider.send({ phoneNumber: PHONE }, ctx)
    const wrong = code() === '000000' ? '111111' : '000000'
    const statuses: string[] = []
    for (let attempt = 0; attempt < 6; attempt += 1)
      statuses.push((await harness.provider.check(flowOf(sent), wrong, ctx)).status)
    expect(statuses.slice(0, 5)).toEqual(['invalid', 'invalid', 'invalid', 'invalid', 'invalid'])
    expect(statuses[5]).toBe('rate_limited')
    expect((await harness.provider.check(flowOf(sent), code(), ctx)).status).toBe('rate_limited')
  })

  it('answers expired_auth to a check and a resend after the expiry', async () => {
    const sent = await harness.provider.send({ phoneNumber: PHONE }, ctx)
    time = sent.expiresAt.getTime() + 1000
    expect((await harness.provider.check(flowOf(sent), code(), ctx)).status).toBe('expired_auth')
    expect((await harness.provider.retry(flowOf(sent), ctx)).status).toBe('expired_auth')
  })

  it('denies a resend before the deadline and approves it after, with a code that then checks valid', async () => {
    const sent = await harness.provider.send({ phoneNumber: PHONE }, ctx)
    expect((await harness.provider.retry(flowOf(sent), ctx)).status).toBe('denied')
    time = (sent.nextRetryAt?.getTime() ?? START) + 1000
    const resent = await harness.provider.retry(flowOf(sent), ctx)
    expect(resent.status).toBe('approved')
    expect(resent.remainingRetry).toBeGreaterThanOrEqual(0)
    expect(resent.nextRetryAt?.getTime()).toBeGreaterThan(time)
    expect(harness.deliveries()).toBe(2)
    const flow = { ...flowOf(sent), ...(resent.state === undefined ? {} : { state: resent.state }) }
    expect((await harness.provider.check(flow, code(), ctx)).status).toBe('valid')
  })

  it('answers already_validated to a resend after the code was accepted', async () => {
    const sent = await harness.provider.send({ phoneNumber: PHONE }, ctx)
    await harness.provider.check(flowOf(sent), code(), ctx)
    time = (sent.nextRetryAt?.getTime() ?? START) + 1000
    expect((await harness.provider.retry(flowOf(sent), ctx)).status).toBe('already_validated')
  })

  it('answers spam_detected for a number refused as fraud, with nothing to check afterwards', async () => {
    const sent = await harness.provider.send({ phoneNumber: spamDetected }, ctx)
    expect(sent.status).toBe('spam_detected')
    expect((await harness.provider.check(flowOf(sent, spamDetected), '123456', ctx)).status).toBe('without_attempt')
    expect(harness.deliveries()).toBe(0)
  })

  it('answers rate_limited for a number over its send limit', async () => {
    expect((await harness.provider.send({ phoneNumber: rateLimited }, ctx)).status).toBe('rate_limited')
    expect(harness.deliveries()).toBe(0)
  })

  it('throws invalid_line for a landline', async () => {
    const error = await harness.provider.send({ phoneNumber: invalidLine }, ctx).catch((caught: unknown) => caught)
    expect(isOtpError(error) && error.code).toBe('invalid_line')
  })

  // Ding and the sandbox open a new authentication per send; the hosted providers keep one verification per number.
  if (target.reusesOpenVerification) {
    it('answers a second send for the same number as a resend of the same authentication', async () => {
      const first = await harness.provider.send({ phoneNumber: PHONE }, ctx)
      time = (first.nextRetryAt?.getTime() ?? START) + 1000
      const second = await harness.provider.send({ phoneNumber: PHONE }, ctx)
      expect(second).toMatchObject({ authenticationUuid: first.authenticationUuid, status: 'pending', resent: true })
      expect((await harness.provider.check(flowOf(second), code(), ctx)).status).toBe('valid')
    })
  }
})
