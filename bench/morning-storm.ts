/**
 * The morning storm: N phones arrive over `ramp` seconds and each does what a real one
 * does — signed redirect from the gateway, landing page, the dev IdP's sign-in form and
 * submit, the callback, evaluation and the result page — while its gateway long-polls
 * the session. Half the phones come through a signed redirect (the gateway learns the
 * token from the return link and polls it); half through a pushed session (the gateway
 * long-polls from the start with wait=25 and the ETag it holds).
 *
 * Three kinds of phone, so a wrong decision cannot hide: a compliant iPhone of Alice's
 * (allow), one of Bob's with Alice signing in (deny, NOT_YOURS), an unknown MAC (deny,
 * NOT_ENROLLED). Every gateway-side decision is checked against the expected one.
 *
 * As on a real site, every phone is its own device (MAC, in the inventory the target
 * loads) and comes from its own address (X-Forwarded-For through a trusted proxy), and
 * the target runs the default rate limits — except the session API's, which is per
 * gateway key: one gateway serving N phones a minute needs a budget of that size, and
 * the storm sets it from its own arrival rate as an operator of such a site would.
 * Reports completion time, per-step p50/p99 (steps are the redacted paths the log uses,
 * landing and result told apart), errors and unexpected decisions.
 *
 *   npm run bench -- storm [--phones 2000] [--ramp 60] [--stores sqlite,redis]
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { redactUrl } from '../src/http/redact-url.js';
import { Browser } from '../test/helpers/browser.js';
import { poll, pushSession, signedRedirect } from '../test/helpers/gateway-client.js';
import { envSchema } from '../src/config/config.js';
import { ALICE, refreshTarget, signIn } from '../test/helpers/portal-flow.js';
import { TEST_GATEWAYS } from '../test/helpers/test-vestibule.js';
import { storeEnv } from './lib/target-pair.js';
import type { VestibuleInfo } from './lib/hot-paths.js';
import { stormAddress, stormMac, writeStormInventory } from './lib/storm-fleet.js';
import { startTarget } from './lib/target-process.js';
import { cpuMs } from './lib/wrk.js';

const KINDS = [
  { name: 'compliant, own device', decision: 'allow', reason: undefined },
  { name: "someone else's device", decision: 'deny', reason: 'NOT_YOURS' },
  { name: 'not enrolled', decision: 'deny', reason: 'NOT_ENROLLED' },
] as const;
const kindOf = (index: number) => index % KINDS.length;

/** The target's settings: the storm's fleet, a trusted local proxy, the default rate limits but a session API budget for this site. */
function stormEnv(phones: number, rampSeconds: number): Record<string, string> {
  const env: Record<string, string> = { LOCAL_INVENTORY_FILE: writeStormInventory(phones, kindOf), TRUST_PROXY: '127.0.0.1' };
  for (const [name, setting] of Object.entries(envSchema.shape)) {
    if (name.startsWith('RATE_LIMIT_')) env[name] = String((setting as { parse: (value: unknown) => unknown }).parse(undefined));
  }
  // Per arriving phone the gateway pushes or is handed one session and polls it a few times (at most 7 calls here).
  const perMinute = Math.ceil((phones * 60) / Math.max(1, rampSeconds));
  env.RATE_LIMIT_SESSION_API = String(Math.max(Number(env.RATE_LIMIT_SESSION_API), perMinute * 8));
  return env;
}
const HQ = TEST_GATEWAYS.hq;

const phase = new AsyncLocalStorage<{ signedIn: boolean }>();
const timings = new Map<string, number[]>();
let requestErrors = 0;

/** Times every request the phones and gateways make, by step (redacted path; landing vs result). */
function instrumentFetch(): void {
  const original = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const path = redactUrl(url.pathname + url.search).replace(/\?.*/, '');
    const long = url.searchParams.has('wait');
    // The sign-in ends at the callback, which redirects to the result page.
    if (path === '/auth/callback') {
      const state = phase.getStore();
      if (state) state.signedIn = true;
    }
    const step =
      path === '/p/[handle]' ? (phase.getStore()?.signedIn ? 'result page' : 'landing page') : `${init?.method ?? 'GET'} ${path}${long ? ' (long-poll)' : ''}`;
    const started = performance.now();
    try {
      const response = await original(input, init);
      if (response.status >= 500) requestErrors += 1;
      const list = timings.get(step) ?? [];
      list.push(performance.now() - started);
      timings.set(step, list);
      return response;
    } catch (error) {
      requestErrors += 1;
      throw error;
    }
  };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

