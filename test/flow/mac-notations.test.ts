import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { poll, pushSession, signedRedirect } from '../helpers/gateway-client.js';
import { DEVICES } from '../helpers/portal-flow.js';
import { startVestibule, TEST_GATEWAYS, type TestVestibule } from '../helpers/test-vestibule.js';

const HQ = TEST_GATEWAYS.hq;
/** Alice's iPhone in the demo inventory (A4:B1:C2:D3:E4:F5), as switches and controllers print it. */
const NOTATIONS = [
  'a4b1-c2d3-e4f5', // HPE Comware
  'a4b1c2-d3e4f5', // HPE ProCurve / Aruba-OS
  'a4b1.c2d3.e4f5', // Cisco IOS
  'A4B1:C2D3:E4F5',
  'A4B1C2:D3E4F5',
  'A4B1C2.D3E4F5',
  'a4.b1.c2.d3.e4.f5',
  'A4-b1-C2-d3-E4-f5',
  'a4b1c2d3e4f5',
];
/** Garbage, 11 and 13 digits, mixed separators and mixed group sizes. */
const NOT_MACS = [
  'a4b1-c2d3.e4f5',
  'a4b1c2d3e4f',
  'a4b1c2d3e4f5a',
  'a4b1-c2d3-e4f',
  'a4:b1c2:d3:e4:f5',
  'a4b1c2-d3e4f5-',
  'a4b1--c2d3e4f5',
  'g4b1c2d3e4f5',
  'a4 b1 c2 d3 e4 f5',
];

/** Issue #8 item 13: every switch notation normalises on every way in; the rest stays a 400. */
describe('MAC notations on the intake, the push API and the compliance API', () => {
  let v: TestVestibule;
  const writes: string[] = [];
  before(async () => {
    v = await startVestibule();
    const atomic = v.stores.atomic;
    const cas = atomic.compareAndSet.bind(atomic);
    atomic.compareAndSet = (key, ...rest) => (writes.push(key), cas(key, ...rest));
    const casAll = atomic.compareAndSetAll.bind(atomic);
    atomic.compareAndSetAll = (all) => (writes.push(...all.map((write) => write.key)), casAll(all));
  });
  after(() => v.stop());

  const intake = (mac: string) => fetch(new URL(signedRedirect(HQ, { mac }), v.url), { redirect: 'manual', headers: { accept: 'text/html' } });
  const compliance = (mac: string) =>
    fetch(new URL(`/api/compliance/2.0/devices?macAddress=${encodeURIComponent(mac)}`, v.url), { headers: { authorization: `Bearer ${HQ.apiKey}` } });

  for (const mac of NOTATIONS) {
    it(`accepts ${mac} everywhere and stores A4B1C2D3E4F5`, async () => {
      const redirected = await intake(mac);
      assert.equal(redirected.status, 303, `intake ${mac}`);

      const pushed = await pushSession(v.url, HQ, { mac });
      assert.equal(pushed.status, 201, `push ${mac}: ${JSON.stringify(pushed.body)}`);
      const seen = await poll(v.url, HQ, pushed.body.token);
      assert.equal(seen.body.client.mac, 'A4B1C2D3E4F5');

      const found = await compliance(mac);
      assert.equal(found.status, 200, `compliance ${mac}`);
      const body = (await found.json()) as { value: Array<{ macAddress: string; intuneDeviceId: string }> };
      assert.equal(body.value[0]?.macAddress, 'A4B1C2D3E4F5');
      assert.equal(body.value[0]?.intuneDeviceId, DEVICES.aliceIphone.id);
    });
  }

  for (const mac of NOT_MACS) {
    it(`refuses ${JSON.stringify(mac)} with a 400 everywhere, storing nothing`, async () => {
      writes.length = 0;
      assert.equal((await intake(mac)).status, 400, `intake ${mac}`);
      const pushed = await pushSession(v.url, HQ, { mac });
      assert.equal(pushed.status, 400, `push ${mac}`);
      assert.match(pushed.body.detail, /mac is not a MAC address/);
      const refused = await compliance(mac);
      assert.equal(refused.status, 400, `compliance ${mac}`);
      assert.match(((await refused.json()) as { detail: string }).detail, /"macAddress"/);
      assert.deepEqual(writes, [], 'nothing stored');
    });
  }
});
