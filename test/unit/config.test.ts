import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/load-config.js';
import { loadGateways } from '../../src/gateway/gateway-registry.js';
import type { IntuneSettings } from '../../src/providers/intune/intune-plugin.js';
import type { LocalSettings } from '../../src/providers/local/local-plugin.js';
import type { NativeSettings } from '../../src/gateway/dialects/native/index.js';

const PRODUCTION = {
  NODE_ENV: 'production',
  PUBLIC_URL: 'https://portal.example.com',
  SESSION_SECRET: 's'.repeat(8) + 'Q7v!pL2#xR9@mN4$kT6^wB1&zY3*cF5%',
  GATEWAYS_FILE: '/etc/vestibule/gateways.json',
  OIDC_ISSUER: 'https://login.microsoftonline.com/contoso/v2.0',
  OIDC_CLIENT_ID: 'client',
  OIDC_CLIENT_SECRET: 'secret',
  LOCAL_INVENTORY_FILE: '/etc/vestibule/inventory.json',
  LOCAL_POLICY_FILE: '/etc/vestibule/policy.json',
};

describe('configuration', () => {
  it('gives development working defaults: demo files, a random session secret, the dev IdP', () => {
    const config = loadConfig({});
    assert.equal(config.devMode, true);
    assert.equal(config.oidc, undefined);
    assert.equal(config.gatewaysFile, './config/demo/gateways.json');
    assert.ok(config.sessionSecret.length >= 32);
    assert.notEqual(loadConfig({}).sessionSecret, config.sessionSecret, 'never a fixed default secret');
  });

  it('refuses to start production without the settings development defaults', () => {
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production' }),
      (error: Error) => {
        assert.ok(error instanceof ConfigError);
        for (const key of ['PUBLIC_URL', 'SESSION_SECRET', 'GATEWAYS_FILE', 'OIDC_ISSUER']) assert.match(error.message, new RegExp(key));
        return true;
      },
    );
  });

  it('accepts a complete production configuration and turns off dev mode', () => {
    const config = loadConfig(PRODUCTION);
    assert.equal(config.devMode, false);
    assert.equal(config.oidc?.issuer, 'https://login.microsoftonline.com/contoso/v2.0');
    assert.equal((config.providerSettings as LocalSettings).inventoryApiKey, undefined, 'no demo inventory key in production');
  });

  it('refuses memory:// in production, a short session secret, and names the bad key', () => {
    assert.throws(() => loadConfig({ ...PRODUCTION, STORE_URL: 'memory://' }), /memory/);
    assert.throws(() => loadConfig({ ...PRODUCTION, SESSION_SECRET: 'short' }), /SESSION_SECRET/);
    assert.throws(() => loadConfig({ PORT: 'eighty' }), /PORT/);
  });

  it('names a bad key once per line: "KEY: what is wrong"', () => {
    const bad = { METRICS_TOKEN: 'short', HELPDESK_PHONE: 'call-us', LOGO_FILE: './logo.gif', SESSION_SECRET: 'short' };
    assert.throws(
      () => loadConfig(bad),
      (error: Error) => {
        for (const key of Object.keys(bad)) {
          assert.match(error.message, new RegExp(`\\n  ${key}: `), key);
          assert.equal(error.message.split(key).length - 1, 1, `${key} named once: ${error.message}`);
        }
        return true;
      },
    );
    // A provider's keys are read once the common settings are valid.
    assert.throws(() => loadConfig({ INVENTORY_API_KEY: 'short' }), /\n {2}INVENTORY_API_KEY: must be at least 32 characters$/);
  });

  it('refuses a PUBLIC_URL with a path, and demands the local provider files in production', () => {
    assert.throws(() => loadConfig({ PUBLIC_URL: 'https://portal.example.com/vestibule' }), /without a path/);
    const { LOCAL_INVENTORY_FILE: _i, LOCAL_POLICY_FILE: _p, ...withoutLocalFiles } = PRODUCTION;
    assert.throws(() => loadConfig(withoutLocalFiles), /LOCAL_INVENTORY_FILE, LOCAL_POLICY_FILE/);
    assert.ok(
      loadConfig({ ...withoutLocalFiles, COMPLIANCE_PROVIDER: 'intune', INTUNE_TENANT_ID: 't', INTUNE_CLIENT_ID: 'c', INTUNE_CLIENT_SECRET: 's' }),
      'not needed for intune',
    );
  });

  it('stops the start on an unknown COMPLIANCE_PROVIDER, naming the known ones', () => {
    assert.throws(
      () => loadConfig({ COMPLIANCE_PROVIDER: 'ise' }),
      (error: Error) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /COMPLIANCE_PROVIDER: unknown provider "ise"; known providers: local, intune/);
        return true;
      },
    );
  });

  it('gives the local provider its demo files and key in development only', () => {
    assert.deepEqual(loadConfig({}).providerSettings, {
      inventoryFile: './config/demo/inventory.json',
      policyFile: './config/demo/policy.json',
      inventoryApiKey: 'demo-inventory-key-for-development-only-0000',
    });
    const intune = loadConfig({
      COMPLIANCE_PROVIDER: 'intune',
      INTUNE_TENANT_ID: 't',
      INTUNE_CLIENT_ID: 'c',
      INTUNE_CLIENT_SECRET: 's',
      DEVICE_SYNC_MIN_INTERVAL_SECONDS: '60',
    });
    assert.deepEqual(intune.providerSettings, {
      tenantId: 't',
      clientId: 'c',
      clientSecret: 's',
      clientCertificateFile: undefined,
      authorityUrl: 'https://login.microsoftonline.com',
      graphBaseUrl: 'https://graph.microsoft.com',
      syncMinIntervalMs: 60_000,
    });
    assert.throws(
      () => loadConfig({ COMPLIANCE_PROVIDER: 'intune', INTUNE_TENANT_ID: 't', INTUNE_CLIENT_ID: 'c', INTUNE_CLIENT_SECRET: 's', GRAPH_BASE_URL: 'nope' }),
      /GRAPH_BASE_URL/,
    );
  });

  it('requires the Intune credentials when the intune provider is chosen', () => {
    assert.throws(() => loadConfig({ COMPLIANCE_PROVIDER: 'intune' }), /INTUNE_TENANT_ID, INTUNE_CLIENT_ID, INTUNE_CLIENT_SECRET/);
  });

  it('takes exactly one Intune credential: the secret or a certificate file', () => {
    const intune = { COMPLIANCE_PROVIDER: 'intune', INTUNE_TENANT_ID: 't', INTUNE_CLIENT_ID: 'c' };
    assert.throws(
      () => loadConfig(intune),
      (error: Error) => error instanceof ConfigError && /INTUNE_CLIENT_SECRET \(or INTUNE_CLIENT_CERTIFICATE_FILE\)/.test(error.message),
    );
    assert.throws(
      () => loadConfig({ ...intune, INTUNE_CLIENT_SECRET: 's', INTUNE_CLIENT_CERTIFICATE_FILE: '/etc/vestibule/graph.pem' }),
      (error: Error) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /INTUNE_CLIENT_SECRET and INTUNE_CLIENT_CERTIFICATE_FILE are both set: pick one/);
        return true;
      },
    );
    const withSecret = loadConfig({ ...intune, INTUNE_CLIENT_SECRET: 's' });
    assert.equal((withSecret.providerSettings as IntuneSettings).clientSecret, 's');
    assert.equal((withSecret.providerSettings as IntuneSettings).clientCertificateFile, undefined);
    const withCertificate = loadConfig({ ...intune, INTUNE_CLIENT_CERTIFICATE_FILE: '/etc/vestibule/graph.pem' });
    assert.equal((withCertificate.providerSettings as IntuneSettings).clientCertificateFile, '/etc/vestibule/graph.pem');
    assert.equal((withCertificate.providerSettings as IntuneSettings).clientSecret, '');
    assert.ok(loadConfig({ INTUNE_CLIENT_SECRET: 's', INTUNE_CLIENT_CERTIFICATE_FILE: '/x.pem' }), 'not checked with the local provider');
  });
});

