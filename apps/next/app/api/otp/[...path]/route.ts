import { otpEndpoint } from '../../../../lib/otp-endpoint'

/*
 * The OTP endpoint: POST /api/otp/authentication, /check and /retry, and on the sandbox GET /api/otp/sandbox/outbox.
 * The handler is a Fetch-standard `(request: Request) => Promise<Response>`, so each method hands it Next's request.
 *
 * Node.js runtime: the endpoint signs its tokens with `node:crypto`, and keeps its limits, the sandbox's codes and the
 * spent proofs in this process's memory (or on Redis with REDIS_URL, over node-redis's TCP sockets). The edge runtime
 * (`runtime = 'edge'`) has neither `node:crypto` nor TCP sockets, so the endpoint cannot run there; checking a proof can
 * (`jwtVerify` from `jose`, see packages/server/README.md, "Tokens").
 */
export const runtime = 'nodejs'

const handle = (request: Request) => otpEndpoint().handler(request)

export const POST = handle
// The preflight of a page on another origin listed in OTP_ALLOWED_ORIGINS.
export const OPTIONS = handle
// The sandbox's outbox; with a real provider, GET answers like any unknown route.
export const GET = handle
