import { defineConfig } from 'tsup'

// Node cannot run TypeScript, so the server is bundled; workspace packages are bundled from their sources.
export default defineConfig({
  entry: { start: 'server/start.ts' },
  outDir: 'dist/server',
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  clean: true,
  // Everything is bundled: the server's own dependencies (jose, zod) are not resolvable from this package under pnpm.
  noExternal: [/./],
  esbuildOptions(options) {
    options.conditions = ['source']
  },
})
