import { X509Certificate } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleGraph, type GraphState } from './graph-routes.js';
import { handlePolicies, type PolicyState } from './policy-routes.js';
import { graphError, type CallRecord, type Fault, type FaultRule, type GraphDeviceJson } from './fake-graph-types.js';
import { handleToken, thumbprintSha256, type DecodedAssertion, type TokenIssuer } from './token-route.js';

export interface FakeGraphOptions {
  devices?: GraphDeviceJson[];
  policyStates?: Record<string, unknown[]>;
  /** Compliance policies (`GET /deviceCompliancePolicies/{id}`), each with its `id` and `@odata.type`. */
  policies?: Array<Record<string, unknown> & { id: string }>;
  /** Application permissions the app registration lacks, e.g. DeviceManagementConfiguration.Read.All (→ 403). */
  missingPermissions?: string[];
  pageSize?: number;
  /** Delay before a syncDevice shows up as a new lastSyncDateTime; null = never. */
  syncDelayMs?: number | null;
  ignoredFilters?: string[];
  tokenLifetimeSeconds?: number;
  /** PEM certificates registered on the app: client assertions signed by their keys are accepted. */
  clientCertificates?: string[];
  port?: number;
  /** Intune's clock, for lastSyncDateTime; a test that moves Vestibule's clock moves this one too. */
  now?: () => number;
}

/**
 * A Graph-shaped HTTP server on 127.0.0.1 for tests and demos: token endpoint, managed
 * devices, syncDevice, compliance policy states and policies, with faults injectable per path and
 * every request recorded so tests can assert what (and how often) the provider called.
 */
export class FakeGraph implements GraphState, PolicyState {
  readonly tenantId = '11111111-2222-4333-8444-555555555555';
  readonly clientId = '66666666-7777-4888-9999-000000000000';
  readonly clientSecret = 'fake-graph-secret-do-not-log';
  readonly devices = new Map<string, GraphDeviceJson>();
  readonly policyStates = new Map<string, unknown[]>();
  readonly policies = new Map<string, Record<string, unknown>>();
  readonly missingPermissions: Set<string>;
  readonly ignoredFilters: Set<string>;
  /** Properties applied to a device when its sync lands (simulates the user fixing things). */
  readonly afterSync = new Map<string, Partial<GraphDeviceJson>>();
  /** Primary users that differ from a device's enrolling user (`/managedDevices/{id}/users`). */
  readonly primaryUsers = new Map<string, string[]>();
  readonly calls: CallRecord[] = [];
  pageSize: number;
  syncDelayMs: number | null;
  private readonly now: () => number;
  rewriteNextLink?: (link: string) => string;
  private readonly faults: FaultRule[] = [];
  private readonly issuer: TokenIssuer;
  private readonly stale = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly syncWaiters = new Map<string, Array<() => void>>();
  private server!: Server;
  url = '';

  private constructor(options: FakeGraphOptions) {
    for (const device of options.devices ?? []) this.devices.set(device.id, structuredClone(device));
    for (const [id, states] of Object.entries(options.policyStates ?? {})) this.policyStates.set(id, states);
    for (const policy of options.policies ?? []) this.policies.set(policy.id, structuredClone(policy));
    this.missingPermissions = new Set(options.missingPermissions ?? []);
    this.pageSize = options.pageSize ?? 100;
    this.now = options.now ?? Date.now;
    this.syncDelayMs = options.syncDelayMs === undefined ? 50 : options.syncDelayMs;
    this.ignoredFilters = new Set(options.ignoredFilters ?? []);
    const lifetime = options.tokenLifetimeSeconds ?? 3599;
    this.issuer = {
      tenantId: this.tenantId,
      clientId: this.clientId,
      clientSecret: this.clientSecret,
      tokenLifetimeSeconds: lifetime,
      issued: new Set(),
      certificates: new Map(),
      assertions: [],
      usedJtis: new Set(),
    };
    for (const pem of options.clientCertificates ?? []) this.registerCertificate(pem);
  }

  /** Uploads a certificate to the fake app registration (Certificates & secrets). */
  registerCertificate(certPem: string): void {
    this.issuer.certificates.set(thumbprintSha256(certPem), new X509Certificate(certPem));
  }

  /** Every client assertion the token endpoint received, decoded, with the refusal reason if any. */
  get clientAssertions(): readonly DecodedAssertion[] {
    return this.issuer.assertions;
  }

  static async start(options: FakeGraphOptions = {}): Promise<FakeGraph> {
    const fake = new FakeGraph(options);
    fake.server = createServer((req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve) => fake.server.listen(options.port ?? 0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  /** Makes matching requests fail (`times` of them, default all) until cleared. */
  inject(path: string | RegExp, fault: Fault, options: { method?: string; times?: number } = {}): void {
    this.faults.push({ path, fault, method: options.method, remaining: options.times ?? Infinity });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  /** Every token issued so far now gets 401, as after a key rollover or revocation. */
  markTokensStale(): void {
    for (const token of this.issuer.issued) this.stale.add(token);
  }

  count(method: string, path: string | RegExp): number {
    return this.calls.filter((c) => c.method === method && matches(path, c.path)).length;
  }

  onSync(id: string): void {
    if (this.syncDelayMs === null) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.landSync(id);
    }, this.syncDelayMs);
    this.timers.add(timer);
  }

  /**
   * The device checks in now: `afterSync` is applied and lastSyncDateTime moves. Called
   * after `syncDelayMs`, or by a test (with `syncDelayMs: null`) at exactly the moment it chooses.
   */
  landSync(id: string): void {
    const device = this.devices.get(id);
    if (device) Object.assign(device, this.afterSync.get(id) ?? {}, { lastSyncDateTime: new Date(this.now()).toISOString() });
    for (const resolve of this.syncWaiters.get(id) ?? []) resolve();
    this.syncWaiters.delete(id);
  }

  /** Resolves when the next sync of `id` has landed (lastSyncDateTime moved): an event to await instead of a sleep. */
  syncLanded(id: string): Promise<void> {
    return new Promise((resolve) => this.syncWaiters.set(id, [...(this.syncWaiters.get(id) ?? []), resolve]));
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.server.closeAllConnections(); // black-holed requests hold sockets open
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    this.calls.push({ method, path: url.pathname, query: url.searchParams, at: Date.now() });
    const rule = this.faults.find((f) => f.remaining > 0 && (!f.method || f.method === method) && matches(f.path, url.pathname));
    if (rule) {
      rule.remaining -= 1;
      if (rule.fault.kind === 'blackHole') return; // never answer
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (rule.fault.retryAfter !== undefined) headers['retry-after'] = rule.fault.retryAfter;
      res.writeHead(rule.fault.status, headers).end(JSON.stringify(graphError('InjectedFault', `status ${rule.fault.status}`)));
      return;
    }
    const token = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(url.pathname);
    if (token && method === 'POST') return handleToken(req, res, decodeURIComponent(token[1] ?? ''), this.issuer, this.url);
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || !this.issuer.issued.has(bearer) || this.stale.has(bearer)) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify(graphError('InvalidAuthenticationToken', 'Access token has expired or is not yet valid.')));
      return;
    }
    if (!handleGraph(method, url, res, this) && !handlePolicies(method, url, res, this)) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify(graphError('BadRequest', 'Resource not found for the segment.')));
    }
  }
}

function matches(path: string | RegExp, actual: string): boolean {
  return typeof path === 'string' ? path === actual : path.test(actual);
}
