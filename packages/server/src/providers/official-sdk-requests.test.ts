/**
 * Our Prelude and Twilio adapters against the providers' official SDKs (`@prelude.so/sdk`, `twilio`: dev dependencies,
 * used only here). For the same inputs, the SDK and our adapter each call a fake of the provider on 127.0.0.1, and the
 * two requests must match key by key: method, path, the headers that carry meaning, and the body.
 *
 * Each SDK call is written as a literal of the SDK's own request type, so `tsc` refuses a field the SDK does not
 * know; the comparison then refuses any field our adapter sends that the SDK's request lacks. Together: every key we
 * put on the wire is one the provider documents.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Prelude } from '@prelude.so/sdk'
import twilio from 'twilio'
import type RequestClient from 'twilio/lib/base/RequestClient'
import type { VerificationListInstanceCreateOptions } from 'twilio/lib/rest/verify/v2/service/verification'
import type { VerificationCheckListInstanceCreateOptions } from 'twilio/lib/rest/verify/v2/service/verificationCheck'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMemoryStore } from '../store'
import type { FakeRequest } from '../testing/fake-http'
import { type FakePrelude, startFakePrelude } from '../testing/fake-prelude'
import { type FakeTwilio, startFakeTwilio } from '../testing/fake-twilio'
import { preludeProvider } from './prelude'
import { twilioVerifyProvider } from './twilio'
import type { ProviderContext, ProviderFlow, ProviderSendInput, ProviderSendResult } from './types'

const START = Date.parse('2026-11-26T12:00:00Z')
const IPV4 = '203.0.113.7'
const IPV6 = '2001:db8:85a3::8a2e:370:7334'
const USER_AGENT = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)'

/** What a provider reads from a request: the rest (user agents, SDK telemetry headers) is the client's own business. */
function onTheWire(request: FakeRequest | undefined) {
  if (request === undefined) throw new Error('no request reached the fake')
  return {
    method: request.method,
    path: request.path,
    authorization: request.headers.authorization,
    contentType: request.headers['content-type']?.split(';')[0],
    accept: request.headers.accept,
    body: request.body,
  }
}

const flowOf = (sent: ProviderSendResult, phoneNumber: string): ProviderFlow => ({
  authenticationUuid: sent.authenticationUuid,
  phoneNumber,
  createdAt: sent.createdAt,
  expiresAt: sent.expiresAt,
  ...(sent.state === undefined ? {} : { state: sent.state }),
})

// Both fakes let a resend through after 30 s; the adapters' default policies wait exactly that long.
let time = START
const clock = { now: () => time }
const contextWith = (request: { ip?: string; userAgent?: string }): ProviderContext => ({
  store: createMemoryStore({ clock }),
  clock,
  ...request,
})

