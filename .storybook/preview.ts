import type { Preview } from '@storybook/react-vite'

const preview: Preview = {
  tags: ['autodocs'],
  // The flow resumes from sessionStorage after a reload; each story starts from its own first step instead.
  beforeEach: () => {
    sessionStorage.clear()
  },
  parameters: {
    layout: 'padded',
    controls: { matchers: { color: /(background|color)$/i } },
    // Any axe violation fails the story's test, in Storybook's panel and in `pnpm test`.
    a11y: { test: 'error' },
  },
}

// Storybook reads the preview annotations from the default export.
export default preview
