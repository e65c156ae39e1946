import { PhoneVerify } from '@otpflow/phone-verify'
import { render, screen } from '@testing-library/react'
import { version } from 'react'
import { version as domVersion } from 'react-dom'
import { expect, it } from 'vitest'

// The project's other tests are the kit's own, run again here: this one proves that "here" is React 18, with one React
// (hooks from a second copy would throw on the first render).
it('runs on React 18, with the libraries and the kit sharing that React', () => {
  expect(version).toMatch(/^18\./)
  expect(domVersion).toMatch(/^18\./)
  render(<PhoneVerify endpoint="/api/otp" />)
  expect(screen.getByRole('textbox', { name: 'Phone number' })).toBeEnabled()
  expect(screen.getByRole('button', { name: 'Send code' })).toBeInTheDocument()
})
