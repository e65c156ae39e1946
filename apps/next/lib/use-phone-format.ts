'use client'

import { loadPhoneMetadata, type PhoneKit } from '@otpflow/phone-verify'
import { useCallback, useEffect, useState } from 'react'

/**
 * Writes an E.164 number as people read it ("+44 7700 900123") with the phone kit `<PhoneVerify>` formats with
 * (libphonenumber-js, in its own chunk, loaded once); until it has arrived, the E.164 text stands in.
 */
export function usePhoneFormat(): (e164: string) => string {
  const [kit, setKit] = useState<PhoneKit>()
  useEffect(() => {
    let live = true
    loadPhoneMetadata()
      .then((loaded) => {
        if (live) setKit(loaded)
      })
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [])
  return useCallback((e164: string) => (kit ? kit.formatInternational(e164) : e164), [kit])
}
