import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { isOtpError, type OtpError } from '../errors'
import { createSandbox, type SandboxMessage, type SandboxOptions, type SandboxStore } from './sandbox'
import { isSandboxTestNumber, SANDBOX_TEST_NUMBERS } from './test-numbers'

const PHONE = '+14155552671'
const START = Date.parse('2026-01-01T00:00:00Z')

type TestClock = { time: number; now(): number; advance(seconds: number): void }

function testClock(): TestClock {
  return {
    time: START,
    now() {
      return this.time
    },
    advance(seconds: number) {
      this.time += seconds * 1000
    },
  }
}

/**
 * A store like `@otpflow/server`'s memory store, on the test's clock, that gives the turn back on every call (as a
 * network store does), so concurrent calls interleave. It remembers the TTL each key was given.
 */
function testStore(clock: { now(): number }) {
  const entries = new Map<string, { value: string; count: number; expiresAt: number }>()
  const ttls = new Map<string, number>()
  const live = (key: string) => {
    const entry = entries.get(key)
    if (entry !== undefined && entry.expiresAt <= clock.now()) entries.delete(key)
    return entries.get(key)
  }
  const turn = () => new Promise<void>((resolve) => queueMicrotask(resolve))
  const store: SandboxStore & { entries: typeof entries; ttls: typeof ttls; calls: number } = {
    entries,
    ttls,
    calls: 0,
    async get(key) {
      store.calls += 1
      await turn()
      return live(key)?.value
    },
    async set(key, value, ttlSeconds) {
      store.calls += 1
      await turn()
      ttls.set(key, ttlSeconds)
      entries.set(key, { value, count: 0, expiresAt: clock.now() + ttlSeconds * 1000 })
    },
    async increment(key, windowSeconds) {
      store.calls += 1
      await turn()
      const entry = live(key)
      if (entry !== undefined) {
        entry.count += 1
        return { count: entry.count }
      }
      ttls.set(key, windowSeconds)
      entries.set(key, { value: '', count: 1, expiresAt: clock.now() + windowSeconds * 1000 })
      return { count: 1 }
    },
    async setIfAbsent(key, value, ttlSeconds) {
      store.calls += 1
      await turn()
      if (live(key) !== undefined) return false
      ttls.set(key, ttlSeconds)
      entries.set(key, { value, count: 0, expiresAt: clock.now() + ttlSeconds * 1000 })
      return true
    },
  }
  return store
}

/** The behaviour below holds for the sandbox in memory and for the sandbox on a shared store alike. */
const VARIANTS = [
  { name: 'in memory', onStore: false },
  { name: 'on a store', onStore: true },
] as const
let onStore = false

function setup(options: SandboxOptions = {}) {
  const clock = testClock()
  const sandbox = createSandbox({ clock, ...(onStore ? { store: testStore(clock) } : {}), ...options })
  return { sandbox, clock }
}

const forEachVariant = (title: string, body: () => void) =>
  describe.each(VARIANTS)(`createSandbox $name: ${title}`, (variant) => {
    beforeEach(() => {
      onStore = variant.onStore
    })
    afterEach(() => {
      onStore = false
    })
    body()
  })

async function send(sandbox: ReturnType<typeof createSandbox>, phoneNumber = PHONE) {
  const sent = await sandbox.createAuthentication({ phoneNumber })
  const code = sandbox.outbox.latest(phoneNumber)?.code
  return { sent, code: code ?? '' }
}

async function rejection(promise: Promise<unknown>): Promise<OtpError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  if (!isOtpError(error)) throw new Error(`expected an OtpError, got ${String(error)}`)
  return error
}

afterEach(() => {
  vi.useRealTimers()
})

