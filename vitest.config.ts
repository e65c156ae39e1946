import { storybookTest } from '@storybook/addon-vitest/vitest-plugin'
import react from '@vitejs/plugin-react'
import { playwright } from '@vitest/browser-playwright'
import { defineConfig } from 'vitest/config'
import { chromiumArgs, chromiumPath, sourceConditions } from './vitest.shared.ts'

const r = (path: string) => new URL(path, import.meta.url).pathname

const nodeProject = (name: string) => ({
  ...sourceConditions,
  test: { name, root: r(`packages/${name}`), environment: 'node', include: ['src/**/*.test.ts'], typecheck: { enabled: false } },
})

const domProject = (name: string) => ({
  ...sourceConditions,
  plugins: [react()],
  test: {
    name,
    root: r(`packages/${name}`),
    environment: 'jsdom',
    globals: true,
    include: ['src/**/*.test.{ts,tsx}'],
    // What only a real browser shows (focus, selection, forced colors, the accessibility tree) runs in Chromium.
    exclude: ['src/**/*.browser.test.{ts,tsx}', '**/node_modules/**'],
    setupFiles: [r('vitest.setup.dom.ts')],
    // Type tests (`*.test-d.ts`, expectTypeOf) run with tsc beside the behaviour tests.
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts'] },
  },
})

// The components and hooks again on React 18: React, ReactDOM and the libraries built on them resolve to apps/react18's
// copies, which pnpm binds to React 18 (an alias on the sources, and on the path each library is then loaded from).
const react18Modules = r('apps/react18/node_modules')
const react18Project = {
  ...sourceConditions,
  plugins: [react()],
  resolve: {
    ...sourceConditions.resolve,
    alias: [
      {
        find: /^(react|react-dom|@tanstack\/react-query|react-hook-form|@testing-library\/react)(\/.*)?$/,
        replacement: `${react18Modules}/$1$2`,
      },
    ],
  },
  test: {
    name: 'react18',
    root: r('.'),
    environment: 'jsdom',
    globals: true,
    include: [
      'apps/react18/src/*.test.tsx',
      'packages/phone-verify/src/phone-verify.test.tsx',
      'packages/phone-verify/src/hydration.test.tsx',
      'packages/phone-verify/src/server-render.test.tsx',
      'packages/react/src/use-otp-flow.test.tsx',
      'packages/react/src/ssr.test.tsx',
    ],
    setupFiles: [r('vitest.setup.dom.ts')],
  },
}

// Every story runs as a test in Debian's Chromium (play function + axe through the a11y addon).
const storybookProject = {
  ...sourceConditions,
  plugins: [storybookTest({ configDir: r('.storybook') })],
  // Scan every story up front: a dependency found mid-run makes Vite reload the page under the running tests.
  optimizeDeps: { entries: ['packages/*/src/**/*.stories.tsx', 'apps/demo/src/**/*.stories.tsx'] },
  test: {
    name: 'storybook',
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({ launchOptions: { executablePath: chromiumPath, args: chromiumArgs } }),
      instances: [{ browser: 'chromium' as const }],
    },
  },
}

// The components where jsdom cannot tell: real keyboard and mouse (selection, focus after a removed button), computed
// styles under forced colors, the accessibility tree. Same Chromium and flags as the story tests.
const phoneVerifyBrowserProject = {
  ...sourceConditions,
  plugins: [react()],
  // Every dependency found up front, in a cache of its own: one found mid-run makes Vite reload the page under the tests.
  cacheDir: r('node_modules/.vite/phone-verify-browser'),
  optimizeDeps: { entries: ['packages/phone-verify/src/**/*.browser.test.tsx'] },
  test: {
    name: 'phone-verify-browser',
    root: r('packages/phone-verify'),
    include: ['src/**/*.browser.test.{ts,tsx}'],
    setupFiles: [r('vitest.setup.dom.ts')],
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({ launchOptions: { executablePath: chromiumPath, args: chromiumArgs } }),
      instances: [{ browser: 'chromium' as const }],
      // The failure is in the test's message; no screenshots left in the source tree.
      screenshotFailures: false,
    },
  },
}

// The size budget: builds <PhoneVerify> for production and fails with the figure when it outgrows apps/bench/size-budget.json.
const benchProject = {
  test: { name: 'bench', root: r('apps/bench'), environment: 'node', include: ['src/**/*.test.ts'], testTimeout: 120_000 },
}

export default defineConfig({
  test: {
    projects: [
      nodeProject('core'),
      nodeProject('server'),
      domProject('react'),
      domProject('phone-verify'),
      react18Project,
      storybookProject,
      phoneVerifyBrowserProject,
      benchProject,
    ],
    typecheck: { enabled: true, include: ['**/*.test-d.ts'] },
  },
})
