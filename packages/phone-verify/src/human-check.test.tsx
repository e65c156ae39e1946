import { createEndpointClient } from '@otpflow/core'
import type { CaptchaOption, CaptchaRenderProps } from '@otpflow/react'
import { act, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import axe from 'axe-core'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
// The server package's loopback fake of Turnstile's siteverify: tokens it issued pass once, as at Cloudflare.
import { startTurnstileEndpoint, TURNSTILE_SITE_KEY } from '../../server/src/testing/turnstile-endpoint'
import { vendorCaptcha } from './captcha'
import { fr } from './locales/fr'
import { loadPhoneMetadata } from './phone/metadata'
import { PhoneVerify, type PhoneVerifyProps } from './phone-verify'

const SITE_KEY = TURNSTILE_SITE_KEY

/** The endpoint of `startTurnstileEndpoint`, with the browser's client to it. */
async function startEndpoint() {
  const endpoint = await startTurnstileEndpoint()
  return { ...endpoint, client: createEndpointClient({ baseUrl: endpoint.baseUrl }) }
}

let endpoint: Awaited<ReturnType<typeof startEndpoint>>

beforeAll(async () => {
  await loadPhoneMetadata()
})

beforeEach(async () => {
  sessionStorage.clear()
  endpoint = await startEndpoint()
})

afterEach(async () => {
  await endpoint.close()
})

/** A widget as an app would write one: a button that hands over a solved token, and one that fails. */
function testWidget({ challenge, onToken, onError }: CaptchaRenderProps) {
  return (
    <div data-testid="widget" data-provider={challenge.provider} data-site-key={challenge.siteKey}>
      <button type="button" onClick={() => onToken(endpoint.solved(`solved-${Date.now()}`))}>
        I am human
      </button>
      <button type="button" onClick={() => onError(new Error('challenge closed'))}>
        Close the challenge
      </button>
    </div>
  )
}

function setup(props: Partial<PhoneVerifyProps> = {}) {
  const user = userEvent.setup()
  const view = render(<PhoneVerify client={endpoint.client} defaultCountry="GB" flowOptions={{ persist: false }} {...props} />)
  return { ...view, user }
}

const phoneInput = () => screen.getByLabelText<HTMLInputElement>('Phone number')
const status = () => screen.getByRole('status')
const alert = () => screen.getByRole('alert')

async function sendTo(user: ReturnType<typeof userEvent.setup>, number = '07700 900123') {
  await user.type(phoneInput(), number)
  await user.click(screen.getByRole('button', { name: 'Send code' }))
}

describe('PhoneVerify with a human check the endpoint asks for', () => {
  it('shows the widget under the number, announced and focused, and sends with its token to the same number', async () => {
    const { user } = setup({ captcha: { render: testWidget } })
    await sendTo(user)

    const check = await screen.findByRole('group', { name: 'Security check' })
    await waitFor(() => expect(check).toHaveFocus())
    expect(status()).toHaveTextContent('Complete the security check to get your code.')
    expect(screen.getByTestId('widget')).toHaveAttribute('data-site-key', SITE_KEY)
    // The number stays as typed, and cannot change under the check it was asked for.
    expect(phoneInput()).toHaveValue('07700 900123')
    expect(phoneInput()).toHaveAttribute('readonly')
    expect(screen.getByRole('button', { name: 'Sending…' })).toHaveAttribute('aria-disabled', 'true')
    expect(endpoint.received).toEqual([{ phone_number: '+447700900123' }])

    // Keyboard: Tab from the group reaches the widget.
    await user.tab()
    expect(screen.getByRole('button', { name: 'I am human' })).toHaveFocus()
    await user.keyboard('{Enter}')

    const code = await screen.findByLabelText('Verification code')
    await waitFor(() => expect(code).toHaveFocus())
    expect(status()).toHaveTextContent('Code sent to +44 7700 900123')
    expect(endpoint.received).toHaveLength(2)
    expect(endpoint.received[1]).toEqual({ phone_number: '+447700900123', captcha_token: expect.stringMatching(/^solved-/) })
    expect(screen.queryByRole('group', { name: 'Security check' })).toBeNull()
  })

  it('gets the token from getToken out of sight: Send code says "Sending…" until the code is sent', async () => {
    let release: () => void = () => {}
    const getToken = vi.fn(
      () =>
        new Promise<string>((resolve) => {
          release = () => resolve(endpoint.solved('solved-invisibly'))
        }),
    )
    const { user } = setup({ captcha: { getToken } })
    await sendTo(user)
    await waitFor(() => expect(getToken).toHaveBeenCalledTimes(1))
    expect(screen.getByRole('button', { name: 'Sending…' })).toHaveFocus()
    expect(screen.queryByRole('group', { name: 'Security check' })).toBeNull()
    expect(status()).toHaveTextContent('')
    // Pressed again while the check is on its way, it neither sends nor asks for another check.
    await user.click(screen.getByRole('button', { name: 'Sending…' }))
    await act(async () => release())
    await screen.findByLabelText('Verification code')
    expect(getToken).toHaveBeenCalledTimes(1)
    expect(endpoint.received).toEqual([
      { phone_number: '+447700900123' },
      { phone_number: '+447700900123', captcha_token: 'solved-invisibly' },
    ])
  })

  it('says the check did not go through when the widget fails, and Send code asks again', async () => {
    const { user } = setup({ captcha: { render: testWidget } })
    await sendTo(user)
    await screen.findByRole('group', { name: 'Security check' })
    await user.click(screen.getByRole('button', { name: 'Close the challenge' }))
    expect(alert()).toHaveTextContent('The security check did not go through. Try again.')
    expect(phoneInput()).toHaveValue('07700 900123')

    await user.click(screen.getByRole('button', { name: 'Send code' }))
    const again = await screen.findByRole('group', { name: 'Security check' })
    await waitFor(() => expect(again).toHaveFocus())
    expect(alert()).toHaveTextContent('')
    expect(endpoint.received).toEqual([{ phone_number: '+447700900123' }, { phone_number: '+447700900123' }])
  })

  it('says so when the endpoint refuses the token, number kept', async () => {
    const refusing: CaptchaOption = {
      render: ({ onToken }) => (
        <button type="button" onClick={() => onToken('never-issued')}>
          I am human
        </button>
      ),
    }
    const { user } = setup({ captcha: refusing })
    await sendTo(user)
    await user.click(await screen.findByRole('button', { name: 'I am human' }))
    await waitFor(() => expect(alert()).toHaveTextContent('The security check did not go through. Try again.'))
    expect(phoneInput()).toHaveValue('07700 900123')
    expect(endpoint.received.at(-1)).toEqual({ phone_number: '+447700900123', captcha_token: 'never-issued' })
  })

  it('lets the number be changed from the check: the field is editable again, and focused', async () => {
    const { user } = setup({ captcha: { render: testWidget } })
    await sendTo(user)
    await screen.findByRole('group', { name: 'Security check' })
    await user.click(screen.getByRole('button', { name: 'Change number' }))
    expect(screen.queryByRole('group', { name: 'Security check' })).toBeNull()
    await waitFor(() => expect(phoneInput()).toHaveFocus())
    expect(phoneInput()).not.toHaveAttribute('readonly')
    expect(phoneInput()).toHaveValue('07700 900123')
  })

  it('shows the endpoint message and keeps the number when the app gives no captcha option', async () => {
    const { user } = setup()
    await sendTo(user)
    await waitFor(() => expect(alert()).toHaveTextContent('Complete the security check to get a code.'))
    expect(phoneInput()).toHaveValue('07700 900123')
    expect(phoneInput()).not.toHaveAttribute('readonly')
    // Trying again would be asked the same: no button says otherwise.
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull()
    expect(screen.queryByRole('group', { name: 'Security check' })).toBeNull()
  })

  it('says it in the language of the messages', async () => {
    const { user } = setup({ captcha: { render: testWidget }, messages: fr })
    await user.type(screen.getByLabelText('Numéro de téléphone'), '07700 900123')
    await user.click(screen.getByRole('button', { name: 'Envoyer le code' }))
    await screen.findByRole('group', { name: 'Vérification de sécurité' })
    expect(status()).toHaveTextContent('Effectuez la vérification de sécurité pour recevoir votre code.')
  })

  it('has no axe violations with the check on screen', async () => {
    const { user, container } = setup({ captcha: { render: testWidget } })
    await sendTo(user)
    await screen.findByRole('group', { name: 'Security check' })
    expect((await axe.run(container)).violations).toEqual([])
  })
})

describe('vendorCaptcha', () => {
  afterEach(() => {
    for (const script of document.querySelectorAll('script')) script.remove()
    Reflect.deleteProperty(window, 'turnstile')
  })

  it("loads the vendor's script only when the endpoint asks, renders its widget with the site key, and sends its token", async () => {
    const { user } = setup({ captcha: vendorCaptcha() })
    const vendorScripts = () => [...document.querySelectorAll('script')].filter((script) => script.src.includes('turnstile'))
    await user.type(phoneInput(), '07700 900123')
    expect(vendorScripts()).toHaveLength(0)
    await user.click(screen.getByRole('button', { name: 'Send code' }))

    await waitFor(() => expect(vendorScripts()).toHaveLength(1))
    const src = new URL(vendorScripts()[0]?.src ?? '')
    expect(`${src.origin}${src.pathname}`).toBe('https://challenges.cloudflare.com/turnstile/v0/api.js')
    expect(src.searchParams.get('render')).toBe('explicit')

    // What Cloudflare's script does once loaded (jsdom loads no outside script): define the API, call `onload`.
    const rendered: { sitekey: string; language?: unknown; callback: (token: string) => void }[] = []
    const remove = vi.fn()
    Object.assign(window, {
      turnstile: {
        render: (_element: HTMLElement, params: (typeof rendered)[number]) => {
          rendered.push(params)
          return 'widget-1'
        },
        remove,
      },
    })
    const onload = src.searchParams.get('onload') ?? ''
    act(() => (window as unknown as Record<string, () => void>)[onload]?.())
    await waitFor(() => expect(rendered).toHaveLength(1))
    expect(rendered[0]).toMatchObject({ sitekey: SITE_KEY, language: 'en' })

    act(() => rendered[0]?.callback(endpoint.solved('solved-in-turnstile')))
    await screen.findByLabelText('Verification code')
    expect(endpoint.received.at(-1)).toEqual({ phone_number: '+447700900123', captcha_token: 'solved-in-turnstile' })
    // The check passed, its widget went with it: the vendor was told to take it down.
    expect(remove).toHaveBeenCalledWith('widget-1')
  })
})
