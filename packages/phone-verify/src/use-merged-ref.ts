import { type Ref, type RefCallback, useCallback, useRef } from 'react'

/** One stable ref callback feeding a forwarded ref and an internal one (React 18 and 19). */
export function useMergedRef<T>(...refs: (Ref<T> | undefined)[]): RefCallback<T> {
  const latest = useRef(refs)
  latest.current = refs
  return useCallback((node: T | null) => {
    for (const ref of latest.current) {
      if (typeof ref === 'function') ref(node)
      else if (ref) (ref as { current: T | null }).current = node
    }
  }, [])
}

/** Calls the user's handler, then ours unless the user's called `preventDefault()`. */
export function composeHandlers<E extends { defaultPrevented: boolean }>(
  theirs: ((event: E) => void) | undefined,
  ours: (event: E) => void,
): (event: E) => void {
  return (event) => {
    theirs?.(event)
    if (!event.defaultPrevented) ours(event)
  }
}