describe('the official Prelude SDK and our Prelude adapter', () => {
  const PHONE = '+33612345678'
  const CODE = '482915'

  interface SendCase {
    name: string
    input: ProviderSendInput
    request: { ip?: string; userAgent?: string }
    /** The same verification through the SDK, with the fields Prelude documents. */
    sdk: (correlationId: string) => Prelude.VerificationCreateParams
  }

  const sends: SendCase[] = [
    {
      name: 'a number alone',
      input: { phoneNumber: PHONE },
      request: {},
      sdk: (correlationId) => ({
        target: { type: 'phone_number', value: PHONE },
        metadata: { correlation_id: correlationId },
      }),
    },
    {
      name: 'every field the browser can give, for a returning user',
      input: { phoneNumber: PHONE, locale: 'fr-FR', deviceType: 'IOS', appVersion: '2.1.0', isReturningUser: true },
      request: { ip: IPV4, userAgent: USER_AGENT },
      // Prelude documents no "returning user" signal (`is_trusted_user` switches fraud checks off): nothing is sent for it.
      sdk: (correlationId) => ({
        target: { type: 'phone_number', value: PHONE },
        signals: { ip: IPV4, device_platform: 'ios', app_version: '2.1.0', user_agent: USER_AGENT },
        options: { locale: 'fr-FR' },
        metadata: { correlation_id: correlationId },
      }),
    },
    {
      name: 'a new user on Android behind IPv6',
      input: { phoneNumber: PHONE, deviceType: 'ANDROID', isReturningUser: false },
      request: { ip: IPV6 },
      sdk: (correlationId) => ({
        target: { type: 'phone_number', value: PHONE },
        signals: { ip: IPV6, device_platform: 'android' },
        metadata: { correlation_id: correlationId },
      }),
    },
    {
      name: 'a web browser with a language alone',
      input: { phoneNumber: PHONE, locale: 'de', deviceType: 'WEB' },
      request: { ip: IPV4, userAgent: 'Mozilla/5.0 (X11; Linux x86_64)' },
      sdk: (correlationId) => ({
        target: { type: 'phone_number', value: PHONE },
        signals: { ip: IPV4, device_platform: 'web', user_agent: 'Mozilla/5.0 (X11; Linux x86_64)' },
        options: { locale: 'de' },
        metadata: { correlation_id: correlationId },
      }),
    },
    {
      name: 'a call that reads the code out, in English',
      input: { phoneNumber: PHONE, locale: 'en-GB', channel: 'voice' },
      request: { ip: IPV4 },
      sdk: (correlationId) => ({
        target: { type: 'phone_number', value: PHONE },
        signals: { ip: IPV4 },
        options: { locale: 'en-GB', method: 'voice' },
        metadata: { correlation_id: correlationId },
      }),
    },
    {
      name: 'a code by WhatsApp',
      input: { phoneNumber: PHONE, channel: 'whatsapp' },
      request: {},
      sdk: (correlationId) => ({
        target: { type: 'phone_number', value: PHONE },
        options: { preferred_channel: 'whatsapp' },
        metadata: { correlation_id: correlationId },
      }),
    },
    {
      name: 'SMS asked for by name',
      input: { phoneNumber: PHONE, channel: 'sms' },
      request: {},
      sdk: (correlationId) => ({
        target: { type: 'phone_number', value: PHONE },
        options: { preferred_channel: 'sms' },
        metadata: { correlation_id: correlationId },
      }),
    },
  ]

  // Our base URL in both forms: the host (as the SDK reads PRELUDE_BASE_URL) and the host with `/v2`.
  describe.each([
    { form: 'the host', baseUrl: (fake: FakePrelude) => fake.origin },
    { form: 'the host and /v2', baseUrl: (fake: FakePrelude) => fake.url },
  ])('with a base URL of $form', ({ baseUrl }) => {
    let ours: FakePrelude
    let theirs: FakePrelude
    let sdk: Prelude

    beforeEach(async () => {
      time = START
      const generateCode = () => CODE
      ours = await startFakePrelude({ now: clock.now, generateCode })
      theirs = await startFakePrelude({ now: clock.now, generateCode })
      // No transport retry: a replayed create is a resend at Prelude.
      sdk = new Prelude({ apiToken: theirs.apiKey, baseURL: theirs.origin, maxRetries: 0 })
    })

    afterEach(async () => {
      await ours.close()
      await theirs.close()
    })

    const adapter = () => preludeProvider({ apiKey: ours.apiKey, baseUrl: baseUrl(ours) })

    it.each(sends)('creates a verification as the SDK does: $name', async ({ input, request, sdk: params }) => {
      const sent = await adapter().send(input, contextWith(request))
      await sdk.verification.create(params(sent.authenticationUuid))
      expect(onTheWire(ours.requests.at(-1))).toStrictEqual(onTheWire(theirs.requests.at(-1)))
    })

    it.each(sends)(
      'resends with the fields of the first send, as the SDK would: $name',
      async ({ input, request, sdk: params }) => {
        const provider = adapter()
        const ctx = contextWith(request)
        const sent = await provider.send(input, ctx)
        time += 30_000
        // The endpoint names the flow's channel on its resends when it is not the default.
        const resend = input.channel === undefined ? undefined : { channel: input.channel }
        expect((await provider.retry(flowOf(sent, PHONE), ctx, resend)).status).toBe('approved')
        await sdk.verification.create(params(sent.authenticationUuid))
        time += 30_000
        await sdk.verification.create(params(sent.authenticationUuid))
        expect(ours.requests).toHaveLength(2)
        expect(onTheWire(ours.requests[1])).toStrictEqual(onTheWire(theirs.requests[1]))
      },
    )

    it.each([
      { channel: 'voice', options: { locale: 'fr-FR', method: 'voice' } },
      { channel: 'whatsapp', options: { locale: 'fr-FR', preferred_channel: 'whatsapp' } },
    ] as const)('switches a resend to $channel as the SDK asks for it', async ({ channel, options }) => {
      const provider = adapter()
      const ctx = contextWith({ ip: IPV4 })
      const sent = await provider.send({ phoneNumber: PHONE, locale: 'fr-FR' }, ctx)
      time += 30_000
      expect((await provider.retry(flowOf(sent, PHONE), ctx, { channel })).status).toBe('approved')
      const params: Prelude.VerificationCreateParams = {
        target: { type: 'phone_number', value: PHONE },
        signals: { ip: IPV4 },
        options,
        metadata: { correlation_id: sent.authenticationUuid },
      }
      await sdk.verification.create({ ...params, options: { locale: 'fr-FR' } })
      await sdk.verification.create(params)
      expect(ours.requests).toHaveLength(2)
      expect(onTheWire(ours.requests[1])).toStrictEqual(onTheWire(theirs.requests[1]))
      // Prelude counts the switch as a resend of the same verification.
      expect(ours.requests[1]?.body?.target).toEqual(ours.requests[0]?.body?.target)
    })

    it('checks a code as the SDK does', async () => {
      const provider = adapter()
      const ctx = contextWith({ ip: IPV4 })
      const sent = await provider.send({ phoneNumber: PHONE }, ctx)
      await sdk.verification.create({ target: { type: 'phone_number', value: PHONE } })
      const checked = await provider.check(flowOf(sent, PHONE), CODE, ctx)
      const theirCheck = await sdk.verification.check({ target: { type: 'phone_number', value: PHONE }, code: CODE })
      expect(checked.status).toBe('valid')
      expect(theirCheck.status).toBe('success')
      expect(onTheWire(ours.requests.at(-1))).toStrictEqual(onTheWire(theirs.requests.at(-1)))
    })
  })
})