forEachVariant('send', () => {
  it('answers pending with times from the clock, resend deadline and resends left, and puts a 6-digit code in the outbox', async () => {
    const { sandbox } = setup()
    const { sent, code } = await send(sandbox)
    expect(sent.status).toBe('pending')
    expect(sent.rawStatus).toBe('pending')
    expect(sent.authenticationUuid).toMatch(/^[0-9a-f-]{36}$/)
    expect(sent.createdAt).toEqual(new Date(START))
    expect(sent.expiresAt).toEqual(new Date(START + 600_000))
    expect(sent.nextRetryAt).toEqual(new Date(START + 30_000))
    expect(sent.remainingRetry).toBe(3)
    expect(sent.meta.receivedAt).toEqual(new Date(START))
    expect(code).toMatch(/^\d{6}$/)
    expect(sandbox.outbox.messages()).toEqual([
      { phoneNumber: PHONE, code, sentAt: new Date(START), authenticationUuid: sent.authenticationUuid, channel: 'sms' },
    ])
  })

  it('honours codeLength, ttlSeconds and the first resend delay', async () => {
    const { sandbox } = setup({ codeLength: 4, ttlSeconds: 60, resendDelays: [5] })
    const { sent, code } = await send(sandbox)
    expect(code).toMatch(/^\d{4}$/)
    expect(sent.expiresAt).toEqual(new Date(START + 60_000))
    expect(sent.nextRetryAt).toEqual(new Date(START + 5_000))
  })

  it('tells subscribers about every code until they unsubscribe', async () => {
    const { sandbox } = setup()
    const seen: SandboxMessage[] = []
    const unsubscribe = sandbox.outbox.subscribe((message) => seen.push(message))
    await send(sandbox, '+14155550001')
    unsubscribe()
    await send(sandbox, '+14155550002')
    expect(seen.map((message) => message.phoneNumber)).toEqual(['+14155550001'])
    expect(sandbox.outbox.latest()?.phoneNumber).toBe('+14155550002')
    expect(sandbox.outbox.latest('+14155550001')?.phoneNumber).toBe('+14155550001')
    expect(sandbox.outbox.latest('+14155550003')).toBeUndefined()
  })

  it('rejects a number that is not E.164 with a 400 invalid_phone_number', async () => {
    const { sandbox } = setup()
    const error = await rejection(sandbox.createAuthentication({ phoneNumber: '0612345678' }))
    expect(error.code).toBe('invalid_phone_number')
    expect(error.status).toBe(400)
    expect(sandbox.outbox.messages()).toEqual([])
  })

  it('uses generateCode when given', async () => {
    const { sandbox } = setup({ generateCode: () => '000111' })
    const { code } = await send(sandbox)
    expect(code).toBe('000111')
  })
})

describe('isSandboxTestNumber', () => {
  it('knows the test numbers, and no other number', () => {
    for (const phoneNumber of Object.values(SANDBOX_TEST_NUMBERS)) expect(isSandboxTestNumber(phoneNumber)).toBe(true)
    expect(isSandboxTestNumber('+12025550109')).toBe(false)
    expect(isSandboxTestNumber(PHONE)).toBe(false)
  })
})

