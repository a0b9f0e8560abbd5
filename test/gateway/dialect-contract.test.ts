import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigError } from '../../src/config/config.js';
import { DomainError } from '../../src/core/errors.js';
import type { AccessSession } from '../../src/core/sessions/access-session.js';
import { AccessSessionRepository } from '../../src/core/sessions/access-session-repository.js';
import type { Stores } from '../../src/core/store/types.js';
import type { DialectServices } from '../../src/gateway/dialects/dialect.js';
import { DIALECTS } from '../../src/gateway/dialects/index.js';
import { acceptIntake, answerBackChannel, releaseSession, resolveGateway } from '../../src/gateway/gateway-intake.js';
import { loadGateways } from '../../src/gateway/gateway-registry.js';
import { openMemoryStores } from '../../src/store/memory-stores.js';
import { DIALECT_FIXTURES } from './dialect-fixtures/index.js';

const PUBLIC_URL = new URL('https://portal.example.com');
const NOW = Date.UTC(2026, 10, 29, 12, 0, 0);

// One folder for every gateways file this suite writes, removed when the suite ends.
const workDir = mkdtempSync(join(tmpdir(), 'dialect-contract-'));
after(() => rmSync(workDir, { recursive: true, force: true }));
let filesWritten = 0;

function writeGatewaysFile(entries: unknown[]): string {
  const path = join(workDir, `gateways-${filesWritten++}.json`);
  writeFileSync(path, JSON.stringify({ gateways: entries }));
  return path;
}

/** Memory stores that count every write that took effect, so "stores nothing" is checked, not assumed. */
function recordingStores(): { stores: Stores; writes: () => number } {
  const inner = openMemoryStores({ now: () => NOW });
  let writes = 0;
  const atomic: Stores['atomic'] = {
    claim: async (key, value, ttl) => {
      const result = await inner.atomic.claim(key, value, ttl);
      if (result.claimed) writes++;
      return result;
    },
    release: async (key, value) => {
      writes++;
      await inner.atomic.release(key, value);
    },
    read: (key) => inner.atomic.read(key),
    compareAndSet: async (key, version, value, ttl) => {
      const done = await inner.atomic.compareAndSet(key, version, value, ttl);
      if (done) writes++;
      return done;
    },
    compareAndSetAll: async (all) => {
      const done = await inner.atomic.compareAndSetAll(all);
      if (done) writes += all.length;
      return done;
    },
    addToIndex: async (index, members) => {
      writes++;
      await inner.atomic.addToIndex(index, members);
    },
    removeFromIndex: async (index, members) => {
      writes++;
      await inner.atomic.removeFromIndex(index, members);
    },
    rangeIndex: (index, options) => inner.atomic.rangeIndex(index, options),
  };
  const namespace = <T>(name: string) => {
    const ns = inner.namespace<T>(name);
    return {
      ...ns,
      get: ns.get.bind(ns),
      getMany: ns.getMany.bind(ns),
      set: async (key: string, value: T, ttl: Parameters<typeof ns.set>[2]) => {
        writes++;
        await ns.set(key, value, ttl);
      },
      delete: async (key: string) => {
        writes++;
        return ns.delete(key);
      },
    };
  };
  return {
    stores: { ...inner, kind: inner.kind, atomic, namespace, changes: inner.changes, ping: () => inner.ping(), close: () => inner.close() },
    writes: () => writes,
  };
}

function setUp(entry: Record<string, unknown>, env: NodeJS.ProcessEnv = {}) {
  const registry = loadGateways(writeGatewaysFile([entry]), { devMode: false, env, publicUrl: PUBLIC_URL });
  const { stores, writes } = recordingStores();
  const sessions = new AccessSessionRepository(stores.atomic, stores.changes, { pendingTtlMs: 15 * 60_000, decisionTtlMs: 60 * 60_000, now: () => NOW });
  const services: DialectServices = { atomic: stores.atomic, stores, signatureMaxSkewSeconds: 300, publicUrl: PUBLIC_URL, now: () => NOW };
  const gateway = registry.byId(String(entry.id))!;
  return { registry, sessions, services, gateway, writes, deps: { registry, sessions, services } };
}

/** Moves a fresh session along the allowed edges to `status`. */
async function decide(sessions: AccessSessionRepository, session: AccessSession, status: 'allowed' | 'blocked'): Promise<AccessSession> {
  await sessions.update(session.token, (s) => ({ ...s, status: 'evaluating' }));
  const outcome = status === 'allowed' ? 'compliant' : 'noncompliant';
  const { session: decided } = await sessions.update(session.token, (s) => ({ ...s, status, outcome }));
  return decided;
}

