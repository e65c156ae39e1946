import { dingProviderFromEnv } from './ding'
import { preludeProviderFromEnv } from './prelude'
import { twilioProviderFromEnv } from './twilio'
import type { ProviderFromEnv } from './types'

/**
 * Providers `createOtpHandlerFromEnv` can build, by the name `OTP_PROVIDER` takes. Without `OTP_PROVIDER`, the one
 * whose variables are set serves (several set is refused: name one in `OTP_PROVIDER`); when none is, the sandbox serves.
 * To add a provider: write `xProviderFromEnv` (see {@link ProviderFromEnv}) and list it here.
 */
export const PROVIDERS_FROM_ENV: Readonly<Record<string, ProviderFromEnv>> = {
  ding: dingProviderFromEnv,
  prelude: preludeProviderFromEnv,
  twilio: twilioProviderFromEnv,
}
