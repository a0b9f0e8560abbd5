import type { ChangeFeed } from '../../core/store/types.js';

/**
 * Resolves when `topic` reports a version other than `version`, after `ms`, or when the
 * client goes away (`gone` fires), whichever comes first; resolves to whether the client
 * went away. The caller re-reads the record afterwards: the notification is only a
 * wake-up, never the data.
 *
 * `gone` is any emitter of 'close' (the HTTP response). A plain listener instead of an
 * AbortController/AbortSignal pair: with ten thousand held long-polls, the EventTarget
 * machinery per waiter was a measurable share of the memory each one holds.
 */
export function waitForChange(
  changes: ChangeFeed,
  topic: string,
  version: number,
  ms: number,
  gone: NodeJS.EventEmitter,
): { ready: Promise<boolean>; cancel: () => void } {
  let cancel = () => {};
  const ready = new Promise<boolean>((resolve) => {
    let settled = false;
    const finish = (clientGone: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      unsubscribe();
      gone.removeListener('close', onGone);
      resolve(clientGone);
    };
    const onGone = () => finish(true);
    const timer = setTimeout(finish, ms, false);
    const unsubscribe = changes.subscribe(topic, (_topic, changed) => {
      if (changed !== version) finish(false);
    });
    // on, not once: once wraps the listener in a bound function and a state object per waiter.
    gone.on('close', onGone);
    cancel = () => finish(false);
  });
  return { ready, cancel };
}
