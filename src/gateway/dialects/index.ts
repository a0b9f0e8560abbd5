import type { Dialect } from './dialect.js';
import { nativeDialect } from './native/index.js';
import { openNdsDialect } from './opennds/index.js';
import { radiusDialect } from './radius/index.js';

/**
 * Every gateway dialect Vestibule speaks, by the name GATEWAYS_FILE uses. Adding one is a
 * folder under src/gateway/dialects/ and a line here; test/gateway/dialect-contract.test.ts
 * then runs the contract cases against it (and fails until it has a fixture there).
 */
export const DIALECTS: ReadonlyMap<string, Dialect> = new Map<string, Dialect>([
  [nativeDialect.name, nativeDialect],
  [openNdsDialect.name, openNdsDialect],
  [radiusDialect.name, radiusDialect],
]);

/** The dialect an unknown gateway id is answered with, so it fails exactly like a bad signature. */
export const DEFAULT_DIALECT = nativeDialect;
