import { renderHook, waitFor } from '@testing-library/react'
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { usePhoneFormat } from './use-phone-format'

function Formatted({ phoneNumber }: { phoneNumber: string }) {
  return <span>{usePhoneFormat()(phoneNumber)}</span>
}

describe('usePhoneFormat', () => {
  it('writes the E.164 number on the server, where the phone kit never loads', () => {
    expect(renderToString(<Formatted phoneNumber="+447700900123" />)).toBe('<span>+447700900123</span>')
  })

  it('writes the number in groups once the phone kit has loaded', async () => {
    const { result } = renderHook(() => usePhoneFormat())
    await waitFor(() => expect(result.current('+447700900123')).toBe('+44 7700 900123'))
    expect(result.current('+14155552671')).toBe('+1 415 555 2671')
  })
})
