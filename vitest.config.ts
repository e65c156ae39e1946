import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'
import { sourceConditions } from './vitest.shared.ts'

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
    setupFiles: [r('vitest.setup.dom.ts')],
  },
})

export default defineConfig({
  test: {
    projects: [nodeProject('core'), nodeProject('server'), domProject('react'), domProject('phone-verify')],
    typecheck: { enabled: true, include: ['**/*.test-d.ts'] },
  },
})
