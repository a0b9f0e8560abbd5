import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { SignIn } from '../auth/sign-in.js';
import { decide } from '../core/visit/decide.js';
import type { ComplianceProvider, ManagedDevice, Reason } from '../core/compliance/types.js';
import { normaliseGuid } from '../core/device/guid.js';
import type { GatewayRegistry } from '../gateway/gateway-registry.js';
import { NotFoundError } from '../http/errors.js';
import { formField } from '../http/form-field.js';
import { pageContext, renderPage } from '../http/page-context.js';
import { checkCsrf, csrfToken } from './csrf.js';
import { platformOf, reasonSections } from './reason-sections.js';

export interface FixDeps {
  provider: ComplianceProvider;
  registry: GatewayRegistry;
  signIn: SignIn;
  certificateDeviceId: (req: Request) => string | undefined;
  graceAllows: boolean;
  evaluationDeadlineMs: number;
  now?: () => number;
}

const noSuchEntry = () => new NotFoundError('This link has expired. Reconnect to the Wi-Fi to get a new one.', 'link_expired');

/**
 * The remediation entry a NAC without a redirect session sends people to (Cisco ISE's
 * `redirect_url`, `/fix/{gatewayId}`): ISE adds no device or session to the link, so the
 * page lists the signed-in person's own devices (never anyone else's), each with its
 * state and, when blocked, the portal's explanation and steps, and a Check again that
 * re-evaluates that device. It grants nothing: the NAC lets the device in on its next check.
 */
export function fixRoutes(deps: FixDeps): Router {
  const router = Router();
  const now = deps.now ?? Date.now;

  const gatewayOf = (req: Request) => {
    const gateway = deps.registry.byId(String(req.params.gatewayId));
    if (!gateway || !gateway.scopes.has('ise')) throw noSuchEntry();
    return gateway;
  };

  router.get('/:gatewayId', async function showFix(req: Request, res: Response) {
    const gateway = gatewayOf(req);
    const { t, lang } = pageContext(req, res);
    if (!req.user) {
      renderPage(req, res, 'fix/landing', 200, { title: t('fix.title'), signInUrl: `/fix/${gateway.id}/sign-in` });
      return;
    }
    const pending = await advanceChecks(req);
    const devices = ordered(await deps.provider.listUserDevices(req.user.id), deps.certificateDeviceId(req));
    const rows = await Promise.all(
      devices.map(async (device) => {
        const reasons = await currentReasons(device);
        const verdict = decide(
          { deviceId: device.id, complianceState: device.complianceState, reasons, evaluatedAt: '', stale: false },
          { graceAllows: deps.graceAllows },
        );
        const sections =
          verdict.status === 'blocked'
            ? reasonSections(verdict.reasons, { language: lang, platform: platformOf(device.operatingSystem), deviceName: device.deviceName })
            : [];
        return {
          id: device.id,
          name: device.deviceName || device.model,
          model: device.model,
          allowed: verdict.status === 'allowed',
          checking: pending.has(device.id),
          sections,
        };
      }),
    );
    renderPage(req, res, 'fix/devices', 200, {
      title: t('fix.title'),
      user: req.user,
      gatewayId: gateway.id,
      rows,
      csrfToken: csrfToken(req),
      refresh: pending.size > 0 ? { seconds: 3, url: `/fix/${gateway.id}` } : undefined,
    });
  });

  router.get('/:gatewayId/sign-in', async function startSignIn(req: Request, res: Response, next: NextFunction) {
    const gateway = gatewayOf(req);
    await deps.signIn.startFor(req, res, next, `/fix/${gateway.id}`);
  });

  router.post(
    '/:gatewayId/check',
    express.urlencoded({ extended: false, limit: '1kb', parameterLimit: 4 }),
    async function checkAgain(req: Request, res: Response) {
      const gateway = gatewayOf(req);
      if (!req.user) {
        res.redirect(303, `/fix/${gateway.id}`);
        return;
      }
      checkCsrf(req);
      const id = normaliseGuid(formField(req, 'device') ?? '');
      // Only the person's own devices: anything else looks like a device that does not exist.
      const own = id ? (await deps.provider.listUserDevices(req.user.id)).find((d) => d.id === id) : undefined;
      if (!own) throw new NotFoundError('That device is not one of yours.', 'not_found');
      const ticket = await deps.provider.beginEvaluation(own.id);
      req.session.fixChecks = { ...req.session.fixChecks, [own.id]: { ...ticket, deadline: now() + deps.evaluationDeadlineMs } };
      // Post/redirect/get: the page polls the check until the backend reports.
      res.redirect(303, `/fix/${gateway.id}`);
    },
  );

  /** Moves every running check on; returns the ids still waiting for the backend. */
  async function advanceChecks(req: Request): Promise<Set<string>> {
    const checks = req.session.fixChecks ?? {};
    const pending = new Set<string>();
    for (const [id, check] of Object.entries(checks)) {
      const progress = await deps.provider.pollEvaluation(check, { deadline: check.deadline });
      if (!progress.done) pending.add(id);
    }
    req.session.fixChecks = Object.fromEntries(Object.entries(checks).filter(([id]) => pending.has(id)));
    return pending;
  }

  /** The device's last known reasons from its snapshot; none when the snapshot cannot say (decide() adds a fallback). */
  async function currentReasons(device: ManagedDevice): Promise<Reason[]> {
    try {
      const [snapshot] = await deps.provider.findSnapshots({ by: 'id', id: device.id }, { limit: 1 });
      return snapshot && snapshot.device.complianceState === device.complianceState ? snapshot.reasons : [];
    } catch {
      return [];
    }
  }

  return router;
}

/** The device the client certificate names comes first; the rest keep the provider's order. */
function ordered(devices: ManagedDevice[], certificateDeviceId: string | undefined): ManagedDevice[] {
  if (!certificateDeviceId) return devices;
  return [...devices.filter((d) => d.id === certificateDeviceId), ...devices.filter((d) => d.id !== certificateDeviceId)];
}
