import type { ReasonCatalogue, ReasonContext } from '../types.js';
import { stepsFor, when } from '../types.js';
import { AFTER_HELPDESK, current, detail } from './shared.js';

/* Whose device this is and whether we can tell which one: enrollment, ownership, removal, Wi-Fi address. */

/** Names the device where that helps (ownership, setup, removal); elsewhere texts just say “your device”. */
function deviceLabel(ctx: ReasonContext): string {
  return when(ctx.deviceName, (name) => `Your device “${name}”`, 'Your device');
}

export const deviceIdentity: Pick<
  ReasonCatalogue,
  | 'NOT_ENROLLED'
  | 'NOT_YOURS'
  | 'DEVICE_AMBIGUOUS'
  | 'ENROLLED_USER_MISSING'
  | 'DEVICE_RETIRING'
  | 'RANDOMIZED_MAC'
> = {
  NOT_ENROLLED: {
    title: 'Set up this device for work',
    problem: (ctx) => `${deviceLabel(ctx)} isn’t set up with your organization yet.${current(ctx)}`,
    why: 'Only devices your organization manages can join this network, so everyone’s data stays safe.',
    steps: stepsFor({
      iOS: [
        'You have no internet here yet. Use mobile data for the next steps, or ask the helpdesk.',
        'Open the App Store and install “Intune Company Portal”.',
        'Open Company Portal, sign in with your work account, and follow the steps.',
        'When asked, open Settings and install the downloaded profile. (Look for Profile Downloaded, or General → VPN & Device Management.)',
      ],
      Android: [
        'You have no internet here yet. Use mobile data for the next steps, or ask the helpdesk.',
        'Open the Play Store and install “Intune Company Portal”.',
        'Open Company Portal, sign in with your work account, and follow the steps.',
      ],
      Windows: [
        'You have no internet here yet. Use another network for the next steps (for example your phone’s hotspot), or ask the helpdesk.',
        'Open Settings → Accounts → Access work or school.',
        'Select Connect and sign in with your work account.',
        'Follow the steps, then restart if asked.',
      ],
      macOS: [
        'You have no internet here yet. Use another network for the next steps (for example your phone’s hotspot), or ask the helpdesk.',
        'Download and install the Company Portal app from Microsoft.',
        'Open Company Portal, sign in with your work account, and follow the steps.',
        'When asked, allow the management profile in System Settings.',
      ],
      Linux: [
        'You have no internet here yet. Use another network for the next steps, or ask the helpdesk.',
        'Install the Microsoft Intune app from Microsoft’s package repository.',
        'Open the Intune app, sign in with your work account, and follow the steps.',
      ],
      other: [
        'Ask the helpdesk how to set up this device for work.',
        'This kind of device may not be supported on this network.',
      ],
    }),
    after: 'When setup is finished, reconnect to this Wi-Fi and press Check again. A new device can take a few minutes to show up.',
  },

  NOT_YOURS: {
    title: 'This device is registered to someone else',
    problem: (ctx) => `${deviceLabel(ctx)} is registered to a different person than the one signed in.${current(ctx)}`,
    why: 'Each device belongs to one person, so we know who is using the network.',
    steps: stepsFor({
      other: [
        'If you signed in with the wrong account, sign out and sign in with the account that owns this device.',
        'If this is now your device, ask the helpdesk to move it to your name.',
      ],
    }),
    after: 'After you sign in with the right account, or the helpdesk has moved the device, press Check again.',
  },

  DEVICE_AMBIGUOUS: {
    title: 'We can’t tell which device this is',
    problem: (ctx) =>
      `Two registered devices share this network address, so we can’t tell which one you’re using.${current(ctx, 'Network address')}${detail(ctx)}`,
    why: 'We have to know the exact device to check that it is safe.',
    steps: stepsFor({
      other: [
        'Contact the helpdesk and tell them two devices share one network address.',
        'Tell them your device’s name, so they can fix the duplicate record.',
      ],
    }),
    after: AFTER_HELPDESK,
  },

  ENROLLED_USER_MISSING: {
    title: 'The account that set up this device is gone',
    problem: (ctx) => `The person who set up this device no longer has an account.${current(ctx)}`,
    why: 'Every device must belong to a current account.',
    steps: stepsFor({
      other: [
        'Contact the helpdesk.',
        'They may ask you to set up the device again with your own account.',
      ],
    }),
    after: AFTER_HELPDESK,
  },

  DEVICE_RETIRING: {
    title: 'This device is being removed',
    problem: (ctx) => `${deviceLabel(ctx)} is due to be removed from your organization’s management.${current(ctx)}`,
    why: 'A device that is being removed can no longer use the work network.',
    steps: stepsFor({
      other: [
        'If you didn’t expect this, contact the helpdesk before you do anything else.',
        'If you want to keep using this device for work, ask the helpdesk to set it up again.',
      ],
    }),
    after: AFTER_HELPDESK,
  },

  RANDOMIZED_MAC: {
    title: 'Turn off the private address for this Wi-Fi',
    problem: (ctx) =>
      `Your device uses a private Wi-Fi address on this network, so we can’t recognize it.${current(ctx, 'Address in use')}`,
    why: 'We recognize devices by their Wi-Fi address, and a private address keeps changing.',
    steps: stepsFor({
      iOS: [
        'Open Settings → Wi-Fi.',
        'Tap (i) next to this network.',
        'Turn off Private Wi-Fi Address (or set it to Off).',
        'Tap Rejoin if asked.',
      ],
      Android: [
        'Open Settings → Network & internet → Wi-Fi. The names vary by maker.',
        'Tap the gear or arrow next to this network.',
        'Tap Privacy (it may be under Advanced) and choose Use device MAC.',
        'Reconnect to this network.',
      ],
      Windows: [
        'Open Settings → Network & internet → Wi-Fi.',
        'Select this network’s properties.',
        'Set Random hardware addresses to Off.',
        'Disconnect from the Wi-Fi and connect again.',
      ],
      macOS: [
        'Open System Settings → Wi-Fi.',
        'Click Details next to this network.',
        'Set Private Wi-Fi address to Off, then click OK.',
        'Reconnect to this network.',
      ],
      other: [
        'Open your device’s Wi-Fi settings for this network.',
        'Turn off the private or random address option.',
        'Reconnect to this network.',
      ],
    }),
    after: 'After you reconnect, this page opens again. If it doesn’t, press Check again.',
  },
};
