// A process under load for the Redis part of `pnpm bench server`: the endpoint with its limits on Redis, and, when
// asked, beside it the same endpoint on the memory store and a bare Hono route, each on its own port of 127.0.0.1.
//   env: BENCH_REDIS_URL (the bench's redis-server), BENCH_SERVE (comma-separated: bare, memory, redis)
//   fd 3: one JSON line (RedisTargetInfo) once every target listens. stdout (the handlers' request log): /dev/null.
import { writeSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createMemoryStore, createOtpHandler, type OtpHandler, type Store, sandboxProvider } from '@otpflow/server'
import { createRedisStore } from '@otpflow/server/redis'
import { Hono } from 'hono'
import { BASE_PATH, benchPhoneNumber, type CheckFlow } from './server-shared.ts'

/** One endpoint under load, or why it could not start. */
export type HandlerTarget = { origin: string; checkFlows: CheckFlow[] } | { error: string }

export interface RedisTargetInfo {
  bareOrigin?: string
  memory?: HandlerTarget
  redis?: HandlerTarget
}

const CHECK_FLOWS = 500

const listen = (
  fetch: (request: Request, env: { incoming?: { socket?: { remoteAddress?: string } } }) => Response | Promise<Response>,
) =>
  new Promise<string>((resolve) => {
    serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve(`http://127.0.0.1:${info.port}`))
  })

/** The handler as the rest of the bench builds it (sandbox, limits raised); only the store differs. */
function benchHandler(store: Store): OtpHandler {
  return createOtpHandler({
    provider: sandboxProvider({ generateCode: () => '123456', maxCheckAttempts: 1_000_000_000, maxResends: 1_000_000 }),
    secret: 'bench-secret-bench-secret-bench-secret-0123456789',
    basePath: BASE_PATH,
    // Raised so that the run measures the work of counting, not refusals: every counter is still written.
    limits: {
      sendsPerPhoneNumber: [{ max: 1_000_000_000, windowSeconds: 600 }],
      sendsPerIp: [{ max: 1_000_000_000, windowSeconds: 3_600 }],
      checksPerAuthentication: { max: 1_000_000_000, windowSeconds: 3_600 },
      sendsPerPhoneNumberPerIp: [],
      failedChecksPerPhoneNumber: { max: 1_000_000_000, windowSeconds: 86_400 },
    },
    // Counting, never holding: the run pays for the conversion guard's store calls on every send and check, while
    // its new numbers with no code entered would otherwise be held after ten sends to a block.
    conversionGuard: {
      block: { minSends: 1_000_000_000, minVerifiedRatio: 0 },
      country: { minSends: 1_000_000_000, minVerifiedRatio: 0 },
    },
    store,
  })
}

const call = (handler: OtpHandler, path: string, body: unknown) =>
  handler(
    new Request(`http://127.0.0.1${BASE_PATH}/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
    { ip: '127.0.0.1' },
  )

let firstSend: unknown
let firstCheck: unknown

/** Creates the flows the check load rotates over (each checked with a wrong code: the same path every time), then listens. */
async function start(store: Store): Promise<HandlerTarget> {
  try {
    const handler = benchHandler(store)
    const checkFlows: CheckFlow[] = []
    for (let index = 0; index < CHECK_FLOWS; index += 1) {
      const response = await call(handler, 'authentication', { phone_number: benchPhoneNumber(90_000 + index) })
      const body = (await response.json()) as { authentication_uuid?: string; flow_token?: string }
      if (!response.ok || !body.authentication_uuid || !body.flow_token)
        throw new Error(`send answered ${response.status} ${JSON.stringify(body)}`)
      firstSend ??= body
      checkFlows.push({ authentication_uuid: body.authentication_uuid, flow_token: body.flow_token, check_code: '000000' })
    }
    const checked = await call(handler, 'check', checkFlows[0])
    if (!checked.ok) throw new Error(`check answered ${checked.status} ${await checked.text()}`)
    firstCheck ??= await checked.json()
    const origin = await listen((request, env) => {
      const ip = env.incoming?.socket?.remoteAddress
      return handler(request, ip === undefined ? {} : { ip })
    })
    return { origin, checkFlows }
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) }
  }
}

async function main() {
  const serve = new Set((process.env.BENCH_SERVE ?? 'bare,memory,redis').split(',').map((name) => name.trim()))
  const info: RedisTargetInfo = {}
  if (serve.has('memory')) info.memory = await start(createMemoryStore({ maxKeys: 10_000_000 }))
  if (serve.has('redis')) {
    const url = process.env.BENCH_REDIS_URL
    info.redis = url ? await start(createRedisStore({ url }, { prefix: 'bench:' })) : { error: 'BENCH_REDIS_URL is not set' }
  }
  if (serve.has('bare')) {
    // The floor: the same JSON from a Hono route that only parses the body, with nothing behind it.
    const sendJson = firstSend ?? { authentication_uuid: 'x', status: 'pending' }
    const checkJson = firstCheck ?? { authentication_uuid: 'x', status: 'invalid' }
    const app = new Hono()
    app.post(`${BASE_PATH}/authentication`, async (c) => {
      await c.req.json()
      return c.json(sendJson)
    })
    app.post(`${BASE_PATH}/check`, async (c) => {
      await c.req.json()
      return c.json(checkJson)
    })
    info.bareOrigin = await listen((request) => app.fetch(request))
  }
  writeSync(3, `${JSON.stringify(info)}\n`)
}

await main()
