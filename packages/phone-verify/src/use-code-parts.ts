import { useEffect, useSyncExternalStore } from 'react'

type CodeParts = typeof import('./code-parts')

let parts: CodeParts | undefined
let pending: Promise<CodeParts> | undefined
const listeners = new Set<() => void>()

function loadCodeParts(): Promise<CodeParts> {
  pending ??= import('./code-parts').then((module) => {
    parts = module
    for (const listener of listeners) listener()
    return module
  })
  return pending
}

const subscribe = (listener: () => void) => {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}
const getParts = () => parts
const serverSnapshot = () => undefined

/**
 * The code field and the resend button, requested right after the first render so they are there long before a
 * code is sent; `undefined` until then (and on the server).
 */
export function useCodeParts(): CodeParts | undefined {
  const loaded = useSyncExternalStore(subscribe, getParts, serverSnapshot)
  useEffect(() => {
    void loadCodeParts()
  }, [])
  return loaded
}
