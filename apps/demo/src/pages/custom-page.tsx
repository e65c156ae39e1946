import { createEndpointClient } from '@otpflow/core'
import { useId, useMemo } from 'react'
import { CustomVerification } from '../components/custom-verification'
import { CUSTOM_STRINGS } from '../components/custom-verification-strings'
import type { DemoLocale, DemoStrings } from '../i18n'
import { reportSends } from '../sandbox-client'

export interface CustomPageProps {
  locale: DemoLocale
  t: DemoStrings
  /** After each send or resend. */
  onSent: () => void
  /** The E.164 number whose code step is on screen, `undefined` on the other steps. */
  onCodeStep: (phoneNumber: string | undefined) => void
}

/** The headless use: the app draws every element itself and only asks `useOtpFlow` what to show and what to do. */
export function CustomPage({ locale, t, onSent, onCodeStep }: CustomPageProps) {
  const client = useMemo(() => reportSends(createEndpointClient({ baseUrl: '/api/otp' }), onSent), [onSent])
  const titleId = useId()
  return (
    <section aria-labelledby={titleId} className="custom-card">
      <h1 id={titleId}>{t.customTitle}</h1>
      <p className="custom-intro">{t.customIntro}</p>
      <CustomVerification client={client} strings={CUSTOM_STRINGS[locale]} onCodeStep={onCodeStep} />
    </section>
  )
}
