import { type ChildProcess, spawn } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

// `pnpm --filter demo start` in miniature: the bundled server, one Node process, serving the client and the endpoint.
let server: ChildProcess
let url: string
const output: string[] = []

beforeAll(async () => {
  // No provider variables: the sandbox serves, as on a fresh machine.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(DING|PRELUDE|TWILIO|OTP)_/.test(name)))
  server = spawn(process.execPath, [inject('serverEntry')], { env: { ...env, PORT: '0', HOST: '127.0.0.1' } })
  url = await new Promise<string>((resolve, reject) => {
    server.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      output.push(chunk)
      const port = /http:\/\/localhost:(\d+)/.exec(output.join(''))?.[1]
      if (port) resolve(`http://127.0.0.1:${port}`)
    })
    server.once('exit', (code) => reject(new Error(`the server exited (${code}): ${output.join('')}`)))
  })
})
afterAll(() => {
  server.kill()
})

describe('the production server', () => {
  it('serves every page as the built document, with its assets', async () => {
    for (const path of ['/', '/custom', '/custom?locale=ar']) {
      const response = await fetch(`${url}${path}`)
      expect(response.status).toBe(200)
      expect(await response.text()).toContain('<div id="root"></div>')
    }
    const html = await (await fetch(url)).text()
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1]
    expect((await fetch(`${url}${script}`)).headers.get('content-type')).toMatch(/javascript/)
  })

  it('runs the endpoint on the sandbox, says so loudly, and prints the code it sends', async () => {
    expect(await (await fetch(`${url}/api/config`)).json()).toEqual({ sandbox: true, provider: 'sandbox' })
    const response = await fetch(`${url}/api/otp/authentication`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({ phone_number: '+447700900123' }),
    })
    expect(response.status).toBe(200)
    const outbox = (await (await fetch(`${url}/api/otp/sandbox/outbox?phone_number=%2B447700900123`)).json()) as {
      messages: { code: string }[]
    }
    const code = outbox.messages[0]?.code
    await expect.poll(() => output.join('')).toContain(`[otpflow sandbox] code ${code} for +44•••••0123`)
    expect(output.join('')).toContain('SANDBOX: no SMS is sent')
  })

  it('answers unknown API paths with a JSON 404 instead of the page', async () => {
    const response = await fetch(`${url}/api/nothing-here`)
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({ code: 'not_found' })
  })
})
