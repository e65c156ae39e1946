import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { serve } from '@hono/node-server'
import { createDemoApp } from './app'

// Built to dist/server/start.js: the client build sits in dist/client and the optional .env in the package folder.
const envFile = fileURLToPath(new URL('../../.env', import.meta.url))
if (existsSync(envFile)) process.loadEnvFile(envFile)

const port = Number(process.env.PORT || 5173)
const staticRoot = fileURLToPath(new URL('../client', import.meta.url))
const { app } = startApp()

function startApp(): ReturnType<typeof createDemoApp> {
  try {
    return createDemoApp({ env: process.env, staticRoot })
  } catch (error) {
    // A half-set provider or a short OTP_SECRET: the message names the variable, a stack trace would only bury it.
    console.error(`otpflow demo: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  }
}

serve({ fetch: app.fetch, port, ...(process.env.HOST ? { hostname: process.env.HOST } : {}) }, (info) => {
  console.log(`otpflow demo (production build): http://localhost:${info.port}`)
})
