import type { CaptchaProvider } from '@otpflow/core'

/** The callbacks and settings a vendor widget is rendered with (each vendor's explicit render API). */
export interface CaptchaWidgetParams {
  sitekey: string
  callback: (token: string) => void
  'error-callback': (code?: unknown) => boolean | undefined
  'expired-callback': () => void
  [setting: string]: unknown
}

/** What the three vendors' scripts share: `turnstile`, `hcaptcha` and `grecaptcha` each render a widget into an element. */
export interface CaptchaWidgetApi {
  render(container: HTMLElement, params: CaptchaWidgetParams): string | number | null | undefined
  reset?(widgetId?: string | number): void
  remove?(widgetId?: string | number): void
}

interface Vendor {
  /** The vendor's script, loaded with explicit rendering. */
  src: string
  /** The global its script defines. */
  global: 'turnstile' | 'hcaptcha' | 'grecaptcha'
}

/** Each vendor's own script, from the vendor's own host (the only place it may come from). */
export const CAPTCHA_SCRIPT_URLS = {
  turnstile: 'https://challenges.cloudflare.com/turnstile/v0/api.js',
  hcaptcha: 'https://js.hcaptcha.com/1/api.js',
  recaptcha: 'https://www.google.com/recaptcha/api.js',
} as const

const VENDORS: Record<keyof typeof CAPTCHA_SCRIPT_URLS, Vendor> = {
  turnstile: { src: CAPTCHA_SCRIPT_URLS.turnstile, global: 'turnstile' },
  hcaptcha: { src: CAPTCHA_SCRIPT_URLS.hcaptcha, global: 'hcaptcha' },
  recaptcha: { src: CAPTCHA_SCRIPT_URLS.recaptcha, global: 'grecaptcha' },
}

export interface LoadCaptchaScriptOptions {
  /** Another URL for the script (a proxy in front of the vendor, a test double). @default the vendor's own */
  src?: string
  /** The page's CSP nonce, set on the script element. */
  nonce?: string
}

type CaptchaWindow = Window & Partial<Record<Vendor['global'], CaptchaWidgetApi>> & Record<string, unknown>

const loading = new Map<string, Promise<CaptchaWidgetApi>>()
let loads = 0

/**
 * Loads a human check vendor's script once (Cloudflare Turnstile, hCaptcha or Google reCAPTCHA v2, explicit
 * rendering) and resolves with its API once it is ready; a vendor whose script is already on the page is used as it
 * is. Nothing is loaded until it is called: `vendorCaptcha()` calls it when the endpoint asks for a check, so a page
 * whose sends need none never fetches a vendor's script. Rejects when the script cannot be loaded (offline, blocked).
 *
 * @example
 * const turnstile = await loadCaptchaScript('turnstile')
 * turnstile.render(element, { sitekey, callback: (token) => send(token), … })
 */
export function loadCaptchaScript(provider: CaptchaProvider, options: LoadCaptchaScriptOptions = {}): Promise<CaptchaWidgetApi> {
  if (!Object.hasOwn(VENDORS, provider)) {
    return Promise.reject(new Error(`No widget is known for the human check "${provider}"`))
  }
  const vendor = VENDORS[provider as keyof typeof VENDORS]
  const page = window as unknown as CaptchaWindow
  const ready = page[vendor.global]
  if (ready?.render) return Promise.resolve(ready)
  const src = options.src ?? vendor.src
  const key = `${provider} ${src}`
  const pending = loading.get(key)
  if (pending) return pending
  const loaded = new Promise<CaptchaWidgetApi>((resolve, reject) => {
    loads += 1
    // The vendors call this once their API is ready (`onload=`), which is later than the script's own load event.
    const onload = `otpflowCaptchaLoaded${loads}`
    const script = document.createElement('script')
    const fail = () => {
      loading.delete(key)
      delete page[onload]
      script.remove()
      reject(new Error(`The ${provider} script could not be loaded from ${src}`))
    }
    page[onload] = () => {
      delete page[onload]
      const api = page[vendor.global]
      if (api?.render) resolve(api)
      else fail()
    }
    script.src = `${src}${src.includes('?') ? '&' : '?'}render=explicit&onload=${onload}`
    script.async = true
    script.defer = true
    if (options.nonce) script.nonce = options.nonce
    script.addEventListener('error', fail)
    document.head.appendChild(script)
  })
  loading.set(key, loaded)
  return loaded
}
