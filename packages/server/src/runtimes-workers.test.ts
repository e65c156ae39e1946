import { Miniflare } from 'miniflare'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { bundleWorker, type WorkerModule } from './testing/workers/bundle'
import { verifyPhoneToken } from './tokens'

const SECRET = 'workers-test-secret-that-is-at-least-32-bytes'
const PHONE = '+447700900123'
// Within the range of dates this miniflare's workerd supports.
const COMPATIBILITY_DATE = '2026-07-01'

let modules: WorkerModule[]
const running: Miniflare[] = []

beforeAll(async () => {
  modules = await bundleWorker()
}, 60_000)

afterEach(async () => {
  for (const worker of running.splice(0)) await worker.dispose()
})

/** The bundled Worker in workerd, served on a free loopback port, with the endpoint's environment as bindings. */
async function startWorker(compatibilityFlags: string[]): Promise<URL> {
  const worker = new Miniflare({
    modules,
    compatibilityDate: COMPATIBILITY_DATE,
    compatibilityFlags,
    bindings: { OTP_PROVIDER: 'sandbox', OTP_SECRET: SECRET },
    host: '127.0.0.1',
    port: 0,
  })
  try {
    const url = await worker.ready
    running.push(worker)
    return url
  } catch (error) {
    // A runtime that failed to start has nothing to stop; disposing it rethrows the same failure.
    await worker.dispose().catch(() => undefined)
    throw error
  }
}

const post = (origin: URL, route: string, body: string) =>
  fetch(new URL(`/api/otp/${route}`, origin), { method: 'POST', headers: { 'content-type': 'application/json' }, body })

describe('the endpoint on Cloudflare Workers (workerd, through miniflare) on loopback', () => {
  it('with nodejs_compat, sends and checks a code; the proof it signs verifies in Node', async () => {
    const origin = await startWorker(['nodejs_compat'])

    const sent = await post(origin, 'authentication', JSON.stringify({ phone_number: PHONE }))
    expect(sent.status).toBe(200)
    const { authentication_uuid, flow_token } = (await sent.json()) as { authentication_uuid: string; flow_token: string }
    const outbox = await fetch(new URL(`/api/otp/sandbox/outbox?phone_number=${encodeURIComponent(PHONE)}`, origin))
    const { messages } = (await outbox.json()) as { messages: { code: string }[] }
    const code = messages[0]?.code ?? ''
    const wrong = await post(
      origin,
      'check',
      JSON.stringify({ authentication_uuid, flow_token, check_code: code === '000000' ? '111111' : '000000' }),
    )
    expect(await wrong.json()).toMatchObject({ status: 'invalid' })
    const checked = await post(origin, 'check', JSON.stringify({ authentication_uuid, flow_token, check_code: code }))
    const answer = (await checked.json()) as { status: string; verification_token: string }
    expect(answer.status).toBe('valid')
    const verified = await verifyPhoneToken(answer.verification_token, { secret: SECRET, allowSandbox: true })
    expect(verified).toMatchObject({ phoneNumber: PHONE, provider: 'sandbox' })
  })

  it('with nodejs_compat, answers bad input with a typed 4xx', async () => {
    const origin = await startWorker(['nodejs_compat'])

    const malformed = await post(origin, 'authentication', '{"phone_number": ')
    expect(malformed.status).toBe(400)
    expect(await malformed.json()).toMatchObject({ code: 'invalid_request' })
    const forged = await post(
      origin,
      'check',
      JSON.stringify({ authentication_uuid: crypto.randomUUID(), flow_token: 'x.y.z', check_code: '123456' }),
    )
    expect(forged.status).toBe(401)
    expect(await forged.json()).toMatchObject({ code: 'invalid_flow_token' })
  })

  it('without nodejs_compat, refuses to start and names the missing module', async () => {
    const failure = await startWorker([]).then(
      () => undefined,
      (error: unknown) => error,
    )
    expect(failure).toBeInstanceOf(Error)
    // workerd's own words: a Node built-in the Worker imports is not there without the flag.
    expect(String((failure as Error).message)).toMatch(/No such module "node:[a-z]+"/)
  })
})