forEachVariant('test numbers', () => {
  it('spamDetected answers spam_detected, sends nothing, and its flow can be neither checked nor resent', async () => {
    const { sandbox } = setup()
    const sent = await sandbox.createAuthentication({ phoneNumber: SANDBOX_TEST_NUMBERS.spamDetected })
    expect(sent.status).toBe('spam_detected')
    expect(sandbox.outbox.messages()).toEqual([])
    expect((await sandbox.check({ authenticationUuid: sent.authenticationUuid, checkCode: '123456' })).status).toBe(
      'without_attempt',
    )
    expect((await sandbox.retry({ authenticationUuid: sent.authenticationUuid })).status).toBe('no_attempt')
  })

  it('rateLimited answers rate_limited on send and sends nothing', async () => {
    const { sandbox } = setup()
    const sent = await sandbox.createAuthentication({ phoneNumber: SANDBOX_TEST_NUMBERS.rateLimited })
    expect(sent.status).toBe('rate_limited')
    expect(sent.remainingRetry).toBe(0)
    expect(sandbox.outbox.messages()).toEqual([])
  })

  it.each([
    [SANDBOX_TEST_NUMBERS.invalidPhoneNumber, 'invalid_phone_number', 400],
    [SANDBOX_TEST_NUMBERS.invalidLine, 'invalid_line', 400],
    [SANDBOX_TEST_NUMBERS.serverError, 'server_error', 500],
  ])('%s throws %s with HTTP %i', async (phoneNumber, code, status) => {
    const { sandbox } = setup()
    const error = await rejection(sandbox.createAuthentication({ phoneNumber }))
    expect(error.code).toBe(code)
    expect(error.status).toBe(status)
    expect(sandbox.size).toBe(0)
  })

  it('slow answers only after slowMs, then normally', async () => {
    vi.useFakeTimers()
    const { sandbox } = setup({ slowMs: 5000 })
    let settled = false
    const answer = sandbox.createAuthentication({ phoneNumber: SANDBOX_TEST_NUMBERS.slow }).then((result) => {
      settled = true
      return result
    })
    await vi.advanceTimersByTimeAsync(4999)
    expect(settled).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect((await answer).status).toBe('pending')
  })

  it('latencyMs delays every answer, and an abort rejects with aborted', async () => {
    vi.useFakeTimers()
    const { sandbox } = setup({ latencyMs: 300 })
    const controller = new AbortController()
    const pending = rejection(sandbox.createAuthentication({ phoneNumber: PHONE }, { signal: controller.signal }))
    await vi.advanceTimersByTimeAsync(100)
    controller.abort()
    expect((await pending).code).toBe('aborted')
    expect(sandbox.outbox.messages()).toEqual([])
  })
})

forEachVariant('channels', () => {
  it('sends by SMS unless asked otherwise, and says so with the channels on offer', async () => {
    const { sandbox } = setup()
    const sent = await sandbox.createAuthentication({ phoneNumber: PHONE })
    expect(sent.channel).toBe('sms')
    expect(sent.availableChannels).toEqual(['sms', 'whatsapp', 'voice'])
    expect(sandbox.channels).toEqual(['sms', 'whatsapp', 'voice'])
    const byWhatsApp = await sandbox.createAuthentication({ phoneNumber: '+447700900123', channel: 'whatsapp' })
    expect(byWhatsApp.channel).toBe('whatsapp')
    expect(sandbox.outbox.messages().map((message) => message.channel)).toEqual(['sms', 'whatsapp'])
  })

  it('switches a resend to another channel once the resend is open, and keeps that channel for the next one', async () => {
    const { sandbox, clock } = setup()
    const { sent } = await send(sandbox)
    clock.advance(30)
    const call = await sandbox.retry({ authenticationUuid: sent.authenticationUuid, channel: 'voice' })
    expect(call).toMatchObject({ status: 'approved', channel: 'voice', availableChannels: ['sms', 'whatsapp', 'voice'] })
    const spoken = sandbox.outbox.latest(PHONE)
    expect(spoken?.channel).toBe('voice')
    expect((await sandbox.check({ authenticationUuid: sent.authenticationUuid, checkCode: spoken?.code ?? '' })).status).toBe(
      'valid',
    )
    const { sent: again } = await send(sandbox)
    clock.advance(30)
    await sandbox.retry({ authenticationUuid: again.authenticationUuid, channel: 'whatsapp' })
    clock.advance(60)
    const plain = await sandbox.retry({ authenticationUuid: again.authenticationUuid })
    expect(plain).toMatchObject({ status: 'approved', channel: 'whatsapp' })
    expect(sandbox.outbox.latest(PHONE)?.channel).toBe('whatsapp')
  })

  it('denies a switch before the resend deadline, as any early resend, and sends nothing', async () => {
    const { sandbox, clock } = setup()
    const { sent } = await send(sandbox)
    clock.advance(10)
    const early = await sandbox.retry({ authenticationUuid: sent.authenticationUuid, channel: 'voice' })
    expect(early).toMatchObject({ status: 'denied', channel: 'sms', nextRetryAt: new Date(START + 30_000), remainingRetry: 3 })
    expect(sandbox.outbox.messages()).toHaveLength(1)
  })

  it('refuses a channel it does not offer with unsupported_channel naming the ones it does, before sending anything', async () => {
    const { sandbox, clock } = setup({ channels: ['sms', 'voice'] })
    const refused = await rejection(sandbox.createAuthentication({ phoneNumber: PHONE, channel: 'whatsapp' }))
    expect(refused).toMatchObject({ code: 'unsupported_channel', status: 400, field: 'channel' })
    expect(refused.message).toContain('offered: sms, voice')
    const { sent } = await send(sandbox)
    expect(sent.availableChannels).toEqual(['sms', 'voice'])
    clock.advance(30)
    const fax = await rejection(sandbox.retry({ authenticationUuid: sent.authenticationUuid, channel: 'fax' }))
    expect(fax.code).toBe('unsupported_channel')
    expect(sandbox.outbox.messages()).toHaveLength(1)
  })

  it('has test numbers that refuse WhatsApp or calls, and still take the other channels', async () => {
    const { sandbox, clock } = setup()
    const noWhatsApp = SANDBOX_TEST_NUMBERS.noWhatsApp
    expect((await rejection(sandbox.createAuthentication({ phoneNumber: noWhatsApp, channel: 'whatsapp' }))).code).toBe(
      'unsupported_channel',
    )
    const { sent } = await send(sandbox, SANDBOX_TEST_NUMBERS.noVoice)
    clock.advance(30)
    const refused = await rejection(sandbox.retry({ authenticationUuid: sent.authenticationUuid, channel: 'voice' }))
    expect(refused).toMatchObject({ code: 'unsupported_channel', status: 400 })
    expect(refused.message).toContain('offered: sms, whatsapp')
    // Nothing was spent: the same resend by WhatsApp goes through at once.
    const byWhatsApp = await sandbox.retry({ authenticationUuid: sent.authenticationUuid, channel: 'whatsapp' })
    expect(byWhatsApp).toMatchObject({ status: 'approved', channel: 'whatsapp', remainingRetry: 2 })
    expect(sandbox.outbox.messages().map((message) => message.channel)).toEqual(['sms', 'whatsapp'])
  })
})

