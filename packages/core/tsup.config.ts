import { defineConfig } from 'tsup'

export default defineConfig({
  entry: { index: 'src/index.ts', 'sandbox/index': 'src/sandbox/index.ts', 'flow/index': 'src/flow/index.ts' },
  format: ['esm'],
  target: 'es2022',
  sourcemap: true,
  clean: true,
  dts: { compilerOptions: { composite: false, emitDeclarationOnly: false } },
})
