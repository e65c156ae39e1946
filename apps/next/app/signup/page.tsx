import type { Metadata } from 'next'
import { connection } from 'next/server'
import { otpEndpoint } from '../../lib/otp-endpoint'
import { SignupForm } from './signup-form'
import '@otpflow/phone-verify/styles.css'

export const metadata: Metadata = { title: 'Create your account · otpflow on Next.js' }

export default async function SignupPage() {
  // Rendered per request: whether the endpoint runs on the sandbox is read from the server's environment at run time.
  await connection()
  const sandbox = otpEndpoint().handler.sandbox !== undefined
  return (
    <main className="main">
      <h1>Create your account</h1>
      <p className="intro">We send a code by text message to check that the phone number is yours.</p>
      <SignupForm sandbox={sandbox} />
    </main>
  )
}
