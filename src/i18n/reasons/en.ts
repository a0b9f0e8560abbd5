import type { PlatformSteps, ReasonCatalogue, ReasonContext } from './types.js';
import { stepsFor, when } from './types.js';

/*
 * English reason texts: the source of truth. Plain text, short sentences, written for a
 * person on a phone with no internet yet. Values in the context are untrusted and are
 * only interpolated; the views escape them.
 */

// ---------------------------------------------------------------------------------------
// Shared pieces

const AFTER = 'When you’re done, press Check again. It can take a few minutes to update.';
const AFTER_RECONNECT =
  'When you’re done, reconnect to this Wi-Fi if you left it, and press Check again. It can take a few minutes to update.';
const AFTER_HELPDESK = 'Once the helpdesk has sorted it out, press Check again.';

const OFFLINE_PHONE = 'This needs internet. For now, use mobile data or another Wi-Fi network, or ask the helpdesk.';
const OFFLINE_COMPUTER =
  'This needs internet. For now, use another network (for example your phone’s hotspot), or ask the helpdesk.';
const OFFLINE_OTHER = 'This needs internet. For now, use another network, or ask the helpdesk.';
const HELPDESK_UNSURE = 'If you’re not sure what to do, contact the helpdesk.';

/** Names the device where that helps (ownership, setup, removal); elsewhere texts just say “your device”. */
function deviceLabel(ctx: ReasonContext): string {
  return when(ctx.deviceName, (name) => `Your device “${name}”`, 'Your device');
}

/** " Label: value." for the current value, when known. */
function current(ctx: ReasonContext, label = 'Your device reports'): string {
  return when(ctx.currentValue, (value) => ` ${label}: ${value}.`);
}

/** " Label: value." for the expected value, when known. */
function expected(ctx: ReasonContext, label = 'Required'): string {
  return when(ctx.expectedValue, (value) => ` ${label}: ${value}.`);
}

function values(ctx: ReasonContext, currentLabel?: string, expectedLabel?: string): string {
  return current(ctx, currentLabel) + expected(ctx, expectedLabel);
}

function detail(ctx: ReasonContext): string {
  return when(ctx.detail, (text) => ` Details: ${text}`);
}

function withOffline(map: PlatformSteps): PlatformSteps {
  const result: PlatformSteps = { other: [OFFLINE_OTHER, ...map.other] };
  for (const platform of ['iOS', 'Android', 'Windows', 'macOS', 'Linux'] as const) {
    const steps = map[platform];
    if (!steps) continue;
    const tip = platform === 'iOS' || platform === 'Android' ? OFFLINE_PHONE : OFFLINE_COMPUTER;
    result[platform] = [tip, ...steps];
  }
  return result;
}

function append(map: PlatformSteps, ...extra: string[]): PlatformSteps {
  const result: PlatformSteps = { other: [...map.other, ...extra] };
  for (const platform of ['iOS', 'Android', 'Windows', 'macOS', 'Linux'] as const) {
    const steps = map[platform];
    if (steps) result[platform] = [...steps, ...extra];
  }
  return result;
}

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

const PASSCODE_SET: PlatformSteps = {
  iOS: ['Open Settings → Face ID & Passcode (or Touch ID & Passcode).', 'Tap Turn Passcode On and choose a passcode.'],
  Android: [
    'Open Settings → Security → Screen lock. The name varies by maker: it may be Security & privacy → Device unlock, or Lock screen.',
    'Choose PIN or Password and set it.',
  ],
  Windows: ['Open Settings → Accounts → Sign-in options.', 'Under Password, select Add and set a password.'],
  macOS: [
    'Open System Settings → Lock Screen.',
    'Set “Require password after screen saver begins or display is turned off” to Immediately.',
    'If your account has no password, set one in System Settings → Users & Groups.',
  ],
  Linux: [
    'Open Settings → Users and set a password for your account.',
    'Turn on Automatic Screen Lock in Settings → Privacy → Screen Lock.',
  ],
  other: ['Open your device’s settings.', 'Turn on a screen lock with a PIN or password.'],
};

const PASSCODE_CHANGE: PlatformSteps = {
  iOS: [
    'Open Settings → Face ID & Passcode (or Touch ID & Passcode).',
    'Tap Change Passcode.',
    'Tap Passcode Options to choose a longer code, or one with letters and numbers.',
  ],
  Android: [
    'Open Settings → Security → Screen lock. The name varies by maker.',
    'Enter your current lock, then set a new PIN or password.',
  ],
  Windows: [
    'Open Settings → Accounts → Sign-in options.',
    'Under Password, select Change. For a PIN, select PIN → Change PIN.',
  ],
  macOS: ['Open System Settings → Users & Groups.', 'Click (i) next to your name, then Change Password.'],
  Linux: ['Open Settings → Users.', 'Select your account and change the password.'],
  other: ['Open your device’s settings.', 'Change your PIN or password.'],
};

