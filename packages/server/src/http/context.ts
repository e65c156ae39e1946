import type { Clock } from '@otpflow/core'
import type { FailOpenStores } from '../fail-open-store'
import type { OtpAlert, OtpAlertHandler } from '../fraud/alerts'
import type { SendBudgets } from '../fraud/budgets'
import type { CaptchaPolicy, CaptchaVerifier } from '../fraud/captcha'
import type { ConversionGuardOptions } from '../fraud/conversion-guard'
import type { NumberScreening } from '../fraud/number-facts'
import type { OtpLimits } from '../limits'
import type { OtpLogger } from '../log'
import type { SandboxProvider } from '../providers/sandbox'
import type { OtpProvider, ProviderContext } from '../providers/types'
import type { ChannelConfig } from '../routes/channels'
import type { Store } from '../store'
import { clientIp, type OriginPolicy } from './origin'

/** The endpoint's settings, resolved once from its options: what every request reads. */
export interface EndpointConfig extends OriginPolicy {
  provider: OtpProvider
  /** `provider` when it is the sandbox: it has an outbox to serve. */
  sandbox: SandboxProvider | undefined
  /** The signing key of the flow and verification tokens. */
  key: Uint8Array
  clock: Clock
  /** Where the limits count, and where providers keep what they must remember. */
  store: Store
  /** With `storeFailure: 'open'`: the store sends count in, with this process's memory while `store` is out of reach. */
  failOpen: FailOpenStores | undefined
  limits: OtpLimits
  ipv6Prefix: number
  allowedCountries: ReadonlySet<string> | undefined
  /** The channels on offer: the provider's, or those of the `channels` option, each to every country or to some. */
  channels: ChannelConfig
  tokenTtlSeconds: number
  /** `/api/otp`, or `''` for the root. */
  basePath: string
  log: OtpLogger | undefined
  fraud: FraudConfig
}

/** The defences against SMS pumping, resolved from the options. */
export interface FraudConfig {
  /** The line types that may get a code; `undefined` lets every type through. */
  allowedNumberTypes: NumberScreening | undefined
  /** The conversion guard, `undefined` when off. */
  guard: ConversionGuardOptions | undefined
  budgets: SendBudgets | undefined
  captcha: { verifier: CaptchaVerifier; policy: CaptchaPolicy } | undefined
  /** Countries whose numbers are not, by themselves, a reason for a human check; `undefined` when unset. */
  usualCountries: ReadonlySet<string> | undefined
  onAlert: OtpAlertHandler | undefined
}

export type RouteName = 'send' | 'check' | 'retry' | 'outbox'

/** One request on its way through the endpoint: what every step reads, and what the log line needs. */
export interface RequestContext {
  readonly config: EndpointConfig
  readonly request: Request
  readonly url: URL
  /** `performance.now()` when the request came in. */
  readonly started: number
  /** The client's address (behind trusted proxies, the one they forwarded); `undefined` when unknown. */
  readonly ip: string | undefined
  /** The route the path names, once known. */
  route: RouteName | 'unknown'
  /** The number the request is about, masked, for the log. */
  maskedPhoneNumber: string | undefined
  /** Where this request counts and its provider keeps state: `config.store`, or the fail-open stores for a send. */
  store: Store
  /** Why some of this request's store calls went to local memory (`storeFailure: 'open'`), for a warning in the log. */
  storeFallback: string | undefined
  /** A fraud defence this request tripped, for its log line. */
  alert: OtpAlert | undefined
  /** Why `onAlert` failed, for the log line. */
  alertFailure: string | undefined
}

export function createContext(config: EndpointConfig, request: Request, connectionIp: string | undefined): RequestContext {
  return {
    config,
    request,
    url: new URL(request.url),
    started: performance.now(),
    ip: clientIp(request, connectionIp, config),
    route: 'unknown',
    maskedPhoneNumber: undefined,
    store: config.store,
    storeFallback: undefined,
    alert: undefined,
    alertFailure: undefined,
  }
}

/** What the provider may know of the request. */
export function providerContext(ctx: RequestContext): ProviderContext {
  const { request } = ctx
  const provided: ProviderContext = {
    store: ctx.store,
    clock: ctx.config.clock,
    // Read when a provider asks for it: on Node servers (e.g. @hono/node-server) the first read of `request.signal`
    // builds an AbortController (already aborted if the client has gone), which a provider that never waits on the
    // network does not need.
    get signal() {
      return request.signal
    },
  }
  if (ctx.ip !== undefined) provided.ip = ctx.ip
  const userAgent = request.headers.get('user-agent')
  if (userAgent !== null) provided.userAgent = userAgent
  return provided
}
