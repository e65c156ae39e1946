/*
 * A Cloudflare Worker serving the endpoint, as the server README shows it: the test bundles this file for workerd and
 * runs it in miniflare. Bindings (wrangler's `vars` and secrets) are the environment.
 */
import { createOtpHandlerFromEnv, type OtpHandlerFromEnv } from '../../index'

let handler: OtpHandlerFromEnv | undefined

export default {
  fetch(request: Request, env: Record<string, string>): Promise<Response> {
    // Bindings reach a Worker with its first request, so the endpoint is made then, once per isolate.
    handler ??= createOtpHandlerFromEnv(env)
    // Cloudflare sets CF-Connecting-IP to the client's address (a client cannot set it): the per-IP limits count by it.
    return handler(request, { ip: request.headers.get('cf-connecting-ip') ?? undefined })
  },
}
