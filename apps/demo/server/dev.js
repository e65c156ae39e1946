// `pnpm dev`: one Node process serving the page through Vite (with hot reload) and the API on the same origin.
// Plain JavaScript because Node 20 cannot run TypeScript; Vite loads the TypeScript server code below.
import { existsSync } from 'node:fs'
import { createServer } from 'node:http'
import { fileURLToPath } from 'node:url'
import { getRequestListener } from '@hono/node-server'
import { createServer as createViteServer } from 'vite'

const root = fileURLToPath(new URL('..', import.meta.url))
const envFile = fileURLToPath(new URL('../.env', import.meta.url))
if (existsSync(envFile)) process.loadEnvFile(envFile)

const port = Number(process.env.PORT || 5173)
const httpServer = createServer()
const vite = await createViteServer({
  root,
  appType: 'spa',
  server: { middlewareMode: true, hmr: { server: httpServer } },
})
const { createDemoApp } = await vite.ssrLoadModule('/server/app.ts')
let app
try {
  ;({ app } = createDemoApp({ env: process.env }))
} catch (error) {
  // A half-set provider or a short OTP_SECRET: the message names the variable, a stack trace would only bury it.
  console.error(`otpflow demo: ${error instanceof Error ? error.message : error}`)
  process.exit(1)
}
const api = getRequestListener(app.fetch)

httpServer.on('request', (request, response) => {
  if (request.url?.startsWith('/api/')) api(request, response)
  else vite.middlewares(request, response)
})
httpServer.listen(port, () => {
  console.log(`otpflow demo: http://localhost:${port}`)
})
