import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import { sourceConditions } from '../../vitest.shared.ts'

// End-to-end: the demo built for production, served by its real server on 127.0.0.1, driven by Debian's Chromium.
export default defineConfig({
  ...sourceConditions,
  test: {
    name: 'e2e',
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['e2e/**/*.e2e.test.ts'],
    environment: 'node',
    globalSetup: ['e2e/build-demo.ts'],
    // One Chromium at a time: two cores, and each file starts its own browser and server.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
