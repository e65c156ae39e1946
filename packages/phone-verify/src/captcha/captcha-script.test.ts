import { afterEach, describe, expect, it, vi } from 'vitest'
import { CAPTCHA_SCRIPT_URLS, loadCaptchaScript } from './captcha-script'

const scripts = () => [...document.querySelectorAll('script')]
const page = window as unknown as Record<string, unknown>

/** What a vendor's script does once it has run: define its API, then call the page's `onload` callback. */
function vendorScriptRan(script: HTMLScriptElement, global: string) {
  const api = { render: vi.fn(() => 'widget-1') }
  page[global] = api
  const onload = new URL(script.src).searchParams.get('onload') ?? ''
  ;(page[onload] as () => void)()
  return api
}

afterEach(() => {
  for (const script of scripts()) script.remove()
  for (const global of ['turnstile', 'hcaptcha', 'grecaptcha']) Reflect.deleteProperty(window, global)
})

describe('loadCaptchaScript', () => {
  it.each([
    ['turnstile', 'turnstile', CAPTCHA_SCRIPT_URLS.turnstile],
    ['hcaptcha', 'hcaptcha', CAPTCHA_SCRIPT_URLS.hcaptcha],
    ['recaptcha', 'grecaptcha', CAPTCHA_SCRIPT_URLS.recaptcha],
  ])("loads %s from the vendor's own host, explicitly rendered, and resolves with its API", async (provider, global, url) => {
    const loading = loadCaptchaScript(provider)
    expect(scripts()).toHaveLength(1)
    const script = scripts()[0] as HTMLScriptElement
    const src = new URL(script.src)
    expect(`${src.origin}${src.pathname}`).toBe(url)
    expect(src.searchParams.get('render')).toBe('explicit')
    expect(script.async).toBe(true)
    const api = vendorScriptRan(script, global)
    await expect(loading).resolves.toBe(api)
  })

  it('adds one script for any number of widgets, and none once the API is on the page', async () => {
    const src = 'https://captcha.test/once.js'
    const first = loadCaptchaScript('turnstile', { src })
    const second = loadCaptchaScript('turnstile', { src })
    expect(scripts()).toHaveLength(1)
    const api = vendorScriptRan(scripts()[0] as HTMLScriptElement, 'turnstile')
    await expect(first).resolves.toBe(api)
    await expect(second).resolves.toBe(api)
    await expect(loadCaptchaScript('turnstile', { src: 'https://captcha.test/other.js' })).resolves.toBe(api)
    expect(scripts()).toHaveLength(1)
  })

  it('takes another URL and the page nonce', () => {
    void loadCaptchaScript('hcaptcha', { src: 'https://proxy.test/hcaptcha.js?recaptchacompat=off', nonce: 'n0nce' })
    const script = scripts()[0] as HTMLScriptElement
    expect(script.src).toMatch(/^https:\/\/proxy\.test\/hcaptcha\.js\?recaptchacompat=off&render=explicit&onload=/)
    expect(script.nonce).toBe('n0nce')
  })

  it('rejects when the script cannot load, and a later call tries again', async () => {
    const src = 'https://captcha.test/offline.js'
    const failed = loadCaptchaScript('recaptcha', { src })
    scripts()[0]?.dispatchEvent(new Event('error'))
    await expect(failed).rejects.toThrow('The recaptcha script could not be loaded from https://captcha.test/offline.js')
    expect(scripts()).toHaveLength(0)

    const again = loadCaptchaScript('recaptcha', { src })
    expect(scripts()).toHaveLength(1)
    const api = vendorScriptRan(scripts()[0] as HTMLScriptElement, 'grecaptcha')
    await expect(again).resolves.toBe(api)
  })

  it('refuses a vendor it has no widget for, loading nothing', async () => {
    await expect(loadCaptchaScript('friendlycaptcha')).rejects.toThrow('No widget is known for the human check "friendlycaptcha"')
    expect(scripts()).toHaveLength(0)
  })
})
