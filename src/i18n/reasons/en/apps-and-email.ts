import type { ReasonCatalogue } from '../types.js';
import { stepsFor } from '../types.js';
import { AFTER, HELPDESK_ONLY, HELPDESK_UNSURE, current } from './shared.js';

/* Apps on the device: apps that aren’t allowed, and work email set up the managed way. */

export const appsAndEmail: Pick<ReasonCatalogue, 'RESTRICTED_APP' | 'MANAGED_EMAIL_REQUIRED'> = {
  RESTRICTED_APP: {
    title: 'Remove an app that isn’t allowed',
    problem: (ctx) => `An app that isn’t allowed is installed on your device.${current(ctx, 'App')}`,
    why: 'Some apps are blocked because they put work data at risk.',
    steps: stepsFor({
      iOS: [
        'To see which app it is, open Company Portal → Devices → this device.',
        'Find the app on your Home Screen or in the App Library.',
        'Touch and hold it, then tap Remove App → Delete App.',
      ],
      other: ['Uninstall the app named above.', HELPDESK_UNSURE],
    }),
    after: AFTER,
  },

  MANAGED_EMAIL_REQUIRED: {
    title: 'Set up work email the approved way',
    problem: (ctx) => `Your work email isn’t set up the way your organization requires.${current(ctx)}`,
    why: 'Work email must be set up by your organization so it stays protected.',
    steps: stepsFor({
      iOS: [
        'If you added your work email yourself, remove it: Settings → Apps → Mail → Mail Accounts (on older versions: Settings → Mail → Accounts), choose the work account, then Delete Account.',
        'Open Company Portal → Devices → this device, and tap Check Settings so the work email can be set up for you.',
      ],
      other: HELPDESK_ONLY.other,
    }),
    after: AFTER,
  },
};
