import { z } from 'zod';
import type { DialectSettings } from '../dialect.js';

/** The native dialect's settings, ready to use. */
export interface NativeSettings {
  /** Signing secrets; any one may verify, so secrets rotate without downtime. */
  secrets: Buffer[];
  /** Where an allowed browser is sent back to (with ?state=&sid=); undefined: the gateway polls instead. */
  returnUrl: URL | undefined;
}

const rawSchema = z.strictObject({
  secrets: z.array(z.string().min(1)).min(1),
  // An absolute http(s) URL, or a path on Vestibule itself (e.g. a co-hosted gateway simulator).
  returnUrl: z.union([z.url({ protocol: /^https?$/ }), z.string().regex(/^\/[A-Za-z0-9\-._~/]*$/, 'must be an http(s) URL or a path')]).optional(),
});

/**
 * PROTOCOL.md's gateways file keeps `secrets` and `returnUrl` at the top level of a native
 * gateway's entry; that file is a fixed contract, so the native dialect owns those two
 * top-level keys rather than a `"native": {…}` object.
 */
export const nativeSettings: DialectSettings<NativeSettings, z.infer<typeof rawSchema>> = {
  schema: rawSchema,
  topLevelKeys: ['secrets', 'returnUrl'],
  prepare(raw, context) {
    const secrets = raw.secrets.map((secret, i) => Buffer.from(context.secret(secret, `secrets[${i}]`), 'utf8'));
    return { secrets, returnUrl: raw.returnUrl ? new URL(raw.returnUrl, context.publicUrl) : undefined };
  },
};
