import type { Decorator, Preview } from '@storybook/react-vite'
import type { CSSProperties } from 'react'
import { type LocaleName, locales } from '../packages/phone-verify/src/locales'

/** The color schemes of the toolbar: the stylesheet's light and dark variables, or the system's preference. */
export const COLOR_SCHEMES = ['light', 'dark', 'system'] as const
export type ColorScheme = (typeof COLOR_SCHEMES)[number]

const isLocaleName = (value: unknown): value is LocaleName => typeof value === 'string' && Object.hasOwn(locales, value)
const isColorScheme = (value: unknown): value is ColorScheme => COLOR_SCHEMES.includes(value as ColorScheme)

/** Each shipped language under its own name ("Deutsch", "العربية"), so a reader finds theirs without knowing the code. */
const languageTitle = (name: LocaleName) => {
  const own = new Intl.DisplayNames([name], { type: 'language' }).of(name) ?? name
  return `${own} (${name})`
}

export const globalTypes: Preview['globalTypes'] = {
  locale: {
    description: 'The words of every part, in each shipped language; Arabic and Hebrew also turn the page right to left',
    toolbar: {
      title: 'Language',
      icon: 'globe',
      items: (Object.keys(locales) as LocaleName[]).map((name) => ({
        value: name,
        title: languageTitle(name),
        right: locales[name].dir === 'rtl' ? 'RTL' : undefined,
      })),
      dynamicTitle: true,
    },
  },
  colorScheme: {
    description: "The stylesheet's light or dark variables, or the operating system's preference",
    toolbar: {
      title: 'Color scheme',
      icon: 'contrast',
      items: [
        { value: 'light', title: 'Light', icon: 'sun' },
        { value: 'dark', title: 'Dark', icon: 'moon' },
        { value: 'system', title: 'System', icon: 'browser' },
      ],
      dynamicTitle: true,
    },
  },
}

export const initialGlobals: Preview['initialGlobals'] = { locale: 'en', colorScheme: 'light' }

/**
 * The viewport toolbar's sizes: the phones the kit is laid out for first. At 360 px and less the country picker takes
 * a line of its own above the number (the stylesheet's `max-width: 22.5rem` rule), so both sides of it are here.
 * Written out rather than imported from `storybook/viewport`, which the story tests would otherwise find mid-run.
 */
export const viewports = {
  phoneSmall: { name: 'Small phone (320 × 568)', styles: { width: '320px', height: '568px' }, type: 'mobile' },
  phone: { name: 'Phone (360 × 780)', styles: { width: '360px', height: '780px' }, type: 'mobile' },
  phoneMedium: { name: 'Phone (393 × 852)', styles: { width: '393px', height: '852px' }, type: 'mobile' },
  phoneLarge: { name: 'Large phone (414 × 896)', styles: { width: '414px', height: '896px' }, type: 'mobile' },
  tablet: { name: 'Tablet (834 × 1112)', styles: { width: '834px', height: '1112px' }, type: 'tablet' },
  desktop: { name: 'Desktop (1280 × 1024)', styles: { width: '1280px', height: '1024px' }, type: 'desktop' },
} as const

/** The page behind a story in each scheme: dark enough under the dark variables for their contrast to hold. */
const PAGE_BACKGROUND = 'light-dark(#ffffff, #0b0f17)'

/**
 * Applies the toolbar's language and color scheme to every story.
 *
 * - **Language**: the story sits in an element with the language's `lang` and `dir`, and a component that takes
 *   `messages` (or, for the parts with only a `locale`, `locale`) gets the shipped language's, unless the story or
 *   its controls set them already: a story that pins a language keeps it. English is the components' own default,
 *   so it changes nothing. "Takes" means the story's meta lists the prop in `argTypes`: the story tests run without
 *   the docs' prop tables, so a prop only those found would work in the browser and not in `pnpm test`.
 * - **Color scheme**: `data-theme="light"` or `"dark"` on that element selects the stylesheet's variables there;
 *   "system" leaves it out, so the stylesheet's `prefers-color-scheme` rule decides, as on a page that does nothing.
 */
export const withKitGlobals: Decorator = (Story, context) => {
  const locale: LocaleName = isLocaleName(context.globals.locale) ? context.globals.locale : 'en'
  const colorScheme: ColorScheme = isColorScheme(context.globals.colorScheme) ? context.globals.colorScheme : 'light'
  const messages = locales[locale]
  const takes = (prop: string) => Object.hasOwn(context.argTypes, prop)

  let args = context.args
  if (locale !== 'en') {
    const givesMessages = takes('messages') && args.messages === undefined
    const givesLocale = takes('locale') && args.locale === undefined && (givesMessages || !takes('messages'))
    if (givesMessages || givesLocale) {
      args = {
        ...args,
        ...(givesMessages ? { messages } : {}),
        ...(givesLocale ? { locale: messages.locale } : {}),
      }
    }
  }

  const style: CSSProperties = {
    colorScheme: colorScheme === 'system' ? 'light dark' : colorScheme,
    background: PAGE_BACKGROUND,
    color: 'var(--otpflow-fg)',
    padding: '1rem',
  }
  return (
    <div
      data-story-globals=""
      lang={messages.locale}
      dir={messages.dir}
      {...(colorScheme === 'system' ? {} : { 'data-theme': colorScheme })}
      style={style}
    >
      <Story args={args} />
    </div>
  )
}
