import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { storeBackends } from '../helpers/store-backends.js';
import type { Stores } from '../../src/core/store/types.js';

const backends = await storeBackends('store contract tests');

for (const backend of backends) {
  describe(`store contract on ${backend.name}`, () => {
    const opened: Stores[] = [];
    const open = async () => {
      const stores = await backend.open();
      opened.push(stores);
      return stores;
    };
    after(async () => {
      await Promise.all(opened.map((stores) => stores.close()));
    });

    it('reads back what a namespace stored and keeps namespaces apart', async () => {
      const stores = await open();
      await stores.namespace<{ n: number }>('one').set('k', { n: 1 }, 60_000);
      await stores.namespace<{ n: number }>('two').set('k', { n: 2 }, 60_000);
      assert.deepEqual(await stores.namespace('one').get('k'), { n: 1 });
      assert.deepEqual(await stores.namespace('two').get('k'), { n: 2 });
      assert.deepEqual(await stores.namespace('one').getMany(['k', 'missing']), [{ n: 1 }, undefined]);
      assert.equal(await stores.namespace('one').delete('k'), true);
      assert.equal(await stores.namespace('one').get('k'), undefined);
    });

    it('refuses a namespace write without a TTL', async () => {
      const stores = await open();
      await assert.rejects(stores.namespace('one').set('k', 1, 0), /TTL/);
    });

    it('forgets a namespace entry once its TTL has passed', async () => {
      const stores = await open();
      await stores.namespace('short').set('k', 'v', 30);
      await new Promise((resolve) => setTimeout(resolve, 80));
      assert.equal(await stores.namespace('short').get('k'), undefined);
    });

    it('lets exactly one of twenty parallel claims win and tells the others the winner', async () => {
      const stores = await open();
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => stores.atomic.claim('nonce', `caller-${i}`, 60_000)));
      const winners = results.filter((r) => r.claimed);
      assert.equal(winners.length, 1);
      for (const r of results) assert.equal(r.value, winners[0]!.value);
      assert.ok(results.every((r) => r.ttlMs > 0 && r.ttlMs <= 60_000));
    });

    it('allows a claim again after it expired', async () => {
      const stores = await open();
      assert.equal((await stores.atomic.claim('short', 'a', 30)).claimed, true);
      await new Promise((resolve) => setTimeout(resolve, 80));
      assert.equal((await stores.atomic.claim('short', 'b', 30)).claimed, true);
    });

    it('releases a claim only for the holder of its value', async () => {
      const stores = await open();
      await stores.atomic.claim('lock', 'mine', 60_000);
      await stores.atomic.release('lock', 'not-mine');
      assert.equal((await stores.atomic.claim('lock', 'other', 60_000)).claimed, false, 'a stranger cannot release it');
      await stores.atomic.release('lock', 'mine');
      assert.equal((await stores.atomic.claim('lock', 'other', 60_000)).claimed, true, 'the holder can');
    });

    it('writes a versioned record only against the version read', async () => {
      const stores = await open();
      assert.equal(await stores.atomic.compareAndSet('rec', 0, { status: 'pending' }, 60_000), true);
      assert.equal(await stores.atomic.compareAndSet('rec', 0, { status: 'other' }, 60_000), false);
      assert.deepEqual(await stores.atomic.read('rec'), { value: { status: 'pending' }, version: 1 });
      const racers = await Promise.all([1, 2, 3].map((i) => stores.atomic.compareAndSet('rec', 1, { status: `racer-${i}` }, 60_000)));
      assert.equal(racers.filter(Boolean).length, 1);
      assert.equal((await stores.atomic.read('rec'))?.version, 2);
    });

    it('writes several versioned records together or not at all', async () => {
      const stores = await open();
      const pair = (a: string, b: string) => [
        { key: `handle:${a}`, expectedVersion: 0, value: b, ttlMs: 60_000 },
        { key: `session:${b}`, expectedVersion: 0, value: { status: 'pending' }, ttlMs: 60_000 },
      ];
      assert.equal(await stores.atomic.compareAndSetAll(pair('h1', 't1')), true);
      assert.deepEqual(await stores.atomic.read('handle:h1'), { value: 't1', version: 1 });
      assert.deepEqual(await stores.atomic.read('session:t1'), { value: { status: 'pending' }, version: 1 });
      // The second key exists: nothing is written, not even the first (new) one.
      assert.equal(await stores.atomic.compareAndSetAll(pair('h2', 't1')), false);
      assert.equal(await stores.atomic.read('handle:h2'), undefined);
      assert.deepEqual(await stores.atomic.read('session:t1'), { value: { status: 'pending' }, version: 1 });
      // Against the versions read, existing records move on together.
      const moved = await stores.atomic.compareAndSetAll([
        { key: 'handle:h1', expectedVersion: 1, value: 't1', ttlMs: 60_000 },
        { key: 'session:t1', expectedVersion: 1, value: { status: 'allowed' }, ttlMs: 60_000 },
      ]);
      assert.equal(moved, true);
      assert.equal((await stores.atomic.read('handle:h1'))?.version, 2);
      assert.deepEqual(await stores.atomic.read('session:t1'), { value: { status: 'allowed' }, version: 2 });
      // Racing creators of the same pair: exactly one wins.
      const racers = await Promise.all([1, 2, 3, 4].map(() => stores.atomic.compareAndSetAll(pair('h3', 't3'))));
      assert.equal(racers.filter(Boolean).length, 1);
    });

    it('forgets records of a multi-key write once their TTLs pass', async () => {
      const stores = await open();
      assert.equal(
        await stores.atomic.compareAndSetAll([
          { key: 'short', expectedVersion: 0, value: 1, ttlMs: 30 },
          { key: 'long', expectedVersion: 0, value: 2, ttlMs: 60_000 },
        ]),
        true,
      );
      await new Promise((resolve) => setTimeout(resolve, 80));
      assert.equal(await stores.atomic.read('short'), undefined);
      assert.equal((await stores.atomic.read('long'))?.version, 1);
    });

    it('pages an ordered index without repeating or skipping members', async () => {
      const stores = await open();
      await stores.atomic.addToIndex('devices', ['c', 'a', 'b', 'd']);
      await stores.atomic.removeFromIndex('devices', ['d']);
      assert.deepEqual(await stores.atomic.rangeIndex('devices', { limit: 2 }), ['a', 'b']);
      assert.deepEqual(await stores.atomic.rangeIndex('devices', { after: 'b', limit: 2 }), ['c']);
    });

    it('honours every limit, however many different ones are asked for (SQLite keeps a statement per limit, up to a bound)', async () => {
      const stores = await open();
      const members = Array.from({ length: 60 }, (_, i) => `m${String(i).padStart(2, '0')}`);
      await stores.atomic.addToIndex('many', members);
      for (let limit = 0; limit <= 60; limit += 1) {
        assert.deepEqual(await stores.atomic.rangeIndex('many', { limit }), members.slice(0, limit), `limit ${limit}`);
        assert.deepEqual(await stores.atomic.rangeIndex('many', { after: 'm09', limit }), members.slice(10, 10 + limit), `after m09, limit ${limit}`);
      }
    });

    it('delivers a published change to a subscriber', async () => {
      const stores = await open();
      const heard = new Promise<number>((resolve) => {
        const stop = stores.changes.subscribe('session:x', (_topic, version) => {
          stop();
          resolve(version);
        });
      });
      await stores.changes.publish('session:x', 7);
      assert.equal(await heard, 7);
    });
  });
}
