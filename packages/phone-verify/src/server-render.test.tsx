// @vitest-environment node
import { createSandbox } from '@otpflow/core/sandbox'
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { he } from './locales/he'
import { PhoneVerify } from './phone-verify'

describe('PhoneVerify on a server', () => {
  it('renders the phone step without window, navigator or document', () => {
    expect(typeof window).toBe('undefined')
    const html = renderToString(<PhoneVerify client={createSandbox()} defaultPhoneNumber="+44 7700 900123" />)
    expect(html).toContain('data-scope="phone-verify"')
    expect(html).toContain('Phone number')
    expect(html).toContain('role="combobox"')
    expect(html).toContain('data-part="phone-input"')
    expect(html).toContain('value="+44 7700 900123"')
  })

  it('renders the direction and strings of the locale', () => {
    const html = renderToString(<PhoneVerify endpoint="/api/otp" messages={he} />)
    expect(html).toContain('dir="rtl"')
    expect(html).toContain('מספר טלפון')
  })
})
