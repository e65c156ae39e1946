/**
 * Every `--otpflow-*` variable of `styles.css`, as the theming page lists it: its default in the light and the dark
 * scheme and what it changes. A test holds this list to the stylesheet, so a variable added there without a line
 * here (or a default changed on one side only) fails `pnpm test`.
 */
export interface ThemeVariable {
  name: `--otpflow-${string}`
  /** The stylesheet's value in the light scheme (`:root`, `[data-theme="light"]`). */
  light?: string
  /** The value in the dark scheme, where it differs from the light one. */
  dark?: string
  /** Who sets it, for a variable the stylesheet reads but does not define. */
  setBy?: string
  /** What it changes on screen. */
  changes: string
}

export const themeVariables: readonly ThemeVariable[] = [
  { name: '--otpflow-font', light: 'inherit', changes: "The font of every part (inherit: the page's)." },
  { name: '--otpflow-fg', light: '#111827', dark: '#f3f4f6', changes: 'Text, the digits in the code slots and the drawn caret.' },
  {
    name: '--otpflow-muted',
    light: '#4b5563',
    dark: '#c4c9d2',
    changes: 'Hints, the "Code sent to" line, dial codes in the country list, the resend countdown.',
  },
  { name: '--otpflow-bg', light: 'transparent', changes: 'The background of the whole component.' },
  {
    name: '--otpflow-surface',
    light: '#ffffff',
    dark: '#1f2937',
    changes: 'The background of the phone input, the country picker and its list, and the code slots.',
  },
  {
    name: '--otpflow-border',
    light: '#9ca3af',
    dark: '#6b7280',
    changes:
      'Borders of the inputs, the code slots, the country list and the flag badges; the line after the preferred countries.',
  },
  {
    name: '--otpflow-accent',
    light: '#1d4ed8',
    dark: '#93c5fd',
    changes:
      'The filled buttons (Send code, Verify, the way out of an error) and the text of the link buttons (Resend code, Change number, another channel).',
  },
  { name: '--otpflow-accent-fg', light: '#ffffff', dark: '#0b1220', changes: 'Text on the filled buttons.' },
  { name: '--otpflow-accent-soft', light: '#dbeafe', dark: '#1e3a5f', changes: 'The highlighted country in the open list.' },
  {
    name: '--otpflow-danger',
    light: '#b91c1c',
    dark: '#fca5a5',
    changes: 'Error text, and the border of an invalid phone input or code slot.',
  },
  { name: '--otpflow-success', light: '#15803d', dark: '#86efac', changes: 'The "Phone number verified" line.' },
  {
    name: '--otpflow-focus',
    light: '#2563eb',
    dark: '#93c5fd',
    changes: 'Focus rings of the inputs and buttons, and the code slot under the caret.',
  },
  {
    name: '--otpflow-radius',
    light: '0.5rem',
    changes: 'Corners of the inputs, buttons, code slots and the country list (its options are 2 px rounder inside).',
  },
  { name: '--otpflow-gap', light: '0.75rem', changes: "The space between the component's rows." },
  {
    name: '--otpflow-control-height',
    light: '2.75rem',
    changes: 'The height of the phone input, the country picker and the filled buttons (44 px: a touch target).',
  },
  {
    name: '--otpflow-slot-size',
    light: '3rem',
    changes: "A code slot's largest width; its height is 1.15 times that. Slots shrink on a narrow screen.",
  },
  { name: '--otpflow-slot-gap', light: '0.375rem', changes: 'The space between code slots.' },
  {
    name: '--otpflow-badge-gutter',
    light: '2.5rem',
    changes: 'Room after the last code slot, where password managers put their badge, so it never covers a digit.',
  },
  {
    name: '--otpflow-min-height',
    light: '18rem',
    changes: 'The height of the tallest step: switching steps never moves what comes after the component.',
  },
  { name: '--otpflow-max-width', light: '24rem', changes: 'The widest the component grows.' },
  {
    name: '--otpflow-shadow',
    light: '0 8px 24px rgb(0 0 0 / 0.12)',
    dark: '0 8px 24px rgb(0 0 0 / 0.5)',
    changes: 'The shadow of the open country list.',
  },
  {
    name: '--otpflow-code-length',
    setBy: 'CodeField, from its codeLength (6)',
    changes: "The number of slots the code field's width is computed for. Set by the field itself: set codeLength instead.",
  },
]
