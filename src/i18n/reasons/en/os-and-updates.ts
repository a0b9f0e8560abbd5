import type { PlatformSteps, ReasonCatalogue } from '../types.js';
import { stepsFor } from '../types.js';
import { AFTER_HELPDESK, AFTER_RECONNECT, OFFLINE_PHONE, append, values, withOffline } from './shared.js';

/* Operating system version and security updates. */

const UPDATE: PlatformSteps = withOffline({
  iOS: ['Open Settings → General → Software Update.', 'Tap Update Now or Install Now, and follow the steps.'],
  Android: [
    'Open Settings → System → Software update. The name varies by maker: it may be Settings → Software update, or under About phone.',
    'Download and install the update. Restart if asked.',
  ],
  Windows: [
    'Open Settings → Windows Update. (On Windows 10: Settings → Update & Security → Windows Update.)',
    'Select Check for updates and install everything offered.',
    'Restart the computer when asked.',
  ],
  macOS: [
    'Open System Settings → General → Software Update. (On older Macs: System Preferences → Software Update.)',
    'Install the update and restart when asked.',
  ],
  Linux: ['Open your system’s software updater and install all updates.', 'Restart the computer when asked.'],
  other: ['Open your device’s settings and look for Software update.', 'Install the latest update.'],
});

export const osAndUpdates: Pick<ReasonCatalogue, 'OS_TOO_OLD' | 'OS_TOO_NEW' | 'OS_BUILD_NOT_ALLOWED' | 'PATCH_LEVEL_OLD'> = {
  OS_TOO_OLD: {
    title: 'Update your device',
    problem: (ctx) => `The software on your device is too old.${values(ctx, 'Your version', 'Needed')}`,
    why: 'Updates fix security holes that attackers use.',
    steps: stepsFor(append(UPDATE, 'If no update is offered, your device may be too old for the version needed. Contact the helpdesk.')),
    after: AFTER_RECONNECT,
  },

  OS_TOO_NEW: {
    title: 'Your software is newer than allowed',
    problem: (ctx) =>
      `Your device runs a version your organization doesn’t allow yet.${values(ctx, 'Your version', 'Allowed')}`,
    why: 'New versions are allowed once they have been tested with work apps.',
    steps: stepsFor({
      other: [
        'You usually can’t go back to an older version yourself.',
        'Contact the helpdesk. They can tell you when your version will be allowed.',
      ],
    }),
    after: AFTER_HELPDESK,
  },

  OS_BUILD_NOT_ALLOWED: {
    title: 'This Windows version isn’t allowed',
    problem: (ctx) => `This version of Windows isn’t on the allowed list.${values(ctx, 'Your version', 'Allowed')}`,
    why: 'Only Windows versions that have been tested may join.',
    steps: stepsFor(append(UPDATE, 'If you’re still blocked after updating, contact the helpdesk.')),
    after: AFTER_RECONNECT,
  },

  PATCH_LEVEL_OLD: {
    title: 'Install the latest security update',
    problem: (ctx) => `The security update on your device is too old.${values(ctx, 'Your security update', 'Needed')}`,
    why: 'Security updates fix holes that attackers use.',
    steps: stepsFor(
      append(
        {
          ...UPDATE,
          Android: [
            OFFLINE_PHONE,
            'Open Settings → System → Software update. On some phones it is Settings → Security & privacy → Updates, or Settings → Software update.',
            'Install every update offered, then restart.',
            'To see your level: Settings → About phone → Android version → Android security update.',
          ],
        },
        'If no update is offered, your device may no longer get updates. Contact the helpdesk.',
      ),
    ),
    after: AFTER_RECONNECT,
  },
};
