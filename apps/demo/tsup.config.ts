import { defineConfig } from 'tsup'

// Node cannot run TypeScript, so the server is bundled; workspace packages are bundled from their sources.
export default defineConfig({
  entry: { start: 'server/start.ts' },
  outDir: 'dist/server',
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  clean: true,
  // Everything is bundled: the server's own dependencies (fast-jwt, zod) are not resolvable from this package under pnpm.
  noExternal: [/./],
  // Bundled CommonJS dependencies (fast-jwt and its own) call `require` for Node built-ins, which an ES module lacks.
  banner: {
    js: "import { createRequire as __otpflowCreateRequire } from 'node:module'; const require = __otpflowCreateRequire(import.meta.url);",
  },
  esbuildOptions(options) {
    options.conditions = ['source']
  },
})
