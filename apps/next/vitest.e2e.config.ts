import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// End-to-end: the app built by `next build`, served by `next start` on 127.0.0.1, driven by Debian's Chromium.
export default defineConfig({
  test: {
    name: 'next-e2e',
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['e2e/**/*.e2e.test.ts'],
    environment: 'node',
    globalSetup: ['e2e/build-next.ts'],
    // One Chromium and one server at a time: two cores.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
