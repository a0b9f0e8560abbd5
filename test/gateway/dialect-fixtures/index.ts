import type { DialectFixture } from './fixture.js';
import { nativeFixture } from './native.js';
import { openNdsFixture } from './opennds.js';
import { radiusFixture } from './radius.js';

/** One fixture per registered dialect, by dialect name. A dialect without one fails the contract suite. */
export const DIALECT_FIXTURES: Record<string, DialectFixture> = {
  native: nativeFixture,
  opennds: openNdsFixture,
  radius: radiusFixture,
};
