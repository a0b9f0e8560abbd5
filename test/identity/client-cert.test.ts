import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { describe, it } from 'node:test';
import { createClientCertReader } from '../../src/identity/client-cert.js';
import { createTestCa, escapedCert } from '../helpers/certificates.js';

const DEVICE = '0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0';
const OTHER = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const SID = 'tag:microsoft.com,2022-09-14:sid:S-1-5-21-1004336348-1177238915-682003330-512';
const DAY = 86_400_000;

const ca = createTestCa();
const secondCa = createTestCa('Second Device CA');
const impostor = createTestCa(); // same name as `ca`, different key
const certs = {
  good: ca.issue({ uris: [`IntuneDeviceId://${DEVICE.toUpperCase()}`, SID] }),
  upperScheme: ca.issue({ uris: [`INTUNEDEVICEID://${DEVICE}`] }),
  sameTwice: ca.issue({ uris: [`IntuneDeviceId://${DEVICE}`, `intunedeviceid://${DEVICE.toUpperCase()}`] }),
  twoDevices: ca.issue({ uris: [`IntuneDeviceId://${DEVICE}`, `IntuneDeviceId://${OTHER}`] }),
  noDevice: ca.issue({ uris: [SID] }),
  noSan: ca.issue({}),
  badGuid: ca.issue({ uris: ['IntuneDeviceId://not-a-guid'] }),
  sidAndUpn: ca.issue({ uris: [SID], upn: 'alice@contoso.example' }),
  idGuidForm: ca.issue({ uris: [SID, `ID:Microsoft Endpoint Manager:GUID:${DEVICE.toUpperCase()}`], upn: 'alice@contoso.example' }),
  otherLabel: ca.issue({ uris: [`ID:Contoso MDM:GUID:${DEVICE}`] }),
  unexpanded: ca.issue({ uris: ['IntuneDeviceId://{{DeviceId}}', SID] }),
  unexpandedIdGuid: ca.issue({ uris: ['ID:Microsoft Endpoint Manager:GUID:{{DeviceId}}'] }),
  bothForms: ca.issue({ uris: [`IntuneDeviceId://${DEVICE}`, `ID:Microsoft Endpoint Manager:GUID:${DEVICE}`] }),
  formsDisagree: ca.issue({ uris: [`IntuneDeviceId://${DEVICE}`, `ID:Microsoft Endpoint Manager:GUID:${OTHER}`] }),
  badIdGuid: ca.issue({ uris: ['ID:Microsoft Endpoint Manager:GUID:nope'] }),
  shortLived: ca.issue({ uris: [`IntuneDeviceId://${DEVICE}`], days: 1 }),
  fromSecondCa: secondCa.issue({ uris: [`IntuneDeviceId://${OTHER}`] }),
  fromImpostor: impostor.issue({ uris: [`IntuneDeviceId://${DEVICE}`] }),
  serverOnly: ca.issue({ uris: [`IntuneDeviceId://${DEVICE}`], clientAuth: false }),
  subCa: ca.issue({ uris: [`IntuneDeviceId://${DEVICE}`], ca: true }),
};

function request(remoteAddress: string, header?: string): IncomingMessage {
  const headers: Record<string, string> = header === undefined ? {} : { 'x-client-cert': header };
  return { socket: { remoteAddress }, headers } as unknown as IncomingMessage;
}

function reader(options: { now?: () => number; caPem?: string; trustProxy?: string[] } = {}) {
  return createClientCertReader({
    trustProxy: options.trustProxy ?? ['127.0.0.1', '10.1.0.0/16', 'fd00::/8'],
    headerName: 'X-Client-Cert',
    caPem: 'caPem' in options ? options.caPem : `${ca.pem}\n${secondCa.pem}`,
    now: options.now,
  });
}

