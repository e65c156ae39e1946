import type { Preview } from '@storybook/react-vite'
import { globalTypes, initialGlobals, viewports, withKitGlobals } from './kit-globals'

const preview: Preview = {
  tags: ['autodocs'],
  // The flow resumes from sessionStorage after a reload; each story starts from its own first step instead.
  beforeEach: () => {
    sessionStorage.clear()
  },
  globalTypes,
  initialGlobals,
  decorators: [withKitGlobals],
  parameters: {
    layout: 'padded',
    controls: { matchers: { color: /(background|color)$/i } },
    // Any axe violation fails the story's test, in Storybook's panel and in `pnpm test`.
    a11y: { test: 'error' },
    viewport: { options: viewports },
    options: {
      // Storybook opens on the first entry: the introduction, then the guides, then the components.
      storySort: {
        order: ['Introduction', 'Theming', 'PhoneVerify', 'Parts', 'Hooks', 'Demo'],
      },
    },
  },
}

// Storybook reads the preview annotations from the default export.
export default preview
