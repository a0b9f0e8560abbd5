import { chmodSync, copyFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startProcess, type LabProcess } from './processes.js';
import { ADDRESSES, CLIENTS, type Topology } from './topology.js';

/** openNDS GatewayName in the lab; openNDS appends " Node:<gw-lan MAC> " (enable_serial_number_suffix). */
export const LAB_GATEWAY_NAME = 'vestibule-lab';
export const LAB_GATEWAY_NAME_SENT = `${LAB_GATEWAY_NAME} Node:${ADDRESSES.gatewayLanMac.replace(/:/g, '')} `;

export interface OpenNdsOptions {
  level: 1 | 2 | 3;
  faskey: string;
  fasPort: number;
  fasPath: string;
  /** Level 3: the CA that signed Vestibule's certificate (authmon's PHP verifies it via SSL_CERT_FILE). */
  caFile?: string;
}

/**
 * Debian's 9.10.0 `libopennds.sh pre_setup` re-creates filter INPUT/FORWARD at priority -100,
 * which iptables-nft >= 1.8.8 refuses (LAB.md A.2 item 1, upstream openNDS#429, fix 9f623b2).
 * The same two-line fix, applied to a private copy that is bind-mounted only inside the
 * gateway's mount namespace: the installed package is never modified.
 */
export function patchedLibrary(work: string): string {
  const original = readFileSync('/usr/lib/opennds/libopennds.sh', 'utf8');
  let patched = 0;
  const text = original.replace(/^(\s*)((input|forward)_priority=\$\(nft .*)$/gm, (_all, indent: string, line: string, which: string) => {
    patched += 1;
    return `${indent}${line}\n${indent}${which}_priority="disable"`;
  });
  if (patched !== 2) throw new Error(`libopennds.sh: expected 2 priority lines to patch, found ${patched} (not Debian's 9.10.0?)`);
  const path = join(work, 'libopennds.sh');
  writeFileSync(path, text);
  chmodSync(path, 0o755);
  return path;
}

/** opennds.conf for the lab (LAB.md A.4, with A.4b's long checkinterval and authmon's 1 s poll). */
function configText(options: OpenNdsOptions): string {
  return [
    `GatewayName ${LAB_GATEWAY_NAME}`,
    'GatewayInterface gw-lan',
    'debuglevel 3',
    'gatewayfqdn disable',
    'dhcp_default_url_enable 0',
    'login_option_enabled 0',
    `fasport ${options.fasPort}`,
    `fasremoteip ${ADDRESSES.vestibule}`,
    `faspath ${options.fasPath}`,
    `fas_secure_enabled ${options.level}`,
    `faskey ${options.faskey}`,
    // Housekeeping must not run during the test (LAB.md A.4b: concurrent helpers can make 9.10 exit).
    'checkinterval 120',
    // Read by authmon.sh only (it greps the raw file, comments included); the daemon ignores comments.
    '#nat_traversal_poll_interval 1',
    'FirewallRuleSet authenticated-users {',
    '}',
    'FirewallRuleSet preauthenticated-users {',
    '}',
    'FirewallRuleSet users-to-router {',
    '    FirewallRule allow udp port 53',
    '    FirewallRule allow tcp port 53',
    '    FirewallRule allow udp port 67',
    '}',
    '',
  ].join('\n');
}

/**
 * Starts the real openNDS in the gateway namespace, in the foreground, through a wrapper
 * that bind-mounts the config dir over /etc/opennds, tmpfs over /run and /var/lib/misc
 * (with a dnsmasq lease file listing both clients: openNDS admits only leased IPs), and the
 * patched library. `ip netns exec` gives the wrapper a private mount namespace, and every
 * step execs the next, so the returned process's PID is openNDS itself.
 */
export function startOpenNds(topology: Topology, work: string, options: OpenNdsOptions): LabProcess {
  const dir = join(work, `opennds-l${options.level}`);
  mkdirSync(join(dir, 'etc-opennds'), { recursive: true });
  cpSync('/etc/opennds/htdocs', join(dir, 'etc-opennds', 'htdocs'), { recursive: true });
  writeFileSync(join(dir, 'etc-opennds', 'opennds.conf'), configText(options));
  const expiry = Math.floor(Date.now() / 1000) + 86_400;
  writeFileSync(
    join(dir, 'dnsmasq.leases'),
    Object.values(CLIENTS)
      .map((c, i) => `${expiry} ${c.mac} ${c.ip} lab-client-${i} 01:${c.mac}\n`)
      .join(''),
  );
  copyFileSync(patchedLibrary(work), join(dir, 'libopennds.sh'));
  const wrapper = join(dir, 'gw-run.sh');
  writeFileSync(
    wrapper,
    [
      '#!/bin/bash',
      'set -e',
      'mount --bind "$1/etc-opennds" /etc/opennds',
      'mount -t tmpfs -o size=16m tmpfs /run',
      'mount -t tmpfs -o size=1m tmpfs /var/lib/misc',
      'cp "$1/dnsmasq.leases" /var/lib/misc/',
      'mount --bind "$1/libopennds.sh" /usr/lib/opennds/libopennds.sh',
      'exec /usr/bin/opennds -f -d 3',
      '',
    ].join('\n'),
  );
  chmodSync(wrapper, 0o755);
  const env = { ...process.env, ...(options.caFile ? { SSL_CERT_FILE: options.caFile } : {}) };
  return startProcess('opennds', 'ip', ['netns', 'exec', topology.ns('gw'), wrapper, dir], { env, logFile: join(dir, 'opennds.log') });
}
