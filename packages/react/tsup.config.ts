import { defineConfig } from 'tsup'

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  target: 'es2022',
  sourcemap: true,
  clean: true,
  external: ['react', '@tanstack/react-query', '@otpflow/core'],
  dts: { compilerOptions: { composite: false, emitDeclarationOnly: false } },
})
