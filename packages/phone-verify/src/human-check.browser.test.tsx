import { type CreateAuthenticationInput, type OtpContract, OtpError, type RequestOptions } from '@otpflow/core'
import { createSandbox } from '@otpflow/core/sandbox'
import { render } from '@testing-library/react'
import { beforeAll, describe, expect, it } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import { vendorCaptcha } from './captcha'
import { loadPhoneMetadata } from './phone/metadata'
import { PhoneVerify } from './phone-verify'
import './styles.css'

beforeAll(async () => {
  await loadPhoneMetadata()
})

const TOKEN = 'fake-turnstile-token'

/**
 * A stand-in for Cloudflare's script, served as a data: URL (no outside network here): it defines `turnstile` with a
 * widget that is one button handing over a token, then calls the page's `onload` callback, as the real script does.
 * The query the loader appends (`?render=explicit&onload=…`) lands in the trailing comment.
 */
function fakeTurnstileScript(): string {
  const code = `(function () {
    var onload = /[?&]onload=([^&]+)/.exec(document.currentScript.src)[1];
    window.turnstile = {
      render: function (element, params) {
        var button = document.createElement('button');
        button.type = 'button';
        button.textContent = 'Verify you are human (' + params.sitekey + ')';
        button.addEventListener('click', function () { params.callback(${JSON.stringify(TOKEN)}); });
        element.appendChild(button);
        return 'widget-1';
      },
      remove: function () {},
    };
    window[onload]();
  })()`
  return `data:text/javascript,${encodeURIComponent(code)}//`
}

/** The sandbox behind an endpoint that asks for a Turnstile check until a send carries the widget's token. */
function askingForTurnstile() {
  const sandbox = createSandbox()
  const sends: CreateAuthenticationInput[] = []
  const client: OtpContract = {
    check: (input, options) => sandbox.check(input, options),
    retry: (input, options) => sandbox.retry(input, options),
    createAuthentication: (input: CreateAuthenticationInput, options?: RequestOptions) => {
      sends.push(input)
      if (input.captchaToken !== TOKEN) {
        return Promise.reject(
          new OtpError('captcha_required', 'Complete the human check to get a code', {
            status: 403,
            captcha: { provider: 'turnstile', siteKey: '1x00000000000000000000AA' },
          }),
        )
      }
      return sandbox.createAuthentication({ phoneNumber: input.phoneNumber }, options)
    },
  }
  return { client, sends }
}

describe('the human check in Chromium', () => {
  it("loads the vendor's widget only when asked, focuses its group, and is done with the keyboard", async () => {
    const scriptUrl = fakeTurnstileScript()
    const { client, sends } = askingForTurnstile()
    render(
      <div style={{ maxWidth: '26rem' }}>
        <PhoneVerify
          client={client}
          defaultCountry="GB"
          flowOptions={{ persist: false }}
          captcha={vendorCaptcha({ scriptUrl })}
        />
      </div>,
    )
    const vendorScripts = () => [...document.scripts].filter((script) => script.src.startsWith('data:text/javascript'))
    await userEvent.fill(page.getByLabelText('Phone number'), '07700 900123')
    expect(vendorScripts()).toHaveLength(0)
    await userEvent.keyboard('{Enter}')

    const group = page.getByRole('group', { name: 'Security check' })
    await expect.element(group).toHaveFocus()
    await expect.element(page.getByRole('status')).toHaveTextContent('Complete the security check to get your code.')
    // The widget's chunk, then the vendor's script, load once the group is there.
    await expect.poll(() => vendorScripts().length).toBe(1)
    await expect.element(page.getByLabelText('Phone number')).toHaveValue('07700 900123')

    await userEvent.keyboard('{Tab}')
    await expect.element(page.getByRole('button', { name: 'Verify you are human (1x00000000000000000000AA)' })).toHaveFocus()
    await userEvent.keyboard('{Enter}')

    await expect.element(page.getByLabelText('Verification code')).toHaveFocus()
    await expect.element(page.getByRole('status')).toHaveTextContent('Code sent to +44 7700 900123')
    expect(sends.map((send) => send.captchaToken)).toEqual([undefined, TOKEN])
    expect(sends.every((send) => send.phoneNumber === '+447700900123')).toBe(true)
  })
})
