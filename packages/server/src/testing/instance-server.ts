// Entry of one endpoint process for the several-instances tests (bundled by ./instances.ts: Node 20 runs no
// TypeScript). The endpoint exactly as a user deploys it from the environment, `createOtpHandlerFromEnv()`, on
// `@hono/node-server`, listening on 127.0.0.1 with a free port.
//   env: whatever the test gives (OTP_SECRET, REDIS_URL, OTP_PROVIDER, PRELUDE_*, OTP_TRUST_PROXY…)
//   stdout: its origin (`http://127.0.0.1:<port>`) on the first line, then the handler's request log (JSON lines).
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createOtpHandlerFromEnv } from '../from-env'

const handler = createOtpHandlerFromEnv(process.env)

serve(
  {
    // The socket's address is the client's, as on any Node server; OTP_TRUST_PROXY makes the handler read X-Forwarded-For.
    fetch: (request: Request, env: { incoming?: { socket?: { remoteAddress?: string } } }) => {
      const ip = env.incoming?.socket?.remoteAddress
      return handler(request, ip === undefined ? {} : { ip })
    },
    port: 0,
    hostname: '127.0.0.1',
  },
  (info: AddressInfo) => process.stdout.write(`http://127.0.0.1:${info.port}\n`),
)
