'use client'
import type { CaptchaOption } from '@otpflow/react'
import { lazy, Suspense } from 'react'
import type { VendorCaptchaOptions } from './vendor-captcha'

export {
  CAPTCHA_SCRIPT_URLS,
  type CaptchaWidgetApi,
  type CaptchaWidgetParams,
  type LoadCaptchaScriptOptions,
  loadCaptchaScript,
} from './captcha-script'
export { VendorCaptcha, type VendorCaptchaOptions, type VendorCaptchaProps } from './vendor-captcha'

// The widget's code comes in a chunk of its own, and the vendor's script after it: neither is loaded before the
// endpoint asks for a check, so neither counts in the page's first load.
const LazyVendorCaptcha = lazy(() => import('./vendor-captcha').then((module) => ({ default: module.VendorCaptcha })))

/**
 * The `captcha` option that shows the vendor's own widget when the endpoint asks for a human check: Cloudflare
 * Turnstile, hCaptcha or Google reCAPTCHA v2, whichever its `captcha_required` answer names, with the site key it
 * sends. The widget's code and the vendor's script load only then. Make it once (module scope), not on every render.
 *
 * @example
 * const captcha = vendorCaptcha()
 * <PhoneVerify endpoint="/api/otp" captcha={captcha} />
 */
export function vendorCaptcha(options: VendorCaptchaOptions = {}): CaptchaOption {
  return {
    render: (props) => (
      <Suspense fallback={null}>
        <LazyVendorCaptcha {...options} {...props} />
      </Suspense>
    ),
  }
}
