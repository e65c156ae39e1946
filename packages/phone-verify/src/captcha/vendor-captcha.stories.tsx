import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import type { CaptchaWidgetApi, CaptchaWidgetParams } from './captcha-script'
import { VendorCaptcha } from './vendor-captcha'

import '../styles.css'

type TurnstileWindow = Window & { turnstile?: CaptchaWidgetApi }

interface FakeTurnstile extends CaptchaWidgetApi {
  /** The settings of each widget rendered, newest last. */
  rendered: CaptchaWidgetParams[]
}

/**
 * A stand-in for Cloudflare Turnstile's script, already on the page as `window.turnstile` (which `VendorCaptcha` uses
 * as it is): a button that hands out a token, in the language it was given. No request leaves the page.
 */
function fakeTurnstile({ fails = false } = {}): FakeTurnstile {
  const rendered: CaptchaWidgetParams[] = []
  const widgets = new Map<string, HTMLElement>()
  return {
    rendered,
    render(container, params) {
      rendered.push(params)
      const id = `widget-${rendered.length}`
      const button = document.createElement('button')
      button.type = 'button'
      button.textContent = params.language === 'ar' ? 'تحقق من أنك إنسان' : 'Verify you are human'
      button.addEventListener('click', () => params.callback('XXXX.DUMMY.TOKEN.XXXX'))
      container.append(button)
      widgets.set(id, button)
      if (fails) queueMicrotask(() => params['error-callback']('110200'))
      return id
    },
    remove(id) {
      widgets.get(String(id))?.remove()
      widgets.delete(String(id))
    },
  }
}

let turnstile = fakeTurnstile()

const meta = {
  title: 'Parts/VendorCaptcha',
  component: VendorCaptcha,
  parameters: {
    docs: {
      description: {
        component: [
          'The human check the endpoint may ask for before it sends a code (403 `captcha_required`, naming the widget):',
          "Cloudflare Turnstile, hCaptcha or Google reCAPTCHA v2, rendered from the vendor's own script, which loads only",
          'when this mounts. Its token goes to `onToken`; a script that cannot load or a widget error goes to `onError`.',
          '`vendorCaptcha()` from `@otpflow/phone-verify/captcha` is the `captcha` option of `<PhoneVerify>` that shows it,',
          'in a lazy chunk of its own.',
          '',
          "These stories put a stand-in for Turnstile's script on the page (no request leaves it): the vendors' widgets",
          'need their own network. Hook for styling: `data-part="captcha"` with `data-provider`.',
        ].join('\n'),
      },
    },
  },
  args: {
    challenge: { provider: 'turnstile', siteKey: '1x00000000000000000000AA' },
    onToken: fn(),
    onError: fn(),
  },
  argTypes: {
    challenge: { control: 'object' },
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark', 'auto'] },
    // The toolbar's language sets it when it is not set here.
    locale: { control: 'text' },
    scriptUrl: { control: 'text' },
    nonce: { control: false },
  },
  beforeEach: () => {
    turnstile = fakeTurnstile()
    const page = window as TurnstileWindow
    page.turnstile = turnstile
    return () => {
      delete page.turnstile
    }
  },
} satisfies Meta<typeof VendorCaptcha>

// Storybook reads the stories' metadata from the default export.
export default meta
type Story = StoryObj<typeof meta>

/** The widget, rendered with the site key the endpoint sent; passing it hands its token to `onToken`. */
export const Passed: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await userEvent.click(await canvas.findByRole('button', { name: 'Verify you are human' }))
    await expect(args.onToken).toHaveBeenCalledWith('XXXX.DUMMY.TOKEN.XXXX')
    await expect(turnstile.rendered[0]?.sitekey).toBe('1x00000000000000000000AA')
    await expect(canvasElement.querySelector('[data-part="captcha"]')).toHaveAttribute('data-provider', 'turnstile')
  },
}

/** The widget failed (the vendor refused, the check timed out): `onError`, for the flow to say so. */
export const WidgetError: Story = {
  beforeEach: () => {
    turnstile = fakeTurnstile({ fails: true })
    ;(window as TurnstileWindow).turnstile = turnstile
  },
  play: async ({ args }) => {
    await waitFor(() => expect(args.onError).toHaveBeenCalledTimes(1))
    await expect(String(args.onError.mock.calls[0]?.[0])).toContain('The turnstile widget failed (110200)')
    await expect(args.onToken).not.toHaveBeenCalled()
  },
}

/** An endpoint naming a widget the kit does not know: nothing is loaded, and `onError` says which. */
export const UnknownWidget: Story = {
  args: { challenge: { provider: 'acme-check', siteKey: 'site-key' } },
  play: async ({ args }) => {
    await waitFor(() => expect(args.onError).toHaveBeenCalledTimes(1))
    await expect(String(args.onError.mock.calls[0]?.[0])).toContain('acme-check')
  },
}

/** In Arabic (the toolbar's language, given to the widget as its `locale`): the vendor draws its own words. */
export const RightToLeft: Story = {
  globals: { locale: 'ar' },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByRole('button', { name: 'تحقق من أنك إنسان' })
    await expect(turnstile.rendered[0]?.language).toBe('ar')
  },
}
