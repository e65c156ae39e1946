'use client'
import type { CaptchaProvider } from '@otpflow/core'
import type { CaptchaOption } from '@otpflow/react'
import { lazy, type ReactNode, Suspense } from 'react'
import type { CaptchaWidgetApi, LoadCaptchaScriptOptions } from './captcha-script'
import type { VendorCaptchaOptions, VendorCaptchaProps } from './vendor-captcha'

export type { CaptchaWidgetApi, CaptchaWidgetParams, LoadCaptchaScriptOptions } from './captcha-script'
export type { VendorCaptchaOptions, VendorCaptchaProps } from './vendor-captcha'

// Everything here reaches the widget's code through import(): it comes in a chunk of its own, and the vendor's
// script after it, neither loaded before the endpoint asks for a check, so neither counts in the page's first load.
// (A static import of the same modules, even a re-export nobody uses, would pull them into the page's first chunk.)
const LazyVendorCaptcha = lazy(() => import('./vendor-captcha').then((module) => ({ default: module.VendorCaptcha })))

/**
 * The widget the endpoint asked for (Turnstile, hCaptcha or reCAPTCHA v2, from `challenge`), rendered from the
 * vendor's own script. Its code and the script load when it first mounts. Its token goes to `onToken`; a script that
 * cannot load or a widget error goes to `onError`.
 *
 * @example
 * <PhoneVerify captcha={{ render: (props) => <VendorCaptcha {...props} theme="dark" /> }} />
 */
export function VendorCaptcha(props: VendorCaptchaProps): ReactNode {
  return (
    <Suspense fallback={null}>
      <LazyVendorCaptcha {...props} />
    </Suspense>
  )
}

/**
 * Loads a human check vendor's script once (Cloudflare Turnstile from challenges.cloudflare.com, hCaptcha from
 * js.hcaptcha.com, Google reCAPTCHA v2 from www.google.com, explicit rendering) and resolves with its API once it is
 * ready; a vendor whose script is already on the page is used as it is. Rejects when it cannot be loaded.
 *
 * @example
 * const turnstile = await loadCaptchaScript('turnstile')
 * turnstile.render(element, { sitekey, callback: (token) => flow.passHumanCheck(token), … })
 */
export function loadCaptchaScript(provider: CaptchaProvider, options?: LoadCaptchaScriptOptions): Promise<CaptchaWidgetApi> {
  return import('./captcha-script').then((module) => module.loadCaptchaScript(provider, options))
}

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
  return { render: (props) => <VendorCaptcha {...options} {...props} /> }
}
