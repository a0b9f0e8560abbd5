import { RefusedError } from '../../../core/errors.js';
import type { Dialect } from '../dialect.js';
import { radiusRelease } from './coa-release.js';
import { radiusSettings, type RadiusSettings } from './radius-settings.js';

export type { RadiusSettings } from './radius-settings.js';
export { radiusCoaTotal } from './coa-release.js';

/**
 * Switches and controllers that decide access by RADIUS, through FreeRADIUS's rlm_rest
 * (docs/partners/freeradius.md). No browser intake: the switch redirects a quarantined
 * browser straight to the portal session `POST /api/radius/v1/authorize` created, so
 * `/g/{id}` refuses. Release = a CoA-Request or Disconnect-Request to the NAS that asked.
 */
export const radiusDialect: Dialect<RadiusSettings> = {
  name: 'radius',
  settings: radiusSettings,
  intake: async () => {
    throw new RefusedError('no_browser_intake', 'A radius gateway sends browsers straight to their portal session.');
  },
  release: radiusRelease,
};