forEachVariant('check', () => {
  it('answers valid for the right code, then already_validated', async () => {
    const { sandbox } = setup()
    const { sent, code } = await send(sandbox)
    const first = await sandbox.check({ authenticationUuid: sent.authenticationUuid, checkCode: code })
    expect(first).toMatchObject({ authenticationUuid: sent.authenticationUuid, status: 'valid', rawStatus: 'valid' })
    expect((await sandbox.check({ authenticationUuid: sent.authenticationUuid, checkCode: code })).status).toBe(
      'already_validated',
    )
  })

  it('answers invalid for each wrong code, then rate_limited once the attempts are used up, even for the right code', async () => {
    const { sandbox } = setup({ maxCheckAttempts: 3 })
    const { sent, code } = await send(sandbox)
    const wrong = code === '000000' ? '111111' : '000000'
    const statuses = []
    for (let attempt = 0; attempt < 3; attempt += 1) {
      statuses.push((await sandbox.check({ authenticationUuid: sent.authenticationUuid, checkCode: wrong })).status)
    }
    statuses.push((await sandbox.check({ authenticationUuid: sent.authenticationUuid, checkCode: code })).status)
    expect(statuses).toEqual(['invalid', 'invalid', 'invalid', 'rate_limited'])
  })

  it('says how many checks are left after each wrong code', async () => {
    const { sandbox } = setup({ maxCheckAttempts: 3 })
    const { sent, code } = await send(sandbox)
    const wrong = code === '000000' ? '111111' : '000000'
    const left = []
    for (let attempt = 0; attempt < 3; attempt += 1) {
      left.push((await sandbox.check({ authenticationUuid: sent.authenticationUuid, checkCode: wrong })).remainingAttempts)
    }
    expect(left).toEqual([2, 1, 0])
  })

  it('accepts the right code after a wrong one while attempts remain', async () => {
    const { sandbox } = setup()
    const { sent, code } = await send(sandbox)
    const wrong = code === '000000' ? '111111' : '000000'
    expect((await sandbox.check({ authenticationUuid: sent.authenticationUuid, checkCode: wrong })).status).toBe('invalid')
    expect((await sandbox.check({ authenticationUuid: sent.authenticationUuid, checkCode: code })).status).toBe('valid')
  })

  it('answers expired_auth from the expiry on, even for the right code', async () => {
    const { sandbox, clock } = setup({ ttlSeconds: 60 })
    const { sent, code } = await send(sandbox)
    clock.advance(59)
    clock.time += 999
    expect((await sandbox.check({ authenticationUuid: sent.authenticationUuid, checkCode: `${code}x` })).status).toBe('invalid')
    clock.time += 1
    expect((await sandbox.check({ authenticationUuid: sent.authenticationUuid, checkCode: code })).status).toBe('expired_auth')
  })

  it('throws invalid_auth_uuid for an unknown authentication', async () => {
    const { sandbox } = setup()
    const error = await rejection(sandbox.check({ authenticationUuid: 'nope', checkCode: '123456' }))
    expect(error.code).toBe('invalid_auth_uuid')
    expect(error.status).toBe(400)
  })
})

