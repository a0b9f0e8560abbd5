import { isIP } from 'node:net';
import { z } from 'zod';
import type { DialectSettings } from '../dialect.js';

/** What FreeRADIUS is told to do with a device: let it in, fence it in with a redirect, or refuse it. */
export type Verdict = 'accept' | 'quarantine' | 'reject';

/** One RADIUS attribute for rlm_rest to add: `list:Name` (list `reply` or `control`) and its value. */
export interface AttributeTemplate {
  name: string;
  /** `{portalUrl}` is replaced by the device's portal address (quarantine only). */
  value: string;
}

/** One switch or controller that may ask about devices, and where it takes CoA. */
export interface Nas {
  /** NAS-IP-Address as the switch sends it (IPv4 or IPv6). */
  address: string;
  /** The shared secret this NAS and FreeRADIUS use; also signs our CoA. */
  secret: string;
  /** UDP port of the NAS's dynamic-authorization server (RFC 5176 §3: 3799). */
  coaPort: number;
}

/**
 * The `radius` settings of a gateway entry, secrets resolved. `coa.kind`:
 * `reauthenticate` = CoA-Request with Cisco `subscriber:command=reauthenticate` (Cisco
 * IOS/IOS-XE "CoA Commands" table); `disconnect` = Disconnect-Request (RFC 5176 §2.1), which
 * every RFC 5176 NAS understands (Aruba, Meraki, Juniper).
 */
export interface RadiusSettings {
  nas: Nas[];
  coa: { kind: 'reauthenticate' | 'disconnect'; timeoutMs: number; attempts: number };
  acceptAttributes: AttributeTemplate[];
  quarantineAttributes: AttributeTemplate[];
  /** The answer for a device the provider does not know (not enrolled, ambiguous MAC, certificate without device id). */
  unknown: Exclude<Verdict, 'accept'>;
  /** The answer for a known device the policy blocks. */
  noncompliant: Exclude<Verdict, 'accept'>;
  /** The answer when the provider or the store cannot answer: never accept. */
  failClosed: Exclude<Verdict, 'accept'>;
}

/** Attribute names rlm_rest can set; `control:Vestibule-Verdict` is ours and `Auth-Type` would override the verdict. */
const ATTRIBUTE_NAME = /^(reply|control):[A-Za-z][A-Za-z0-9-]{0,63}$/;
const RESERVED = new Set(['control:vestibule-verdict', 'control:auth-type', 'reply:vestibule-verdict']);

const attribute = z.strictObject({
  name: z
    .string()
    .regex(ATTRIBUTE_NAME, 'must be reply:Name or control:Name')
    .refine((name) => !RESERVED.has(name.toLowerCase()), 'is set by Vestibule itself'),
  // rlm_rest gets these with do_xlat off, so a % or { is data, never an expansion.
  value: z.string().min(1).max(253),
});

const notAccept = z.enum(['quarantine', 'reject']);

/** The file shape of `radius` in a gateways-file entry (secrets still `env:` references). */
export const radiusSettingsSchema = z.strictObject({
  nas: z
    .array(
      z.strictObject({
        address: z.string().refine((value) => isIP(value) !== 0, 'must be an IPv4 or IPv6 address'),
        secret: z.string().min(1),
        coaPort: z.number().int().min(1).max(65535).default(3799),
      }),
    )
    .min(1),
  coa: z
    .strictObject({
      kind: z.enum(['reauthenticate', 'disconnect']).default('reauthenticate'),
      timeoutMs: z.number().int().min(100).max(30_000).default(2000),
      attempts: z.number().int().min(1).max(10).default(4),
    })
    .default({ kind: 'reauthenticate', timeoutMs: 2000, attempts: 4 }),
  acceptAttributes: z.array(attribute).max(32).default([]),
  quarantineAttributes: z.array(attribute).max(32).min(1),
  unknown: notAccept.default('quarantine'),
  noncompliant: notAccept.default('quarantine'),
  failClosed: notAccept.default('reject'),
});

export type RadiusSettingsInFile = z.infer<typeof radiusSettingsSchema>;

/**
 * The `"radius": { … }` object of a gateway entry. `prepare` resolves the NAS secrets
 * through the registry (env: references, checked like every gateway secret: at least 32
 * bytes, which RFC 2865 §3's "at least 16 octets" allows) and checks what the schema
 * cannot: one entry per NAS address, and a quarantine set that actually names the portal.
 */
export const radiusSettings: DialectSettings<RadiusSettings, RadiusSettingsInFile> = {
  schema: radiusSettingsSchema,
  prepare(raw, context) {
    const seen = new Set<string>();
    const nas = raw.nas.map((entry, i) => {
      if (seen.has(entry.address)) context.problem(`radius.nas[${i}]: duplicate address ${entry.address}`);
      seen.add(entry.address);
      return { address: entry.address, secret: context.secret(entry.secret, `radius.nas[${i}].secret`), coaPort: entry.coaPort };
    });
    if (!raw.quarantineAttributes.some((a) => a.value.includes('{portalUrl}'))) {
      context.problem('radius.quarantineAttributes: no value contains {portalUrl}, so a quarantined device is never sent to the portal');
    }
    return { ...raw, nas };
  },
};
