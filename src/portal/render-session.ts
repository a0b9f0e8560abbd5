import type { Request, Response } from 'express';
import type { Release } from '../gateway/dialects/dialect.js';
import type { AccessSession, Outcome } from '../core/sessions/access-session.js';
import type { PlainKey } from '../i18n/index.js';
import { csrfToken } from './csrf.js';
import { pageContext, renderPage } from '../http/page-context.js';
import { formatDeadline, platformOf, reasonSections } from './reason-sections.js';
import { checkResult } from './check-result.js';
import { sessionReference, supportFacts } from '../http/support-facts.js';

/**
 * Heading and intro per blocked outcome. A re-check helps only where the person can fix
 * something from here: not for a private address (the visit is bound to it; only a
 * reconnect helps) nor for what only the helpdesk can sort out.
 */
const BLOCKED: Record<Exclude<Outcome, 'compliant' | 'gracePeriod'>, { heading: PlainKey; intro: PlainKey | 'count'; recheck: boolean }> = {
  noncompliant: { heading: 'blocked.title', intro: 'count', recheck: true },
  unknownState: { heading: 'unknownState.title', intro: 'unknownState.body', recheck: true },
  notEnrolled: { heading: 'notEnrolled.title', intro: 'notEnrolled.body', recheck: true },
  randomizedMac: { heading: 'randomizedMac.title', intro: 'randomizedMac.body', recheck: false },
  ambiguousDevice: { heading: 'blocked.title', intro: 'blocked.helpdeskOnly', recheck: false },
  certificateMismatch: { heading: 'blocked.title', intro: 'blocked.helpdeskOnly', recheck: false },
  // A new certificate comes with a new connection; pressing Check again cannot change it.
  certificateInvalid: { heading: 'blocked.title', intro: 'error.certificate', recheck: false },
  // The helpdesk can reassign the device to this user; a re-check then lets it in.
  notYours: { heading: 'notYours.title', intro: 'notYours.body', recheck: true },
  // Once the helpdesk assigns a primary user (or changes the policy) a re-check lets it in.
  userless: { heading: 'userless.title', intro: 'userless.body', recheck: true },
};

/** Seconds between refreshes of the "checking" page; the page also offers a link that stops them. */
const CHECKING_REFRESH_SECONDS = 3;
/**
 * Seconds before a plain "approved" page (nothing to read) hands the browser back to a gateway
 * that needs it back to open (its return URL). The one timed move we keep: documented in
 * docs/accessibility.md as an exception to WCAG 2.2.1.
 */
const HAND_BACK_SECONDS = 3;

/**
 * Renders the page for the session's current state: checking, allowed or one of the
 * blocked pages. `release` is what the gateway's dialect said about handing an allowed
 * session back; a `redirect` becomes the page's continue link (and, on a plain approval,
 * its timed refresh). `now` (ms) dates the support facts and the relative deadlines.
 */
export function renderSession(req: Request, res: Response, session: AccessSession, release: Release, now: number = Date.now()): void {
  const { lang, t } = pageContext(req, res);
  const platform = platformOf(session.device?.platform);
  const sections = reasonSections(session.reasons, { language: lang, platform, deviceName: session.device?.name ?? '', now });
  const common = { handle: session.handle, user: session.user, device: session.device };

  if (session.status === 'evaluating') {
    const stopped = req.query.refresh === 'off';
    renderPage(req, res, 'portal/checking', 200, {
      ...common,
      title: t('checking.title'),
      refresh: stopped ? undefined : { seconds: CHECKING_REFRESH_SECONDS, url: `/p/${session.handle}` },
    });
    return;
  }
  const reference = sessionReference(session);
  req.log?.info(
    {
      sessionRef: reference,
      gatewayId: session.gatewayId,
      mac: session.client.mac,
      status: session.status,
      outcome: session.outcome,
      reasons: session.reasons.map((r) => r.code),
    },
    'portal page shown',
  );
  const result = checkResult(req, session, lang);
  if (session.status === 'allowed') {
    const continueUrl = release.kind === 'redirect' ? release.url : undefined;
    const toRead = sections.filter((_, i) => session.reasons[i]?.code !== 'IN_GRACE_PERIOD');
    const readFirst = session.graceDeadline !== null || toRead.length > 0;
    renderPage(req, res, 'portal/allowed', 200, {
      ...common,
      title: t('allowed.title'),
      graceDeadline: session.graceDeadline ? formatDeadline(session.graceDeadline, lang, now) : null,
      sections: toRead,
      readFirst,
      continueUrl: continueUrl ?? null,
      // The gateway collects the grant itself (openNDS authmon): say it is on its way.
      queued: release.kind === 'notified',
      // Anything to read waits for the person's Continue; only a plain approval hands back by itself.
      refresh: continueUrl && !readFirst ? { seconds: HAND_BACK_SECONDS, url: continueUrl } : undefined,
    });
    return;
  }
  const page = BLOCKED[(session.outcome ?? 'noncompliant') as keyof typeof BLOCKED] ?? BLOCKED.noncompliant;
  const heading = t(page.heading);
  renderPage(req, res, 'portal/blocked', 200, {
    ...common,
    title: heading,
    heading,
    intro: page.intro === 'count' ? t('blocked.body', { count: Math.max(1, sections.length) }) : t(page.intro),
    stale: session.stale,
    sections,
    checkResult: result,
    canRecheck: page.recheck,
    canSwitchAccount: session.outcome === 'notYours',
    csrfToken: page.recheck ? csrfToken(req) : '',
    support: supportFacts({ session, now, language: lang }),
  });
}
