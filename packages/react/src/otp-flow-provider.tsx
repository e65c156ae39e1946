'use client'
import { createEndpointClient, type OtpContract } from '@otpflow/core'
import { QueryClient, QueryClientContext } from '@tanstack/react-query'
import { createContext, type ReactElement, type ReactNode, useContext, useMemo, useState } from 'react'

export interface OtpFlowProviderProps {
  /**
   * Any object with the contract's `createAuthentication`, `check` and `retry`: `createEndpointClient(...)`, `createOtpClient(...)`, a sandbox,
   * a test double. Takes precedence over `endpoint`.
   */
  client?: OtpContract
  /**
   * The app's endpoint (`createOtpHandler` from `@otpflow/server`), used when no `client` is given.
   * @default '/api/otp'
   */
  endpoint?: string
  /**
   * The QueryClient that runs the requests.
   * @default the app's QueryClient when a QueryClientProvider is above, else one of the provider's own
   */
  queryClient?: QueryClient
  children?: ReactNode
}

export interface OtpFlowContextValue {
  client: OtpContract
  queryClient: QueryClient
}

const OtpFlowContext = createContext<OtpFlowContextValue | null>(null)

/**
 * Gives `useOtpFlow` the contract to talk to and the QueryClient to run its requests on.
 *
 * @example
 * <OtpFlowProvider endpoint="/api/otp"><SignUp /></OtpFlowProvider>
 * <OtpFlowProvider client={createSandbox()}><SignUp /></OtpFlowProvider>
 */
export function OtpFlowProvider({ client, endpoint = '/api/otp', queryClient, children }: OtpFlowProviderProps): ReactElement {
  // Read the context rather than calling useQueryClient(), which throws when the app has no QueryClientProvider.
  const appQueryClient = useContext(QueryClientContext)
  const [ownQueryClient] = useState(() => new QueryClient())
  const resolvedClient = useMemo(() => client ?? createEndpointClient({ baseUrl: endpoint }), [client, endpoint])
  const resolvedQueryClient = queryClient ?? appQueryClient ?? ownQueryClient
  const value = useMemo(
    () => ({ client: resolvedClient, queryClient: resolvedQueryClient }),
    [resolvedClient, resolvedQueryClient],
  )
  return <OtpFlowContext.Provider value={value}>{children}</OtpFlowContext.Provider>
}

/** The nearest provider's contract and QueryClient; throws outside an `OtpFlowProvider`. */
export function useOtpFlowContext(): OtpFlowContextValue {
  const value = useContext(OtpFlowContext)
  if (value === null) {
    throw new Error('useOtpFlow must be used inside <OtpFlowProvider client={…}> or <OtpFlowProvider endpoint="/api/otp">')
  }
  return value
}
