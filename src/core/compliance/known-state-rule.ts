import type { Evaluation } from './types.js';

/**
 * Intune's seed invariant: `unknown` only ever means "never evaluated". A device that was
 * once compliant or non-compliant keeps its last known state, marked stale, when a later
 * evaluation cannot decide; it never goes back to `unknown`.
 */
export function applyKnownStateRule(previous: Evaluation | undefined, current: Evaluation): Evaluation {
  if (current.complianceState === 'unknown' && previous && previous.complianceState !== 'unknown') {
    return { ...previous, stale: true, recalled: true };
  }
  return current;
}
