import { ERROR_CODES, type ErrorGroup, KNOWN_ERROR_CODES, type OtpContract, OtpError } from '@otpflow/core'
import { createSandbox } from '@otpflow/core/sandbox'
import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { locales } from './locales'
import { createMessageFormat } from './messages'
import { loadPhoneMetadata } from './phone/metadata'
import { PhoneVerify } from './phone-verify'
import { errorMessageKey } from './phone-verify-decisions'

// Codes not in core's table, filed under a group by the mock as a new row of the table would be: the component says
// them with their group's words, with no list of its own to update.
const NEW_CODES: Record<string, ErrorGroup> = { gateway_slow: 'timeout', number_ported_away: 'phone' }
vi.mock('@otpflow/core', async (importOriginal) => {
  const core = await importOriginal<typeof import('@otpflow/core')>()
  return {
    ...core,
    errorGroup: (code: string) => NEW_CODES[code] ?? core.errorGroup(code),
    isRetryableCode: (code: string) => (NEW_CODES[code] ? NEW_CODES[code] === 'timeout' : core.isRetryableCode(code)),
  }
})

beforeAll(async () => {
  await loadPhoneMetadata()
})

describe('error messages', () => {
  it.each(Object.keys(locales))('has words for every code of core’s error table in %s', (language) => {
    const messages = locales[language as keyof typeof locales]
    const format = createMessageFormat(language)
    expect(KNOWN_ERROR_CODES.length).toBe(Object.keys(ERROR_CODES).length)
    for (const code of KNOWN_ERROR_CODES) {
      const key = errorMessageKey(code)
      const words = messages.errors[key]
      const text = typeof words === 'function' ? words(30, format) : words
      expect(text.trim(), `${language} ${code} (${key})`).not.toBe('')
    }
  })

  it('gives the number’s faults, the waits and the transport their own words, and the rest the general message', () => {
    const wordsOf = (group: ErrorGroup) =>
      new Set(KNOWN_ERROR_CODES.filter((code) => ERROR_CODES[code].group === group).map(errorMessageKey))
    expect(wordsOf('network')).toEqual(new Set(['network']))
    expect(wordsOf('timeout')).toEqual(new Set(['timeout']))
    expect(wordsOf('unavailable')).toEqual(new Set(['unavailable']))
    expect(wordsOf('wait')).toEqual(new Set(['rateLimited']))
    expect(wordsOf('phone')).toEqual(new Set(['invalidNumber', 'landline', 'unsupportedRegion', 'blocked']))
    expect(wordsOf('session')).toEqual(new Set(['unknown']))
    expect(wordsOf('unexpected')).toEqual(new Set(['unknown']))
  })

  function failingSend(code: string): OtpContract {
    const sandbox = createSandbox()
    return {
      ...sandbox,
      createAuthentication: async () => {
        throw new OtpError(code, code)
      },
    }
  }

  it('says a code new to the table in its group’s words: a timeout, with Try again', async () => {
    const user = userEvent.setup()
    render(<PhoneVerify client={failingSend('gateway_slow')} defaultCountry="GB" flowOptions={{ persist: false }} />)
    await user.type(screen.getByLabelText('Phone number'), '07700 900123')
    await user.click(screen.getByRole('button', { name: 'Send code' }))
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(locales.en.errors.timeout))
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument()
  })

  it('says a code new to the table in its group’s words: the number’s fault, under the number', async () => {
    const user = userEvent.setup()
    render(<PhoneVerify client={failingSend('number_ported_away')} defaultCountry="GB" flowOptions={{ persist: false }} />)
    await user.type(screen.getByLabelText('Phone number'), '07700 900123')
    await user.click(screen.getByRole('button', { name: 'Send code' }))
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(locales.en.errors.blocked))
    expect(screen.getByLabelText('Phone number')).toHaveAttribute('aria-invalid', 'true')
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull()
  })
})
