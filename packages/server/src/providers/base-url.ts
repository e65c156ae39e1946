/**
 * The root every adapter path is added to, from a base URL given either as a host or as a host with the API's version.
 *
 * Prelude's SDKs read `PRELUDE_BASE_URL` as a host (`https://api.prelude.dev`) and add `/v2` themselves, and Twilio's
 * API description names `https://verify.twilio.com` as its server, so a user following either sets the host alone.
 * Ours long took the version too (`…/v2`): both forms must reach the same routes. A URL with any other path (a proxy's
 * prefix) is used as given, so it names the version itself, as it always did.
 *
 * @example
 * apiRoot('https://api.prelude.dev', '/v2', 'PRELUDE_BASE_URL') // 'https://api.prelude.dev/v2'
 * apiRoot('https://api.prelude.dev/v2/', '/v2', 'PRELUDE_BASE_URL') // 'https://api.prelude.dev/v2'
 * apiRoot('https://proxy.example.com/prelude/v2', '/v2', 'PRELUDE_BASE_URL') // unchanged
 */
export function apiRoot(baseUrl: string, version: `/v${number}`, name: string): string {
  const trimmed = baseUrl.trim().replace(/\/+$/, '')
  let url: URL
  try {
    url = new URL(trimmed)
  } catch {
    throw new Error(`${name} must be an http(s) URL such as https://proxy.example.com${version}, not ${JSON.stringify(baseUrl)}`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`${name} must be an http(s) URL such as https://proxy.example.com${version}, not ${JSON.stringify(baseUrl)}`)
  }
  // Paths are appended to the root as text: a query or a fragment would swallow them.
  if (/[?#]/.test(trimmed)) {
    throw new Error(`${name} must not carry a query or a fragment: ${JSON.stringify(baseUrl)}`)
  }
  return url.pathname === '/' ? `${trimmed}${version}` : trimmed
}
