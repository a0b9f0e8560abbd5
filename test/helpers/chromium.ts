import { accessSync, constants } from 'node:fs';
import { chromium, type Browser, type BrowserContextOptions } from 'playwright-core';

/** The Debian package's browser. Tests never download one. */
export const CHROMIUM_PATH = process.env.TEST_CHROMIUM_PATH ?? '/usr/bin/chromium';

const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/** An iPhone's Safari, as the portal sees it. */
export const IPHONE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

/** A small phone with JavaScript off: the captive-portal mini-browser at its most limited. */
export function phoneContext(width = 360, extra: BrowserContextOptions = {}): BrowserContextOptions {
  return {
    viewport: { width, height: 740 },
    userAgent: IPHONE_UA,
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 1,
    javaScriptEnabled: false,
    locale: 'en-US',
    ...extra,
  };
}

/** True when the Chromium binary exists and is executable. */
export function chromiumAvailable(path = CHROMIUM_PATH): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether browser suites run. Under CI=true Chromium is mandatory: a missing browser fails
 * the run instead of quietly skipping. Elsewhere a skip is announced loudly.
 */
export function browserSuiteEnabled(suite: string): boolean {
  if (chromiumAvailable()) return true;
  if (process.env.CI === 'true') throw new Error(`${suite}: Chromium at ${CHROMIUM_PATH} is required when CI=true`);
  console.warn(
    `\n!!! SKIPPED ${suite}: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set TEST_CHROMIUM_PATH; CI=true makes this a failure) !!!\n`,
  );
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: LAUNCH_ARGS });
}
