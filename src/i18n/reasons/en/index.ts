import type { DuplicateCodes, ExpectNone, ReasonCatalogue } from '../types.js';
import { appsAndEmail } from './apps-and-email.js';
import { deviceIdentity } from './device-identity.js';
import { deviceState } from './device-state.js';
import { encryptionAndBoot } from './encryption-and-boot.js';
import { generic } from './generic.js';
import { osAndUpdates } from './os-and-updates.js';
import { passcode } from './passcode.js';
import { platformIntegrity } from './platform-integrity.js';
import { protection } from './protection.js';

/*
 * English reason texts: the source of truth. Plain text, short sentences, written for a
 * person on a phone with no internet yet. Values in the context are untrusted and are
 * only interpolated; the views escape them.
 */

/** One group per topic. The annotation proves no code is missing; `EachCodeOnce` that none is defined twice. */
export const en: ReasonCatalogue = {
  ...deviceIdentity,
  ...deviceState,
  ...osAndUpdates,
  ...passcode,
  ...encryptionAndBoot,
  ...protection,
  ...platformIntegrity,
  ...appsAndEmail,
  ...generic,
};

/** Compile-time check (exported so noUnusedLocals keeps it): no reason code is written twice. */
export type EachCodeOnce = ExpectNone<
  DuplicateCodes<
    [
      typeof deviceIdentity,
      typeof deviceState,
      typeof osAndUpdates,
      typeof passcode,
      typeof encryptionAndBoot,
      typeof protection,
      typeof platformIntegrity,
      typeof appsAndEmail,
      typeof generic,
    ]
  >
>;
