// The process under load: our handler and a bare Hono route on 127.0.0.1, in a process of their own so the load
// generator does not share their event loop. Writes one JSON line (ServerTargetInfo) on file descriptor 3 when ready
// and runs until killed. Its stdout is /dev/null: the handler's default logger writes its request lines there. On the
// IPC channel it answers `cpu` with its CPU time so far.
import { writeSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { BASE_PATH, benchPhoneNumber, type CheckFlow, type ServerTargetInfo } from './server-shared.ts'

const listen = (fetch: Parameters<typeof serve>[0]['fetch']) =>
  new Promise<string>((resolve) => {
    serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve(`http://127.0.0.1:${info.port}`))
  })

const CHECK_FLOWS = 500

async function startHandler(): Promise<
  Pick<ServerTargetInfo, 'handlerOrigin' | 'checkFlows' | 'sendResponse' | 'checkResponse'>
> {
  const { createMemoryStore, createOtpHandler, sandboxProvider, toNodeHandler } = await import('@otpflow/server')
  const handler = createOtpHandler({
    provider: sandboxProvider({
      generateCode: () => '123456',
      maxCheckAttempts: 1_000_000_000,
      maxResends: 1_000_000,
    }),
    secret: 'bench-secret-bench-secret-bench-secret-0123456789',
    basePath: BASE_PATH,
    // Raised so that the run measures the handler's work, not its refusals.
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
    // A new number on every send leaves live counters the memory store keeps until they expire (it forgets no live
    // limit): room for every counter of a run, so the run measures sends rather than the full store's 503s.
    store: createMemoryStore({ maxKeys: 10_000_000 }),
    // No `logger`: the default one writes a JSON line per request (batched per event-loop turn) to stdout, which the
    // bench points at /dev/null, so the run pays for every line without measuring a terminal.
  })
  const call = (path: string, body: unknown) =>
    handler(
      new Request(`http://127.0.0.1${BASE_PATH}/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
      { ip: '127.0.0.1' },
    )

  const checkFlows: CheckFlow[] = []
  let sendResponse: unknown
  for (let index = 0; index < CHECK_FLOWS; index += 1) {
    const response = await call('authentication', { phone_number: benchPhoneNumber(90_000 + index) })
    const body = (await response.json()) as { authentication_uuid?: string; flow_token?: string }
    if (!response.ok || !body.authentication_uuid || !body.flow_token)
      throw new Error(`send answered ${response.status} ${JSON.stringify(body)}`)
    sendResponse = body
    // Every code is 123456, so 000000 is always wrong: each check takes the same path and the flow never ends.
    checkFlows.push({ authentication_uuid: body.authentication_uuid, flow_token: body.flow_token, check_code: '000000' })
  }
  const first = checkFlows[0] as CheckFlow
  const checked = await call('check', first)
  if (!checked.ok) throw new Error(`check answered ${checked.status} ${await checked.text()}`)
  const checkResponse = await checked.json()

  const handlerOrigin = await listen(toNodeHandler(handler))
  return { handlerOrigin, checkFlows, sendResponse, checkResponse }
}

async function main() {
  let info: Omit<ServerTargetInfo, 'bareOrigin'> = { checkFlows: [] }
  try {
    info = await startHandler()
  } catch (error) {
    info = { checkFlows: [], handlerError: error instanceof Error ? error.message : String(error) }
  }
  // The floor: the same JSON from a Hono route that only parses the body, with nothing behind it.
  const sendJson = info.sendResponse ?? { authentication_uuid: 'x', status: 'pending' }
  const checkJson = info.checkResponse ?? { authentication_uuid: 'x', status: 'invalid' }
  const app = new Hono()
  app.post(`${BASE_PATH}/authentication`, async (c) => {
    await c.req.json()
    return c.json(sendJson)
  })
  app.post(`${BASE_PATH}/check`, async (c) => {
    await c.req.json()
    return c.json(checkJson)
  })
  const bareOrigin = await listen((request) => app.fetch(request))
  // The parent asks for this process's CPU time around each round: the time it spent per request answered.
  process.on('message', (message) => {
    if (message === 'cpu') {
      const { user, system } = process.cpuUsage()
      process.send?.({ cpuMicros: user + system })
    }
  })
  writeSync(3, `${JSON.stringify({ ...info, bareOrigin } satisfies ServerTargetInfo)}\n`)
}

await main()
