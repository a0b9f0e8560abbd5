import { join } from 'node:path';
import ejs from 'ejs';
import { VIEWS_DIR } from '../../config/paths.js';

/*
 * oidc-provider's own HTML pages (its self-submitting form post, the logout prompt, the
 * signed-out page, the error page) have no lang, no styles of ours, load Google Fonts from
 * another host and need JavaScript to move on. The demo is clicked through on phones with
 * JavaScript off and no internet, so every page the dev IdP shows is ours: English (the dev
 * IdP is a development tool), our stylesheet, no script, a visible button wherever the
 * library would have submitted a form by script.
 */

/** The parts of a Koa context these pages touch (oidc-provider is a Koa app; we keep its types out of production code). */
export interface DevIdpContext {
  body: unknown;
  type: string;
  state: Record<string, unknown>;
  response: { is(type: string): string | false | null };
  oidc?: { session?: { destroy(): Promise<void> } };
}

/** A form from oidc-provider's HTML: where it posts and its hidden fields (decoded). */
interface LibraryForm {
  action: string;
  inputs: Array<{ name: string; value: string }>;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const decode = (text: string) => text.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity]!);

/**
 * Reads the first form in HTML oidc-provider wrote (its form-post page, its logout form):
 * the action and every hidden field, undone from the library's HTML escaping. Undefined
 * when there is no form with an action.
 */
function readLibraryForm(html: string): LibraryForm | undefined {
  const action = /<form\b[^>]*\baction="([^"]*)"/.exec(html)?.[1];
  if (action === undefined) return undefined;
  const inputs = [...html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)"\s*\/?>/g)].map((m) => ({ name: decode(m[1]!), value: decode(m[2]!) }));
  return { action: decode(action), inputs };
}

/** Renders views/dev-idp/<view>.ejs to a string (EJS escapes every value). */
function render(view: string, locals: Record<string, unknown>): Promise<string> {
  return ejs.renderFile(join(VIEWS_DIR, 'dev-idp', `${view}.ejs`), locals, { cache: true });
}

/** The page oidc-provider's `response_modes/form_post.js` writes; it auto-submits by inline script. */
const LIBRARY_FORM_POST = /<title>Submitting Callback<\/title>/;

/** `renderError`: the library's error page, as ours. `out` carries `error` and `error_description`. */
export async function renderError(ctx: DevIdpContext, out: { error?: string; error_description?: string }): Promise<void> {
  ctx.type = 'html';
  ctx.body = await render('message', {
    heading: 'Sign-in couldn’t finish',
    message: 'Go back to the page that sent you here and press Sign in again.',
    detail: out.error_description ?? out.error,
  });
}

/** `features.rpInitiatedLogout.logoutSource`: asks before signing out; `form` is the library's hidden form. */
export async function logoutSource(ctx: DevIdpContext, form: string): Promise<void> {
  const parsed = readLibraryForm(form);
  if (!parsed) throw new Error('oidc-provider gave a logout form without an action');
  ctx.type = 'html';
  ctx.body = await render('continue', {
    heading: 'Sign out?',
    message: 'You are signed in to the development identity provider.',
    ...parsed,
    buttons: [{ label: 'Sign out', name: 'logout', value: 'yes' }, { label: 'Stay signed in' }],
  });
}

/** `features.rpInitiatedLogout.postLogoutSuccessSource`: shown after a sign-out that names no return address. */
export async function postLogoutSuccessSource(ctx: DevIdpContext): Promise<void> {
  ctx.type = 'html';
  ctx.body = await render('message', { heading: 'You’re signed out', message: 'You can close this page.' });
}

/** Set by the `authorization.success` listener: this request handed a code to the portal. */
export const SIGNED_IN = 'vestibuleDevIdpSignedIn';

/**
 * Koa middleware around every dev IdP request. It replaces the library's self-submitting
 * form-post page (used when it ends a session, e.g. a sign-in as another user) with ours,
 * with a Continue button. And once a sign-in has handed the portal its code, it ends the dev
 * IdP's own session: every sign-in asks for a username, so each demo card is signed in as
 * the user it names instead of silently as whoever signed in before in this browser.
 */
export async function ownPages(ctx: DevIdpContext, next: () => Promise<void>): Promise<void> {
  await next();
  if (ctx.state[SIGNED_IN]) await ctx.oidc?.session?.destroy();
  if (typeof ctx.body !== 'string' || !ctx.response.is('html') || !LIBRARY_FORM_POST.test(ctx.body)) return;
  const form = readLibraryForm(ctx.body);
  if (!form) throw new Error('oidc-provider wrote a form-post page without a form');
  ctx.body = await render('continue', {
    heading: 'One more step',
    message: 'Press Continue to go on.',
    ...form,
    buttons: [{ label: 'Continue' }],
  });
}
