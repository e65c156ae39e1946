import type { Clock } from '@otpflow/core'
import { createSandbox } from '@otpflow/core/sandbox'
import type { Meta, StoryObj } from '@storybook/react-vite'
import type { CSSProperties } from 'react'
import { expect, userEvent, within } from 'storybook/test'
import { PhoneVerify, type PhoneVerifyProps } from '../phone-verify'

import '../styles.css'

/** A clock that stands still: the resend countdown shows the same on every run. */
const clock: Clock = { now: () => Date.parse('2026-11-26T09:00:00Z') }

/** The drop-in on the sandbox running in the browser, with no persistence: each story starts on the number step. */
const dropIn = (props: Partial<PhoneVerifyProps> = {}): PhoneVerifyProps => ({
  client: createSandbox({ clock }),
  defaultCountry: 'GB',
  flowOptions: { clock, persist: false },
  ...props,
})

type Canvas = ReturnType<typeof within>

async function sendCode(canvas: Canvas): Promise<HTMLElement> {
  await userEvent.type(canvas.getByLabelText('Phone number'), '07700 900123')
  await userEvent.click(canvas.getByRole('button', { name: 'Send code' }))
  return canvas.findByLabelText('Verification code')
}

const part = (root: HTMLElement, name: string): HTMLElement => {
  const element = root.querySelector<HTMLElement>(`[data-part="${name}"]`)
  if (!element) throw new Error(`no ${name} on screen`)
  return element
}

const px = (rem: string) => `${Number.parseFloat(rem) * 16}px`

interface BrandArgs {
  /** `--otpflow-accent` (and `--otpflow-focus`): filled buttons, link buttons, focus rings. */
  accent: string
  /** `--otpflow-radius`: corners of inputs, buttons, code slots, the country list. */
  radius: string
  /** `--otpflow-font`: the font of every part. */
  font: string
  /** `--otpflow-slot-size`: a code slot's largest width (its height is 1.15 times that). */
  slotSize: string
}

const meta = {
  title: 'Theming',
  // This page's guide is theming.mdx; the stories are its live examples.
  tags: ['!autodocs'],
  parameters: { layout: 'padded' },
} satisfies Meta

// Storybook reads the stories' metadata from the default export.
export default meta

/**
 * A brand in four variables, on the drop-in's code step (the play function sends a code to get there). Change them in
 * the controls; every other variable keeps its default.
 */
export const Brand: StoryObj<BrandArgs> = {
  args: { accent: '#7e22ce', radius: '0.75rem', font: 'Georgia, "Times New Roman", serif', slotSize: '2.75rem' },
  argTypes: {
    accent: { control: 'color' },
    radius: { control: 'select', options: ['0', '0.25rem', '0.5rem', '0.75rem', '1rem', '1.5rem'] },
    font: {
      control: 'select',
      options: [
        'inherit',
        'system-ui, sans-serif',
        'Georgia, "Times New Roman", serif',
        '"Trebuchet MS", Helvetica, sans-serif',
        'ui-monospace, monospace',
      ],
    },
    slotSize: { control: 'select', options: ['2.25rem', '2.5rem', '2.75rem', '3rem', '3.5rem', '4rem'] },
  },
  // In the docs page too, so the code slots are there to see.
  parameters: { docs: { story: { autoplay: true } } },
  render: ({ accent, radius, font, slotSize }) => (
    <div
      style={
        {
          '--otpflow-accent': accent,
          '--otpflow-focus': accent,
          '--otpflow-radius': radius,
          '--otpflow-font': font,
          '--otpflow-slot-size': slotSize,
        } as CSSProperties
      }
    >
      <PhoneVerify {...dropIn()} />
    </div>
  ),
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await sendCode(canvas)
    const slot = part(canvasElement, 'code-slot')
    await expect(getComputedStyle(slot).borderTopLeftRadius).toBe(px(args.radius))
    await expect(getComputedStyle(slot).maxWidth).toBe(px(args.slotSize))
    await expect(getComputedStyle(part(canvasElement, 'root')).fontFamily).toBe(args.font)
    // #7e22ce, the link buttons' text.
    await expect(getComputedStyle(canvas.getByRole('button', { name: 'Change number' })).color).toBe('rgb(126, 34, 206)')
  },
}