describe('the gateways file', () => {
  const write = (gateways: unknown[]) => {
    const path = join(mkdtempSync(join(tmpdir(), 'gw-')), 'gateways.json');
    writeFileSync(path, JSON.stringify({ gateways }));
    return path;
  };
  const gateway = (overrides: Record<string, unknown> = {}) => ({
    id: 'hq-wlc',
    name: 'HQ',
    dialect: 'native',
    secrets: ['Zr8#kP2m!Lq9vX4tW7yB3nC6dF1gH5jK'],
    apiKeys: ['Ak83jd7Hq2Lm5Nz9Pw4Rt6Vx1Yb0Cs3D'],
    scopes: ['sessions'],
    ...overrides,
  });
  const load = (path: string, devMode = false, env: NodeJS.ProcessEnv = {}) =>
    loadGateways(path, { devMode, env, publicUrl: new URL('https://portal.example.com') });

  it('loads a valid gateway and resolves env: references', () => {
    const registry = load(write([gateway({ secrets: ['env:HQ_SECRET'] })]), false, { HQ_SECRET: 'Mq7#Tz2!Vb9xLp4Kw8Rn1Yd6Gs3Hj5Cf' });
    assert.equal((registry.byId('hq-wlc')?.settings as NativeSettings | undefined)?.secrets[0]?.toString(), 'Mq7#Tz2!Vb9xLp4Kw8Rn1Yd6Gs3Hj5Cf');
    assert.equal(registry.byApiKey('Ak83jd7Hq2Lm5Nz9Pw4Rt6Vx1Yb0Cs3D')?.id, 'hq-wlc');
    assert.equal(registry.byApiKey('Ak83jd7Hq2Lm5Nz9Pw4Rt6Vx1Yb0Cs3E'), undefined);
  });

  it('refuses a short, repetitive or placeholder secret and names the gateway and field', () => {
    assert.throws(() => load(write([gateway({ secrets: ['too-short'] })])), /gateways\[0\] \(hq-wlc\)\.secrets\[0\] is shorter than 32 bytes/);
    assert.throws(() => load(write([gateway({ secrets: ['a'.repeat(40)] })])), /too repetitive/);
    assert.throws(() => load(write([gateway({ secrets: ['changeme-changeme-changeme-changeme-123'] })])), /placeholder/);
    assert.throws(() => load(write([gateway({ apiKeys: ['short'] })])), /apiKeys\[0\]/);
  });

  it('refuses an unset env: reference, a bad id, an unknown field and a duplicate id', () => {
    assert.throws(() => load(write([gateway({ secrets: ['env:NOPE'] })])), /env:NOPE, which is not set/);
    assert.throws(() => load(write([gateway({ id: 'HQ WLC' })])), /id must match/);
    assert.throws(() => load(write([gateway({ extra: true })])), /extra/);
    assert.throws(() => load(write([gateway(), gateway()])), /duplicate id/);
  });

  it('refuses a key or secret that two gateways share', () => {
    const other = gateway({ id: 'branch', secrets: ['Yq7#Tz2!Vb9xLp4Kw8Rn1Yd6Gs3Hj5Cg'] });
    assert.throws(() => load(write([gateway(), other])), /branch\)\.apiKeys\[0\] is also used by gateways\[0\] \(hq-wlc\)/);
  });

  it('lets development use the demo secrets, which production refuses', () => {
    const demo = gateway({ secrets: ['demo-gateway-signing-secret-for-development-only-7Qx2'] });
    assert.ok(load(write([demo]), true).byId('hq-wlc'));
    assert.throws(() => load(write([demo]), false), /placeholder/);
  });

  it('resolves a path returnUrl against PUBLIC_URL and refuses other schemes', () => {
    assert.equal(
      (load(write([gateway({ returnUrl: '/demo/gateway/return' })])).byId('hq-wlc')?.settings as NativeSettings | undefined)?.returnUrl?.href,
      'https://portal.example.com/demo/gateway/return',
    );
    assert.throws(() => load(write([gateway({ returnUrl: 'javascript:alert(1)' })])), /returnUrl/);
  });
});

describe('empty variables', () => {
  it('treats a variable set to the empty string as unset (defaults apply, nothing is refused as "too small")', () => {
    const config = loadConfig({ ORG_NAME: '', HELPDESK_EMAIL: '', PORT: '', TRUST_PROXY: '' });
    assert.equal(config.port, 3000);
    assert.equal(config.branding.orgName, loadConfig({}).branding.orgName);
  });

  it('still names a required setting that is empty as missing in production', () => {
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: '' }),
      (error: Error) => error instanceof ConfigError && /missing required settings for NODE_ENV=production: .*SESSION_SECRET/.test(error.message),
    );
  });
});