const SCREEN_LOCK: PlatformSteps = {
  iOS: ['Open Settings → Display & Brightness → Auto-Lock.', 'Choose a shorter time.'],
  Android: ['Open Settings → Display → Screen timeout. (On some phones it is called Sleep.)', 'Choose a shorter time.'],
  Windows: [
    'Open Settings → System → Power & battery → Screen and sleep. (On Windows 10: Settings → System → Power & sleep.)',
    'Choose shorter times.',
    'In Settings → Accounts → Sign-in options, make Windows ask you to sign in again when it wakes up.',
  ],
  macOS: [
    'Open System Settings → Lock Screen.',
    'Choose a shorter time for turning the display off.',
    'Set “Require password after screen saver begins or display is turned off” to Immediately.',
  ],
  Linux: ['Open Settings → Privacy → Screen Lock.', 'Choose a shorter delay and turn on Automatic Screen Lock.'],
  other: ['Open your device’s display or lock screen settings.', 'Choose a shorter time before the screen locks.'],
};

const BITLOCKER_WINDOWS = [
  'Open Settings → Privacy & security → Device encryption and turn it on. If you don’t see it, open Control Panel → System and Security → BitLocker Drive Encryption → Turn on BitLocker.',
  'Save the recovery key as asked, and wait until encryption finishes.',
  'Restart the computer. BitLocker is only checked while the computer starts, so this restart is needed.',
];

const ENCRYPTION: PlatformSteps = {
  iOS: [
    'iPhone and iPad encrypt your data by themselves once a passcode is set.',
    'Open Settings → Face ID & Passcode (or Touch ID & Passcode) and tap Turn Passcode On.',
  ],
  Android: [
    'Most phones encrypt your data by themselves once a screen lock is set. Open Settings → Security → Screen lock and set a PIN or password.',
    'On older phones, also open Settings → Security → Encrypt phone. Keep the phone charging: this can take an hour.',
  ],
  Windows: BITLOCKER_WINDOWS,
  macOS: [
    'Open System Settings → Privacy & Security → FileVault.',
    'Click Turn On and follow the steps. Keep the recovery key somewhere safe.',
    'Keep the Mac plugged in until encryption finishes.',
  ],
  Linux: ['Disk encryption is usually chosen when the system is installed.', 'Contact the helpdesk for help with this.'],
  other: ['Open your device’s security settings and turn on encryption.', HELPDESK_UNSURE],
};

const HELPDESK_ONLY: PlatformSteps = {
  other: ['Contact the helpdesk and show them this message.'],
};

const FIRMWARE_WINDOWS_INTRO =
  'This is changed in the computer’s startup settings (UEFI or BIOS). If you’re not sure, ask the helpdesk first.';
const FIRMWARE_WINDOWS_OPEN = [
  'Open Settings → System → Recovery, and next to Advanced startup select Restart now. (On Windows 10: Settings → Update & Security → Recovery.)',
  'Choose Troubleshoot → Advanced options → UEFI Firmware Settings → Restart.',
];

const THREAT_WINDOWS = [
  'Open Windows Security → Virus & threat protection.',
  'Select Quick scan. If it finds threats, choose Remove or Quarantine.',
  'Install all updates in Settings → Windows Update.',
  'If the warning stays, contact the helpdesk.',
];

const ANDROID_DEVELOPER_OPTIONS = 'Open Settings → System → Developer options. (On some phones: Settings → Developer options.)';

// ---------------------------------------------------------------------------------------

