import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signedRedirect } from '../helpers/gateway-client.js';
import { DEVICES } from '../helpers/portal-flow.js';
import { startObservedVestibule, type ObservedVestibule } from '../helpers/security-harness.js';
import { TEST_GATEWAYS } from '../helpers/test-vestibule.js';

const HQ = TEST_GATEWAYS.hq;
const CLIENT = { mac: DEVICES.aliceIphone.mac };
// /metrics is for operators only: on the public port it needs this bearer token (docs/operations.md).
const METRICS_TOKEN = 'intake-traces-metrics-token-0123456789abcdef';

/**
 * Issue #8 item 7: every refused redirect leaves a trace — a log line with the reason code
 * (and the skew for an old or future timestamp) and a metric by gateway and reason — while
 * the person's page stays vague where it must (unknown gateway = bad signature), and says
 * "a clock is wrong" when that is the cause.
 */
describe('refused gateway redirects leave a trace', () => {
  let v: ObservedVestibule;
  before(async () => {
    v = await startObservedVestibule({ METRICS_TOKEN });
  });
  after(() => v.stop());

  const get = (path: string) => fetch(new URL(path, v.url), { redirect: 'manual', headers: { accept: 'text/html' } });
  const refusalLogs = () => v.logs.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry.msg === 'gateway redirect refused');
  const lastRefusal = () => refusalLogs().at(-1);
  async function metric(gateway: string, reason: string): Promise<number> {
    const response = await fetch(new URL('/metrics', v.url), { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    assert.equal(response.status, 200, 'the operator can read /metrics with the token');
    const text = await response.text();
    const line = text.split('\n').find((l) => l.startsWith(`vestibule_intake_refusals_total{gateway="${gateway}",reason="${reason}"}`));
    return line ? Number(line.split(' ').at(-1)) : 0;
  }
  const pageText = async (response: Response) => (await response.text()).replace(/<[^>]+>/g, ' ');

  it('a timestamp 600 s old: link_expired with the skew in the log and metric, and a page that says a clock is wrong', async () => {
    const before = await metric(HQ.id, 'link_expired');
    const response = await get(signedRedirect(HQ, CLIENT, { ts: Math.floor(Date.now() / 1000) - 600 }));
    assert.equal(response.status, 403);
    const text = await pageText(response);
    assert.match(text, /clock is wrong/);
    // The gateway signed `ts`, not the phone: an old link or the network's clock, never the device's settings.
    assert.match(text, /This link is too old, or the network’s clock is wrong\./);
    assert.doesNotMatch(text, /device’s (date|clock)/);
    const logged = lastRefusal();
    assert.equal(logged?.reason, 'link_expired');
    assert.equal(logged?.gateway, HQ.id);
    assert.ok(Math.abs(Number((logged?.facts as { skewSeconds: number }).skewSeconds) - 600) <= 2, JSON.stringify(logged));
    assert.equal(await metric(HQ.id, 'link_expired'), before + 1);
  });

  it('a timestamp 600 s in the future: the same, with a negative skew', async () => {
    const response = await get(signedRedirect(HQ, CLIENT, { ts: Math.floor(Date.now() / 1000) + 600 }));
    assert.match(await pageText(response), /clock is wrong/);
    assert.ok(Number((lastRefusal()?.facts as { skewSeconds: number }).skewSeconds) <= -598);
  });

  it('a bad signature: link_invalid in the log and metric; the page does not blame a clock', async () => {
    const before = await metric(HQ.id, 'link_invalid');
    const response = await get(signedRedirect(HQ, CLIENT).replace(/sig=[^&]+/, 'sig=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'));
    assert.equal(response.status, 403);
    assert.doesNotMatch(await pageText(response), /clock/);
    assert.equal(lastRefusal()?.reason, 'link_invalid');
    assert.equal(await metric(HQ.id, 'link_invalid'), before + 1);
  });

  it('a signed link with a malformed field (the gateway’s fault): the log names the field, the person is told to reconnect', async () => {
    const response = await get(signedRedirect(HQ, { mac: 'aa-bb-cc' }));
    assert.equal(response.status, 400);
    const text = await pageText(response);
    assert.match(text, /Reconnect to the Wi-Fi/);
    assert.doesNotMatch(text, /Go back/, 'going back only reopens the same link');
    assert.equal(lastRefusal()?.reason, 'invalid_parameter');
  });

  it('a replayed nonce: link_replayed in the log and metric', async () => {
    const path = signedRedirect(HQ, CLIENT);
    assert.equal((await get(path)).status, 303);
    const before = await metric(HQ.id, 'link_replayed');
    assert.equal((await get(path)).status, 403);
    assert.equal(lastRefusal()?.reason, 'link_replayed');
    assert.equal(await metric(HQ.id, 'link_replayed'), before + 1);
  });

  it('an unknown gateway: the same page as a bad signature, logged as unknown, counted under gateway="unknown"', async () => {
    const badSignature = await get(signedRedirect(HQ, CLIENT).replace(/sig=[^&]+/, 'sig=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'));
    const unknown = await get(signedRedirect(HQ, CLIENT).replace('/g/hq-wlc', '/g/no-such-gateway'));
    assert.equal(unknown.status, badSignature.status);
    const strip = (html: string) => html.replace(/Reference: [^<]+/g, '').replace(/\/g\/[a-z-]+/g, '');
    assert.equal(strip(await unknown.text()), strip(await badSignature.text()), 'the person cannot tell the two apart');
    const logged = lastRefusal();
    assert.equal(logged?.gateway, 'unknown');
    assert.equal(logged?.unknownGatewayId, 'no-such-gateway');
    assert.ok((await metric('unknown', 'link_invalid')) >= 1);
  });
});
