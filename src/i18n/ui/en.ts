/**
 * English UI strings for the portal pages: the source of truth for the keys. Plain text
 * (the views escape it); `{name}` placeholders are filled with `format()`.
 */
export const en = {
  'page.lang': 'en',
  'site.name': 'Network sign-in',
  'skipLink': 'Skip to content',
  'language.label': 'Language',
  'language.en': 'English',
  'language.de': 'Deutsch',
  'signedInAs': 'Signed in as {user}',
  'device': 'Device: {device}',
  'graceDeadline': 'You can use the network until {deadline}. Please fix the items below before then.',
  'helpdesk': 'Need help? Contact your helpdesk.',
  'signOut': 'Sign out',
  'signInOther': 'Sign in with another account',
  'checkAgain': 'Check again',

  'landing.title': 'Sign in to get on the network',
  'landing.body':
    'This network is for devices your organization manages. Sign in with your work account, and we’ll check that your device is ready.',
  'landing.button': 'Sign in',

  'checking.title': 'Checking your device…',
  'checking.body': 'This page refreshes by itself.',
  'checking.slow': 'If nothing happens within a minute, press Check again.',

  'allowed.title': 'You’re connected',
  'allowed.body': 'Taking you back to the network…',
  'allowed.continue': 'Continue',

  'blocked.title': 'Your device can’t join the network yet',
  'blocked.body': 'Fix the items below, then press Check again.',
  'blocked.checkAgain': 'Check again',
  'blocked.problem': 'What’s wrong',
  'blocked.why': 'Why it matters',
  'blocked.steps': 'How to fix it',
  'blocked.after': 'Then',
  'blocked.stale': 'We couldn’t get a fresh result, so this is the last one we have. It may be out of date.',

  'notEnrolled.title': 'Set up your device first',
  'notEnrolled.body': 'This device isn’t set up for work yet. Follow the steps below, then press Check again.',

  'randomizedMac.title': 'Turn off the private Wi-Fi address',
  'randomizedMac.body': 'Your device connected with a private (changing) network address, so we can’t tell which device it is. Follow the steps below, reconnect, then press Check again.',

  'summary.title': 'To fix',

  'notYours.title': 'This device belongs to someone else',
  'notYours.body':
    'This device is registered to another person. Sign in with the account that owns it, or contact your helpdesk.',

  'linkInvalid.title': 'This link has expired',
  'linkInvalid.body': 'This link has expired. Reconnect to the Wi-Fi to get a new one.',

  'unavailable.title': 'Please try again soon',
  'unavailable.body': 'We can’t check your device right now. Try again in a minute.',
  'unavailable.retry': 'Try again',

  'tooMany.title': 'Slow down a little',
  'tooMany.body': 'There were too many requests from this device or network in a short time. Wait a minute, then try again.',
  'signInUnavailable.title': 'Sign-in service unavailable',
  'signInUnavailable.body': 'The sign-in service is not answering right now. This is not a problem with your account. Try again in a minute.',

  'error.title': 'Something went wrong',
  'error.body': 'Sorry, something went wrong on our side. Reconnect to the Wi-Fi and try again. If it keeps happening, contact your helpdesk.',
  'error.reference': 'Reference: {id}',
  'error.formExpired': 'This form has expired. Go back, reload the page and try again.',
  'error.otherUser': 'Someone else already signed in for this connection. Reconnect to the Wi-Fi to start again.',
  'error.signInFailed': 'Sign-in did not complete. Go back to the portal and sign in again.',
  'error.certificate': 'Your device certificate could not be verified. Contact your helpdesk.',
} as const satisfies Record<string, string>;

/** Every UI key, with the English text as the shape; other languages must have exactly these keys. */
export type UiKey = keyof typeof en;
export type UiStrings = { readonly [K in UiKey]: string };