describe('the Prelude fake and the official Prelude SDK', () => {
  it('accepts every field of the SDK request types, so its refusal of other fields follows the schema', async () => {
    const fake = await startFakePrelude({ generateCode: () => '4829' })
    try {
      const sdk = new Prelude({ apiToken: fake.apiKey, baseURL: fake.origin, maxRetries: 0 })
      // `Required` at each level: a field a later SDK adds fails to compile here until the fake's schema has it.
      const options: Required<Prelude.VerificationCreateParams.Options> = {
        app_realm: { platform: 'android', value: 'He42w354ol9' },
        callback_url: 'https://app.example/prelude-webhook',
        code_size: 4,
        custom_code: '4829',
        integration: 'supabase',
        locale: 'fr-FR',
        method: 'message',
        preferred_channel: 'sms',
        sender_id: 'Example',
        template_id: 'prelude:psd2',
        variables: { amount: '10 €' },
      }
      const signals: Required<Prelude.VerificationCreateParams.Signals> = {
        app_version: '2.1.0',
        device_id: '8F0B8FDD-C2CB-4387-B20A-56E9B2E5A0D2',
        device_model: 'iPhone17,2',
        device_platform: 'ios',
        ip: IPV4,
        is_trusted_user: false,
        ja4_fingerprint: 't13d1516h2_8daaf6152771_e5627efa2ab1',
        os_version: '18.0',
        user_agent: USER_AGENT,
      }
      const metadata: Required<Prelude.VerificationCreateParams.Metadata> = { correlation_id: 'c0ffee' }
      const everyField: Required<Prelude.VerificationCreateParams> = {
        target: { type: 'phone_number', value: '+33612345678' },
        dispatch_id: '6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
        metadata,
        options,
        signals,
      }
      expect((await sdk.verification.create(everyField)).status).toBe('success')
      const check: Required<Prelude.VerificationCheckParams> = { target: everyField.target, code: '4829' }
      expect((await sdk.verification.check(check)).status).toBe('success')
    } finally {
      await fake.close()
    }
  })
})

