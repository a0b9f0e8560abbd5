import express, { Router, type Request, type Response } from 'express';
import type { DevIdp } from './create-dev-idp.js';
import type { DevUsers } from './dev-users.js';
import { formField } from '../../http/form-field.js';

/**
 * The dev IdP's login page: a form with Username and Password and a Sign in button.
 * A wrong password re-renders the form (status 200, like oidc-provider's own re-render
 * of user-fixable errors) instead of ending the sign-in.
 */
export function devIdpInteractions(idp: DevIdp, users: DevUsers): Router {
  const router = Router();

  router.get('/:uid', async function showLogin(req: Request, res: Response) {
    const details = await idp.provider.interactionDetails(req, res);
    res.render('dev-idp/login', { uid: details.uid, username: '', error: null, users: users.list().map((u) => u.username) });
  });

  router.post('/:uid', express.urlencoded({ extended: false, limit: '2kb', parameterLimit: 5 }), async function submitLogin(req: Request, res: Response) {
    const details = await idp.provider.interactionDetails(req, res);
    const username = (formField(req, 'username') ?? '').slice(0, 64);
    const password = (formField(req, 'password') ?? '').slice(0, 256);
    const user = users.authenticate(username, password);
    if (!user) {
      res.render('dev-idp/login', { uid: details.uid, username, error: 'Wrong username or password.', users: users.list().map((u) => u.username) });
      return;
    }
    // Consent is implied for the portal, the IdP's only client: grant the scopes it asked for.
    const grant = new idp.provider.Grant({ accountId: user.oid, clientId: String(details.params.client_id) });
    grant.addOIDCScope(typeof details.params.scope === 'string' ? details.params.scope : 'openid');
    const grantId = await grant.save();
    await idp.provider.interactionFinished(req, res, { login: { accountId: user.oid }, consent: { grantId } }, { mergeWithLastSubmission: false });
  });

  return router;
}
