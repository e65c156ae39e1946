import { type ChildProcess, spawn } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

// The built server's edges a newcomer meets: a stale asset link, and a half-set provider at startup.
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(DING|PRELUDE|TWILIO|OTP)_/.test(name)))

function start(env: Record<string, string>): { child: ChildProcess; done: Promise<{ code: number | null; out: string }> } {
  const child = spawn(process.execPath, [inject('serverEntry')], {
    env: { ...cleanEnv, PORT: '0', HOST: '127.0.0.1', ...env },
  })
  let out = ''
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk
  })
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk
  })
  const done = new Promise<{ code: number | null; out: string }>((resolve) => {
    child.once('exit', (code) => resolve({ code, out }))
  })
  return { child, done }
}

let server: ChildProcess
let url: string

beforeAll(async () => {
  const started = start({})
  server = started.child
  url = await new Promise<string>((resolve, reject) => {
    let seen = ''
    server.stdout?.on('data', (chunk: string) => {
      seen += chunk
      const port = /http:\/\/localhost:(\d+)/.exec(seen)?.[1]
      if (port) resolve(`http://127.0.0.1:${port}`)
    })
    started.done.then(({ code, out }) => reject(new Error(`the server exited (${code}): ${out}`)))
  })
})
afterAll(() => {
  server.kill()
})

describe('the production server at its edges', () => {
  it('answers a missing asset with 404 instead of the page, and still serves pages by path', async () => {
    const missing = await fetch(`${url}/assets/index-0ld.js`)
    expect(missing.status).toBe(404)
    expect(missing.headers.get('content-type') ?? '').not.toMatch(/html/)

    const page = await fetch(`${url}/custom/deeper`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<div id="root"></div>')
  })

  it('refuses to start with only DING_API_KEY, naming DING_CUSTOMER_UUID in one line without a stack trace', async () => {
    const { code, out } = await start({ DING_API_KEY: 'key-without-uuid' }).done
    expect(code).toBe(1)
    expect(out).toContain('DING_CUSTOMER_UUID is missing')
    expect(out).not.toMatch(/\n\s+at /)
  })
})
