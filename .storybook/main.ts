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
