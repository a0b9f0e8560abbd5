import type { PlatformSteps, ReasonCatalogue } from '../types.js';
import { stepsFor, when } from '../types.js';
import { AFTER, AFTER_HELPDESK, current, detail, expected } from './shared.js';

/* The state of the compliance check itself: not checked yet, grace period, stale, no policy, errors. */

const SYNC: PlatformSteps = {
  iOS: [
    'Open the Company Portal app.',
    'Tap Devices, choose this device, then tap Check Settings.',
    'If it can’t connect, use mobile data for a moment.',
  ],
  Android: [
    'Open the Company Portal app.',
    'Tap Devices, choose this device, then tap Check device settings.',
    'If it can’t connect, use mobile data for a moment.',
  ],
  Windows: [
    'Open the Company Portal app and select Settings → Sync.',
    'Or open Settings → Accounts → Access work or school, select your work account, then Info → Sync.',
    'If it can’t connect, use another network for a moment (for example your phone’s hotspot).',
  ],
  macOS: [
    'Open the Company Portal app.',
    'Select this Mac, then Check settings.',
    'If it can’t connect, use another network for a moment (for example your phone’s hotspot).',
  ],
  Linux: ['Open the Microsoft Intune app.', 'Select this device and refresh its status.'],
  other: ['Open the Company Portal app.', 'Choose this device and check its status.'],
};

export const deviceState: Pick<
  ReasonCatalogue,
  | 'STATE_UNKNOWN'
  | 'IN_GRACE_PERIOD'
  | 'STALE_CHECKIN'
  | 'NO_POLICY'
  | 'COMPLIANCE_ERROR'
  | 'CONFIGMGR_NONCOMPLIANT'
> = {
  STATE_UNKNOWN: {
    title: 'Your device is still being checked',
    problem: (ctx) => `Your device was set up recently and hasn’t been checked yet.${current(ctx)}`,
    why: 'We can only let a device in once it has been checked against the rules.',
    steps: (ctx) => ['Wait a few minutes.', ...stepsFor(SYNC)(ctx)],
    after: 'Press Check again. The first check can take a while.',
  },

  IN_GRACE_PERIOD: {
    title: 'Fix this soon',
    problem: (ctx) =>
      `Your device doesn’t meet all the rules, but you can use the network for now.` +
      when(ctx.deadline, (deadline) => ` Fix it before ${deadline}.`, ' Fix it soon.') +
      current(ctx),
    why: 'After the deadline, your device will be blocked until it is fixed.',
    steps: (ctx) => [
      when(ctx.deadline, (deadline) => `Fix the other items on this page before ${deadline}.`, 'Fix the other items on this page.'),
      'If nothing else is listed, open the Company Portal app to see what needs to change.',
    ],
    after: 'You can keep using the network until the deadline. When you’ve fixed it, press Check again.',
  },

  STALE_CHECKIN: {
    title: 'Your device hasn’t checked in for a while',
    problem: (ctx) =>
      `Your device hasn’t been in touch with your organization for too long.${current(ctx, 'Last check-in')}${expected(ctx, 'Allowed')}`,
    why: 'Devices must check in regularly so we know they are still safe.',
    steps: stepsFor(SYNC),
    after: 'Wait a minute, then press Check again.',
  },

  NO_POLICY: {
    title: 'No security rules for this device',
    problem: (ctx) => `Your organization hasn’t given this device any security rules yet.${current(ctx)}`,
    why: 'A device without rules can’t be checked, so it can’t join.',
    steps: stepsFor({
      other: [
        'Your IT team has to fix this.',
        'Contact the helpdesk and tell them: “No compliance policy is assigned to my device.”',
      ],
    }),
    after: AFTER_HELPDESK,
  },

  COMPLIANCE_ERROR: {
    title: 'We couldn’t check your device',
    problem: (ctx) => `Something went wrong while checking your device.${current(ctx)}${detail(ctx)}`,
    why: 'Until the check works, we can’t let the device in.',
    steps: (ctx) => [...stepsFor(SYNC)(ctx), 'If it keeps happening, restart the device and try again, or contact the helpdesk.'],
    after: 'Wait a few minutes, then press Check again.',
  },

  CONFIGMGR_NONCOMPLIANT: {
    title: 'Your computer’s management tool reports a problem',
    problem: (ctx) =>
      `The program that manages this computer (Configuration Manager) says it doesn’t meet the rules.${current(ctx)}`,
    why: 'Your organization uses it to keep computers safe and up to date.',
    steps: stepsFor({
      Windows: [
        'Open Software Center and install anything marked as required.',
        'Open Control Panel → Configuration Manager → Actions, select Machine Policy Retrieval & Evaluation Cycle, then Run Now.',
        'Restart the computer if asked.',
        'If it still doesn’t work, contact the helpdesk.',
      ],
      other: ['Contact the helpdesk and show them this message.'],
    }),
    after: AFTER,
  },
};
