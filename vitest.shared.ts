import { defaultClientConditions, defaultServerConditions } from 'vite'

/** Workspace packages resolve to their `src` through the `source` export condition: no build before tests or dev. */
export const sourceConditions = {
  resolve: { conditions: ['source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['source', ...defaultServerConditions] } },
}

/** Flags for Debian's Chromium on a machine without outside network. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
