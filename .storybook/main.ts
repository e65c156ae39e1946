import { fileURLToPath } from 'node:url'
import type { StorybookConfig } from '@storybook/react-vite'
import react from '@vitejs/plugin-react'
import { mergeConfig, type PluginOption } from 'vite'
import { sourceConditions } from '../vitest.shared.ts'

const hasPlugin = (plugins: PluginOption[] | undefined, name: string): boolean =>
  (plugins ?? [])
    .flat(Number.POSITIVE_INFINITY)
    .some((plugin) => typeof plugin === 'object' && plugin !== null && 'name' in plugin && plugin.name === name)

const config: StorybookConfig = {
  // The guides that span the kit (docs/storybook), the pages and stories that sit next to what they show.
  stories: [
    '../docs/storybook/**/*.mdx',
    '../packages/*/src/**/*.mdx',
    '../packages/*/src/**/*.stories.@(ts|tsx)',
    '../apps/demo/src/**/*.stories.@(ts|tsx)',
  ],
  addons: ['@storybook/addon-docs', '@storybook/addon-vitest', '@storybook/addon-a11y'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true },
  typescript: {
    // The props tables read the types and their TSDoc, `@default` included (react-docgen, the default, leaves
    // `@default` in the description and misses props declared through `extends`). The story tests skip this step.
    reactDocgen: 'react-docgen-typescript',
    reactDocgenTypescriptOptions: {
      tsconfigPath: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
      // Components only: not the stories, nor this folder's decorators.
      exclude: ['**/*.stories.tsx', '**/.storybook/**'],
      // The kit's own props; the hundreds every <input> or <button> inherits from React's types stay out.
      propFilter: (prop) => !prop.parent?.fileName.includes('node_modules'),
      shouldRemoveUndefinedFromOptional: true,
    },
  },
  // Workspace packages resolve to their sources, as in the tests and the demo: no build before Storybook.
  viteFinal: (viteConfig) =>
    mergeConfig(viteConfig, {
      ...sourceConditions,
      plugins:
        hasPlugin(viteConfig.plugins, 'vite:react-babel') || hasPlugin(viteConfig.plugins, 'vite:react-refresh') ? [] : [react()],
    }),
}

// Storybook reads its configuration from the default export.
export default config
