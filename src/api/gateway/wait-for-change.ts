import type { ChangeFeed } from '../../core/store/types.js';

/**
 * Resolves when `topic` reports a version other than `version`, after `ms`, or when the
 * client goes away, whichever comes first. The caller re-reads the record afterwards:
 * the notification is only a wake-up, never the data.
 */
export function waitForChange(changes: ChangeFeed, topic: string, version: number, ms: number, abort: AbortSignal): { ready: Promise<void>; cancel: () => void } {
  let cancel = () => {};
  const ready = new Promise<void>((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      unsubscribe();
      abort.removeEventListener('abort', finish);
      resolve();
    };
    const timer = setTimeout(finish, ms);
    const unsubscribe = changes.subscribe(topic, (_topic, changed) => {
      if (changed !== version) finish();
    });
    abort.addEventListener('abort', finish);
    cancel = finish;
  });
  return { ready, cancel };
}
