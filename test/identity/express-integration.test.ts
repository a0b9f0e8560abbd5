import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import express from 'express';
import request from 'supertest';
import { createClientCertReader } from '../../src/identity/client-cert.js';
import { createTestCa, escapedCert } from '../helpers/certificates.js';

const DEVICE = '0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0';
const ca = createTestCa();
const cert = ca.issue({ uris: [`IntuneDeviceId://${DEVICE}`] });

/** An app that reports what the reader saw; `trust proxy` is on to show X-Forwarded-For cannot help. */
function appTrusting(trustProxy: string[]) {
  const read = createClientCertReader({ trustProxy, headerName: 'X-Client-Cert', caPem: ca.pem });
  return express()
    .set('trust proxy', true)
    .get('/whoami', (req, res) => {
      res.json(read(req));
    });
}

describe('client certificate reader behind express', () => {
  it('reads the certificate when the TCP peer is the trusted proxy', async () => {
    const res = await request(appTrusting(['127.0.0.1', '::1']))
      .get('/whoami')
      .set('X-Client-Cert', escapedCert(cert))
      .expect(200);
    assert.deepEqual(res.body, { kind: 'device', deviceId: DEVICE });
  });

  it('ignores the header from other peers even when X-Forwarded-For names the proxy', async () => {
    const res = await request(appTrusting(['10.0.0.5']))
      .get('/whoami')
      .set('X-Forwarded-For', '10.0.0.5')
      .set('X-Client-Cert', escapedCert(cert))
      .expect(200);
    assert.deepEqual(res.body, { kind: 'none' });
  });
});
