import type { Answer } from '../http/answer'
import type { RequestContext, RouteName } from '../http/context'
import { HttpError } from '../http/http-error'
import { originCheck, PREFLIGHT_HEADERS } from '../http/origin'
import { readJsonBody } from '../http/request-body'
import { check } from './check'
import { outbox } from './outbox'
import { retry } from './retry'
import { send } from './send'

const ROUTES: Readonly<Record<string, RouteName>> = {
  '/authentication': 'send',
  '/check': 'check',
  '/retry': 'retry',
  '/sandbox/outbox': 'outbox',
}

const POST_ROUTES = { send, check, retry } as const

/**
 * Finds the route the path names (404 otherwise; the outbox exists only with the sandbox), answers a listed origin's
 * preflight, refuses other methods (405) and other origins (403), reads the body and runs the route.
 */
export async function route(ctx: RequestContext): Promise<Answer> {
  const { basePath, sandbox } = ctx.config
  const { pathname } = ctx.url
  const name = pathname.startsWith(`${basePath}/`) ? ROUTES[pathname.slice(basePath.length)] : undefined
  if (name === undefined || (name === 'outbox' && sandbox === undefined)) throw new HttpError('not_found')
  ctx.route = name
  const { method } = ctx.request

  if (name === 'outbox') {
    if (method !== 'GET' && method !== 'HEAD') throw new HttpError('method_not_allowed', { headers: { allow: 'GET' } })
    return await outbox(ctx)
  }
  const allowed = method === 'POST' || method === 'OPTIONS' ? originCheck(ctx.request, ctx.url, ctx.config) : 'same'
  if (method === 'OPTIONS' && allowed === 'allowed') {
    return { status: 204, outcome: 'preflight', body: undefined, headers: { ...PREFLIGHT_HEADERS } }
  }
  if (method !== 'POST') throw new HttpError('method_not_allowed')
  if (allowed === 'forbidden') throw new HttpError('forbidden_origin')
  const body = await readJsonBody(ctx.request)
  // `return await`: a promise returned from an async function as it is settles two microtask turns later.
  return await POST_ROUTES[name](ctx, body)
}
