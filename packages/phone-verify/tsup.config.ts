import { copyFileSync } from 'node:fs'
import { defineConfig } from 'tsup'

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  target: 'es2022',
  sourcemap: true,
  clean: true,
  banner: { js: "'use client'" },
  external: [
    'react',
    'react-dom',
    '@tanstack/react-query',
    '@otpflow/core',
    '@otpflow/react',
    'libphonenumber-js',
    'react-hook-form',
    'zod',
  ],
  dts: { compilerOptions: { composite: false, emitDeclarationOnly: false } },
  onSuccess: async () => copyFileSync('src/styles.css', 'dist/styles.css'),
})
