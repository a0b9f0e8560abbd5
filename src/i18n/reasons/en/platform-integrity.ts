import type { ReasonCatalogue } from '../types.js';
import { stepsFor } from '../types.js';
import { AFTER, AFTER_RECONNECT, HELPDESK_ONLY, current, values, withOffline } from './shared.js';

/* Platform integrity: jailbreak and root, Play Integrity, Android developer settings, Company Portal, SIP and Gatekeeper. */

const ANDROID_DEVELOPER_OPTIONS = 'Open Settings → System → Developer options. (On some phones: Settings → Developer options.)';

export const platformIntegrity: Pick<
  ReasonCatalogue,
  | 'JAILBROKEN_ROOTED'
  | 'PLAY_INTEGRITY_FAILED'
  | 'PLAY_SERVICES_REQUIRED'
  | 'USB_DEBUGGING_ON'
  | 'UNKNOWN_SOURCES'
  | 'COMPANY_PORTAL_INTEGRITY'
  | 'SIP_DISABLED'
  | 'GATEKEEPER'
> = {
  JAILBROKEN_ROOTED: {
    title: 'Your device’s protections have been removed',
    problem: (ctx) => `Your device looks modified (jailbroken or rooted), which removes its built-in protections.${current(ctx)}`,
    why: 'A modified device can’t be trusted to keep work data safe.',
    steps: stepsFor({
      iOS: [
        'Back up your data.',
        'Restore the iPhone or iPad with a computer (Finder or iTunes → Restore) to remove the jailbreak.',
        'If you didn’t modify this device, contact the helpdesk.',
      ],
      Android: [
        'Back up your data.',
        'Remove root access, or put back the maker’s original software.',
        'If you didn’t modify this device, contact the helpdesk.',
      ],
      other: HELPDESK_ONLY.other,
    }),
    after: AFTER,
  },

  PLAY_INTEGRITY_FAILED: {
    title: 'Your phone failed Google’s safety check',
    problem: (ctx) => `Google’s safety check says this phone’s software has been changed or can’t be trusted.${current(ctx)}`,
    why: 'Work data is only allowed on phones that pass this check.',
    steps: stepsFor({
      Android: [
        'Install all updates in Settings → System → Software update.',
        'If you installed custom software, unlocked the phone’s bootloader or rooted it, put back the maker’s original software.',
        'If you didn’t change anything, contact the helpdesk.',
      ],
      other: HELPDESK_ONLY.other,
    }),
    after: AFTER_RECONNECT,
  },

  PLAY_SERVICES_REQUIRED: {
    title: 'Update Google Play services',
    problem: (ctx) => `Google Play services is missing, turned off or out of date.${current(ctx)}`,
    why: 'Your phone needs it for security checks and updates.',
    steps: stepsFor(
      withOffline({
        Android: [
          'Open Settings → Apps → Google Play services. (You may need to tap See all apps.)',
          'If you see Enable, tap it.',
          'Tap App details near the bottom, then Update if it is offered.',
        ],
        other: HELPDESK_ONLY.other,
      }),
    ),
    after: AFTER_RECONNECT,
  },

  USB_DEBUGGING_ON: {
    title: 'Turn off USB debugging',
    problem: (ctx) => `USB debugging is on.${current(ctx)}`,
    why: 'USB debugging lets a connected computer control your phone and read its data.',
    steps: stepsFor({
      Android: [ANDROID_DEVELOPER_OPTIONS, 'Turn off USB debugging, or turn off Developer options completely.'],
      other: HELPDESK_ONLY.other,
    }),
    after: AFTER,
  },

  UNKNOWN_SOURCES: {
    title: 'Block apps from unknown sources',
    problem: (ctx) => `Your phone allows apps to be installed from outside the Play Store.${current(ctx)}`,
    why: 'Apps from outside the store are more likely to be harmful.',
    steps: stepsFor({
      Android: [
        'Open Settings → Apps → Special app access → Install unknown apps. (On some phones it is under Security.)',
        'For each app listed, turn off Allow from this source.',
      ],
      other: HELPDESK_ONLY.other,
    }),
    after: AFTER,
  },

  COMPANY_PORTAL_INTEGRITY: {
    title: 'Check the Company Portal app',
    problem: (ctx) => `The Company Portal app on this phone isn’t the official version, or has been changed.${current(ctx)}`,
    why: 'Company Portal checks your phone’s safety, so it must be the real app.',
    steps: stepsFor(
      withOffline({
        Android: [
          'Open the Play Store, search for “Intune Company Portal” and tap Update if it is offered.',
          `If Developer options are on, turn them off: ${ANDROID_DEVELOPER_OPTIONS}`,
          'If Company Portal came from anywhere other than the Play Store, contact the helpdesk before removing it. Removing it can take your phone off the work network.',
        ],
        other: HELPDESK_ONLY.other,
      }),
    ),
    after: AFTER_RECONNECT,
  },

  SIP_DISABLED: {
    title: 'Turn on System Integrity Protection',
    problem: (ctx) => `System Integrity Protection is off on this Mac.${current(ctx)}`,
    why: 'It stops harmful software from changing important system files.',
    steps: stepsFor({
      macOS: [
        'Start the Mac in Recovery. Apple silicon: shut down, then press and hold the power button until you see the startup options, and choose Options. Intel: restart and hold Command-R.',
        'Choose Utilities → Terminal.',
        'Type csrutil enable and press Return.',
        'Restart the Mac.',
      ],
      other: HELPDESK_ONLY.other,
    }),
    after: 'After the restart, press Check again. It can take a few minutes to update.',
  },

  GATEKEEPER: {
    title: 'Only allow trusted apps',
    problem: (ctx) => `Your Mac allows apps from anywhere to open.${values(ctx, 'Now', 'Required')}`,
    why: 'Apps from unknown places are more likely to be harmful.',
    steps: stepsFor({
      macOS: [
        'Open System Settings → Privacy & Security.',
        'Under Security, set “Allow applications from” to App Store and identified developers (or App Store, if required).',
        'If you can’t change it, contact the helpdesk.',
      ],
      other: HELPDESK_ONLY.other,
    }),
    after: AFTER,
  },
};
