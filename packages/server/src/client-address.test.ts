import { describe, expect, it } from 'vitest'
import { checkIpv6Prefix, clientKey } from './client-address'

describe('clientKey', () => {
  it('keys an IPv4 client by its address', () => {
    expect(clientKey('203.0.113.7', 64)).toBe('203.0.113.7')
    expect(clientKey('203.0.113.8', 64)).not.toBe(clientKey('203.0.113.7', 64))
  })

  it('keys an IPv4-mapped IPv6 address (dual-stack sockets) as the IPv4 address', () => {
    expect(clientKey('::ffff:203.0.113.7', 64)).toBe('203.0.113.7')
    expect(clientKey('::FFFF:cb00:7107', 64)).toBe('203.0.113.7')
  })

  it('keys every address of one IPv6 /64 alike, however it is written', () => {
    const keys = new Set(
      [
        '2001:db8:1:2::1',
        '2001:db8:1:2:ffff:ffff:ffff:ffff',
        '2001:DB8:1:2:a:b:c:d',
        '2001:0db8:0001:0002::9',
        'fe80::1%eth0',
      ].map((ip) => clientKey(ip, 64)),
    )
    expect(keys).toEqual(new Set(['2001:db8:1:2::/64', 'fe80::/64']))
    expect(clientKey('2001:db8:1:3::1', 64)).toBe('2001:db8:1:3::/64')
  })

  it('follows the configured prefix length', () => {
    expect(clientKey('2001:db8:1:2::1', 48)).toBe('2001:db8:1::/48')
    expect(clientKey('2001:db8:1:ffff::1', 48)).toBe('2001:db8:1::/48')
    expect(clientKey('2001:db8:1:2::1', 56)).toBe('2001:db8:1::/56')
    expect(clientKey('2001:db8:1:2ff::1', 56)).toBe('2001:db8:1:200::/56')
    expect(clientKey('2001:db8:1:2::1', 128)).toBe('2001:db8:1:2::1/128')
  })

  it('uses anything that is not an IP address as it is', () => {
    expect(clientKey('unknown', 64)).toBe('unknown')
  })
})

describe('checkIpv6Prefix', () => {
  it('defaults to 64 and refuses what is not a prefix length', () => {
    expect(checkIpv6Prefix(undefined)).toBe(64)
    expect(checkIpv6Prefix(48)).toBe(48)
    for (const bad of [0, 129, 64.5, Number.NaN]) expect(() => checkIpv6Prefix(bad)).toThrow(/ipv6Prefix/)
  })
})
