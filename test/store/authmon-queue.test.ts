import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { AuthmonQueue } from '../../src/gateway/dialects/opennds/authmon-queue.js';
import { answerAuthmon, AUTHMON_READ_CHARS, viewBody } from '../../src/gateway/dialects/opennds/authmon-reply.js';
import { gatewayHashOf } from '../../src/gateway/dialects/opennds/hashes.js';
import { openRedisStores } from '../../src/store/redis-stores.js';
import type { Stores } from '../../src/core/store/types.js';
import { REDIS_URL } from '../helpers/redis.js';
import { storeBackends, TEST_STORE_TIMEOUT_MS } from '../helpers/store-backends.js';

const backends = await storeBackends('openNDS authmon queue');
const rhid = (n: number) => n.toString(16).padStart(64, '0');
const record = (n: number) => `${rhid(n)} 60 0 0 0 0 dmVzdGlidWxl`;
const all = () => true;
const NAME = 'cafe Node:020000000101 ';
const form = (fields: Record<string, string>) => new URLSearchParams({ gatewayhash: gatewayHashOf(NAME), ...fields });
const b64 = (text: string) => Buffer.from(text).toString('base64');

for (const backend of backends) {
  describe(`authmon queue on ${backend.name}`, () => {
    const opened: Stores[] = [];
    const open = async () => {
      const stores = await backend.open();
      opened.push(stores);
      return new AuthmonQueue(stores.atomic, 60_000);
    };
    after(async () => {
      for (const stores of opened) await stores.close();
    });

    it('hands a grant out on every poll until acknowledged, then never again', async () => {
      const queue = await open();
      await queue.enqueue('gw', rhid(1), record(1));
      await queue.enqueue('gw', rhid(1), record(1)); // idempotent
      await queue.enqueue('gw', rhid(2), record(2));
      assert.deepEqual(await queue.pending('gw', all), [record(1), record(2)]);
      assert.deepEqual(await queue.pending('gw', all), [record(1), record(2)], 'not acknowledged: served again');
      assert.equal(await queue.isPending('gw', rhid(1)), true);
      assert.equal(await queue.acknowledge('gw', [rhid(1), rhid(9)]), 1);
      assert.deepEqual(await queue.pending('gw', all), [record(2)]);
      assert.equal(await queue.isPending('gw', rhid(1)), false);
      assert.deepEqual(await queue.pending('other-gw', all), [], 'queues are per gateway');
    });

    it('clear drops every grant of that gateway only', async () => {
      const queue = await open();
      for (let n = 1; n <= 5; n += 1) await queue.enqueue('gw-a', rhid(n), record(n));
      await queue.enqueue('gw-b', rhid(7), record(7));
      assert.equal(await queue.clear('gw-a'), 5);
      assert.deepEqual(await queue.pending('gw-a', all), []);
      assert.deepEqual(await queue.pending('gw-b', all), [record(7)]);
    });

    it('answers authmon: view within its 1,024-character read, ack, clear, and nothing for a wrong gatewayhash', async () => {
      const queue = await open();
      const context = { gatewayId: 'gw-c', gatewayName: NAME, queue };
      for (let n = 1; n <= 20; n += 1) await queue.enqueue('gw-c', rhid(n), record(n));
      const wrong = await answerAuthmon(new URLSearchParams({ auth_get: 'view', gatewayhash: gatewayHashOf('other'), payload: b64('none') }), context);
      assert.deepEqual([wrong.status, wrong.body], [403, '']);
      const view = await answerAuthmon(form({ auth_get: 'view', payload: b64('none') }), context);
      assert.equal(view.status, 200);
      assert.ok(view.body.startsWith('* '));
      assert.ok(view.body.length - 2 <= AUTHMON_READ_CHARS, `${view.body.length}`);
      assert.ok(view.count >= 5 && view.count < 20, `${view.count} records fit`);
      // What authmon.sh does with it: printf "${enc//%/\\x}" per word.
      const first = view.body.split(' ')[1]!.replace(/%([0-9a-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
      assert.equal(first, record(1));
      const served = view.body
        .split(' ')
        .slice(1)
        .map((w) => w.slice(0, 64));
      const ack = await answerAuthmon(form({ auth_get: 'view', payload: b64(`* ${served.join(' ')}`) }), context);
      assert.deepEqual([ack.body, ack.count], ['ack', served.length]);
      const next = await answerAuthmon(form({ auth_get: 'view', payload: b64('none') }), context);
      assert.ok(!served.some((r) => next.body.includes(r)), 'acknowledged grants are gone');
      assert.equal((await answerAuthmon(form({ auth_get: 'view', payload: b64('*') }), context)).body, 'ack');
      assert.equal((await answerAuthmon(form({ auth_get: 'deauthed', payload: b64('a log line') }), context)).body, 'ack');
      assert.equal((await answerAuthmon(form({ auth_get: 'bogus', payload: b64('none') }), context)).status, 400);
      const clear = await answerAuthmon(form({ auth_get: 'clear', payload: b64('none') }), context);
      assert.deepEqual([clear.status, clear.body], [200, '']);
      assert.equal((await answerAuthmon(form({ auth_get: 'view', payload: b64('none') }), context)).body, viewBody([]));
    });
  });
}

describe('authmon queue shared by two instances on one Redis', { skip: !backends.some((b) => b.name === 'redis') }, () => {
  const prefix = `vestibule-test:${randomUUID()}:`;
  const opened: Stores[] = [];
  after(async () => {
    for (const stores of opened) await stores.close();
  });

  it('a grant queued on A is served by B until acknowledged on A, and is never served after the ack', async () => {
    const [a, b] = await Promise.all(
      [0, 1].map(async () => {
        const stores = await openRedisStores(REDIS_URL, { timeoutMs: TEST_STORE_TIMEOUT_MS, prefix });
        opened.push(stores);
        return new AuthmonQueue(stores.atomic, 60_000);
      }),
    );
    await a!.enqueue('gw', rhid(1), record(1));
    assert.deepEqual(await b!.pending('gw', all), [record(1)]);
    assert.deepEqual(await a!.pending('gw', all), [record(1)]);
    // Acks and polls racing on both instances: once the ack is done, no instance serves the grant.
    const [, fromB] = await Promise.all([a!.acknowledge('gw', [rhid(1)]), b!.pending('gw', all)]);
    assert.ok(fromB.length <= 1);
    assert.deepEqual(await b!.pending('gw', all), []);
    assert.deepEqual(await a!.pending('gw', all), []);
  });
});
