import { useEffect, useState } from 'react'

export interface DemoConfig {
  /** True while the server runs on the in-memory sandbox (no SMS is sent). */
  sandbox: boolean
  provider: string
}

/** Asks the server once which provider it runs on; `undefined` until it answers (the inbox stays hidden meanwhile). */
export function useDemoConfig(): DemoConfig | undefined {
  const [config, setConfig] = useState<DemoConfig>()
  useEffect(() => {
    const controller = new AbortController()
    fetch('/api/config', { signal: controller.signal })
      .then((response) => (response.ok ? (response.json() as Promise<DemoConfig>) : undefined))
      .then(setConfig)
      .catch(() => setConfig(undefined))
    return () => controller.abort()
  }, [])
  return config
}
