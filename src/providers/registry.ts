import { ConfigError } from '../config/config.js';
import { intunePlugin } from './intune/intune-plugin.js';
import { localPlugin } from './local/local-plugin.js';
import type { ProviderPlugin } from './provider-plugin.js';

/**
 * Every compliance provider Vestibule can run, by the name COMPLIANCE_PROVIDER takes.
 * A new backend (e.g. Cisco ISE's MDM API) is one folder under src/providers/ and one line here.
 */
export const providerPlugins: ReadonlyMap<string, ProviderPlugin<unknown>> = new Map<string, ProviderPlugin<unknown>>([
  ['local', localPlugin],
  ['intune', intunePlugin],
]);

/** The plug-in registered as `name`. Throws ConfigError naming the known providers otherwise. */
export function providerPlugin(name: string): ProviderPlugin<unknown> {
  const plugin = providerPlugins.get(name);
  if (!plugin) throw new ConfigError(`COMPLIANCE_PROVIDER: unknown provider "${name}"; known providers: ${[...providerPlugins.keys()].join(', ')}`);
  return plugin;
}
