import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import express from 'express';
import request from 'supertest';
import { createDiscoveryHandler } from '../../src/api/compliance/discovery.js';
import { buildApp } from './build-app.js';

describe('discovery document', () => {
  it('names every endpoint under PUBLIC_URL without authentication', async () => {
    const res = await request(buildApp().app).get('/.well-known/vestibule').set('Host', 'evil.example').expect(200);
    assert.match(res.headers['content-type'] ?? '', /^application\/json/);
    assert.deepEqual(res.body, {
      service: 'vestibule',
      protocol: 'vestibule-v1',
      portal: { baseUrl: 'https://nac.example.com/vestibule/', redirectIntake: 'https://nac.example.com/vestibule/g/{gatewayId}' },
      sessions: { create: 'https://nac.example.com/vestibule/api/v1/sessions', poll: 'https://nac.example.com/vestibule/api/v1/sessions/{token}' },
      compliance: {
        devices: 'https://nac.example.com/vestibule/api/compliance/{version}/devices',
        versions: ['1.0', '1.1', '1.3', '2.0'],
        selectors: ['intuneDeviceId', 'macAddress', 'certSanUri', 'complianceState=noncompliant'],
      },
    });
  });

  it('works for a PUBLIC_URL at the root', async () => {
    const app = express().get('/.well-known/vestibule', createDiscoveryHandler({ publicUrl: new URL('http://localhost:3000') }));
    const res = await request(app).get('/.well-known/vestibule').expect(200);
    assert.equal(res.body.portal.baseUrl, 'http://localhost:3000/');
    assert.equal(res.body.sessions.poll, 'http://localhost:3000/api/v1/sessions/{token}');
  });
});
