import { z } from 'zod';
import type { DialectSettings } from '../dialect.js';
import type { OpenNdsLevel } from './decode-payload.js';

/**
 * The `"opennds": {…}` object of a gateways-file entry with `"dialect": "opennds"`
 * (issue #9). Shapes only; `openNdsSettings.prepare` resolves `env:` and checks strength.
 */
export const openNdsSettingsSchema = z.strictObject({
  /** openNDS `faskey`, or `env:NAME`. Keys the AES payload and the release token. */
  faskey: z.string().min(1),
  /** Exactly the name openNDS sends: `GatewayName` plus, by default, ` Node:<gw-lan MAC> ` (enable_serial_number_suffix). */
  gatewayName: z
    .string()
    .min(1)
    .max(200)
    // eslint-disable-next-line no-control-regex -- matching control characters is the point: a name with them is refused
    .regex(/^[^'\x00-\x1f\x7f]+$/, "must be printable and without ' (openNDS refuses it)"),
  /** host:port where released browsers reach the gateway (openNDS `gatewayaddress`, e.g. 198.51.100.1:2050). */
  gatewayAddress: z.string().regex(/^(?:[A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\]):\d{1,5}$/, 'must be host:port'),
  /** openNDS `fas_secure_enabled`: 1, 2 or 3. */
  level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  /** Minutes the gateway grants at level 3 (0 = the gateway's own sessiontimeout). */
  sessionMinutes: z.number().int().min(0).max(525_600).default(0),
  /** Level 1 only: accept a MAC nobody vouches for (anyone can edit it). Off unless said. */
  allowUnverifiedMac: z.boolean().default(false),
  /** openNDS `authdir` (default `opennds_auth`): the release path; a payload naming another one is refused. */
  authDir: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a plain path segment')
    .default('opennds_auth'),
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
  authDir: string;
  landingUrl: URL | undefined;
}

// A faskey ends up in opennds.conf (whitespace-separated) and in shell commands the gateway runs.
const FASKEY_CHARS = /^[A-Za-z0-9._~+/=-]+$/;

/**
 * The `"opennds": {…}` settings of a gateway: `faskey` resolved and checked like a signing
 * secret (env:, 32 bytes, not shared), plus the rules the schema cannot say: level 1 only
 * with an explicit `allowUnverifiedMac`, and a faskey that survives opennds.conf.
 */
export const openNdsSettings: DialectSettings<OpenNdsSettings, OpenNdsSettingsInput> = {
  schema: openNdsSettingsSchema,
  prepare(raw, context) {
    const faskey = context.secret(raw.faskey, 'opennds.faskey');
    const at = `${context.where}.opennds`;
    if (!FASKEY_CHARS.test(faskey)) context.problem(`${at}.faskey may contain only A-Z a-z 0-9 . _ ~ + / = - (it is written into opennds.conf)`);
    if (raw.level === 1 && !raw.allowUnverifiedMac) {
      context.problem(`${at}.level 1 sends the client's MAC unauthenticated; set "allowUnverifiedMac": true to accept that, or use level 2 or 3`);
    }
    if (raw.level !== 1 && raw.allowUnverifiedMac) context.problem(`${at}.allowUnverifiedMac applies to level 1 only`);
    const port = Number(raw.gatewayAddress.slice(raw.gatewayAddress.lastIndexOf(':') + 1));
    if (port < 1 || port > 65535) context.problem(`${at}.gatewayAddress must be host:port with a port 1-65535`);
    return {
      faskey,
      gatewayName: raw.gatewayName,
      gatewayAddress: raw.gatewayAddress,
      level: raw.level,
      sessionMinutes: raw.sessionMinutes,
      allowUnverifiedMac: raw.allowUnverifiedMac,
      authDir: raw.authDir,
      landingUrl: raw.landingUrl ? new URL(raw.landingUrl) : undefined,
    };
  },
};
