import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { signedRedirect } from '../helpers/gateway-client.js';
import { DEVICES } from '../helpers/portal-flow.js';
import { startVestibule, TEST_GATEWAYS, type TestVestibule } from '../helpers/test-vestibule.js';

const HQ = TEST_GATEWAYS.hq;
const LIMIT = 5;
const REPLAYS = 60;
const CONNECTIONS = 20;

/**
 * PROTOCOL.md lets a gateway sign a redirect without a nonce, so the same link verifies
 * every time it is opened within its ±SIGNATURE_MAX_SKEW_SECONDS. What bounds the sessions
 * a replayed link creates is the intake limit per gateway and device; each accepted
 * replay is a new, separate visit (never the first browser's), see docs/operations.md.
 */
describe('a signed link without a nonce, replayed', () => {
  let v: TestVestibule;
  let dir: string;
  let file: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vestibule-replay-'));
    file = join(dir, 'store.sqlite');
    v = await startVestibule({ STORE_URL: `sqlite://${file}`, RATE_LIMIT_INTAKE: String(LIMIT), RATE_LIMIT_WINDOW_SECONDS: '60' });
  });
  after(async () => {
    await v.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Access sessions in the store for one client MAC, read straight from the SQLite file. */
  function storedSessionsFor(mac: string): Array<{ handle: string }> {
    const db = new Database(file, { readonly: true });
    try {
      const rows = db.prepare<[], { value: string }>("SELECT value FROM atomic WHERE key LIKE 'session:%'").all();
      return rows.map((row) => (JSON.parse(row.value) as { value: { handle: string; client: { mac: string } } }).value).filter((s) => s.client.mac === mac);
    } finally {
      db.close();
    }
  }

  it(`${REPLAYS} replays from ${CONNECTIONS} connections create at most RATE_LIMIT_INTAKE (${LIMIT}) sessions in the store; the rest are 429 pages`, async () => {
    const link = signedRedirect(HQ, { mac: DEVICES.aliceIphone.mac }, { nonce: false });
    const answers: Response[] = [];
    for (let sent = 0; sent < REPLAYS; sent += CONNECTIONS) {
      const round = await Promise.all(
        Array.from({ length: CONNECTIONS }, () =>
          fetch(new URL(link, v.url), { redirect: 'manual', headers: { accept: 'text/html', 'accept-language': 'en' } }),
        ),
      );
      answers.push(...round);
    }
    const accepted = answers.filter((r) => r.status === 303);
    const refused = answers.filter((r) => r.status === 429);
    assert.equal(accepted.length + refused.length, REPLAYS, `every replay is a 303 or a 429: ${answers.map((r) => r.status).join(',')}`);
    assert.ok(accepted.length <= LIMIT, `${accepted.length} replays were accepted`);
    for (const r of refused) {
      assert.match(r.headers.get('content-type') ?? '', /^text\/html/);
      assert.ok(Number(r.headers.get('retry-after')) >= 1, 'Retry-After on the 429 page');
      assert.match(await r.text(), /too many requests from this device or network/);
    }

    const stored = storedSessionsFor(DEVICES.aliceIphone.mac.replace(/[^0-9A-Fa-f]/g, '').toUpperCase());
    assert.ok(stored.length <= LIMIT, `${stored.length} sessions in the store`);
    assert.equal(stored.length, accepted.length, 'a refused replay stored nothing');
    // Each accepted replay is its own visit: no replay lands on (and could act in) another browser's visit.
    const handles = new Set(accepted.map((r) => r.headers.get('location')));
    assert.equal(handles.size, accepted.length, 'every accepted replay got a different portal handle');
    assert.deepEqual(new Set(stored.map((s) => `/p/${s.handle}`)), handles);
  });
});
