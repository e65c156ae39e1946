import { useSyncExternalStore } from 'react'

let supported: boolean | undefined

/**
 * Whether the system draws a pair of regional-indicator letters as one flag. Windows has no flag emoji at all, and
 * Linux without an emoji font draws two boxes; there the picker shows the ISO code instead.
 *
 * Measured once, on an offscreen canvas, with no network request: a flag is one glyph about as wide as a single
 * regional-indicator letter, while an unsupported pair is two glyphs side by side. Where no canvas can measure
 * (no `OffscreenCanvas`), flags are assumed to work, as in every browser of the last years outside Windows.
 */
export function supportsFlagEmoji(): boolean {
  supported ??= measureFlagSupport()
  return supported
}

function measureFlagSupport(): boolean {
  if (typeof OffscreenCanvas === 'undefined') return true
  try {
    const context = new OffscreenCanvas(8, 8).getContext('2d')
    if (!context) return true
    context.font = '32px sans-serif'
    const flag = context.measureText('\u{1F1FA}\u{1F1F8}').width
    const letter = context.measureText('\u{1F1FA}').width
    if (!(flag > 0 && letter > 0)) return true
    return flag < letter * 1.5
  } catch {
    return true
  }
}

/** Forgets the measure (for tests that change what the canvas reports). */
export function resetFlagSupport(): void {
  supported = undefined
}

const noSubscribe = () => () => {}
// The server cannot know the reader's system: it renders flags, and the client switches after hydration if needed.
const onServer = () => true

/** {@link supportsFlagEmoji}, read after hydration so the server's HTML and the first client render agree. */
export function useFlagEmoji(): boolean {
  return useSyncExternalStore(noSubscribe, supportsFlagEmoji, onServer)
}
