import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createEndpointClient } from '@otpflow/core'
import { SANDBOX_TEST_NUMBERS, type SandboxOptions } from '@otpflow/core/sandbox'
import { createOtpHandler, type SandboxProvider, sandboxProvider } from '@otpflow/server'
import { act, renderHook, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { OtpFlowProvider } from './otp-flow-provider'
import { useOtpFlow } from './use-otp-flow'

const PHONE = '+447400123456'
// Bytes made in this realm: jsdom's TextEncoder answers arrays of another realm, which the endpoint would not take.
const SECRET = new Uint8Array(Buffer.from('hook-channels-test-secret-of-32-bytes!'))

let server: Server | undefined
let requests: string[] = []

/** The real endpoint on the sandbox, served on 127.0.0.1: the hook talks to it through the browser's client. */
async function startEndpoint(options: SandboxOptions = {}) {
  const provider: SandboxProvider = sandboxProvider(options)
  const handler = createOtpHandler({ provider, secret: SECRET, logger: false })
  server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = []
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
    incoming.on('end', async () => {
      const body = Buffer.concat(chunks)
      requests.push(`${incoming.url} ${body.toString()}`)
      const request = new Request(`http://127.0.0.1${incoming.url}`, {
        method: incoming.method,
        headers: { 'content-type': String(incoming.headers['content-type'] ?? '') },
        ...(incoming.method === 'POST' ? { body } : {}),
      })
      const response = await handler(request, { ip: '127.0.0.1' })
      outgoing.writeHead(response.status, Object.fromEntries(response.headers))
      outgoing.end(Buffer.from(await response.arrayBuffer()))
    })
  })
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const client = createEndpointClient({ baseUrl: `http://127.0.0.1:${port}/api/otp` })
  const wrapper = ({ children }: { children: ReactNode }) => <OtpFlowProvider client={client}>{children}</OtpFlowProvider>
  const hook = renderHook(() => useOtpFlow({ persist: false }), { wrapper })
  return { provider, ...hook }
}

const retries = () => requests.filter((line) => line.startsWith('/api/otp/retry'))

beforeEach(() => {
  requests = []
})

afterEach(async () => {
  await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())))
  server = undefined
  vi.restoreAllMocks()
})

describe('useOtpFlow: channels, against the endpoint on loopback', () => {
  it('sends the first code by a call with send(number, { channel })', async () => {
    const { result, provider } = await startEndpoint()
    act(() => result.current.send(PHONE, { channel: 'voice' }))
    await waitFor(() => expect(result.current.status).toBe('awaitingCode'))
    expect(result.current).toMatchObject({ channel: 'voice' })
    expect(requests[0]).toContain('"channel":"voice"')
    expect(provider.sandbox.outbox.messages().at(-1)).toMatchObject({ phoneNumber: PHONE, channel: 'voice' })
  })

  it('says the channel in use and the channels on offer, and switches to a call with resend({ channel })', async () => {
    const { result, provider } = await startEndpoint({ resendDelays: [0] })
    act(() => result.current.send(PHONE))
    await waitFor(() => expect(result.current.status).toBe('awaitingCode'))
    expect(result.current).toMatchObject({ channel: 'sms', availableChannels: ['sms', 'whatsapp', 'voice'] })

    act(() => result.current.resend({ channel: 'voice' }))
    expect(result.current).toMatchObject({ status: 'sending', reason: 'resend' })
    await waitFor(() => expect(result.current.status).toBe('awaitingCode'))
    expect(result.current).toMatchObject({ channel: 'voice', error: undefined })
    expect(retries()).toHaveLength(1)
    expect(retries()[0]).toContain('"channel":"voice"')

    const spoken = provider.sandbox.outbox.latest(PHONE)
    expect(spoken?.channel).toBe('voice')
    act(() => result.current.checkCode(spoken?.code ?? ''))
    await waitFor(() => expect(result.current.status).toBe('verified'))
  })

  it('resends on the channel in use afterwards, without naming it', async () => {
    const { result, provider } = await startEndpoint({ resendDelays: [0] })
    act(() => result.current.send(PHONE))
    await waitFor(() => expect(result.current.status).toBe('awaitingCode'))
    act(() => result.current.resend({ channel: 'whatsapp' }))
    await waitFor(() => expect(result.current).toMatchObject({ status: 'awaitingCode', channel: 'whatsapp' }))
    act(() => result.current.resend())
    await waitFor(() => expect(retries()).toHaveLength(2))
    await waitFor(() => expect(result.current.status).toBe('awaitingCode'))
    expect(retries()[1]).not.toContain('channel')
    expect(provider.sandbox.outbox.messages().map((message) => message.channel)).toEqual(['sms', 'whatsapp', 'whatsapp'])
  })

  it('asks nothing of the endpoint for a switch before the resend deadline, or to a channel not on offer', async () => {
    const { result } = await startEndpoint()
    act(() => result.current.send(PHONE))
    await waitFor(() => expect(result.current.status).toBe('awaitingCode'))
    const before = result.current
    act(() => result.current.resend({ channel: 'voice' }))
    act(() => result.current.resend({ channel: 'fax' }))
    expect(result.current.status).toBe('awaitingCode')
    expect(result.current.resendAvailableAt).toEqual(before.resendAvailableAt)
    expect(retries()).toEqual([])
  })

  it('keeps the code and drops the channel the endpoint refused, saying why', async () => {
    const { result, provider } = await startEndpoint({ resendDelays: [0] })
    act(() => result.current.send(SANDBOX_TEST_NUMBERS.noVoice))
    await waitFor(() => expect(result.current.status).toBe('awaitingCode'))
    act(() => result.current.resend({ channel: 'voice' }))
    await waitFor(() => expect(result.current.error?.code).toBe('unsupported_channel'))
    expect(result.current).toMatchObject({ status: 'awaitingCode', channel: 'sms', availableChannels: ['sms', 'whatsapp'] })
    const code = provider.sandbox.outbox.latest(SANDBOX_TEST_NUMBERS.noVoice)?.code ?? ''
    act(() => result.current.checkCode(code))
    await waitFor(() => expect(result.current.status).toBe('verified'))
  })

  it('resends on the channel in use when bound straight to a button, whose click event names no channel', async () => {
    const { result } = await startEndpoint({ resendDelays: [0] })
    act(() => result.current.send(PHONE))
    await waitFor(() => expect(result.current.status).toBe('awaitingCode'))
    const click = new MouseEvent('click')
    const onClick: (event: MouseEvent) => void = result.current.resend
    act(() => onClick(click))
    await waitFor(() => expect(retries()).toHaveLength(1))
    expect(retries()[0]).not.toContain('channel')
  })
})
