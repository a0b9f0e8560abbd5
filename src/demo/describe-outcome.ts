import type { Evaluation } from '../core/compliance/types.js';
import { reasonCatalogue } from '../i18n/index.js';

/**
 * The demo card heading for a device: the outcome its evaluation leads to, in English (the
 * demo page is English only), e.g. "Blocked: Update your device" or "Allowed, with a deadline".
 */
export function describeOutcome(evaluation: Pick<Evaluation, 'complianceState' | 'reasons'>): string {
  const english = reasonCatalogue('en');
  const titles = evaluation.reasons.filter((r) => r.code !== 'IN_GRACE_PERIOD').map((r) => english[r.code].title);
  const more = titles.length > 1 ? ` (+${titles.length - 1} more)` : '';
  switch (evaluation.complianceState) {
    case 'compliant':
      return 'Allowed: the device meets every rule';
    case 'inGracePeriod':
      return `Allowed with a deadline: ${titles[0] ?? 'fix soon'}${more}`;
    case 'unknown':
      return 'Blocked: not checked yet';
    default:
      return `Blocked: ${titles[0] ?? 'does not meet the rules'}${more}`;
  }
}
