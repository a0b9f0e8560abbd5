import { z } from 'zod';
import { reportMissing, seconds } from '../../config/config-support.js';
import type { ProviderPlugin } from '../provider-plugin.js';
import { readClientCertificateFile } from './client-certificate.js';
import { createIntuneProvider } from './create-intune-provider.js';

const env = z.object({
  INTUNE_TENANT_ID: z.string().optional().describe('Intune: Entra tenant id of the Graph app registration.'),
  INTUNE_CLIENT_ID: z.string().optional().describe('Intune: client id of the Graph app registration.'),
  INTUNE_CLIENT_SECRET: z.string().optional().describe('Intune: client secret of the Graph app registration.'),
  INTUNE_CLIENT_CERTIFICATE_FILE: z
    .string()
    .optional()
    .describe("Intune: PEM file with the Graph app's certificate and its private key; used instead of INTUNE_CLIENT_SECRET."),
  INTUNE_AUTHORITY_URL: z.url().default('https://login.microsoftonline.com').describe('Intune: token authority (sovereign clouds and tests point elsewhere).'),
  GRAPH_BASE_URL: z.url().default('https://graph.microsoft.com').describe('Intune: Microsoft Graph base URL.'),
  DEVICE_SYNC_MIN_INTERVAL_SECONDS: seconds(300).describe('Intune: minimum seconds between two device syncs of one device, across instances.'),
});

/** The Intune provider's settings, from the INTUNE_* keys, GRAPH_BASE_URL and DEVICE_SYNC_MIN_INTERVAL_SECONDS. */
export interface IntuneSettings {
  tenantId: string;
  clientId: string;
  /** Empty when the app authenticates with a certificate. */
  clientSecret: string;
  /** Path of the PEM (certificate + RSA key); read and checked when the provider is created. */
  clientCertificateFile: string | undefined;
  authorityUrl: string;
  graphBaseUrl: string;
  syncMinIntervalMs: number;
}

/** `intune`: Microsoft Graph, with an app registration's secret or certificate. */
export const intunePlugin: ProviderPlugin<IntuneSettings> = {
  env,
  settings: () =>
    env.transform((e, ctx): IntuneSettings => {
      for (const key of ['INTUNE_TENANT_ID', 'INTUNE_CLIENT_ID'] as const) {
        if (!e[key]) reportMissing(ctx, key);
      }
      // Exactly one credential: a secret, or a certificate file.
      if (e.INTUNE_CLIENT_SECRET && e.INTUNE_CLIENT_CERTIFICATE_FILE) {
        ctx.addIssue({
          code: 'custom',
          message: 'INTUNE_CLIENT_SECRET and INTUNE_CLIENT_CERTIFICATE_FILE are both set: pick one credential for the Graph app and unset the other',
        });
      }
      if (!e.INTUNE_CLIENT_SECRET && !e.INTUNE_CLIENT_CERTIFICATE_FILE) reportMissing(ctx, 'INTUNE_CLIENT_SECRET (or INTUNE_CLIENT_CERTIFICATE_FILE)');
      return {
        tenantId: e.INTUNE_TENANT_ID ?? '',
        clientId: e.INTUNE_CLIENT_ID ?? '',
        clientSecret: e.INTUNE_CLIENT_SECRET ?? '',
        clientCertificateFile: e.INTUNE_CLIENT_CERTIFICATE_FILE || undefined,
        authorityUrl: e.INTUNE_AUTHORITY_URL,
        graphBaseUrl: e.GRAPH_BASE_URL,
        syncMinIntervalMs: e.DEVICE_SYNC_MIN_INTERVAL_SECONDS * 1000,
      };
    }),
  check(settings) {
    if (settings.clientCertificateFile) readClientCertificateFile(settings.clientCertificateFile);
  },
  async create(settings, { stores, logger, now }) {
    const { clientCertificateFile: file, clientSecret, ...rest } = settings;
    // A bad certificate file stops the start with a ConfigError; an expired one only warns (Entra has the last word).
    const clientCertificate = file ? readClientCertificateFile(file) : undefined;
    if (clientCertificate && clientCertificate.validTo.getTime() <= (now ?? Date.now)()) {
      logger.warn(
        { file, validTo: clientCertificate.validTo.toISOString() },
        'INTUNE_CLIENT_CERTIFICATE_FILE: the certificate has expired; Entra will refuse it',
      );
    }
    const credential = clientCertificate ? { clientCertificate } : { clientSecret };
    const intune = createIntuneProvider({ ...rest, ...credential, stores, logger, now });
    return { provider: intune, routes: [], close: () => intune.close() };
  },
};
