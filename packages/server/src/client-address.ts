import ipaddr from 'ipaddr.js'

/** Bits of an IPv6 address that name one client: every end site gets at least a /64, and rotates freely inside it. */
export const DEFAULT_IPV6_PREFIX = 64

/** Checks the `ipv6Prefix` option at startup: a whole number of bits from 1 to 128. */
export function checkIpv6Prefix(prefix: number | undefined): number {
  if (prefix === undefined) return DEFAULT_IPV6_PREFIX
  if (!Number.isInteger(prefix) || prefix < 1 || prefix > 128) {
    throw new Error(`ipv6Prefix must be a whole number of bits from 1 to 128, not ${String(prefix)}`)
  }
  return prefix
}

/**
 * The key the per-client limits count under: an IPv4 address as is (also when it arrives IPv4-mapped, `::ffff:a.b.c.d`,
 * as dual-stack Node sockets report it), an IPv6 address as its network of `ipv6Prefix` bits (`2001:db8:1:2::/64`).
 * A host gets a whole /64 and can pick a new address in it for every request, so keying on the address would give it
 * 2^64 budgets. Something that is not an IP address (a proxy's odd header) is used as it is.
 */
export function clientKey(ip: string, ipv6Prefix: number): string {
  let address: ipaddr.IPv4 | ipaddr.IPv6
  try {
    address = ipaddr.parse(ip.trim())
  } catch {
    return ip
  }
  if (address.kind() === 'ipv4') return address.toString()
  const v6 = address as ipaddr.IPv6
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString()
  const bytes = v6.toByteArray()
  for (let bit = ipv6Prefix; bit < 128; bit += 1) {
    const index = bit >> 3
    bytes[index] = (bytes[index] as number) & ~(0x80 >> (bit & 7))
  }
  return `${ipaddr.fromByteArray(bytes).toString()}/${ipv6Prefix}`
}
