import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import { buildVestibule } from '../../src/build-vestibule.js';
import { ConfigError, loadConfig } from '../../src/load-config.js';
import { createRsaClientCertificate, writeTestFile } from '../helpers/certificates.js';
import { startIntunePortal } from '../helpers/intune-portal.js';
import { writeTestGateways } from '../helpers/test-vestibule.js';

describe('intune: the Graph app authenticates with INTUNE_CLIENT_CERTIFICATE_FILE', () => {
  it('the real composition root reads the PEM, gets a token with a client assertion and reports Graph ready', async () => {
    const certificate = createRsaClientCertificate();
    const portal = await startIntunePortal({
      fake: { clientCertificates: [certificate.certPem] },
      env: { INTUNE_CLIENT_SECRET: '', INTUNE_CLIENT_CERTIFICATE_FILE: certificate.file },
    });
    try {
      const ready = await fetch(`${portal.vestibule.url}/readyz`);
      assert.equal(ready.status, 200, JSON.stringify(await ready.clone().json()));
      assert.equal(portal.fake.clientAssertions.length, 1);
      assert.equal(portal.fake.clientAssertions[0]!.refused, undefined);
    } finally {
      await portal.stop();
    }
  });

  it('a certificate the app registration does not have leaves Vestibule not ready (fail closed)', async () => {
    const registered = createRsaClientCertificate();
    const other = createRsaClientCertificate();
    const portal = await startIntunePortal({
      fake: { clientCertificates: [registered.certPem] },
      env: { INTUNE_CLIENT_SECRET: '', INTUNE_CLIENT_CERTIFICATE_FILE: other.file, METRICS_TOKEN: 'readyz-detail-token-0123456789abcdefghij' },
    });
    try {
      // The component list is for operators: the METRICS_TOKEN unlocks it.
      const ready = await fetch(`${portal.vestibule.url}/readyz`, { headers: { authorization: 'Bearer readyz-detail-token-0123456789abcdefghij' } });
      assert.equal(ready.status, 503);
      assert.deepEqual((await ready.json()).checks, { store: 'ok', compliance: 'failing' });
    } finally {
      await portal.stop();
    }
  });

  it('a PEM whose key does not match its certificate stops the start with a ConfigError', async () => {
    const a = createRsaClientCertificate();
    const b = createRsaClientCertificate();
    const file = writeTestFile(a.certPem + b.keyPem);
    const env = {
      NODE_ENV: 'test',
      STORE_URL: 'memory://',
      GATEWAYS_FILE: writeTestGateways(),
      COMPLIANCE_PROVIDER: 'intune',
      INTUNE_TENANT_ID: 'tenant',
      INTUNE_CLIENT_ID: 'client',
      INTUNE_CLIENT_CERTIFICATE_FILE: file,
    };
    await assert.rejects(
      buildVestibule(loadConfig(env), { logger: pino({ level: 'silent' }), env }),
      (error: Error) =>
        error instanceof ConfigError && error.message.includes(`INTUNE_CLIENT_CERTIFICATE_FILE ${file}: the private key does not belong to the certificate`),
    );
  });
});
