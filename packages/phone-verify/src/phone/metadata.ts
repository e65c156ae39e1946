import type { PhoneKit } from './phone-engine'

type Listener = () => void

let kit: PhoneKit | undefined
let pending: Promise<PhoneKit> | undefined
const listeners = new Set<Listener>()

/**
 * Loads the phone number kit (libphonenumber-js, its `min` metadata and the functions built on them, about 33 kB
 * gzipped) in its own chunk, once. Nothing needs it to paint the first frame; the phone field formats as soon as it
 * arrives. Call it early (on hover, on route load) to have it ready sooner.
 *
 * @example
 * const phone = await loadPhoneMetadata()
 * phone.toE164('07700 900123', 'GB') // '+447700900123'
 */
export function loadPhoneMetadata(): Promise<PhoneKit> {
  if (kit) return Promise.resolve(kit)
  pending ??= import('./phone-engine').then((module) => {
    kit = module.phoneKit
    for (const listener of listeners) listener()
    return kit
  })
  return pending
}

/** The kit when it has loaded, else `undefined`. */
export function getPhoneKit(): PhoneKit | undefined {
  return kit
}

export function subscribePhoneKit(listener: Listener): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}
