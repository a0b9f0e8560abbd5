import type { Request, Response } from 'express';
import type { Release } from '../gateway/dialects/dialect.js';
import type { AccessSession, Outcome } from '../core/sessions/access-session.js';
import type { PlainKey } from '../i18n/index.js';
import { csrfToken } from './csrf.js';
import { pageContext, renderPage } from '../http/page-context.js';
import { formatDeadline, platformOf, reasonSections } from './reason-sections.js';

/** Heading and intro per blocked outcome; a re-check helps only where the user can fix something. */
const BLOCKED: Record<Exclude<Outcome, 'compliant' | 'gracePeriod'>, { heading: PlainKey; intro: PlainKey; recheck: boolean }> = {
  noncompliant: { heading: 'blocked.title', intro: 'blocked.body', recheck: true },
  unknownState: { heading: 'blocked.title', intro: 'blocked.body', recheck: true },
  notEnrolled: { heading: 'notEnrolled.title', intro: 'notEnrolled.body', recheck: true },
  randomizedMac: { heading: 'randomizedMac.title', intro: 'randomizedMac.body', recheck: true },
  ambiguousDevice: { heading: 'blocked.title', intro: 'blocked.body', recheck: false },
  certificateMismatch: { heading: 'blocked.title', intro: 'blocked.body', recheck: false },
  // A new certificate comes with a new connection; pressing Check again cannot change it.
  certificateInvalid: { heading: 'blocked.title', intro: 'error.certificate', recheck: false },
  // The helpdesk can reassign the device to this user; a re-check then lets it in.
  notYours: { heading: 'notYours.title', intro: 'notYours.body', recheck: true },
  // Once the helpdesk assigns a primary user (or changes the policy) a re-check lets it in.
  userless: { heading: 'userless.title', intro: 'userless.body', recheck: true },
};

/**
 * Renders the page for the session's current state: checking, allowed or one of the
 * blocked pages. `release` is what the gateway's dialect said about handing an allowed
 * session back; a `redirect` becomes the page's continue link and timed refresh.
 */
export function renderSession(req: Request, res: Response, session: AccessSession, release: Release): void {
  const { lang, t } = pageContext(req, res);
  const platform = platformOf(session.device?.platform, req.get('user-agent'));
  const sections = reasonSections(session.reasons, { language: lang, platform, deviceName: session.device?.name ?? '' });
  const common = { handle: session.handle, user: session.user, device: session.device };

  if (session.status === 'evaluating') {
    renderPage(req, res, 'portal/checking', 200, { ...common, title: t('checking.title'), refresh: { seconds: 2, url: `/p/${session.handle}` } });
    return;
  }
  if (session.status === 'allowed') {
    const continueUrl = release.kind === 'redirect' ? release.url : undefined;
    // The result is on screen before the browser leaves: the mini-browser may close once the network opens.
    renderPage(req, res, 'portal/allowed', 200, {
      ...common,
      title: t('allowed.title'),
      graceDeadline: session.graceDeadline ? formatDeadline(session.graceDeadline, lang) : null,
      sections: sections.filter((_, i) => session.reasons[i]?.code !== 'IN_GRACE_PERIOD'),
      continueUrl: continueUrl ?? null,
      // The gateway collects the grant itself (openNDS authmon): say it is on its way.
      queued: release.kind === 'notified',
      refresh: continueUrl ? { seconds: session.graceDeadline ? 15 : 3, url: continueUrl } : undefined,
    });
    return;
  }
  const page = BLOCKED[(session.outcome ?? 'noncompliant') as keyof typeof BLOCKED] ?? BLOCKED.noncompliant;
  renderPage(req, res, 'portal/blocked', 200, {
    ...common,
    title: t(page.heading),
    heading: t(page.heading),
    intro: t(page.intro),
    stale: session.stale,
    sections,
    canRecheck: page.recheck,
    canSwitchAccount: session.outcome === 'notYours',
    csrfToken: page.recheck ? csrfToken(req) : '',
  });
}
