import { loadConfigWith, type Config } from './config/config.js';
import { providerPlugins } from './providers/registry.js';

export { ConfigError, type Config } from './config/config.js';

/**
 * Reads the environment into a `Config` with every registered compliance provider's
 * settings schema (composition layer: the only place that knows both the config and the
 * provider registry). Throws ConfigError naming every bad or missing key.
 */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  return loadConfigWith(env, providerPlugins);
}