describe('gateway dialect registry', () => {
  it('has a contract fixture for every registered dialect', () => {
    assert.deepEqual(
      [...DIALECTS.keys()].filter((name) => !DIALECT_FIXTURES[name]),
      [],
      'add a fixture in test/gateway/dialect-fixtures/ for every dialect in src/gateway/dialects/index.ts',
    );
  });

  it('stops the start on an unknown dialect, naming the gateway', () => {
    const entry = { ...DIALECT_FIXTURES.native!.entry, id: 'odd-gw', dialect: 'carrier-pigeon' };
    assert.throws(
      () => loadGateways(writeGatewaysFile([entry]), { devMode: false, env: {}, publicUrl: PUBLIC_URL }),
      (error: Error) => error instanceof ConfigError && /gateways\[0\] \(odd-gw\): unknown dialect "carrier-pigeon" \(known: native/.test(error.message),
    );
  });

  it('answers an unknown gateway id exactly like a forged request, storing nothing', async () => {
    const fixture = DIALECT_FIXTURES.native!;
    const { deps, gateway, writes, registry } = setUp(fixture.entry, fixture.env);
    const request = fixture.validIntake!(gateway, NOW);
    const unknown = resolveGateway(registry, 'no-such-gateway');
    await assert.rejects(
      acceptIntake(deps, unknown, { ...request, path: '/g/no-such-gateway' }),
      (error: unknown) => error instanceof DomainError && error.code === 'link_invalid',
    );
    await assert.rejects(
      acceptIntake(deps, resolveGateway(registry, 'Not A Valid Id'), request),
      (error: unknown) => error instanceof DomainError && error.code === 'link_invalid',
    );
    assert.equal(writes(), 0);
  });
});

for (const [name, dialect] of DIALECTS) {
  const fixture = DIALECT_FIXTURES[name];
  if (!fixture) continue; // reported by the registry case above

  describe(`gateway dialect contract: ${name}`, () => {
    it('loads its settings from the gateways file and refuses keys it does not own', () => {
      const { gateway } = setUp(fixture.entry, fixture.env);
      assert.equal(gateway.dialect, name);
      assert.notEqual(gateway.settings, undefined);
      assert.throws(
        () => loadGateways(writeGatewaysFile([{ ...fixture.entry, stray: 1 }]), { devMode: false, env: fixture.env ?? {}, publicUrl: PUBLIC_URL }),
        (error: Error) => error instanceof ConfigError && error.message.includes(`(${String(fixture.entry.id)})`) && error.message.includes('stray'),
      );
    });

    const newSession = (context: ReturnType<typeof setUp>): Promise<AccessSession> =>
      fixture.validIntake
        ? acceptIntake(context.deps, resolveGateway(context.registry, context.gateway.id), fixture.validIntake(context.gateway, NOW))
        : fixture.sessionWithoutIntake!({ sessions: context.sessions, services: context.services, gateway: context.gateway });

    it('has a way to make sessions: a valid intake, or (no browser intake) its own entry point', () => {
      assert.ok(
        fixture.validIntake ? fixture.client !== undefined : fixture.sessionWithoutIntake !== undefined,
        `${name}: give validIntake + client, or sessionWithoutIntake`,
      );
    });

    it(
      'creates one access session from a valid intake, recording what the gateway asserted and whether the MAC is verified',
      { skip: !fixture.validIntake && 'no browser intake' },
      async () => {
        const { deps, gateway, sessions, registry } = setUp(fixture.entry, fixture.env);
        const session = await acceptIntake(deps, resolveGateway(registry, gateway.id), fixture.validIntake!(gateway, NOW));
        const stored = await sessions.byHandle(session.handle);
        assert.equal(stored?.session.token, session.token);
        assert.equal(stored?.session.status, 'pending');
        assert.equal(stored?.session.gatewayId, gateway.id);
        assert.deepEqual(stored?.session.client, fixture.client);
      },
    );

    for (const tampered of fixture.tamperedIntakes({ ...setUp(fixture.entry, fixture.env).gateway }, NOW)) {
      it(`refuses a tampered intake (${tampered.what}) with a domain error and stores nothing`, async () => {
        const { deps, gateway, writes, registry } = setUp(fixture.entry, fixture.env);
        const request = fixture.tamperedIntakes(gateway, NOW).find((t) => t.what === tampered.what)!.request;
        await assert.rejects(
          acceptIntake(deps, resolveGateway(registry, gateway.id), request),
          (error: unknown) => error instanceof DomainError && (error.kind === 'refused' || error.kind === 'invalid'),
        );
        assert.equal(writes(), 0, 'a refused intake wrote to the store');
      });
    }

    it('releases an allowed session the way the dialect promises', async () => {
      const context = setUp(fixture.entry, fixture.env);
      const { gateway, sessions, services, registry } = context;
      const session = await newSession(context);
      const allowed = await decide(sessions, session, 'allowed');
      fixture.checkRelease(await releaseSession(registry, services, allowed), allowed, gateway);
      // Idempotent: the allowed page may be shown again, on any instance.
      fixture.checkRelease(await releaseSession(registry, services, allowed), allowed, gateway);
    });

    it('releases nothing for a pending or blocked session, even when the dialect is called directly', async () => {
      const context = setUp(fixture.entry, fixture.env);
      const { gateway, sessions, services, writes, registry } = context;
      const pending = await newSession(context);
      const other = await newSession(context);
      const blocked = await decide(sessions, other, 'blocked');
      const before = writes();
      for (const session of [pending, blocked]) {
        assert.deepEqual(await releaseSession(registry, services, session), { kind: 'none' });
        assert.deepEqual(await dialect.release(session, gateway, services), { kind: 'none' });
      }
      assert.equal(writes(), before, 'releasing a session that is not allowed wrote to the store');
    });

    if (dialect.backChannel) {
      it('answers its back channel with the reply its gateway expects', async () => {
        assert.ok(fixture.backChannel, `${name} has a back channel: its fixture must exercise it`);
        const { deps, gateway, registry } = setUp(fixture.entry, fixture.env);
        const reply = await answerBackChannel(deps, resolveGateway(registry, gateway.id), fixture.backChannel.request(gateway, NOW));
        assert.ok(reply);
        fixture.backChannel.check(reply);
      });
    }
  });
}
