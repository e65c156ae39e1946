import { useCallback, useEffect, useMemo, useState } from 'react'
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

/** The demo has two pages, so a full router would be more code than the pages: the path picks one, links reload. */
export function App() {
  const locale = useMemo(() => pickLocale(location.search, navigator.languages ?? [navigator.language]), [])
  const t = DEMO_STRINGS[locale]
  const path = location.pathname.replace(/\/+$/, '') || '/'
  const config = useDemoConfig()
  // The inbox shows the code of the number whose code step is on screen (a resumed step, after a reload or "change
  // number" and back, sends nothing, so the page says which number it shows), and reads the outbox again after each
  // send or resend.
  const [codeStepNumber, setCodeStepNumber] = useState<string>()
  const [sends, setSends] = useState(0)
  const onSent = useCallback(() => setSends((count) => count + 1), [])

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
            <SignupPage locale={locale} t={t} onSent={onSent} onCodeStep={setCodeStepNumber} />
          ) : path === '/custom' ? (
            <CustomPage locale={locale} t={t} onSent={onSent} onCodeStep={setCodeStepNumber} />
          ) : (
            <NotFoundPage homeHref={withLocale('/')} />
          )}
        </main>
        {config?.sandbox ? <SandboxInbox t={t} phoneNumber={codeStepNumber} refreshKey={sends} /> : null}
      </div>
    </div>
  )
}
