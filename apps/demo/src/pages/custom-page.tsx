import { createEndpointClient } from '@otpflow/core'
import { useId, useMemo } from 'react'
import { CustomVerification } from '../components/custom-verification'
import { CUSTOM_STRINGS } from '../components/custom-verification-strings'
import type { DemoLocale, DemoStrings } from '../i18n'
import { reportSends } from '../sandbox-client'

export interface CustomPageProps {
  locale: DemoLocale
  t: DemoStrings
  onSent: (phoneNumber: string | undefined) => void
}

/** The headless use: the app draws every element itself and only asks `useOtpFlow` what to show and what to do. */
export function CustomPage({ locale, t, onSent }: CustomPageProps) {
  const client = useMemo(() => reportSends(createEndpointClient({ baseUrl: '/api/otp' }), onSent), [onSent])
  const titleId = useId()
  return (
    <section aria-labelledby={titleId} className="custom-card">
      <h1 id={titleId}>{t.customTitle}</h1>
      <p className="custom-intro">{t.customIntro}</p>
      <CustomVerification client={client} strings={CUSTOM_STRINGS[locale]} />
    </section>
  )
}