async function phone(base: string, index: number): Promise<{ ok: boolean; problem?: string }> {
  const kind = KINDS[kindOf(index)]!;
  const mac = stormMac(index);
  const pushed = index % 2 === 1;
  const state = { signedIn: false };
  return phase.run(state, async () => {
    const browser = new Browser(base);
    browser.headers['x-forwarded-for'] = stormAddress(index);
    let gatewayWatch: Promise<{ decision: string; reasons: string[] }> | undefined;
    let landing;
    if (pushed) {
      const session = await pushSession(base, HQ, { mac });
      if (session.status !== 201) return { ok: false, problem: `${kind.name}: push answered ${session.status}` };
      // The gateway long-polls while the person signs in (PROTOCOL.md §4), bounded to 6 polls.
      gatewayWatch = (async () => {
        let etag = session.headers.get('etag') ?? '"1"';
        for (let i = 0; i < 6; i += 1) {
          const answer = await poll(base, HQ, session.body.token, { wait: 25, etag });
          if (answer.status === 304) continue;
          if (answer.status !== 200) throw new Error(`long-poll answered ${answer.status}`);
          if (answer.body.decision !== 'pending') return { decision: answer.body.decision, reasons: answer.body.reasons.map((r: { code: string }) => r.code) };
          etag = answer.headers.get('etag')!;
        }
        throw new Error('no decision after 6 long-polls');
      })();
      gatewayWatch.catch(() => {}); // awaited below; a phone that fails first must not leave it unhandled
      landing = await browser.get(new URL(session.body.portalUrl).pathname);
    } else {
      landing = await browser.get(signedRedirect(HQ, { mac }));
    }
    if (landing.status !== 200) return { ok: false, problem: `${kind.name}${pushed ? ' (pushed)' : ''}: landing answered ${landing.status}` };
    const result = await signIn(browser, landing, ALICE).finally(() => (state.signedIn = true));
    if (result.status !== 200)
      return {
        ok: false,
        problem: `${kind.name}${pushed ? ' (pushed)' : ''}: result page answered ${result.status} ${/<h1[^>]*>([^<]*)/.exec(result.body)?.[1] ?? ''} ${result.url.replace(/\\?.*/, '')}`,
      };
    let seen;
    if (gatewayWatch) {
      seen = await gatewayWatch;
    } else {
      // Redirect flow: an allowed page sends the person back with state={token}; the gateway then polls it.
      const back = refreshTarget(result);
      const token = back?.searchParams.get('state');
      if (!token)
        seen = {
          decision: 'deny',
          reasons: [
            /belongs to someone else/.test(result.body) ? 'NOT_YOURS' : /Set up your device first/.test(result.body) ? 'NOT_ENROLLED' : 'page says neither',
          ],
        };
      else {
        const answer = await poll(base, HQ, token);
        seen = { decision: answer.body.decision as string, reasons: (answer.body.reasons as Array<{ code: string }>).map((r) => r.code) };
      }
    }
    const expected = seen.decision === kind.decision && (kind.reason === undefined || seen.reasons.includes(kind.reason));
    return expected
      ? { ok: true }
      : {
          ok: false,
          problem: `${kind.name}: expected ${kind.decision}${kind.reason ? `/${kind.reason}` : ''}, got ${seen.decision}/${seen.reasons.join(',')}`,
        };
  });
}

export async function morningStorm(options: { stores: string[]; phones: number; rampSeconds: number; nodeFlags?: string[] }): Promise<void> {
  instrumentFetch();
  for (const store of options.stores) {
    timings.clear();
    requestErrors = 0;
    // Sessions stay pending for the whole storm; long skew so the ramp's signatures stay valid.
    const vestibule = await startTarget<VestibuleInfo>(
      'vestibule',
      { ...storeEnv(store), ...stormEnv(options.phones, options.rampSeconds) },
      options.nodeFlags,
    );
    try {
      console.log(`\nmorning storm on ${vestibule.info.store}: ${options.phones} phones over ${options.rampSeconds} s`);
      const started = performance.now();
      const cpuBefore = cpuMs(vestibule.process.pid!);
      const problems = new Map<string, number>();
      let ok = 0;
      const runs: Array<Promise<void>> = [];
      for (let i = 0; i < options.phones; i += 1) {
        const at = started + (i * options.rampSeconds * 1000) / options.phones;
        const wait = at - performance.now();
        if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
        runs.push(
          phone(vestibule.info.url, i).then(
            (outcome) => {
              if (outcome.ok) ok += 1;
              else problems.set(outcome.problem!, (problems.get(outcome.problem!) ?? 0) + 1);
            },
            (error: Error) => {
              const problem = `error: ${error.message.slice(0, 80)}`;
              problems.set(problem, (problems.get(problem) ?? 0) + 1);
            },
          ),
        );
      }
      await Promise.all(runs);
      const seconds = (performance.now() - started) / 1000;
      // CPU the server spent per phone: what decides whether N phones fit in the ramp on one core, whatever the machine's load.
      const cpuPerPhone = ((cpuMs(vestibule.process.pid!) ?? Number.NaN) - (cpuBefore ?? Number.NaN)) / options.phones;
      console.log(
        `completed in ${seconds.toFixed(1)} s: ${ok} phones with the expected decision, ${options.phones - ok} not; ${requestErrors} requests failed or answered 5xx; ` +
          `server CPU ${cpuPerPhone.toFixed(1)} ms per phone (${((cpuPerPhone * options.phones) / (options.rampSeconds * 1000)).toFixed(2)} of a core over the ramp)`,
      );
      for (const [problem, count] of problems) console.log(`  ${count} × ${problem}`);
      console.log(`${'step'.padEnd(44)} ${'count'.padStart(6)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}`);
      for (const [step, list] of [...timings].sort()) {
        const sorted = [...list].sort((a, b) => a - b);
        console.log(
          `${step.padEnd(44)} ${String(sorted.length).padStart(6)} ${pct(sorted, 50).toFixed(1).padStart(8)} ${pct(sorted, 99).toFixed(1).padStart(8)}`,
        );
      }
    } finally {
      await vestibule.stop();
    }
  }
}
