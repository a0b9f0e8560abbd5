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
 * Deutsche Texte (Sie-Form). Menünamen folgen den deutschen Oberflächen der Systeme.
 * Reiner Text; Werte aus dem Kontext sind nicht vertrauenswürdig und werden nur eingesetzt.
 */

/** Eine Gruppe je Thema. Die Annotation beweist, dass kein Code fehlt; `EachCodeOnce`, dass keiner doppelt vorkommt. */
export const de: ReasonCatalogue = {
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
