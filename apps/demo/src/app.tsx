import { useEffect, useMemo, useState } from 'react'
import { LanguageSwitcher } from './components/language-switcher'
import { SandboxInbox } from './components/sandbox-inbox'
import { DEMO_STRINGS, isRtl, pickLocale } from './i18n'
import { CustomPage } from './pages/custom-page'
import { NotFoundPage } from './pages/not-found-page'
import { SignupPage } from './pages/signup-page'
import { useDemoConfig } from './use-demo-config'

const PAGES = [
  { path: '/', key: 'signupPage' },
  { path: '/custom', key: 'customPage' },
] as const

const INBOX_NUMBER_KEY = 'otpflow-demo:inbox-number'

/** The demo has two pages, so a full router would be more code than the pages: the path picks one, links reload. */
export function App() {
  const locale = useMemo(() => pickLocale(location.search, navigator.languages ?? [navigator.language]), [])
  const t = DEMO_STRINGS[locale]
  const path = location.pathname.replace(/\/+$/, '') || '/'
  const config = useDemoConfig()
  // Which number the inbox shows, and a counter bumped after each send so it reads the outbox again. The number
  // outlives a reload, like the flow itself, so a resumed code step still has its code in the inbox.
  const [sent, setSent] = useState<{ phoneNumber?: string; count: number }>(() => ({
    phoneNumber: sessionStorage.getItem(INBOX_NUMBER_KEY) ?? undefined,
    count: 0,
  }))
  const onSent = useMemo(
    () => (phoneNumber: string | undefined) => {
      if (phoneNumber) sessionStorage.setItem(INBOX_NUMBER_KEY, phoneNumber)
      setSent((previous) => ({ phoneNumber: phoneNumber ?? previous.phoneNumber, count: previous.count + 1 }))
    },
    [],
  )

  useEffect(() => {
    document.documentElement.lang = locale
    document.documentElement.dir = isRtl(locale) ? 'rtl' : 'ltr'
  }, [locale])

  const withLocale = (href: string) => (location.search.includes('locale=') ? `${href}?locale=${locale}` : href)

  return (
    <div className="demo-shell">
      <header className="demo-header">
        <a className="demo-brand" href={withLocale('/')}>
          otpflow
        </a>
        <nav aria-label={t.pages} className="demo-nav">
          <ul>
            {PAGES.map((page) => (
              <li key={page.path}>
                <a href={withLocale(page.path)} aria-current={page.path === path ? 'page' : undefined}>
                  {t[page.key]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <LanguageSwitcher current={locale} label={t.language} />
      </header>
      <div className="demo-layout">
        <main className="demo-main">
          {path === '/' ? (
            <SignupPage locale={locale} t={t} onSent={onSent} />
          ) : path === '/custom' ? (
            <CustomPage locale={locale} t={t} onSent={onSent} />
          ) : (
            <NotFoundPage homeHref={withLocale('/')} />
          )}
        </main>
        {config?.sandbox ? <SandboxInbox t={t} phoneNumber={sent.phoneNumber} refreshKey={sent.count} /> : null}
      </div>
    </div>
  )
}
