import { z } from 'zod';
import type { OpenNdsLevel } from './decode-payload.js';

/**
 * The `"opennds": {…}` object of a gateways-file entry with `"dialect": "opennds"`
 * (issue #9). Shapes only; `resolveOpenNdsSettings` resolves `env:` and checks strength.
 */
export const openNdsSettingsSchema = z.strictObject({
  /** openNDS `faskey`, or `env:NAME`. Keys the AES payload and the release token. */
  faskey: z.string().min(1),
  /** Exactly the name openNDS sends: `GatewayName` plus, by default, ` Node:<gw-lan MAC> ` (enable_serial_number_suffix). */
  gatewayName: z.string().min(1).max(200).regex(/^[^'\x00-\x1f\x7f]+$/, "must be printable and without ' (openNDS refuses it)"),
  /** host:port where released browsers reach the gateway (openNDS `gatewayaddress`, e.g. 198.51.100.1:2050). */
  gatewayAddress: z.string().regex(/^(?:[A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\]):\d{1,5}$/, 'must be host:port'),
  /** openNDS `fas_secure_enabled`: 1, 2 or 3. */
  level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  /** Minutes the gateway grants at level 3 (0 = the gateway's own sessiontimeout). */
  sessionMinutes: z.number().int().min(0).max(525_600).default(0),
  /** Level 1 only: accept a MAC nobody vouches for (anyone can edit it). Off unless said. */
  allowUnverifiedMac: z.boolean().default(false),
  /** Levels 1/2: where the gateway sends the browser once released; default: Vestibule's own result page. */
  landingUrl: z.url({ protocol: /^https?$/ }).optional(),
});

export type OpenNdsSettingsInput = z.infer<typeof openNdsSettingsSchema>;

/** Resolved settings of one openNDS gateway. */
export interface OpenNdsSettings {
  faskey: string;
  gatewayName: string;
  gatewayAddress: string;
  level: OpenNdsLevel;
  sessionMinutes: number;
  allowUnverifiedMac: boolean;
  landingUrl: URL | undefined;
}

// A faskey ends up in opennds.conf (whitespace-separated) and in shell commands the gateway runs.
const FASKEY_CHARS = /^[A-Za-z0-9._~+/=-]+$/;

/**
 * Checks the resolved settings; returns the problems, each naming the field, and the
 * settings. `checkSecret` is the gateways file's strength rule (32 bytes, not repetitive,
 * no placeholder words outside development).
 */
export function resolveOpenNdsSettings(
  input: OpenNdsSettingsInput,
  where: string,
  helpers: { resolve: (value: string, what: string) => string; checkSecret: (value: string, what: string) => string[] },
): { settings: OpenNdsSettings; problems: string[] } {
  const faskey = helpers.resolve(input.faskey, `${where}.opennds.faskey`);
  const problems = helpers.checkSecret(faskey, `${where}.opennds.faskey`);
  if (!FASKEY_CHARS.test(faskey)) problems.push(`${where}.opennds.faskey may contain only A-Z a-z 0-9 . _ ~ + / = - (it is written into opennds.conf)`);
  if (input.level === 1 && !input.allowUnverifiedMac) {
    problems.push(`${where}.opennds.level 1 sends the client's MAC unauthenticated; set "allowUnverifiedMac": true to accept that, or use level 2 or 3`);
  }
  if (input.level !== 1 && input.allowUnverifiedMac) problems.push(`${where}.opennds.allowUnverifiedMac applies to level 1 only`);
  const [host, port] = [input.gatewayAddress.slice(0, input.gatewayAddress.lastIndexOf(':')), Number(input.gatewayAddress.slice(input.gatewayAddress.lastIndexOf(':') + 1))];
  if (!host || port < 1 || port > 65535) problems.push(`${where}.opennds.gatewayAddress must be host:port with a port 1-65535`);
  return {
    settings: {
      faskey,
      gatewayName: input.gatewayName,
      gatewayAddress: input.gatewayAddress,
      level: input.level,
      sessionMinutes: input.sessionMinutes,
      allowUnverifiedMac: input.allowUnverifiedMac,
      landingUrl: input.landingUrl ? new URL(input.landingUrl) : undefined,
    },
    problems,
  };
}
