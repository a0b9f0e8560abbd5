import { InvalidListingPositionError, ProviderUnavailableError } from '../../core/compliance/errors.js';
import { normaliseGuid } from '../../core/device/guid.js';
import type { ComplianceProvider, ListedSnapshot, LookupResult } from '../../core/compliance/types.js';
import type { Stores } from '../../core/store/types.js';
import type { ClientCertificate } from './client-certificate.js';
import { DeviceReader } from './device-reader.js';
import { EvaluationFlow } from './evaluation-flow.js';
import { GraphClient } from './graph-client.js';
import { silentLogger, type IntuneLogger } from './intune-logger.js';
import { findByMac } from './mac-lookup.js';
import { MacIndex } from './mac-index.js';
import { listingLocation, listNoncompliantDevices } from './noncompliant-listing.js';
import { startOperation, type Operation } from './operation-budget.js';
import { Semaphore } from './semaphore.js';
import { TenantThrottle } from './tenant-throttle.js';
import { SnapshotStore } from './snapshot-store.js';
import { listByUser } from './user-devices.js';
import { TokenClient } from './token-client.js';
import { PrimaryUserReader } from './primary-user.js';
import { PolicyVersionReader } from './policy-version-reader.js';

export interface IntuneProviderOptions {
  tenantId: string;
  clientId: string;
  /** The Graph app's secret; unused when `clientCertificate` is given. */
  clientSecret?: string | undefined;
  /** Certificate credential (INTUNE_CLIENT_CERTIFICATE_FILE): signed client assertions instead of the secret. */
  clientCertificate?: ClientCertificate | undefined;
  /** Token authority, e.g. https://login.microsoftonline.com (INTUNE_AUTHORITY_URL). */
  authorityUrl: string;
  /** e.g. https://graph.microsoft.com (GRAPH_BASE_URL). */
  graphBaseUrl: string;
  stores: Stores;
  /** Minimum time between two syncDevice calls for one device, across instances (DEVICE_SYNC_MIN_INTERVAL_SECONDS). */
  syncMinIntervalMs: number;
  /** Bound on one Graph request (default INTUNE_TUNING). */
  requestTimeoutMs?: number;
  /** Bound on the total time of one provider call, retries included (default INTUNE_TUNING). */
  totalBudgetMs?: number;
  /** Graph requests in flight at once (default INTUNE_TUNING). */
  maxConcurrency?: number;
  /** Age after which the MAC index is rebuilt (default INTUNE_TUNING). */
  macIndexRefreshMs?: number;
  /** How long a device read is reused (default INTUNE_TUNING). */
  deviceCacheMs?: number;
  /** At most one MAC index rebuild per this interval on misses (default min(30 s, macIndexRefreshMs)). */
  macMissRefreshMinMs?: number;
  /** Time bound for one MAC index rebuild (default 120 s). */
  macIndexBuildBudgetMs?: number;
  /** How long a compliance policy's version bounds are reused, per tenant, across instances (default INTUNE_TUNING). */
  policyCacheMs?: number;
  /** At most this much of a visit's budget goes to reading one compliance policy (default INTUNE_TUNING). */
  policyReadBudgetMs?: number;
  /** Per-device reads per rebuild to learn wired MACs (default 200). */
  ethernetFetchesPerBuild?: number;
  /** Base of the jittered back-off (default 250 ms). */
  retryBaseDelayMs?: number;
  logger?: IntuneLogger;
  now?: () => number;
  fetch?: typeof fetch;
}

/** Tuning with no setting of its own; tests pass smaller bounds. */
export const INTUNE_TUNING = {
  requestTimeoutMs: 5000,
  totalBudgetMs: 8000,
  maxConcurrency: 4,
  macIndexRefreshMs: 600_000,
  deviceCacheMs: 15_000,
  /** Policies change rarely and an admin's edit shows within this time (see docs/intune-setup.md). */
  policyCacheMs: 600_000,
  policyReadBudgetMs: 2000,
} as const;

export type IntuneProvider = ComplianceProvider & {
  close(): void;
};

/** Anything unexpected (store errors, bugs in parsing) still means "cannot answer". */
async function guard<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ProviderUnavailableError) throw error;
    throw new ProviderUnavailableError(`intune: ${what} failed`, { cause: error });
  }
}

