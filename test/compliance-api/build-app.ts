import express, { type NextFunction, type Request, type Response } from 'express';
import { createComplianceApiRouter } from '../../src/api/compliance/router.js';
import { createDiscoveryHandler } from '../../src/api/compliance/discovery.js';
import { toProblem } from '../../src/http/errors.js';
import { GatewayRegistry, type Gateway, type Scope } from '../../src/gateway/gateway-registry.js';
import { openMemoryStores } from '../../src/store/memory-stores.js';
import type { Stores } from '../../src/core/store/types.js';
import type { ComplianceProvider, ManagedDevice } from '../../src/core/compliance/types.js';
import { createProviderDouble, type ProviderDouble } from '../helpers/compliance-provider-double.js';

export const KEYS = {
  ise: 'ise-partner-key-7f3a9c1e5b2d8f4a6c0e9b3d',
  iseSecondKey: 'ise-rotated-key-1a2b3c4d5e6f7a8b9c0d1e2f',
  clearpass: 'clearpass-key-2b8e4f6a0c9d1e3f5a7b9c0d',
  sessionsOnly: 'sessions-only-key-5d1c9e7a3f0b2d4e6f8a0b1c',
};

const gateway = (id: string, scopes: Scope[]): Gateway => ({
  id,
  name: id,
  dialect: 'native',
  settings: { secrets: [Buffer.from(`${id}-signing-secret-0123456789abcdefghijkl`)], returnUrl: undefined },
  scopes: new Set(scopes),
});

export const registry = new GatewayRegistry([
  { gateway: gateway('ise', ['compliance']), apiKeys: [KEYS.ise, KEYS.iseSecondKey] },
  { gateway: gateway('clearpass', ['sessions', 'compliance']), apiKeys: [KEYS.clearpass] },
  { gateway: gateway('wlc', ['sessions']), apiKeys: [KEYS.sessionsOnly] },
]);

export const WINDOW_SECONDS = 3600;
export const PERIOD_SECONDS = 14400;
export const PUBLIC_URL = new URL('https://nac.example.com/vestibule');
/** What the app passes as SESSION_SECRET; tests seal their own cursors with it. */
export const CURSOR_SECRET = 'test-session-secret-0123456789abcdefghijklmnop';

/** A clock tests move by hand. */
export function testClock(start = Date.UTC(2026, 10, 27, 9, 0, 0)) {
  let t = start;
  return { now: () => t, advance: (seconds: number) => void (t += seconds * 1000) };
}

export interface TestAppOptions<P extends ComplianceProvider = ProviderDouble> {
  devices?: ManagedDevice[];
  /** Default: a provider double over `devices`. */
  provider?: P;
  stores?: Stores;
  clock?: ReturnType<typeof testClock>;
}

/** The compliance router mounted the way the app mounts it, with a problem+json error handler. */
export function buildApp<P extends ComplianceProvider = ProviderDouble>(options: TestAppOptions<P> = {}) {
  const clock = options.clock ?? testClock();
  const provider = options.provider ?? (createProviderDouble({ devices: options.devices ?? [] }) as ComplianceProvider as P);
  const stores = options.stores ?? openMemoryStores({ now: clock.now });
  const app = express();
  app.set('trust proxy', true);
  app.get('/.well-known/vestibule', createDiscoveryHandler({ publicUrl: PUBLIC_URL }));
  app.use(
    '/api/compliance',
    createComplianceApiRouter({
      registry,
      provider,
      stores,
      bulkWindowSeconds: WINDOW_SECONDS,
      bulkPeriodSeconds: PERIOD_SECONDS,
      publicUrl: PUBLIC_URL,
      cursorSecret: CURSOR_SECRET,
      now: clock.now,
    }),
  );
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const { problem, headers } = toProblem(error);
    res.set(headers).status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  });
  return { app, clock, provider, stores };
}

export const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });
