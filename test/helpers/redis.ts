import { createConnection } from 'node:net';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** True when something answers PING on the test Redis within a second. */
export async function redisAnswers(url = REDIS_URL): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port || 6379) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

/**
 * Whether Redis suites run. Under CI=true Redis is mandatory: a missing Redis fails the
 * run instead of quietly skipping. Elsewhere a skip is announced loudly.
 */
export async function redisSuiteEnabled(suite: string): Promise<boolean> {
  if (await redisAnswers()) return true;
  if (process.env.CI === 'true') throw new Error(`${suite}: Redis at ${REDIS_URL} is required when CI=true`);
  console.warn(`\n!!! SKIPPED ${suite}: no Redis at ${REDIS_URL} (set CI=true to make this a failure) !!!\n`);
  return false;
}
