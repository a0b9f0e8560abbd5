import { run } from './processes.js';

/** The two lab clients: demo-inventory devices of alice (config/demo/inventory.json). */
export const CLIENTS = {
  compliant: { ns: 'c1', mac: 'a4:b1:c2:d3:e4:f5', ip: '198.51.100.2' },
  noncompliant: { ns: 'c2', mac: '3c:22:fb:10:20:30', ip: '198.51.100.3' },
} as const;
export type ClientName = keyof typeof CLIENTS;

export const ADDRESSES = {
  gatewayLan: '198.51.100.1',
  gatewayLanMac: '02:00:00:00:01:01',
  gatewayWan: '192.0.2.1',
  outside: '192.0.2.10',
  vestibule: '192.0.2.20',
} as const;

/**
 * LAB.md A.4's topology, with a bridge so two clients share the gateway's LAN:
 *   c1 198.51.100.2 ─┐
 *                    ├ gw-lan (bridge) 198.51.100.1 [openNDS] gw-wan 192.0.2.1 ── inet 192.0.2.10 (outside web), 192.0.2.20 (Vestibule)
 *   c2 198.51.100.3 ─┘
 * Every name starts with a per-run prefix, so parallel runs never collide.
 */
export class Topology {
  readonly namespaces: string[];
  constructor(readonly prefix: string) {
    this.namespaces = ['gw', 'inet', 'c1', 'c2'].map((n) => this.ns(n));
  }

  ns(name: string): string {
    return `${this.prefix}-${name}`;
  }

  create(): void {
    const ip = (...args: string[]) => run('ip', args);
    const gw = this.ns('gw');
    const inet = this.ns('inet');
    for (const ns of this.namespaces) {
      ip('netns', 'add', ns);
      ip('-n', ns, 'link', 'set', 'lo', 'up');
    }
    ip('-n', gw, 'link', 'add', 'gw-lan', 'type', 'bridge');
    for (const [index, client] of Object.values(CLIENTS).entries()) {
      const ns = this.ns(client.ns);
      const [inside, port] = [`${this.prefix}c${index}`, `${this.prefix}b${index}`];
      ip('link', 'add', inside, 'type', 'veth', 'peer', 'name', port);
      ip('link', 'set', inside, 'netns', ns, 'name', 'eth0');
      ip('link', 'set', port, 'netns', gw, 'name', `lan${index}`);
      ip('-n', gw, 'link', 'set', `lan${index}`, 'master', 'gw-lan');
      ip('-n', gw, 'link', 'set', `lan${index}`, 'up');
      ip('-n', ns, 'link', 'set', 'eth0', 'address', client.mac);
      ip('-n', ns, 'addr', 'add', `${client.ip}/24`, 'dev', 'eth0');
      ip('-n', ns, 'link', 'set', 'eth0', 'up');
      ip('-n', ns, 'route', 'add', 'default', 'via', ADDRESSES.gatewayLan);
    }
    // A fixed bridge MAC makes openNDS's " Node:<mac> " gateway-name suffix deterministic (LAB.md A.2 item 8).
    ip('-n', gw, 'link', 'set', 'gw-lan', 'address', ADDRESSES.gatewayLanMac);
    ip('-n', gw, 'addr', 'add', `${ADDRESSES.gatewayLan}/24`, 'dev', 'gw-lan');
    ip('-n', gw, 'link', 'set', 'gw-lan', 'up');
    ip('link', 'add', `${this.prefix}w`, 'type', 'veth', 'peer', 'name', `${this.prefix}i`);
    ip('link', 'set', `${this.prefix}w`, 'netns', gw, 'name', 'gw-wan');
    ip('link', 'set', `${this.prefix}i`, 'netns', inet, 'name', 'eth0');
    ip('-n', gw, 'addr', 'add', `${ADDRESSES.gatewayWan}/24`, 'dev', 'gw-wan');
    ip('-n', gw, 'link', 'set', 'gw-wan', 'up');
    ip('-n', gw, 'route', 'add', 'default', 'via', ADDRESSES.outside);
    run('ip', ['netns', 'exec', gw, 'sysctl', '-qw', 'net.ipv4.ip_forward=1']);
    ip('-n', inet, 'addr', 'add', `${ADDRESSES.outside}/24`, 'dev', 'eth0');
    ip('-n', inet, 'addr', 'add', `${ADDRESSES.vestibule}/24`, 'dev', 'eth0');
    ip('-n', inet, 'link', 'set', 'eth0', 'up');
    ip('-n', inet, 'route', 'add', '198.51.100.0/24', 'via', ADDRESSES.gatewayWan);
  }

  /** Deletes every namespace of this run (their veths, bridge and rules go with them); never throws. */
  destroy(): void {
    for (const ns of this.namespaces) run('ip', ['netns', 'del', ns], { allowFailure: true });
  }

  /** Namespaces left by this run (for the cleanup assertion). */
  leftovers(): string[] {
    const listed = run('ip', ['netns', 'list'], { allowFailure: true });
    return this.namespaces.filter((ns) => new RegExp(`^${ns}\\b`, 'm').test(listed));
  }
}