describe('the official Twilio SDK and our Twilio adapter', () => {
  const PHONE = '+14155552671'
  const CODE = '482915'

  /**
   * Twilio's client always calls `https://verify.twilio.com/v2/…` (or a regional host from `edge`/`region`), with no
   * base URL option: its HTTP client is the one seam, so this one sends the same request to a fake on 127.0.0.1.
   */
  class LoopbackRequestClient extends twilio.RequestClient {
    readonly uris: string[] = []
    constructor(private readonly origin: string) {
      super()
    }
    override request<TData>(options: RequestClient.RequestOptions<TData>) {
      this.uris.push(options.uri)
      return super.request<TData>({ ...options, uri: options.uri.replace(/^https:\/\/verify\.twilio\.com/, this.origin) })
    }
  }

  interface SendCase {
    name: string
    /** The adapter's `channel` option: the Service's usual channel. */
    channel?: 'sms' | 'call' | 'whatsapp'
    input: ProviderSendInput
    request: { ip?: string; userAgent?: string }
    /** The same verification through the SDK, with the parameters Twilio documents. */
    sdk: VerificationListInstanceCreateOptions
  }

  const sends: SendCase[] = [
    {
      name: 'a number alone',
      input: { phoneNumber: PHONE },
      request: {},
      sdk: { to: PHONE, channel: 'sms' },
    },
    {
      name: 'a French speaker on the web, with the fields Twilio has no parameter for',
      input: { phoneNumber: PHONE, locale: 'fr-FR', deviceType: 'WEB', appVersion: '2.1.0', isReturningUser: true },
      request: { ip: IPV4, userAgent: USER_AGENT },
      sdk: { to: PHONE, channel: 'sms', locale: 'fr', deviceIp: IPV4 },
    },
    {
      name: 'a Brazilian Portuguese speaker behind IPv6',
      input: { phoneNumber: PHONE, locale: 'pt-BR' },
      request: { ip: IPV6 },
      sdk: { to: PHONE, channel: 'sms', locale: 'pt-BR', deviceIp: IPV6 },
    },
    {
      name: 'a language Verify does not offer',
      input: { phoneNumber: PHONE, locale: 'eu-ES' },
      request: { ip: IPV4 },
      sdk: { to: PHONE, channel: 'sms', deviceIp: IPV4 },
    },
    {
      name: 'codes by WhatsApp',
      channel: 'whatsapp',
      input: { phoneNumber: PHONE, locale: 'en-GB' },
      request: { ip: IPV4 },
      sdk: { to: PHONE, channel: 'whatsapp', locale: 'en-GB', deviceIp: IPV4 },
    },
    {
      name: 'a call asked for, which reads the code out',
      input: { phoneNumber: PHONE, locale: 'en-GB', channel: 'voice' },
      request: { ip: IPV4 },
      sdk: { to: PHONE, channel: 'call', locale: 'en-GB', deviceIp: IPV4 },
    },
    {
      name: 'WhatsApp asked for, on a Service that usually calls',
      channel: 'call',
      input: { phoneNumber: PHONE, channel: 'whatsapp' },
      request: {},
      sdk: { to: PHONE, channel: 'whatsapp' },
    },
    {
      name: 'SMS asked for by name',
      input: { phoneNumber: PHONE, channel: 'sms' },
      request: {},
      sdk: { to: PHONE, channel: 'sms' },
    },
  ]

  describe.each([
    { form: 'the host', baseUrl: (fake: FakeTwilio) => fake.origin },
    { form: 'the host and /v2', baseUrl: (fake: FakeTwilio) => fake.url },
  ])('with a base URL of $form', ({ baseUrl }) => {
    let ours: FakeTwilio
    let theirs: FakeTwilio
    let http: LoopbackRequestClient
    let sdk: twilio.Twilio

    beforeEach(async () => {
      time = START
      const generateCode = () => CODE
      ours = await startFakeTwilio({ now: clock.now, generateCode })
      theirs = await startFakeTwilio({ now: clock.now, generateCode })
      http = new LoopbackRequestClient(theirs.origin)
      sdk = twilio(theirs.accountSid, theirs.authToken, { httpClient: http })
    })

    afterEach(async () => {
      await ours.close()
      await theirs.close()
    })

    const adapter = (channel?: 'sms' | 'call' | 'whatsapp') =>
      twilioVerifyProvider({
        accountSid: ours.accountSid,
        authToken: ours.authToken,
        serviceSid: ours.serviceSid,
        baseUrl: baseUrl(ours),
        ...(channel === undefined ? {} : { channel }),
      })

    it('meets an SDK that itself calls https://verify.twilio.com/v2', async () => {
      await sdk.verify.v2.services(theirs.serviceSid).verifications.create({ to: PHONE, channel: 'sms' })
      expect(http.uris).toEqual([`https://verify.twilio.com/v2/Services/${theirs.serviceSid}/Verifications`])
    })

    it.each(sends)('starts a verification as the SDK does: $name', async ({ channel, input, request, sdk: params }) => {
      await adapter(channel).send(input, contextWith(request))
      await sdk.verify.v2.services(theirs.serviceSid).verifications.create(params)
      expect(onTheWire(ours.requests.at(-1))).toStrictEqual(onTheWire(theirs.requests.at(-1)))
    })

    it.each(sends)('resends as the SDK would: $name', async ({ channel, input, request, sdk: params }) => {
      const provider = adapter(channel)
      const ctx = contextWith(request)
      const sent = await provider.send(input, ctx)
      time += 30_000
      const resend = input.channel === undefined ? undefined : { channel: input.channel }
      expect((await provider.retry(flowOf(sent, PHONE), ctx, resend)).status).toBe('approved')
      const service = sdk.verify.v2.services(theirs.serviceSid)
      await service.verifications.create(params)
      await service.verifications.create(params)
      expect(ours.requests).toHaveLength(2)
      expect(onTheWire(ours.requests[1])).toStrictEqual(onTheWire(theirs.requests[1]))
    })

    it.each([
      { channel: 'voice', sdkChannel: 'call' },
      { channel: 'whatsapp', sdkChannel: 'whatsapp' },
    ] as const)('switches a resend to $channel as the SDK asks for it', async ({ channel, sdkChannel }) => {
      const provider = adapter()
      const ctx = contextWith({ ip: IPV4 })
      const sent = await provider.send({ phoneNumber: PHONE }, ctx)
      time += 30_000
      expect((await provider.retry(flowOf(sent, PHONE), ctx, { channel })).status).toBe('approved')
      const service = sdk.verify.v2.services(theirs.serviceSid)
      await service.verifications.create({ to: PHONE, channel: 'sms', deviceIp: IPV4 })
      const params: VerificationListInstanceCreateOptions = { to: PHONE, channel: sdkChannel, deviceIp: IPV4 }
      const theirResend = await service.verifications.create(params)
      expect(ours.requests).toHaveLength(2)
      expect(onTheWire(ours.requests[1])).toStrictEqual(onTheWire(theirs.requests[1]))
      // Twilio keeps the verification: the same SID, with the switch among its sends.
      expect(ours.requests[1]?.body?.Channel).toBe(sdkChannel)
      expect(theirResend.sendCodeAttempts.map((attempt) => (attempt as { channel: string }).channel)).toEqual(['sms', sdkChannel])
    })

    it('checks a code by verification SID as the SDK does', async () => {
      const provider = adapter()
      const ctx = contextWith({ ip: IPV4 })
      const sent = await provider.send({ phoneNumber: PHONE }, ctx)
      const service = sdk.verify.v2.services(theirs.serviceSid)
      const started = await service.verifications.create({ to: PHONE, channel: 'sms', deviceIp: IPV4 })
      const checked = await provider.check(flowOf(sent, PHONE), CODE, ctx)
      const params: VerificationCheckListInstanceCreateOptions = { verificationSid: started.sid, code: CODE }
      const theirCheck = await service.verificationChecks.create(params)
      expect(checked.status).toBe('valid')
      expect(theirCheck.status).toBe('approved')
      // The SIDs differ (two fakes); everything else must not.
      const mine = onTheWire(ours.requests.at(-1))
      const reference = onTheWire(theirs.requests.at(-1))
      expect(mine.body?.VerificationSid).toBe(sent.state?.id)
      expect({ ...mine, body: { ...mine.body, VerificationSid: started.sid } }).toStrictEqual(reference)
    })

    it('authenticates with an API key as the SDK does', async () => {
      const withKey = twilioVerifyProvider({
        apiKeySid: ours.apiKeySid,
        apiKeySecret: ours.apiKeySecret,
        serviceSid: ours.serviceSid,
        baseUrl: baseUrl(ours),
      })
      const sdkWithKey = twilio(theirs.apiKeySid, theirs.apiKeySecret, { accountSid: theirs.accountSid, httpClient: http })
      await withKey.send({ phoneNumber: PHONE }, contextWith({}))
      await sdkWithKey.verify.v2.services(theirs.serviceSid).verifications.create({ to: PHONE, channel: 'sms' })
      expect(onTheWire(ours.requests.at(-1))).toStrictEqual(onTheWire(theirs.requests.at(-1)))
    })
  })
})

describe('the official SDKs stay out of the package', () => {
  const root = join(import.meta.dirname, '..', '..')

  it('are dev dependencies only', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, Record<string, string>>
    for (const name of ['@prelude.so/sdk', 'twilio']) {
      expect(manifest.devDependencies?.[name]).toBeDefined()
      expect(manifest.dependencies?.[name]).toBeUndefined()
      expect(manifest.peerDependencies?.[name]).toBeUndefined()
    }
  })

  it('are imported by no source file outside the tests', () => {
    const sources = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' }).filter(
      (path) => /\.tsx?$/.test(path) && !/\.test(-d)?\.tsx?$/.test(path),
    )
    expect(sources.length).toBeGreaterThan(10)
    const importers = sources.filter((path) =>
      /\bfrom\s+['"](@prelude\.so\/sdk|twilio)(\/[^'"]*)?['"]|\b(import|require)\s*\(\s*['"](@prelude\.so\/sdk|twilio)\b/.test(
        readFileSync(join(root, 'src', path), 'utf8'),
      ),
    )
    expect(importers).toEqual([])
  })
})
