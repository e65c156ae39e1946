import { DEMO_LOCALES, DEMO_STRINGS, type DemoLocale } from '../i18n'

export interface LanguageSwitcherProps {
  current: DemoLocale
  label: string
}

/** One link per shipped locale, each named in its own language (the way people look for theirs). */
export function LanguageSwitcher({ current, label }: LanguageSwitcherProps) {
  return (
    <nav aria-label={label} className="demo-languages">
      <ul>
        {DEMO_LOCALES.map((locale) => (
          <li key={locale}>
            <a href={`?locale=${locale}`} hrefLang={locale} lang={locale} aria-current={locale === current ? 'true' : undefined}>
              {DEMO_STRINGS[locale].languageName}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}
