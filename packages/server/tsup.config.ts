import { defineConfig } from 'tsup'

export default defineConfig({
  // `@otpflow/server/redis` is its own entry, so importing `@otpflow/server` never loads `redis` (an optional peer).
  entry: { index: 'src/index.ts', redis: 'src/redis-store.ts' },
  format: ['esm'],
  target: 'es2022',
  sourcemap: true,
  clean: true,
  external: ['@otpflow/core', 'redis'],
  dts: { compilerOptions: { composite: false, emitDeclarationOnly: false } },
})
