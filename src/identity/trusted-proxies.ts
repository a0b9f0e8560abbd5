import { BlockList, isIP } from 'node:net';

/** Names proxy-addr (express's `trust proxy`) understands, so one TRUST_PROXY value serves both. */
const NAMED_RANGES: Record<string, string[]> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

/**
 * Builds a matcher for the TRUST_PROXY list (addresses, CIDRs, IPv4 and IPv6). node's
 * BlockList treats IPv4-mapped IPv6 (`::ffff:127.0.0.1`) as the IPv4 address, in rules and
 * in checks, which is what a dual-stack socket reports for IPv4 peers.
 * Throws on an entry it cannot read: a typo must not silently trust nobody (or everybody).
 */
export function createTrustedProxyMatcher(entries: readonly string[]): (address: string | undefined) => boolean {
  const list = new BlockList();
  let empty = true;
  for (const raw of entries.flatMap((entry) => NAMED_RANGES[entry.trim()] ?? [entry.trim()])) {
    const [address = '', prefix, ...rest] = raw.split('/');
    const family = isIP(address);
    if (family === 0 || rest.length > 0) throw new Error(`TRUST_PROXY entry "${raw}" is not an address or CIDR`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) {
      list.addAddress(address, type);
    } else {
      const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
      if (!(bits >= 0 && bits <= (family === 4 ? 32 : 128))) throw new Error(`TRUST_PROXY entry "${raw}" has a bad prefix length`);
      list.addSubnet(address, bits, type);
    }
    empty = false;
  }
  return (address) => {
    if (empty || !address) return false;
    const family = isIP(address);
    if (family === 0) return false;
    return list.check(address, family === 4 ? 'ipv4' : 'ipv6');
  };
}
