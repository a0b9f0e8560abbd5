import type { PlatformSteps, ReasonCatalogue } from '../types.js';
import { stepsFor } from '../types.js';
import { AFTER, HELPDESK_ONLY, HELPDESK_UNSURE, current } from './shared.js';

/* Storage encryption and secure startup: BitLocker, FileVault, Secure Boot, code integrity, TPM. */

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

const FIRMWARE_WINDOWS_INTRO =
  'This is changed in the computer’s startup settings (UEFI or BIOS). If you’re not sure, ask the helpdesk first.';
const FIRMWARE_WINDOWS_OPEN = [
  'Open Settings → System → Recovery, and next to Advanced startup select Restart now. (On Windows 10: Settings → Update & Security → Recovery.)',
  'Choose Troubleshoot → Advanced options → UEFI Firmware Settings → Restart.',
];

export const encryptionAndBoot: Pick<
  ReasonCatalogue,
  | 'ENCRYPTION_REQUIRED'
  | 'BITLOCKER_REQUIRED'
  | 'SECURE_BOOT_REQUIRED'
  | 'CODE_INTEGRITY_REQUIRED'
  | 'TPM_REQUIRED'
> = {
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
};
