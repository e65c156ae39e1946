import type { CaptchaRenderProps } from '@otpflow/react'
import { type ReactNode, useEffect, useRef } from 'react'
import { type CaptchaWidgetApi, type LoadCaptchaScriptOptions, loadCaptchaScript } from './captcha-script'

export interface VendorCaptchaOptions {
  /** Another URL for the vendor's script (a proxy, a test double). @default the vendor's own */
  scriptUrl?: string
  /** The page's CSP nonce, for the script element. */
  nonce?: string
  /** The widget's theme, where the vendor has one. @default the vendor's ("auto" for Turnstile, "light" for the others) */
  theme?: 'light' | 'dark' | 'auto'
}

export interface VendorCaptchaProps extends CaptchaRenderProps, VendorCaptchaOptions {}

/** The language parameter each vendor reads. */
const LANGUAGE_PARAM: Record<string, string> = { turnstile: 'language', hcaptcha: 'hl', recaptcha: 'hl' }

/**
 * The widget the endpoint asked for (Turnstile, hCaptcha or reCAPTCHA v2, from `challenge`), rendered from the
 * vendor's own script, loaded when this mounts. Its token goes to `onToken`; a script that cannot load or a widget
 * error goes to `onError`, and the widget is reset so it can be done again.
 *
 * @example
 * <PhoneVerify captcha={{ render: (props) => <VendorCaptcha {...props} /> }} />
 */
export function VendorCaptcha({ challenge, onToken, onError, locale, scriptUrl, nonce, theme }: VendorCaptchaProps): ReactNode {
  const container = useRef<HTMLDivElement>(null)
  // The widget is rendered once per challenge; the latest callbacks are the ones it calls.
  const callbacks = useRef({ onToken, onError })
  callbacks.current = { onToken, onError }
  const { provider, siteKey } = challenge

  useEffect(() => {
    let stopped = false
    let api: CaptchaWidgetApi | undefined
    let widgetId: string | number | null | undefined
    const scriptOptions: LoadCaptchaScriptOptions = {
      ...(scriptUrl ? { src: scriptUrl } : {}),
      ...(nonce ? { nonce } : {}),
    }
    loadCaptchaScript(provider, scriptOptions).then(
      (loaded) => {
        const element = container.current
        if (stopped || !element) return
        api = loaded
        widgetId = loaded.render(element, {
          sitekey: siteKey,
          callback: (token) => callbacks.current.onToken(token),
          'error-callback': (code) => {
            callbacks.current.onError(new Error(`The ${provider} widget failed${code === undefined ? '' : ` (${String(code)})`}`))
            // Handled here: Turnstile would otherwise throw the error into the page.
            return true
          },
          // A token that expired before it was used: the vendors refresh or re-ask by themselves; nothing to send yet.
          'expired-callback': () => {},
          ...(locale && LANGUAGE_PARAM[provider] ? { [LANGUAGE_PARAM[provider]]: locale } : {}),
          ...(theme ? { theme } : {}),
        })
      },
      (error: unknown) => {
        if (!stopped) callbacks.current.onError(error)
      },
    )
    return () => {
      stopped = true
      if (api && widgetId !== undefined && widgetId !== null) {
        // reCAPTCHA has no remove: its iframe goes with the container.
        if (api.remove) api.remove(widgetId)
      }
    }
  }, [provider, siteKey, locale, scriptUrl, nonce, theme])

  return <div ref={container} data-scope="phone-verify" data-part="captcha" data-provider={provider} />
}
