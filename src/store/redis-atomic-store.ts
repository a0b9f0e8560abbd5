import type { RedisClientType } from '@redis/client';
import type { AtomicStore, ClaimResult, Versioned, VersionedWrite } from '../core/store/types.js';

// SET NX and, when someone holds the key, read their value and TTL in the same step.
const CLAIM = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return {1, ARGV[1], tonumber(ARGV[2])}
end
return {0, redis.call('GET', KEYS[1]), redis.call('PTTL', KEYS[1])}`;

// Write only if the stored record still has the version the caller read.
const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1])
local version = 0
if current then version = cjson.decode(current).version end
if version ~= tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1`;

// COMPARE_AND_SET over KEYS[1..n] at once: ARGV holds (expected version, record, ttl) per key.
const COMPARE_AND_SET_ALL = `
for i, key in ipairs(KEYS) do
  local current = redis.call('GET', key)
  local version = 0
  if current then version = cjson.decode(current).version end
  if version ~= tonumber(ARGV[3 * i - 2]) then return 0 end
end
for i, key in ipairs(KEYS) do
  redis.call('SET', key, ARGV[3 * i - 1], 'PX', ARGV[3 * i])
end
return 1`;

// Delete only while the key still holds our value.
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 0`;

/** `AtomicStore` on Redis: each operation is one command or one Lua script, so atomic across instances. */
export class RedisAtomicStore implements AtomicStore {
  constructor(
    private readonly client: RedisClientType,
    private readonly prefix: string,
  ) {}

  async claim(key: string, value: string, ttlMs: number): Promise<ClaimResult> {
    const reply = (await this.client.eval(CLAIM, { keys: [this.key(key)], arguments: [value, String(ttlMs)] })) as [number, string, number];
    return { claimed: reply[0] === 1, value: reply[1], ttlMs: reply[2] };
  }

  async release(key: string, value: string): Promise<void> {
    await this.client.eval(RELEASE, { keys: [this.key(key)], arguments: [value] });
  }

  async read<T>(key: string): Promise<Versioned<T> | undefined> {
    const raw = await this.client.get(this.key(key));
    return raw ? (JSON.parse(raw) as Versioned<T>) : undefined;
  }

  async compareAndSet<T>(key: string, expectedVersion: number, value: T, ttlMs: number): Promise<boolean> {
    const record: Versioned<T> = { value, version: expectedVersion + 1 };
    const reply = await this.client.eval(COMPARE_AND_SET, {
      keys: [this.key(key)],
      arguments: [String(expectedVersion), JSON.stringify(record), String(ttlMs)],
    });
    return reply === 1;
  }

  async compareAndSetAll(writes: VersionedWrite[]): Promise<boolean> {
    const reply = await this.client.eval(COMPARE_AND_SET_ALL, {
      keys: writes.map((write) => this.key(write.key)),
      arguments: writes.flatMap((write) => [
        String(write.expectedVersion),
        JSON.stringify({ value: write.value, version: write.expectedVersion + 1 }),
        String(write.ttlMs),
      ]),
    });
    return reply === 1;
  }

  async addToIndex(index: string, members: string[]): Promise<void> {
    if (members.length === 0) return;
    await this.client.zAdd(
      this.indexKey(index),
      members.map((value) => ({ score: 0, value })),
    );
  }

  async removeFromIndex(index: string, members: string[]): Promise<void> {
    if (members.length === 0) return;
    await this.client.zRem(this.indexKey(index), members);
  }

  async rangeIndex(index: string, { after, limit }: { after?: string; limit: number }): Promise<string[]> {
    // Equal scores make a sorted set ordered by member: BYLEX gives a cursor without a scan.
    const min = after === undefined ? '-' : `(${after}`;
    return await this.client.sendCommand<string[]>(['ZRANGE', this.indexKey(index), min, '+', 'BYLEX', 'LIMIT', '0', String(limit)]);
  }

  private key(key: string): string {
    return `${this.prefix}a:${key}`;
  }

  private indexKey(index: string): string {
    return `${this.prefix}i:${index}`;
  }
}
