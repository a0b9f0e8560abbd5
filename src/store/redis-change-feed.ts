import type { RedisClientType } from '@redis/client';
import { LocalChangeFeed } from './local-change-feed.js';
import type { ChangeFeed, ChangeListener } from '../core/store/types.js';

/**
 * Change notifications across instances: every instance publishes to one Redis channel
 * and delivers what it hears to its own in-process listeners. A missed message only
 * delays a long-poll until its timeout; pollers always re-read the record itself.
 */
export class RedisChangeFeed implements ChangeFeed {
  private readonly local = new LocalChangeFeed();

  private constructor(
    private readonly publisher: RedisClientType,
    private readonly channel: string,
  ) {}

  static async start(publisher: RedisClientType, subscriber: RedisClientType, channel: string): Promise<RedisChangeFeed> {
    const feed = new RedisChangeFeed(publisher, channel);
    await subscriber.subscribe(channel, (message) => {
      const separator = message.lastIndexOf('\n');
      const version = Number(message.slice(separator + 1));
      if (separator > 0 && Number.isInteger(version)) feed.local.deliver(message.slice(0, separator), version);
    });
    return feed;
  }

  async publish(topic: string, version: number): Promise<void> {
    await this.publisher.publish(this.channel, `${topic}\n${version}`);
  }

  subscribe(topic: string, listener: ChangeListener): () => void {
    return this.local.subscribe(topic, listener);
  }
}
