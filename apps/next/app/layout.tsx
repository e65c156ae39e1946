import type { Metadata } from 'next'
import type { ReactNode } from 'react'
import './globals.css'

export const metadata: Metadata = { title: 'otpflow on Next.js' }

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="header">
          <a className="brand" href="/signup">
            otpflow
          </a>
          <span className="tagline">Next.js App Router example</span>
        </header>
        {children}
      </body>
    </html>
  )
}
