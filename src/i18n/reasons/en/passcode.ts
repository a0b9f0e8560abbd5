import type { PlatformSteps, ReasonCatalogue } from '../types.js';
import { stepsFor } from '../types.js';
import { AFTER, append, current, values } from './shared.js';

/* Passcode and screen lock. */

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

export const passcode: Pick<
  ReasonCatalogue,
  | 'PASSCODE_REQUIRED'
  | 'PASSCODE_WEAK'
  | 'PASSCODE_EXPIRED_OR_REUSED'
  | 'SCREEN_LOCK_TIMEOUT'
> = {
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
};
