import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { sourceConditions } from '../../vitest.shared.ts'

export default defineConfig({
  ...sourceConditions,
  plugins: [react()],
  // Only VITE_-prefixed variables may reach the browser; the provider's credentials never have that prefix.
  envPrefix: 'VITE_',
  // One chunk holds React, react-query, zod and the kit: fine for a demo; the size budget lives in `pnpm bench`.
  build: { outDir: 'dist/client', emptyOutDir: true, chunkSizeWarningLimit: 800 },
})