export const en: ReasonCatalogue = {
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

  PASSCODE_REQUIRED: {
    title: 'Set a screen lock',
    problem: (ctx) => `Your device can be unlocked without a passcode.${current(ctx)}`,
    why: 'A passcode protects your work data if the device is lost or stolen.',
    steps: stepsFor(PASSCODE_SET),
    after: AFTER,
  },

  PASSCODE_WEAK: {
    title: 'Choose a stronger passcode',
    problem: (ctx) => `Your passcode doesn’t meet the rules.${values(ctx, 'Now', 'Required')}`,
    why: 'Simple passcodes are easy to guess.',
    steps: stepsFor(append(PASSCODE_CHANGE, 'Avoid simple codes like 1234 or 1111. Longer is safer.')),
    after: AFTER,
  },

  PASSCODE_EXPIRED_OR_REUSED: {
    title: 'Change your passcode',
    problem: (ctx) => `Your passcode is too old, or you have used it before.${values(ctx)}`,
    why: 'Changing it regularly limits the harm if someone has seen it.',
    steps: stepsFor(append(PASSCODE_CHANGE, 'Choose one you haven’t used before.')),
    after: AFTER,
  },

  SCREEN_LOCK_TIMEOUT: {
    title: 'Lock the screen sooner',
    problem: (ctx) => `Your screen stays unlocked for too long when you’re not using it.${values(ctx, 'Now', 'Allowed')}`,
    why: 'If you leave your device somewhere, it should lock itself quickly.',
    steps: stepsFor(SCREEN_LOCK),
    after: AFTER,
  },

  ENCRYPTION_REQUIRED: {
    title: 'Turn on encryption',
    problem: (ctx) => `The storage on your device isn’t encrypted.${current(ctx)}`,
    why: 'Encryption keeps your data unreadable if the device is lost or stolen.',
    steps: stepsFor(ENCRYPTION),
    after: AFTER,
  },

  BITLOCKER_REQUIRED: {
    title: 'Turn on BitLocker',
    problem: (ctx) => `BitLocker drive encryption isn’t on.${current(ctx)}`,
    why: 'Encryption keeps your data unreadable if the computer is lost or stolen.',
    steps: stepsFor({ ...ENCRYPTION, Windows: BITLOCKER_WINDOWS }),
    after: 'After the restart, press Check again. It can take a few minutes to update.',
  },

  SECURE_BOOT_REQUIRED: {
    title: 'Turn on Secure Boot',
    problem: (ctx) => `Secure Boot is off on this computer.${current(ctx)}`,
    why: 'Secure Boot stops harmful software from loading while the computer starts.',
    steps: stepsFor({
      Windows: [
        FIRMWARE_WINDOWS_INTRO,
        ...FIRMWARE_WINDOWS_OPEN,
        'Find Secure Boot (often under Security or Boot), set it to Enabled, then save and exit.',
      ],
      other: HELPDESK_ONLY.other,
    }),
    after: 'After the restart, press Check again. It can take a few minutes to update.',
  },

  CODE_INTEGRITY_REQUIRED: {
    title: 'Turn on code integrity',
    problem: (ctx) => `Windows code integrity checking is off.${current(ctx)}`,
    why: 'It stops Windows from loading drivers and system files that have been tampered with.',
    steps: stepsFor({
      Windows: [
        'This usually needs your IT team. Contact the helpdesk.',
        'If you changed startup settings (such as test mode or driver signature checks), undo that and restart.',
      ],
      other: HELPDESK_ONLY.other,
    }),
    after: 'After the restart, press Check again. It can take a few minutes to update.',
  },

  TPM_REQUIRED: {
    title: 'Security chip (TPM) needed',
    problem: (ctx) => `We couldn’t find a working security chip (TPM) in this computer.${current(ctx)}`,
    why: 'The chip protects encryption keys and shows the computer hasn’t been tampered with.',
    steps: stepsFor({
      Windows: [
        'Open Windows Security → Device security. If you see Security processor, the chip is on.',
        'If not, it may be turned off in the startup settings (UEFI or BIOS). If you’re not sure, ask the helpdesk first.',
        ...FIRMWARE_WINDOWS_OPEN,
        'Turn on TPM (it may be called PTT or fTPM), then save and exit.',
      ],
      other: HELPDESK_ONLY.other,
    }),
    after: 'After the restart, press Check again. It can take a few minutes to update.',
  },

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

  CUSTOM_COMPLIANCE: {
    title: 'A required setting needs attention',
    problem: (ctx) =>
      when(ctx.settingName, (name) => `The setting “${name}” doesn’t meet your organization’s rules.`, 'One of your organization’s checks failed.') +
      values(ctx, 'Now', 'Required') +
      detail(ctx),
    why: 'Your organization checks this setting to keep devices safe.',
    steps: stepsFor({
      other: [
        'Use the details above to fix the setting.',
        'If you’re not sure what to do, contact the helpdesk and tell them the setting name and details shown here.',
      ],
    }),
    after: AFTER,
  },

  SETTING_NONCOMPLIANT: {
    title: 'A setting needs to change',
    problem: (ctx) =>
      when(ctx.settingName, (name) => `The setting “${name}” doesn’t meet the rules`, 'A setting on your device doesn’t meet the rules') +
      when(ctx.policyName, (policy) => ` in the policy “${policy}”.`, '.') +
      values(ctx, 'Now', 'Required') +
      detail(ctx),
    why: 'Your organization requires this setting to keep work data safe.',
    steps: (ctx) => [
      'Open the Company Portal app and choose this device. It shows what to change and how.',
      when(
        ctx.settingName,
        (name) => `If you need help, contact the helpdesk and mention the setting “${name}”.`,
        'If you need help, contact the helpdesk and show them this message.',
      ),
    ],
    after: AFTER,
  },
};
