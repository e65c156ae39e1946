/*
 * Who is asking, and from where: the client address behind trusted proxies, the check that a POST comes from the
 * endpoint's own origin or a listed one (CSRF), and the CORS headers a listed origin gets.
 */

export interface OriginPolicy {
  /** Origins allowed to POST besides the endpoint's own; they get CORS headers. */
  allowedOrigins: ReadonlySet<string>
  /** Proxies in front whose forwarding headers are trusted; 0 reads none. */
  proxyHops: number
}

/** `trustProxy: true` trusts one proxy, a number that many, anything else none. */
export function proxyHopsOf(trustProxy: boolean | number | undefined): number {
  if (trustProxy === true) return 1
  return typeof trustProxy === 'number' ? Math.max(0, Math.floor(trustProxy)) : 0
}

/** The entry `hops` from the end of a comma-separated forwarding header: the one the outermost trusted proxy added. */
function forwarded(header: string | null, hops: number): string | undefined {
  if (header === null) return undefined
  const entries = header
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  return entries[entries.length - hops]
}

/** The client's address: the one the trusted proxies forwarded, else the connection's. */
export function clientIp(request: Request, connectionIp: string | undefined, policy: OriginPolicy): string | undefined {
  if (policy.proxyHops > 0) {
    const ip = forwarded(request.headers.get('x-forwarded-for'), policy.proxyHops)
    if (ip !== undefined) return ip
  }
  return connectionIp
}

/**
 * The origin the browser sees: behind a trusted proxy, from `X-Forwarded-Host` and `-Proto`; else the host the browser
 * addressed (`Host`), which some servers leave out of the request's URL (Next.js route handlers get
 * `http://localhost:PORT/…` whatever the browser asked for).
 */
function publicOrigin(request: Request, url: URL, policy: OriginPolicy): string {
  if (policy.proxyHops > 0) {
    const host = forwarded(request.headers.get('x-forwarded-host'), 1)
    const proto = forwarded(request.headers.get('x-forwarded-proto'), 1)
    if (host !== undefined) return `${proto ?? url.protocol.slice(0, -1)}://${host}`
  }
  const host = request.headers.get('host')
  return host === null || host === url.host ? url.origin : `${url.protocol}//${host}`
}

/**
 * Same origin, or listed. A request without `Origin` is not from a page on another site (browsers send it on
 * cross-site POSTs), unless `Sec-Fetch-Site` says it is.
 */
export function originCheck(request: Request, url: URL, policy: OriginPolicy): 'same' | 'allowed' | 'forbidden' {
  const origin = request.headers.get('origin')
  if (origin === null) {
    const site = request.headers.get('sec-fetch-site')
    return site === null || site === 'same-origin' || site === 'none' ? 'same' : 'forbidden'
  }
  if (origin === publicOrigin(request, url, policy)) return 'same'
  return policy.allowedOrigins.has(origin) ? 'allowed' : 'forbidden'
}

/** The CORS headers of every answer to a listed origin; `undefined` for any other. */
export function corsHeaders(origin: string | null, policy: OriginPolicy): Record<string, string> | undefined {
  return origin !== null && policy.allowedOrigins.has(origin)
    ? { 'access-control-allow-origin': origin, vary: 'Origin' }
    : undefined
}

/** The answer to a listed origin's preflight. */
export const PREFLIGHT_HEADERS: Readonly<Record<string, string>> = {
  'access-control-allow-methods': 'POST',
  'access-control-allow-headers': 'content-type',
  'access-control-max-age': '600',
}
