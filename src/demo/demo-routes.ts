import express, { Router, type Request, type Response } from 'express';
import { BadRequestError } from '../http/errors.js';
import type { InventoryDevice } from '../providers/local/inventory-schema.js';
import { normaliseGuid } from '../core/device/guid.js';
import { formatMac, normaliseMac } from '../core/device/mac-address.js';
import { formField } from '../http/form-field.js';
import { renderPage } from '../http/page-context.js';
import { signedRedirectPath, type DemoGateway } from './demo-gateway.js';

export interface DemoScenario {
  /** The outcome the card leads to, as its heading: "Blocked: update your device". */
  outcome: string;
  /** The device, as the small print under the heading. */
  label: string;
  signInAs: string;
  client: { mac?: string; device?: string };
}

/**
 * Scenarios: every demo device as its gateway would report it, named by the outcome it leads
 * to (`outcomeOf`, from the local policy engine), plus the ways a device is unknown and one
 * device signed in by someone who does not own it.
 */
export function demoScenarios(
  devices: InventoryDevice[],
  usernameOf: (oid: string) => string,
  outcomeOf: (device: InventoryDevice) => string = () => 'Sign in and see',
): DemoScenario[] {
  const clientOf = (d: InventoryDevice) => (d.wiFiMacAddress ? { mac: formatMac(d.wiFiMacAddress) } : { device: d.id });
  const known = devices.map((d) => ({
    outcome: outcomeOf(d),
    label: `${d.deviceName} (${d.operatingSystem} ${d.osVersion})`,
    signInAs: usernameOf(d.userId),
    client: clientOf(d),
  }));
  // Someone else's device: the first device whose owner is not alice, signed in as alice.
  const others = devices.filter((d) => usernameOf(d.userId) !== 'alice' && usernameOf(d.userId) !== 'nobody').slice(0, 1);
  return [
    ...known,
    ...others.map((d) => ({
      outcome: 'Blocked: this device belongs to someone else',
      label: `${d.deviceName} (${d.operatingSystem} ${d.osVersion}), signed in by Alice`,
      signInAs: 'alice',
      client: clientOf(d),
    })),
    { outcome: 'Blocked: set up this device first', label: 'A device that is not enrolled', signInAs: 'alice', client: { mac: '00:1B:63:84:45:E6' } },
    {
      outcome: 'Blocked: turn off the private Wi-Fi address',
      label: 'A phone using a private (randomized) Wi-Fi address',
      signInAs: 'alice',
      client: { mac: '7A:4C:11:22:33:44' },
    },
  ];
}

/**
 * Development-only pages: /demo starts a signed redirect for any scenario, and
 * /demo/gateway/return plays the gateway: it polls the state token through the real
 * polling API, with the demo gateway's key, and shows the decision it got.
 */
export function demoRoutes(options: { gateway: DemoGateway; scenarios: DemoScenario[]; publicUrl: URL; now?: () => number }): Router {
  const router = Router();
  const now = options.now ?? Date.now;

  router.get('/', (req: Request, res: Response) => {
    // The demo's own text is English only, so the page says lang="en" whatever the browser asks for.
    renderPage(req, res, 'demo/index', 200, { title: 'Demo', scenarios: options.scenarios.map((s, index) => ({ ...s, index })) }, 'en');
  });

  router.post('/connect', express.urlencoded({ extended: false, limit: '1kb', parameterLimit: 2 }), (req: Request, res: Response) => {
    const scenario = options.scenarios[Number(formField(req, 'scenario'))];
    if (!scenario) throw new BadRequestError('Pick one of the scenarios.', 'invalid_scenario');
    res.redirect(303, signedRedirectPath(options.gateway, scenario.client, Math.floor(now() / 1000)));
  });

  // Any device the backend knows (e.g. the fake Graph's, in intune mode): the gateway reports what you type.
  router.post('/connect-device', express.urlencoded({ extended: false, limit: '1kb', parameterLimit: 2 }), (req: Request, res: Response) => {
    const identity = (formField(req, 'identity') ?? '').trim();
    const device = normaliseGuid(identity);
    const mac = device ? undefined : normaliseMac(identity);
    if (!device && !mac) throw new BadRequestError('Type a MAC address or an Intune device ID.', 'invalid_identity');
    res.redirect(303, signedRedirectPath(options.gateway, device ? { device } : { mac: formatMac(mac!) }, Math.floor(now() / 1000)));
  });

  router.get('/gateway/return', async (req: Request, res: Response) => {
    const state = typeof req.query.state === 'string' ? req.query.state : '';
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(state)) throw new BadRequestError('The gateway got no valid state token.', 'invalid_state');
    const response = await fetch(new URL(`/api/v1/sessions/${state}`, options.publicUrl), {
      headers: { authorization: `Bearer ${options.gateway.apiKey}` },
      signal: AbortSignal.timeout(5000),
    });
    const body = (await response.json()) as { decision?: string; status?: string; user?: { name: string } | null; client?: { mac: string | null } };
    renderPage(
      req,
      res,
      'demo/gateway-return',
      200,
      {
        title: 'Demo gateway',
        httpStatus: response.status,
        decision: body.decision ?? 'none',
        status: body.status ?? 'none',
        userName: body.user?.name ?? '',
        mac: body.client?.mac ?? '',
        sid: typeof req.query.sid === 'string' ? req.query.sid.slice(0, 64) : '',
      },
      'en',
    );
  });

  return router;
}
