import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import radius from 'radius';
import { encodeCoa } from '../../src/gateway/dialects/radius/coa-packet.js';
import { sendCoa } from '../../src/gateway/dialects/radius/coa-sender.js';
import { verifyResponse } from '../../src/gateway/dialects/radius/radius-signing.js';
import { BINARIES } from '../helpers/freeradius.js';
import { checkRequest, TestNas } from '../helpers/test-nas.js';

const SECRET = 'nas-shared-key-7Hq2Lp9Xv4Rt8Mw3Zk5Yc';
const TARGET = { nasIpAddress: '127.0.0.1', callingStationId: 'AA-BB-CC-DD-EE-FF', userName: 'aabbccddeeff', acctSessionId: '00000A1B' };

describe('CoA packets', () => {
  it('CoA-Request: Request Authenticator and Message-Authenticator check out per RFC 5176 §3.5; Cisco reauthenticate AV pair', () => {
    const packet = encodeCoa('reauthenticate', TARGET, SECRET, 42);
    assert.equal(packet[0], 43, 'code 43 = CoA-Request');
    assert.equal(packet[1], 42);
    assert.deepEqual(checkRequest(packet, SECRET), { requestAuthenticatorValid: true, messageAuthenticatorValid: true });
    assert.deepEqual(checkRequest(packet, `${SECRET}x`), { requestAuthenticatorValid: false, messageAuthenticatorValid: false });
    const decoded = radius.decode_without_secret({ packet });
    assert.equal(decoded.attributes['Calling-Station-Id'], 'AA-BB-CC-DD-EE-FF');
    assert.equal(decoded.attributes['Acct-Session-Id'], '00000A1B');
    assert.ok(packet.includes(Buffer.from('subscriber:command=reauthenticate')));
  });

  it('Disconnect-Request: code 40, no vendor attribute, same signing', () => {
    const packet = encodeCoa('disconnect', TARGET, SECRET, 7);
    assert.equal(packet[0], 40);
    assert.deepEqual(checkRequest(packet, SECRET), { requestAuthenticatorValid: true, messageAuthenticatorValid: true });
    assert.equal(packet.includes(Buffer.from('subscriber:')), false);
  });

  it('why we sign ourselves: radius@1.1.4 signs a CoA-Request with Message-Authenticator in the wrong order', () => {
    // If this starts failing, the package was fixed and radius-signing.ts can go.
    const packet = radius.encode({
      code: 'CoA-Request',
      secret: SECRET,
      identifier: 1,
      attributes: [['Calling-Station-Id', 'AA']],
      add_message_authenticator: true,
    });
    assert.equal(checkRequest(packet, SECRET).requestAuthenticatorValid, false);
  });

  it('answers: a CoA-ACK made by the package verifies; a wrong secret or a flipped bit does not', () => {
    const request = encodeCoa('reauthenticate', TARGET, SECRET, 9);
    const ack = radius.encode_response({ packet: radius.decode_without_secret({ packet: request }), code: 'CoA-ACK', secret: SECRET });
    assert.equal(verifyResponse(request, ack, SECRET), true);
    assert.equal(verifyResponse(request, ack, `${SECRET}x`), false);
    const flipped = Buffer.from(ack);
    flipped[flipped.length - 1]! ^= 1;
    assert.equal(verifyResponse(request, flipped, SECRET), false);
  });
});

describe('sendCoa against a UDP NAS', () => {
  let nas: TestNas;
  before(async () => {
    nas = await TestNas.start(SECRET);
  });
  after(() => nas.close());

  it('ack, nak and silence end as ack, nak and no_answer after the bounded attempts', async () => {
    // A generous first wait where an answer comes (a loaded machine must not cause a retry), a short one for silence.
    const send = (timeoutMs: number) =>
      sendCoa({ kind: 'reauthenticate', nas: { address: '127.0.0.1', port: nas.port, secret: SECRET }, target: TARGET, timeoutMs, attempts: 3 });
    nas.answer = 'ack';
    assert.deepEqual(await send(10_000), { result: 'ack', attempts: 1 });
    nas.answer = 'nak';
    assert.deepEqual(await send(10_000), { result: 'nak', attempts: 1 });
    nas.answer = 'silence';
    const before = nas.received.length;
    assert.deepEqual(await send(200), { result: 'no_answer', attempts: 3 });
    assert.equal(nas.received.length - before, 3);
  });

  it('an answer signed with another secret is ignored (then no_answer)', async () => {
    nas.answer = 'ack';
    const outcome = await sendCoa({
      kind: 'disconnect',
      nas: { address: '127.0.0.1', port: nas.port, secret: `${SECRET}-other` },
      target: TARGET,
      timeoutMs: 150,
      attempts: 2,
    });
    assert.deepEqual(outcome, { result: 'no_answer', attempts: 2 });
  });
});

const haveRadclient = (() => {
  try {
    accessSync(BINARIES.radclient, constants.X_OK);
    return true;
  } catch {
    if (process.env.CI === 'true') throw new Error('radclient (freeradius-utils) is required when CI=true');
    console.warn('\n!!! SKIPPED the radclient cross-check of the test NAS: no radclient (apt-get install freeradius-utils) !!!\n');
    return false;
  }
})();

describe('the test NAS’s checks agree with FreeRADIUS', { skip: !haveRadclient }, () => {
  it('a CoA-Request with Message-Authenticator sent by radclient passes checkRequest', async () => {
    const nas = await TestNas.start(SECRET);
    try {
      const child = spawn(BINARIES.radclient, ['-r', '1', '-t', '5', `127.0.0.1:${nas.port}`, 'coa', SECRET], { stdio: ['pipe', 'ignore', 'ignore'] });
      child.stdin.end('Calling-Station-Id = "AA-BB-CC-DD-EE-FF"\nMessage-Authenticator = 0x00\n');
      const [coa] = await nas.waitFor(1);
      await new Promise((resolve) => child.once('close', resolve));
      assert.equal(coa!.code, 'CoA-Request');
      assert.equal(coa!.requestAuthenticatorValid, true);
      assert.equal(coa!.messageAuthenticatorValid, true);
    } finally {
      await nas.close();
    }
  });
});