describe('client certificate reader', () => {
  it('reads the lower-cased device ID from a certificate the CA issued', () => {
    assert.deepEqual(reader()(request('127.0.0.1', escapedCert(certs.good))), { kind: 'device', deviceId: DEVICE });
  });

  it('ignores a SID URI whose value contains a comma', () => {
    // The SID URI makes node quote the value; a split(',') parser would see garbage here.
    assert.deepEqual(reader()(request('10.1.2.3', escapedCert(certs.good))), { kind: 'device', deviceId: DEVICE });
  });

  it('accepts the scheme in any case and the same device ID written twice', () => {
    assert.deepEqual(reader()(request('127.0.0.1', escapedCert(certs.upperScheme))), { kind: 'device', deviceId: DEVICE });
    assert.deepEqual(reader()(request('127.0.0.1', escapedCert(certs.sameTwice))), { kind: 'device', deviceId: DEVICE });
  });

  it('accepts a certificate from any CA in the bundle', () => {
    assert.deepEqual(reader()(request('127.0.0.1', escapedCert(certs.fromSecondCa))), { kind: 'device', deviceId: OTHER });
  });

  it('rejects a certificate naming two different devices', () => {
    assert.deepEqual(reader()(request('127.0.0.1', escapedCert(certs.twoDevices))), { kind: 'invalid', reason: 'multiple_device_ids' });
  });

  it('reads a verified certificate that names no device as unnamed: SID only, no SAN, SID + UPN, an unexpanded variable (issue #8 item 16)', () => {
    for (const name of ['noDevice', 'noSan', 'sidAndUpn', 'unexpanded', 'unexpandedIdGuid'] as const) {
      assert.deepEqual(reader()(request('127.0.0.1', escapedCert(certs[name]))), { kind: 'unnamed' }, name);
    }
  });

  it('reads the ID:<label>:GUID:<guid> SAN form, alone or beside the IntuneDeviceId form', () => {
    for (const name of ['idGuidForm', 'otherLabel', 'bothForms'] as const) {
      assert.deepEqual(reader()(request('127.0.0.1', escapedCert(certs[name]))), { kind: 'device', deviceId: DEVICE }, name);
    }
    assert.deepEqual(reader()(request('127.0.0.1', escapedCert(certs.formsDisagree))), { kind: 'invalid', reason: 'multiple_device_ids' });
  });

  it('rejects a certificate with a malformed device ID in either form', () => {
    assert.deepEqual(reader()(request('127.0.0.1', escapedCert(certs.badGuid))), { kind: 'invalid', reason: 'malformed_device_id' });
    assert.deepEqual(reader()(request('127.0.0.1', escapedCert(certs.badIdGuid))), { kind: 'invalid', reason: 'malformed_device_id' });
  });

  it('rejects an expired and a not-yet-valid certificate', () => {
    const later = reader({ now: () => Date.now() + 2 * DAY });
    assert.deepEqual(later(request('127.0.0.1', escapedCert(certs.shortLived))), { kind: 'invalid', reason: 'expired' });
    const earlier = reader({ now: () => Date.now() - DAY });
    assert.deepEqual(earlier(request('127.0.0.1', escapedCert(certs.shortLived))), { kind: 'invalid', reason: 'not_yet_valid' });
  });

  it('rejects a certificate from a CA with the same name but another key', () => {
    assert.deepEqual(reader()(request('127.0.0.1', escapedCert(certs.fromImpostor))), { kind: 'invalid', reason: 'untrusted_issuer' });
  });

  it('rejects a certificate from a CA that is not configured', () => {
    const onlyFirst = reader({ caPem: ca.pem });
    assert.deepEqual(onlyFirst(request('127.0.0.1', escapedCert(certs.fromSecondCa))), { kind: 'invalid', reason: 'untrusted_issuer' });
  });

  it('rejects server-only and CA certificates as device credentials', () => {
    assert.deepEqual(reader()(request('127.0.0.1', escapedCert(certs.serverOnly))), { kind: 'invalid', reason: 'not_a_client_certificate' });
    assert.deepEqual(reader()(request('127.0.0.1', escapedCert(certs.subCa))), { kind: 'invalid', reason: 'not_a_client_certificate' });
  });

  it('ignores the header from an address that is not a trusted proxy', () => {
    for (const address of ['192.0.2.7', '10.2.0.1', '::ffff:192.0.2.7', 'fe80::1', undefined]) {
      assert.deepEqual(reader()(request(address as string, escapedCert(certs.good))), { kind: 'none' }, String(address));
    }
  });

  it('trusts IPv4-mapped IPv6 peers, CIDRs and IPv6 ranges', () => {
    for (const address of ['::ffff:127.0.0.1', '10.1.255.254', 'fd12::34', '::ffff:10.1.0.9']) {
      assert.deepEqual(reader()(request(address, escapedCert(certs.good))), { kind: 'device', deviceId: DEVICE }, address);
    }
  });

  it('trusts nobody when TRUST_PROXY is empty', () => {
    assert.deepEqual(reader({ trustProxy: [] })(request('127.0.0.1', escapedCert(certs.good))), { kind: 'none' });
  });

  it('returns none when the trusted proxy sends no certificate', () => {
    assert.deepEqual(reader()(request('127.0.0.1')), { kind: 'none' });
    assert.deepEqual(reader()(request('127.0.0.1', '')), { kind: 'none' });
  });

  it('rejects an oversized header before decoding it', () => {
    const huge = escapedCert(certs.good) + '%20'.repeat(6000);
    assert.deepEqual(reader()(request('127.0.0.1', huge)), { kind: 'invalid', reason: 'header_too_large' });
  });

  it('rejects garbage, bad escapes, raw-joined duplicates and chains', () => {
    const cases = [
      'hello',
      '%E0%A4%A',
      escapedCert(certs.good.replace('MII', 'XXX')),
      `${escapedCert(certs.good)}, ${escapedCert(certs.good)}`,
      escapedCert(certs.good + ca.pem),
      escapedCert(`junk${certs.good}`),
    ];
    for (const header of cases) {
      assert.deepEqual(reader()(request('127.0.0.1', header)), { kind: 'invalid', reason: 'malformed' }, header.slice(0, 40));
    }
  });

  it('says so when a certificate arrives but no CA is configured', () => {
    assert.deepEqual(reader({ caPem: undefined })(request('127.0.0.1', escapedCert(certs.good))), { kind: 'invalid', reason: 'no_ca_configured' });
  });

  it('refuses to start with a bad TRUST_PROXY entry or a non-CA in the bundle', () => {
    assert.throws(() => reader({ trustProxy: ['10.0.0.0/33'] }), /TRUST_PROXY entry "10.0.0.0\/33"/);
    assert.throws(() => reader({ trustProxy: ['proxy.example.com'] }), /TRUST_PROXY entry/);
    assert.throws(() => reader({ caPem: certs.good }), /not a CA certificate/);
  });
});