forEachVariant('retry', () => {
  it('denies a resend before next_retry_at and repeats the same deadline', async () => {
    const { sandbox, clock } = setup()
    const { sent } = await send(sandbox)
    clock.advance(29)
    const retry = await sandbox.retry({ authenticationUuid: sent.authenticationUuid })
    expect(retry).toMatchObject({ status: 'denied', nextRetryAt: sent.nextRetryAt, remainingRetry: 3 })
    expect(retry.createdAt).toBeUndefined()
    expect(sandbox.outbox.messages()).toHaveLength(1)
  })

  it('approves a resend at next_retry_at with a new code; the old code stops working and the next delay applies', async () => {
    const { sandbox, clock } = setup()
    const { sent, code: oldCode } = await send(sandbox)
    clock.advance(30)
    const retry = await sandbox.retry({ authenticationUuid: sent.authenticationUuid })
    expect(retry).toMatchObject({ status: 'approved', remainingRetry: 2 })
    expect(retry.createdAt).toEqual(new Date(START + 30_000))
    expect(retry.nextRetryAt).toEqual(new Date(START + 90_000))
    const newCode = sandbox.outbox.latest(PHONE)?.code ?? ''
    expect(sandbox.outbox.messages()).toHaveLength(2)
    if (newCode !== oldCode) {
      expect((await sandbox.check({ authenticationUuid: sent.authenticationUuid, checkCode: oldCode })).status).toBe('invalid')
    }
    expect((await sandbox.check({ authenticationUuid: sent.authenticationUuid, checkCode: newCode })).status).toBe('valid')
    expect((await sandbox.retry({ authenticationUuid: sent.authenticationUuid })).status).toBe('already_validated')
  })

  it('the old code fails after a resend even with a predictable generator', async () => {
    let counter = 0
    const { sandbox, clock } = setup({ generateCode: () => String(100000 + counter++) })
    const { sent, code: oldCode } = await send(sandbox)
    clock.advance(30)
    await sandbox.retry({ authenticationUuid: sent.authenticationUuid })
    expect((await sandbox.check({ authenticationUuid: sent.authenticationUuid, checkCode: oldCode })).status).toBe('invalid')
  })

  it('answers rate_limited once maxResends resends were approved', async () => {
    const { sandbox, clock } = setup({ maxResends: 2, resendDelays: [10, 20] })
    const { sent } = await send(sandbox)
    const statuses = []
    for (const delay of [10, 20, 20]) {
      clock.advance(delay)
      const retry = await sandbox.retry({ authenticationUuid: sent.authenticationUuid })
      statuses.push([retry.status, retry.remainingRetry])
    }
    expect(statuses).toEqual([
      ['approved', 1],
      ['approved', 0],
      ['rate_limited', 0],
    ])
  })

  it('answers expired_auth after expiry', async () => {
    const { sandbox, clock } = setup({ ttlSeconds: 60 })
    const { sent } = await send(sandbox)
    clock.advance(60)
    expect((await sandbox.retry({ authenticationUuid: sent.authenticationUuid })).status).toBe('expired_auth')
  })
})

