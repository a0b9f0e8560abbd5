import { EventEmitter } from 'node:events';
import type { ChangeFeed, ChangeListener } from '../core/store/types.js';

/** In-process change notifications: enough for one instance; Redis pub/sub spans several. */
export class LocalChangeFeed implements ChangeFeed {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every waiting long-poll is a listener; the default cap of 10 would warn under load.
    this.emitter.setMaxListeners(0);
  }

  async publish(topic: string, version: number): Promise<void> {
    this.deliver(topic, version);
  }

  /** Delivers a notification that arrived from elsewhere (e.g. Redis) to local listeners. */
  deliver(topic: string, version: number): void {
    this.emitter.emit(topic, topic, version);
  }

  subscribe(topic: string, listener: ChangeListener): () => void {
    this.emitter.on(topic, listener);
    return () => this.emitter.off(topic, listener);
  }
}
