// Kept apart from the Redis store, which loads the `redis` package: `createOtpHandlerFromEnv` checks REDIS_URL at
// startup from the main entry, which must not load it.

const URL_FORM = 'redis://[[user]:password@]host[:port][/db], or rediss://… for TLS'

/** The URL as it may be shown: credentials replaced, so no message or log ever carries the password. */
export function shownRedisUrl(url: URL): string {
  const credentials = url.username !== '' || url.password !== '' ? '***@' : ''
  return `${url.protocol}//${credentials}${url.host}${url.pathname}`
}

/**
 * Checks a Redis URL before any client sees it, and says what is wrong with it without printing it whole: an invalid
 * URL's own error (Node's `TypeError: Invalid URL`) carries the input, password included, in its `input` property.
 */
export function parseRedisUrl(url: string): URL {
  const problem = (reason: string, parsed?: URL) =>
    new Error(
      `REDIS_URL is not a usable Redis URL: ${reason}. Expected ${URL_FORM}${parsed === undefined ? '' : `; got ${shownRedisUrl(parsed)}`}`,
    )
  if (typeof url !== 'string' || url.trim() === '') throw problem('it is empty')
  let parsed: URL
  try {
    parsed = new URL(url.trim())
  } catch {
    throw problem('it is not a URL (a password with @ : / # ? or % in it must be percent-encoded)')
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    // `localhost:6379` parses as the scheme `localhost:`: name it, it is the usual mistake.
    throw problem(`its scheme is "${parsed.protocol}"`, parsed.protocol === 'localhost:' ? undefined : parsed)
  }
  if (parsed.hostname === '') throw problem('it names no host', parsed)
  if (!/^\/?(\d+)?$/.test(parsed.pathname)) throw problem('the database after the host must be a number', parsed)
  if (parsed.hash !== '') throw problem('it has a # fragment (a password with # in it must be percent-encoded)', parsed)
  return parsed
}
