import assert from 'node:assert/strict';
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { afterEach, before, describe, test } from 'node:test';
import { ConfigError } from '../../src/config/config.js';
import { ProviderUnavailableError } from '../../src/core/compliance/errors.js';
import { parseClientCertificate, readClientCertificateFile, type ClientCertificate } from '../../src/providers/intune/client-certificate.js';
import { createRsaClientCertificate, createTestCa, writeTestFile, type RsaClientCertificate } from '../helpers/certificates.js';
import { DEMO_DEVICES, DEMO_IDS } from '../helpers/fake-graph/demo-devices.js';
import { thumbprintSha256 } from '../helpers/fake-graph/token-route.js';
import { startFixture, type Fixture } from './provider-fixture.js';

const TOKEN_PATH = /\/oauth2\/v2\.0\/token$/;
let registered: RsaClientCertificate;
let unregistered: RsaClientCertificate;
before(() => {
  registered = createRsaClientCertificate();
  unregistered = createRsaClientCertificate({ commonName: 'Someone else' });
});

describe('the Graph token with a certificate credential', () => {
  let fx: Fixture | undefined;
  afterEach(async () => {
    await fx?.close();
    fx = undefined;
  });
  const start = (credential: ClientCertificate) =>
    startFixture({
      fake: { devices: DEMO_DEVICES, clientCertificates: [registered.certPem] },
      provider: { clientSecret: undefined, clientCertificate: credential },
    });

  test('a PS256 client assertion gets the token, the Graph call succeeds, and the assertion carries the documented header and claims', async () => {
    fx = await start(parseClientCertificate(registered.pem, 'test'));
    const result = await fx.provider.findDevice({ by: 'id', id: DEMO_IDS.aliceIphone });
    assert.equal(result.kind, 'found');
    assert.equal(fx.fake.count('POST', TOKEN_PATH), 1);
    assert.equal(fx.fake.clientAssertions.length, 1);
    const { header, payload, refused } = fx.fake.clientAssertions[0]!;
    assert.equal(refused, undefined);
    assert.deepEqual(header, { alg: 'PS256', typ: 'JWT', 'x5t#S256': thumbprintSha256(registered.certPem) });
    const now = Math.floor(fx.clock.now() / 1000);
    assert.equal(payload.aud, `${fx.fake.url}/${fx.fake.tenantId}/oauth2/v2.0/token`);
    assert.equal(payload.iss, fx.fake.clientId);
    assert.equal(payload.sub, fx.fake.clientId);
    assert.match(String(payload.jti), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(payload.nbf, now);
    assert.equal(payload.iat, now);
    assert.equal(payload.exp, now + 600);
  });

  test('every token request signs a fresh assertion, and neither the assertion nor the key reaches the logs', async () => {
    fx = await start(parseClientCertificate(registered.pem, 'test'));
    await fx.provider.findDevice({ by: 'id', id: DEMO_IDS.aliceIphone });
    fx.fake.markTokensStale();
    assert.equal((await fx.provider.findDevice({ by: 'id', id: DEMO_IDS.aliceIphone })).kind, 'found');
    const assertions = fx.fake.clientAssertions;
    assert.equal(assertions.length, 2);
    assert.ok(
      assertions.every((a) => a.refused === undefined),
      'the second one is not a replay',
    );
    assert.notEqual(assertions[0]!.payload.jti, assertions[1]!.payload.jti);
    const logged = fx.logs.join('\n');
    assert.ok(logged.includes('obtained Graph token'));
    assert.ok(!logged.includes('eyJ'), 'no JWT in the logs');
    assert.ok(!logged.includes('PRIVATE KEY') && !logged.includes(registered.keyPem.split('\n')[1]!));
  });

  test('a certificate the app registration does not know fails closed with no Graph call', async () => {
    fx = await start(parseClientCertificate(unregistered.pem, 'test'));
    await assert.rejects(fx.provider.findDevice({ by: 'id', id: DEMO_IDS.aliceIphone }), ProviderUnavailableError);
    assert.equal(fx.fake.count('GET', /^\/v1\.0\//), 0);
    assert.match(fx.fake.clientAssertions[0]?.refused ?? '', /AADSTS700027: The certificate/);
    assert.ok(fx.logs.join('\n').includes('token request refused'));
    assert.equal((await fx.provider.health()).ok, false);
  });

  test('an assertion signed with the wrong key for the registered certificate fails closed', async () => {
    const good = parseClientCertificate(registered.pem, 'test');
    const wrongKey = parseClientCertificate(unregistered.pem, 'test').privateKey;
    fx = await start({ ...good, privateKey: wrongKey });
    await assert.rejects(fx.provider.findDevice({ by: 'id', id: DEMO_IDS.aliceIphone }), ProviderUnavailableError);
    assert.equal(fx.fake.count('GET', /^\/v1\.0\//), 0);
    assert.match(fx.fake.clientAssertions[0]?.refused ?? '', /signature validation/);
  });

  test('an expired assertion (a clock 20 minutes behind) is refused and the provider is unavailable', async () => {
    fx = await start(parseClientCertificate(registered.pem, 'test'));
    fx.clock.t = Date.now() - 20 * 60_000;
    await assert.rejects(fx.provider.findDevice({ by: 'id', id: DEMO_IDS.aliceIphone }), ProviderUnavailableError);
    assert.match(fx.fake.clientAssertions[0]?.refused ?? '', /AADSTS700024/);
    assert.equal(fx.fake.count('GET', /^\/v1\.0\//), 0);
  });

  test('the secret path still works next to registered certificates', async () => {
    fx = await startFixture({ fake: { devices: DEMO_DEVICES, clientCertificates: [registered.certPem] } });
    assert.equal((await fx.provider.findDevice({ by: 'id', id: DEMO_IDS.aliceIphone })).kind, 'found');
    assert.equal(fx.fake.clientAssertions.length, 0);
  });
});

describe('INTUNE_CLIENT_CERTIFICATE_FILE checks at start', () => {
  const refuses = (pem: string, pattern: RegExp) =>
    assert.throws(
      () => parseClientCertificate(pem, 'INTUNE_CLIENT_CERTIFICATE_FILE x.pem'),
      (error: Error) => {
        assert.ok(error instanceof ConfigError, String(error));
        assert.match(error.message, /^INTUNE_CLIENT_CERTIFICATE_FILE x\.pem/);
        assert.match(error.message, pattern);
        assert.ok(!error.message.includes('PRIVATE KEY-----'), 'no key material in the message');
        return true;
      },
    );

  test('accepts certificate and key in either order and reads a file', () => {
    const a = parseClientCertificate(registered.keyPem + registered.certPem, 'test');
    const b = readClientCertificateFile(registered.file);
    assert.equal(a.thumbprintSha256, thumbprintSha256(registered.certPem));
    assert.equal(b.thumbprintSha256, a.thumbprintSha256);
    assert.ok(b.validTo.getTime() > Date.now());
    const pkcs1 = createPrivateKey(registered.keyPem).export({ type: 'pkcs1', format: 'pem' }) as string;
    assert.match(pkcs1, /BEGIN RSA PRIVATE KEY/);
    assert.equal(parseClientCertificate(registered.certPem + pkcs1, 'test').thumbprintSha256, a.thumbprintSha256);
  });

  test('refuses a key that does not belong to the certificate', () => refuses(registered.certPem + unregistered.keyPem, /does not belong to the certificate/));
  test('refuses a file without a key, without a certificate, or with two certificates', () => {
    refuses(registered.certPem, /exactly one private key/);
    refuses(registered.keyPem, /exactly one certificate/);
    refuses(registered.certPem + unregistered.certPem + registered.keyPem, /exactly one certificate .*found 2/);
  });
  test('refuses an encrypted key and a non-RSA key', () => {
    refuses(registered.certPem + '-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n', /encrypted/);
    const ca = createTestCa('EC app');
    const ecCert = ca.issue({});
    refuses(ecCert + registered.keyPem, /does not belong/);
    refuses(registered.certPem + ECKEY, /Microsoft Entra needs an RSA key/);
  });
  test('refuses an unreadable file with a ConfigError naming the setting', () => {
    assert.throws(
      () => readClientCertificateFile('/nonexistent/vestibule.pem'),
      (error: Error) =>
        error instanceof ConfigError && /INTUNE_CLIENT_CERTIFICATE_FILE \/nonexistent\/vestibule\.pem cannot be read: ENOENT/.test(error.message),
    );
    assert.throws(() => readClientCertificateFile(writeTestFile('not a pem')), /exactly one certificate .*found 0/);
  });
});

// A throwaway P-256 key, for the "must be RSA" check.
const ECKEY = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
