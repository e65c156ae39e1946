import { describe, expect, it } from 'vitest'
import { createOtpHandler, type OtpHandler } from '../handler'
import { sandboxProvider } from '../providers/sandbox'

/**
 * An endpoint restarted on the memory store (or instances that share no store) no longer knows an authentication its
 * flow token still vouches for: the code cannot succeed, and the user hears it expired, never that the service failed.
 */
const SECRET = 'lost-authentication-secret-of-at-least-32-bytes'
const post = (endpoint: OtpHandler, path: string, body: unknown) =>
  endpoint(
    new Request(`http://127.0.0.1/api/otp/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
    { ip: '198.51.100.7' },
  )

describe('an authentication the endpoint no longer knows', () => {
  const before = createOtpHandler({ provider: sandboxProvider(), secret: SECRET, logger: false })
  const after = createOtpHandler({ provider: sandboxProvider(), secret: SECRET, logger: false })

  it('answers a check and a resend with expired_auth, not a provider failure', async () => {
    const sent = await (await post(before, 'authentication', { phone_number: '+447700900123' })).json()
    const ids = { authentication_uuid: sent.authentication_uuid, flow_token: sent.flow_token }

    const checked = await post(after, 'check', { ...ids, check_code: '123456' })
    expect(checked.status).toBe(200)
    expect(await checked.json()).toEqual({ authentication_uuid: sent.authentication_uuid, status: 'expired_auth' })

    const retried = await post(after, 'retry', ids)
    expect(retried.status).toBe(200)
    expect(await retried.json()).toMatchObject({ status: 'expired_auth', remaining_retry: 0 })
  })
})
