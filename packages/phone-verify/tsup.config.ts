import { copyFileSync } from 'node:fs'
import { defineConfig } from 'tsup'

export default defineConfig({
  // One entry per language, so that an app bundles only the languages it imports.
  entry: {
    index: 'src/index.ts',
    // The react-hook-form field: its own entry, so react-hook-form is needed only by apps that import it.
    'react-hook-form': 'src/react-hook-form.tsx',
    // The ready human check widgets: their code loads only when the endpoint asks for a check.
    captcha: 'src/captcha/index.tsx',
    'locales/index': 'src/locales/index.ts',
    ...Object.fromEntries(
      [
        'en',
        'fr',
        'de',
        'es',
        'pt',
        'ar',
        'he',
        'ja',
        'zh-Hans',
        'zh-Hant',
        'ko',
        'hi',
        'id',
        'tr',
        'ru',
        'uk',
        'pl',
        'nl',
        'it',
        'vi',
        'fa',
      ].map((language) => [`locales/${language}`, `src/locales/${language}.ts`]),
    ),
  },
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
