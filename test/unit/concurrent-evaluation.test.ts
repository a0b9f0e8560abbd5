import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AccessEvaluation } from '../../src/core/visit/evaluate-access.js';
import { createLocalProvider } from '../../src/providers/local/create-local-provider.js';
import { loadPolicyFile } from '../../src/providers/local/policy-schema.js';
import { seedInventory } from '../../src/providers/local/seed-inventory.js';
import type { Evaluation } from '../../src/core/compliance/types.js';
import { AccessSessionRepository } from '../../src/core/sessions/access-session-repository.js';
import { openMemoryStores } from '../../src/store/memory-stores.js';
import { normalise } from '../../src/http/errors.js';

const ALICE = { id: '2b1c4a52-5d0e-4c3a-9f1e-7a6b5c4d3e21', name: 'Alice Example' };

async function setUp() {
  const stores = openMemoryStores();
  const provider = createLocalProvider({ stores, policy: loadPolicyFile('config/demo/policy.json') });
  await seedInventory('config/demo/inventory.json', provider.inventory, stores);
  const sessions = new AccessSessionRepository(stores.atomic, stores.changes, { pendingTtlMs: 900_000, decisionTtlMs: 3_600_000 });
  const evaluation = new AccessEvaluation({
    provider,
    sessions,
    lastKnown: stores.namespace<Evaluation>('last-evaluation'),
    evaluationDeadlineMs: 20_000,
    graceAllows: true,
  });
  return { sessions, evaluation };
}

describe('one access session, several visits at once', () => {
  it('gives every concurrent visit the decided state, and decides once', async () => {
    const { sessions, evaluation } = await setUp();
    const { session } = await sessions.create({
      gatewayId: 'hq',
      via: 'pushed',
      sid: null,
      originalUrl: null,
      client: { mac: 'A4B1C2D3E4F5', ip: null, macVerified: true },
      assertedDeviceId: null,
    });
    const results = await Promise.all(Array.from({ length: 6 }, () => evaluation.advance(session.token, ALICE, { recheck: false })));
    for (const result of results) assert.ok(['evaluating', 'allowed'].includes(result.status), result.status);
    const final = await sessions.byToken(session.token);
    assert.equal(final?.session.status, 'allowed');
    assert.ok(final.version <= 4, `no more writes than pending → evaluating → allowed (+1 retry), got version ${final.version}`);
  });

  it('answers a visit to a session that vanished with "link expired", not a crash', async () => {
    const { evaluation } = await setUp();
    await assert.rejects(
      evaluation.advance('A'.repeat(32), ALICE, { recheck: false }),
      (error) => normalise(error).status === 404 && normalise(error).code === 'link_expired',
    );
  });
});
