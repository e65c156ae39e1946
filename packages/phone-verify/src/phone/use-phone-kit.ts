import { useEffect, useSyncExternalStore } from 'react'
import { getPhoneKit, loadPhoneMetadata, subscribePhoneKit } from './metadata'
import type { PhoneKit } from './phone-engine'

const serverSnapshot = () => undefined

/** The phone kit, loaded after the first render; `undefined` until then (and on the server). */
export function usePhoneKit(): PhoneKit | undefined {
  const kit = useSyncExternalStore(subscribePhoneKit, getPhoneKit, serverSnapshot)
  useEffect(() => {
    void loadPhoneMetadata()
  }, [])
  return kit
}
