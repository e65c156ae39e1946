import { createSandbox } from '@otpflow/core/sandbox'
import { act, screen } from '@testing-library/react'
import { hydrateRoot } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { loadPhoneMetadata } from './phone/metadata'
import { PhoneVerify } from './phone-verify'

describe('PhoneVerify hydration', () => {
  afterEach(() => {
    vi.restoreAllMocks()
    document.body.innerHTML = ''
  })

  it('hydrates the server HTML without a mismatch, then guesses the country and formats', async () => {
    const sandbox = createSandbox()
    const element = <PhoneVerify client={sandbox} defaultPhoneNumber="07700900123" flowOptions={{ persist: false }} />
    const container = document.createElement('div')
    // The server has neither the browser's languages nor the phone metadata.
    container.innerHTML = renderToString(element)
    document.body.append(container)
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['en-GB'])
    const errors = vi.spyOn(console, 'error')
    const recoverable = vi.fn()
    await act(async () => {
      hydrateRoot(container, element, { onRecoverableError: recoverable })
      await loadPhoneMetadata()
    })
    expect(recoverable).not.toHaveBeenCalled()
    expect(errors).not.toHaveBeenCalled()
    expect(screen.getByRole('combobox', { name: 'Country' })).toHaveValue('🇬🇧 +44')
    expect(screen.getByLabelText('Phone number')).toHaveValue('07700 900123')
  })
})
