import type { Request } from 'express';
import type { AccessSession } from '../core/sessions/access-session.js';
import type { ReasonCode } from '../core/compliance/reason-codes.js';
import { reasonCatalogue, translate, type Language } from '../i18n/index.js';

/** What the last Check again found, for the page that follows it. */
export interface CheckResult {
  /** "Checked just now: 1 of 2 fixed." */
  summary: string;
  /** One line per item that went away or appeared: "Fixed: Update your device". */
  changes: string[];
}

/**
 * Compares the reason codes saved when the person pressed Check again with the session's
 * codes now, once: the note is taken out of the browser session, so a reload does not repeat
 * it. Nothing while the check is still running (the checking page comes first).
 */
export function checkResult(req: Request, session: AccessSession, language: Language): CheckResult | null {
  const last = req.session?.lastCheck;
  if (!last || last.handle !== session.handle || session.status === 'evaluating') return null;
  delete req.session.lastCheck;
  const before = new Set(last.before);
  const after = new Set(session.reasons.map((reason) => reason.code as string));
  const catalogue = reasonCatalogue(language);
  const title = (code: string) => catalogue[code as ReasonCode]?.title ?? code;
  const fixed = [...before].filter((code) => !after.has(code));
  const added = [...after].filter((code) => !before.has(code));
  return {
    summary: translate(language, 'check.result', { fixed: fixed.length, total: before.size }),
    changes: [
      ...fixed.map((code) => translate(language, 'check.fixed', { title: title(code) })),
      ...added.map((code) => translate(language, 'check.new', { title: title(code) })),
    ],
  };
}
