import { DEMO_LOCALES, DEMO_STRINGS, type DemoLocale } from '../i18n'

export interface LanguageSwitcherProps {
  current: DemoLocale
  label: string
}

/**
 * The page's language, and behind it one link per shipped locale, each named in its own language (the way people look
 * for theirs). Folded into one disclosure, so the header stays one line on a phone and the keyboard passes it with a
 * single Tab.
 */
export function LanguageSwitcher({ current, label }: LanguageSwitcherProps) {
  return (
    <nav aria-label={label} className="demo-languages">
      <details>
        <summary lang={current}>{DEMO_STRINGS[current].languageName}</summary>
        <ul>
          {DEMO_LOCALES.map((locale) => (
            <li key={locale}>
              <a
                href={`?locale=${locale}`}
                hrefLang={locale}
                lang={locale}
                aria-current={locale === current ? 'true' : undefined}
              >
                {DEMO_STRINGS[locale].languageName}
              </a>
            </li>
          ))}
        </ul>
      </details>
    </nav>
  )
}
