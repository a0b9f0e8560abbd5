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

    it('pages an ordered index without repeating or skipping members', async () => {
      const stores = await open();
      await stores.atomic.addToIndex('devices', ['c', 'a', 'b', 'd']);
      await stores.atomic.removeFromIndex('devices', ['d']);
      assert.deepEqual(await stores.atomic.rangeIndex('devices', { limit: 2 }), ['a', 'b']);
      assert.deepEqual(await stores.atomic.rangeIndex('devices', { after: 'b', limit: 2 }), ['c']);
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