describe('createSandbox in memory: memory', () => {
  it('clears the outbox, and reset forgets the authentications too', async () => {
    const { sandbox } = setup()
    const { sent, code } = await send(sandbox)
    sandbox.outbox.clear()
    expect(sandbox.outbox.messages()).toEqual([])
    sandbox.reset()
    expect(sandbox.size).toBe(0)
    const error = await rejection(sandbox.check({ authenticationUuid: sent.authenticationUuid, checkCode: code }))
    expect(error.code).toBe('invalid_auth_uuid')
  })

  it('purges expired authentications: 100 000 flows over time keep memory bounded', async () => {
    const { sandbox, clock } = setup({ ttlSeconds: 60, maxOutboxMessages: 50 })
    let largest = 0
    for (let index = 0; index < 100_000; index += 1) {
      await sandbox.createAuthentication({ phoneNumber: `+1415${String(index).padStart(7, '0')}` })
      // 1 000 new flows a minute: with a 60 s TTL kept one more TTL, about 2 000 can be alive at once.
      clock.time += 60
      largest = Math.max(largest, sandbox.size)
    }
    expect(largest).toBeLessThanOrEqual(2_001)
    expect(largest).toBeGreaterThan(1_000)
    expect(sandbox.outbox.messages()).toHaveLength(50)
  })

  it('caps live authentications at maxAuthentications, dropping the oldest', async () => {
    const { sandbox } = setup({ maxAuthentications: 100 })
    const first = await sandbox.createAuthentication({ phoneNumber: '+14155550000' })
    for (let index = 1; index < 1_000; index += 1)
      await sandbox.createAuthentication({ phoneNumber: `+1415555${String(index).padStart(4, '0')}` })
    expect(sandbox.size).toBe(100)
    expect((await rejection(sandbox.retry({ authenticationUuid: first.authenticationUuid }))).code).toBe('invalid_auth_uuid')
  })

  it('keeps capping after a reset, and after many times its bound', async () => {
    const { sandbox } = setup({ maxAuthentications: 10 })
    for (let index = 0; index < 50; index += 1)
      await sandbox.createAuthentication({ phoneNumber: `+1415555${String(index).padStart(4, '0')}` })
    sandbox.reset()
    expect(sandbox.size).toBe(0)
    const sent: string[] = []
    for (let index = 0; index < 5_000; index += 1)
      sent.push(
        (await sandbox.createAuthentication({ phoneNumber: `+1416${String(index).padStart(7, '0')}` })).authenticationUuid,
      )
    expect(sandbox.size).toBe(10)
    expect((await sandbox.retry({ authenticationUuid: sent.at(-1) as string })).status).toBe('denied')
    expect((await rejection(sandbox.retry({ authenticationUuid: sent.at(-11) as string }))).code).toBe('invalid_auth_uuid')
  })

  it('keeps an expired authentication for one more TTL so a late check still says expired_auth', async () => {
    const { sandbox, clock } = setup({ ttlSeconds: 60 })
    const { sent, code } = await send(sandbox)
    clock.advance(119)
    await send(sandbox, '+14155550009')
    expect((await sandbox.check({ authenticationUuid: sent.authenticationUuid, checkCode: code })).status).toBe('expired_auth')
    clock.advance(1)
    await send(sandbox, '+14155550010')
    expect((await rejection(sandbox.check({ authenticationUuid: sent.authenticationUuid, checkCode: code }))).code).toBe(
      'invalid_auth_uuid',
    )
  })
})

