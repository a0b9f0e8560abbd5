import type { ReasonCatalogue } from '../types.js';
import { stepsFor } from '../types.js';
import { AFTER, AFTER_RECONNECT, HELPDESK_ONLY, HELPDESK_UNSURE, current, values, withOffline } from './shared.js';

/* Firewall, antivirus, Microsoft Defender and threat levels. */

const THREAT_WINDOWS = [
  'Open Windows Security → Virus & threat protection.',
  'Select Quick scan. If it finds threats, choose Remove or Quarantine.',
  'Install all updates in Settings → Windows Update.',
  'If the warning stays, contact the helpdesk.',
];

export const protection: Pick<
  ReasonCatalogue,
  | 'FIREWALL_OFF'
  | 'ANTIVIRUS_MISSING'
  | 'DEFENDER_OFF'
  | 'DEFENDER_OUTDATED'
  | 'REALTIME_PROTECTION_OFF'
  | 'MDE_RISK_TOO_HIGH'
  | 'MTD_THREAT_TOO_HIGH'
> = {
  FIREWALL_OFF: {
    title: 'Turn on the firewall',
    problem: (ctx) => `Your firewall is off.${current(ctx)}`,
    why: 'The firewall blocks unwanted connections to your device.',
    steps: stepsFor({
      Windows: [
        'Open Windows Security → Firewall & network protection.',
        'Turn on the firewall for each network type: Domain, Private and Public.',
      ],
      macOS: ['Open System Settings → Network → Firewall.', 'Turn Firewall on.'],
      other: ['Open your device’s security settings and turn on the firewall.', HELPDESK_UNSURE],
    }),
    after: AFTER,
  },

  ANTIVIRUS_MISSING: {
    title: 'Turn on virus protection',
    problem: (ctx) => `No working virus protection was found.${current(ctx)}`,
    why: 'Virus protection stops harmful software before it can do damage.',
    steps: stepsFor({
      Windows: [
        'Open Windows Security → Virus & threat protection.',
        'If it says there is no active provider, turn on Microsoft Defender, or open your other antivirus app and turn it on.',
        'If your antivirus subscription has ended, renew it or uninstall it, so Microsoft Defender can take over.',
      ],
      other: ['Install or turn on virus protection.', HELPDESK_UNSURE],
    }),
    after: AFTER,
  },

  DEFENDER_OFF: {
    title: 'Turn on Microsoft Defender',
    problem: (ctx) => `Microsoft Defender is turned off.${current(ctx)}`,
    why: 'Microsoft Defender protects your computer from harmful software.',
    steps: stepsFor({
      Windows: [
        'Open Windows Security → Virus & threat protection.',
        'Under Virus & threat protection settings, select Manage settings and turn on Real-time protection.',
        'If another antivirus program is installed, it may have turned Defender off. Ask the helpdesk what to do.',
      ],
      other: HELPDESK_ONLY.other,
    }),
    after: AFTER,
  },

  DEFENDER_OUTDATED: {
    title: 'Update Microsoft Defender',
    problem: (ctx) => `Microsoft Defender is out of date.${values(ctx, 'Your version', 'Needed')}`,
    why: 'Defender needs the latest updates to spot new threats.',
    steps: stepsFor(
      withOffline({
        Windows: [
          'Open Windows Security → Virus & threat protection.',
          'Under Virus & threat protection updates, select Protection updates → Check for updates.',
          'Also install all updates in Settings → Windows Update.',
        ],
        other: HELPDESK_ONLY.other,
      }),
    ),
    after: AFTER_RECONNECT,
  },

  REALTIME_PROTECTION_OFF: {
    title: 'Turn on real-time protection',
    problem: (ctx) => `Real-time protection is turned off.${current(ctx)}`,
    why: 'Real-time protection stops harmful software the moment it appears.',
    steps: stepsFor({
      Windows: [
        'Open Windows Security → Virus & threat protection.',
        'Under Virus & threat protection settings, select Manage settings.',
        'Turn on Real-time protection.',
      ],
      other: HELPDESK_ONLY.other,
    }),
    after: AFTER,
  },

  MDE_RISK_TOO_HIGH: {
    title: 'Security threats found on your device',
    problem: (ctx) =>
      `Microsoft Defender found threats and rates your device as too risky.${values(ctx, 'Risk level', 'Allowed')}`,
    why: 'A device at risk could spread harm to others on the network.',
    steps: stepsFor({
      Windows: THREAT_WINDOWS,
      Android: [
        'Open the Microsoft Defender app.',
        'Follow its advice to remove the threats, for example by uninstalling the apps it points out.',
        'If the warning stays, contact the helpdesk.',
      ],
      other: HELPDESK_ONLY.other,
    }),
    after: 'After the threats are removed, press Check again. It can take a while to update.',
  },

  MTD_THREAT_TOO_HIGH: {
    title: 'Security threats found on your device',
    problem: (ctx) => `Your security app found a threat on this device.${values(ctx, 'Threat level', 'Allowed')}`,
    why: 'A device at risk could spread harm to others on the network.',
    steps: stepsFor({
      iOS: [
        'Open your security app (for example Microsoft Defender).',
        'Follow its advice to remove the threat, for example by deleting an app it points out.',
        'If the warning stays, contact the helpdesk.',
      ],
      Android: [
        'Open your security app (for example Microsoft Defender).',
        'Follow its advice to remove the threat, for example by uninstalling an app it points out.',
        'If the warning stays, contact the helpdesk.',
      ],
      other: HELPDESK_ONLY.other,
    }),
    after: 'After the threat is removed, press Check again. It can take a while to update.',
  },
};