/** The Intune provider over Microsoft Graph. See docs/intune-setup.md for the app registration it needs. */
export function createIntuneProvider(input: IntuneProviderOptions): IntuneProvider {
  const options = { ...INTUNE_TUNING, ...input };
  const now = options.now ?? Date.now;
  const logger = options.logger ?? silentLogger;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const tokens = new TokenClient({ ...options, fetch: fetchImpl, now, logger });
  const graph = new GraphClient({
    graphBaseUrl: options.graphBaseUrl,
    tokens,
    semaphore: new Semaphore(options.maxConcurrency),
    requestTimeoutMs: options.requestTimeoutMs,
    retryBaseDelayMs: options.retryBaseDelayMs ?? 250,
    fetch: fetchImpl,
    logger,
    throttle: new TenantThrottle(options.stores.atomic, options.tenantId),
  });
  const reader = new DeviceReader(graph, options.deviceCacheMs, now);
  const missRefreshMinMs = options.macMissRefreshMinMs ?? Math.min(30_000, options.macIndexRefreshMs);
  // As long as the MAC index entries live: two refresh periods, so one failed rebuild loses nothing.
  const snapshots = new SnapshotStore(options.stores, Math.max(options.macIndexRefreshMs * 2, missRefreshMinMs * 2, 60_000));
  const macIndex = new MacIndex({
    snapshots,
    graph,
    stores: options.stores,
    refreshMs: options.macIndexRefreshMs,
    missRefreshMinMs,
    buildBudgetMs: options.macIndexBuildBudgetMs ?? 120_000,
    ethernetFetchesPerBuild: options.ethernetFetchesPerBuild ?? 200,
    maxConcurrency: options.maxConcurrency,
    now,
    logger,
  });
  /** Store-only reads; a snapshot not built yet starts the build and answers "unavailable" meanwhile. */
  const fromSnapshot = async <T>(read: () => Promise<T>): Promise<T> => {
    await macIndex.refreshIfStale();
    return read();
  };
  const policies = new PolicyVersionReader({
    graph,
    stores: options.stores,
    tenantId: options.tenantId,
    cacheMs: options.policyCacheMs,
    readBudgetMs: options.policyReadBudgetMs,
    logger,
    now,
  });
  const flow = new EvaluationFlow({
    graph,
    reader,
    policies,
    atomic: options.stores.atomic,
    syncMinIntervalMs: options.syncMinIntervalMs,
    now,
    logger,
    snapshots,
  });
  const primaryUsers = new PrimaryUserReader(graph, logger);
  const op = (signal?: AbortSignal): Operation => startOperation(options.totalBudgetMs, signal);
  const listing = listingLocation(options.graphBaseUrl);

  return {
    name: 'intune',
    findDevice: (ref, o = {}) =>
      guard('findDevice', async () => {
        const operation = op(o.signal);
        let found: LookupResult;
        if (ref.by === 'mac') found = await findByMac(macIndex, reader, ref.mac, operation);
        else {
          const id = normaliseGuid(ref.id);
          if (!id) return { kind: 'notFound' }; // never put unchecked input into a Graph path
          const device = await reader.read(id, operation);
          found = device ? { kind: 'found', device } : { kind: 'notFound' };
        }
        // Ownership is the primary user's, not the (possibly stale) enrolling user's.
        return found.kind === 'found' ? { kind: 'found', device: await primaryUsers.apply(found.device, operation) } : found;
      }),
    beginEvaluation: (deviceId, o = {}) => guard('beginEvaluation', () => flow.begin(deviceId, op(o.signal))),
    pollEvaluation: (ticket, o) => guard('pollEvaluation', () => flow.poll(ticket, o.deadline, op(o.signal))),
    listNoncompliant: (o = {}) => guardStream(listNoncompliantDevices(graph, listing, o.resumeFrom, () => op(o.signal))),
    listUserDevices: (userId, o = {}) => guard('listUserDevices', () => listByUser(graph, userId, o.limit ?? 50, op(o.signal))),
    findSnapshots: (criterion, o = {}) =>
      guard('findSnapshots', () => fromSnapshot(() => snapshots.find(criterion, o.limit ?? 5, (mac) => macIndex.peek(mac)))),
    listSnapshots: (o = {}) => guardStream(snapshotStream(macIndex, snapshots, o.resumeFrom, o.signal)),
    async health() {
      try {
        await graph.send('GET', '/v1.0/deviceManagement/managedDevices?$top=1&$select=id', op());
        return { ok: true };
      } catch (error) {
        return { ok: false, detail: error instanceof Error ? error.message : 'unknown error' };
      }
    },
    close: () => macIndex.close(),
  };
}

async function* snapshotStream(
  macIndex: MacIndex,
  snapshots: SnapshotStore,
  resumeFrom: string | undefined,
  signal: AbortSignal | undefined,
): AsyncGenerator<ListedSnapshot> {
  await macIndex.refreshIfStale();
  yield* snapshots.list(resumeFrom, signal);
}

async function* guardStream<T>(stream: AsyncGenerator<T>): AsyncGenerator<T> {
  try {
    yield* stream;
  } catch (error) {
    // A position the client made up is the client's mistake, not an outage.
    if (error instanceof ProviderUnavailableError || error instanceof InvalidListingPositionError) throw error;
    throw new ProviderUnavailableError('intune: listNoncompliant failed', { cause: error });
  }
}