describe('createSandbox on a store shared by several processes', () => {
  /** Two sandboxes on one store, as two endpoint processes on one Redis. */
  function pair(options: SandboxOptions = {}) {
    const clock = testClock()
    const store = testStore(clock)
    return {
      clock,
      store,
      first: createSandbox({ clock, store, ...options }),
      second: createSandbox({ clock, store, ...options }),
    }
  }

  it('checks on one sandbox the code another sent, and resends it from a third', async () => {
    const { first, second, clock, store } = pair()
    const sent = await first.createAuthentication({ phoneNumber: PHONE })
    const code = first.outbox.latest(PHONE)?.code ?? ''
    const wrong = code === '000000' ? '111111' : '000000'
    expect(await second.check({ authenticationUuid: sent.authenticationUuid, checkCode: wrong })).toMatchObject({
      status: 'invalid',
      remainingAttempts: 4,
    })
    clock.advance(30)
    const third = createSandbox({ clock, store })
    expect((await third.retry({ authenticationUuid: sent.authenticationUuid })).status).toBe('approved')
    const resent = third.outbox.latest(PHONE)?.code ?? ''
    // The first sandbox's memory never saw the resend, and needs not: the new code is in the store.
    expect(first.outbox.messages()).toHaveLength(1)
    expect((await first.check({ authenticationUuid: sent.authenticationUuid, checkCode: resent })).status).toBe('valid')
    expect((await second.check({ authenticationUuid: sent.authenticationUuid, checkCode: resent })).status).toBe(
      'already_validated',
    )
  })

  it('spends one attempt per check when 15 wrong codes arrive at once on two sandboxes', async () => {
    const { first, second } = pair({ maxCheckAttempts: 5, generateCode: () => '123456' })
    const sent = await first.createAuthentication({ phoneNumber: PHONE })
    const answers = await Promise.all(
      Array.from({ length: 15 }, (_, index) =>
        (index % 2 === 0 ? first : second).check({ authenticationUuid: sent.authenticationUuid, checkCode: '000000' }),
      ),
    )
    const statuses = answers.map((answer) => answer.status)
    expect(statuses.filter((status) => status === 'invalid')).toHaveLength(5)
    expect(statuses.filter((status) => status === 'rate_limited')).toHaveLength(10)
    expect(
      answers
        .flatMap((answer) => (answer.remainingAttempts === undefined ? [] : [answer.remainingAttempts]))
        .sort((a, b) => a - b),
    ).toEqual([0, 1, 2, 3, 4])
    expect((await second.check({ authenticationUuid: sent.authenticationUuid, checkCode: '123456' })).status).toBe('rate_limited')
  })

  it('answers valid to one of two right codes checked at once, already_validated to the other', async () => {
    const { first, second } = pair({ generateCode: () => '123456' })
    const sent = await first.createAuthentication({ phoneNumber: PHONE })
    const statuses = await Promise.all(
      [first, second].map(
        async (sandbox) => (await sandbox.check({ authenticationUuid: sent.authenticationUuid, checkCode: '123456' })).status,
      ),
    )
    expect(statuses.sort()).toEqual(['already_validated', 'valid'])
  })

  it('sends one code when two sandboxes resend the same authentication at once', async () => {
    const { first, second, clock } = pair()
    const sent = await first.createAuthentication({ phoneNumber: PHONE })
    clock.advance(30)
    const answers = await Promise.all(
      [first, second].map((sandbox) => sandbox.retry({ authenticationUuid: sent.authenticationUuid })),
    )
    expect(answers.map((answer) => answer.status).sort()).toEqual(['approved', 'denied'])
    expect(answers.map((answer) => answer.remainingRetry)).toEqual([2, 2])
    expect(await second.readOutbox(PHONE)).toHaveLength(2)
  })

  it('lists on any sandbox the codes every sandbox sent to a number, oldest first, the newest 10 of them', async () => {
    const { first, second, clock } = pair({ resendDelays: [1] })
    const sent = await first.createAuthentication({ phoneNumber: PHONE })
    await second.createAuthentication({ phoneNumber: '+14155550002' })
    clock.advance(1)
    await second.retry({ authenticationUuid: sent.authenticationUuid, channel: 'voice' })
    const listed = await first.readOutbox(PHONE)
    expect(listed).toEqual([
      {
        phoneNumber: PHONE,
        code: first.outbox.latest(PHONE)?.code,
        sentAt: new Date(START),
        authenticationUuid: sent.authenticationUuid,
        channel: 'sms',
      },
      {
        phoneNumber: PHONE,
        code: second.outbox.latest(PHONE)?.code,
        sentAt: new Date(START + 1000),
        authenticationUuid: sent.authenticationUuid,
        channel: 'voice',
      },
    ])
    // Without a number: what this process sent.
    expect((await second.readOutbox()).map((message) => message.phoneNumber)).toEqual(['+14155550002', PHONE])

    const codes: string[] = []
    for (let index = 0; index < 12; index += 1) {
      await (index % 2 === 0 ? first : second).createAuthentication({ phoneNumber: '+14155550003' })
      codes.push((index % 2 === 0 ? first : second).outbox.latest('+14155550003')?.code ?? '')
      clock.advance(1)
    }
    expect((await second.readOutbox('+14155550003')).map((message) => message.code)).toEqual(codes.slice(2))
  })

  it('gives every key it writes an expiry: the code lifetime, then one more for expired_auth, twice it for the outbox', async () => {
    const { first, second, clock, store } = pair({ ttlSeconds: 60 })
    const sent = await first.createAuthentication({ phoneNumber: PHONE })
    const code = first.outbox.latest(PHONE)?.code ?? ''
    await second.check({ authenticationUuid: sent.authenticationUuid, checkCode: code === '000000' ? '111111' : '000000' })
    clock.advance(30)
    await second.retry({ authenticationUuid: sent.authenticationUuid })
    await first.check({ authenticationUuid: sent.authenticationUuid, checkCode: second.outbox.latest(PHONE)?.code ?? '' })
    expect(store.entries.size).toBeGreaterThanOrEqual(6)
    for (const key of store.entries.keys()) {
      expect(store.ttls.get(key), key).toBeGreaterThan(0)
      expect(store.ttls.get(key), key).toBeLessThanOrEqual(120)
    }
    clock.advance(89)
    expect((await first.check({ authenticationUuid: sent.authenticationUuid, checkCode: '123456' })).status).toBe(
      'already_validated',
    )
    clock.advance(1)
    expect((await rejection(second.check({ authenticationUuid: sent.authenticationUuid, checkCode: '123456' }))).code).toBe(
      'invalid_auth_uuid',
    )
    // The resend's message, sent 30 s in, is the last key to go.
    clock.advance(29)
    expect([...store.entries.values()].filter((entry) => entry.expiresAt > clock.now())).toHaveLength(1)
    clock.advance(1)
    expect([...store.entries.values()].filter((entry) => entry.expiresAt > clock.now())).toEqual([])
  })

  it('passes a store failure on and puts nothing in the outbox', async () => {
    const clock = testClock()
    const down = new Error('the store is down')
    const store = testStore(clock)
    const sandbox = createSandbox({ clock, store: { ...store, increment: () => Promise.reject(down) } })
    await expect(sandbox.createAuthentication({ phoneNumber: PHONE })).rejects.toBe(down)
    expect(sandbox.outbox.messages()).toEqual([])
    expect(await sandbox.withStore(store).readOutbox(PHONE)).toEqual([])
  })

  it('is one view per store: withStore gives the same sandbox for the same store, with the same outbox', async () => {
    const clock = testClock()
    const store = testStore(clock)
    const sandbox = createSandbox({ clock })
    const view = sandbox.withStore(store)
    expect(sandbox.withStore(store)).toBe(view)
    expect(view.withStore(store)).toBe(view)
    const seen: SandboxMessage[] = []
    sandbox.outbox.subscribe((message) => seen.push(message))
    await view.createAuthentication({ phoneNumber: PHONE })
    expect(seen).toHaveLength(1)
    expect(sandbox.size).toBe(0)
    expect(store.entries.size).toBeGreaterThan(0)
  })

  it('refuses an authentication UUID that is not a UUID without asking the store', async () => {
    const { first, store } = pair()
    const before = store.calls
    expect((await rejection(first.check({ authenticationUuid: 'sandbox:outbox:+14155552671', checkCode: '1' }))).code).toBe(
      'invalid_auth_uuid',
    )
    expect(store.calls).toBe(before)
  })
})