/** The dark variables, from the toolbar's color scheme (`data-theme="dark"` on an ancestor). */
export const Dark: StoryObj = {
  globals: { colorScheme: 'dark' },
  render: () => <PhoneVerify {...dropIn()} />,
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('[data-story-globals]')).toHaveAttribute('data-theme', 'dark')
    // --otpflow-surface in dark: #1f2937.
    await expect(getComputedStyle(within(canvasElement).getByLabelText('Phone number')).backgroundColor).toBe('rgb(31, 41, 55)')
  },
}

/** The system's scheme: no `data-theme`, so the stylesheet's `prefers-color-scheme` rule decides. */
export const System: StoryObj = {
  globals: { colorScheme: 'system' },
  render: () => <PhoneVerify {...dropIn()} />,
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('[data-story-globals]')).not.toHaveAttribute('data-theme')
    const prefersDark = matchMedia('(prefers-color-scheme: dark)').matches
    await expect(getComputedStyle(within(canvasElement).getByLabelText('Phone number')).backgroundColor).toBe(
      prefersDark ? 'rgb(31, 41, 55)' : 'rgb(255, 255, 255)',
    )
  },
}

/** One class is enough to win over the stylesheet: all its rules sit inside `:where()`, which weighs nothing. */
const classNamesCss = `
.brand-send { background: #c2410c; border-radius: 999px; padding-inline: 1.5rem; }
.brand-field { border: 2px solid #c2410c; }
`

/**
 * `classNames`: a class for each part (here the send button and the phone input), added to its `data-part` hooks. A
 * plain class, a Tailwind utility or a CSS module's class wins over the stylesheet, which keeps drawing the rest.
 */
export const ClassNames: StoryObj = {
  render: () => (
    <>
      <style>{classNamesCss}</style>
      <PhoneVerify {...dropIn({ classNames: { sendButton: 'brand-send', phoneField: 'brand-field' } })} />
    </>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const send = canvas.getByRole('button', { name: 'Send code' })
    await expect(send).toHaveClass('brand-send')
    await expect(getComputedStyle(send).backgroundColor).toBe('rgb(194, 65, 12)')
    await expect(getComputedStyle(send).borderTopLeftRadius).toBe('999px')
    await expect(getComputedStyle(canvas.getByLabelText('Phone number')).borderTopWidth).toBe('2px')
  },
}

/** A design system's own classes, with the stylesheet switched off. */
const designSystemCss = `
.ds-root { display: grid; gap: 1rem; max-width: 24rem; font: 15px/1.5 system-ui, sans-serif; color: #1c1917; }
.ds-label { font-weight: 700; text-transform: uppercase; letter-spacing: 0.06em; font-size: 0.75rem; }
.ds-input { padding: 0.625rem 0.75rem; border: 1px solid #57534e; border-radius: 2px; font: inherit; background: #fafaf9; }
.ds-button { padding: 0.625rem 1rem; border: 0; border-radius: 2px; background: #1c1917; color: #fafaf9; font: inherit; font-weight: 600; }
`

/**
 * `unstyled`: none of the stylesheet's rules apply (`data-unstyled` on the root switches them off), so the parts are
 * the browser's own inputs and buttons, with every label, live region and `data-part` / `data-state` hook in place,
 * ready for a design system's classes through `classNames`.
 */
export const Unstyled: StoryObj = {
  render: () => (
    <>
      <style>{designSystemCss}</style>
      <PhoneVerify
        {...dropIn({
          unstyled: true,
          classNames: {
            root: 'ds-root',
            label: 'ds-label',
            phoneField: 'ds-input',
            sendButton: 'ds-button',
          },
        })}
      />
    </>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const root = part(canvasElement, 'root')
    await expect(root).toHaveAttribute('data-unstyled')
    await expect(root).toHaveClass('ds-root')
    // The stylesheet's hint color (--otpflow-muted, rgb(75, 85, 99)) is gone: the hint takes the root's color.
    await expect(getComputedStyle(part(canvasElement, 'hint')).color).toBe(getComputedStyle(root).color)
    await expect(getComputedStyle(canvas.getByRole('button', { name: 'Send code' })).backgroundColor).toBe('rgb(28, 25, 23)')
  },
}
