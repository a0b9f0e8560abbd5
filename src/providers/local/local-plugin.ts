import { z } from 'zod';
import { reportMissing } from '../../config/config-support.js';
import type { ProviderPlugin } from '../provider-plugin.js';
import { createLocalProvider } from './create-local-provider.js';
import { evaluateDevice } from './evaluate-device.js';
import { loadPolicyFile } from './policy-schema.js';
import { readInventoryFile, seedInventory } from './seed-inventory.js';

/** Demo files and key shipped in config/demo/; development only. */
const DEMO = {
  inventory: './config/demo/inventory.json',
  policy: './config/demo/policy.json',
  inventoryApiKey: 'demo-inventory-key-for-development-only-0000',
};

const env = z.object({
  LOCAL_INVENTORY_FILE: z.string().optional().describe('Local provider: device inventory file, loaded into the store at start.'),
  LOCAL_POLICY_FILE: z.string().optional().describe('Local provider: compliance policies per platform.'),
  INVENTORY_API_KEY: z
    .string()
    .min(32, 'must be at least 32 characters')
    .optional()
    .describe('Bearer key for the inventory ingest API; the API is off when unset. At least 32 characters.'),
});

/** The local provider's settings, from LOCAL_INVENTORY_FILE, LOCAL_POLICY_FILE and INVENTORY_API_KEY. */
export interface LocalSettings {
  inventoryFile: string;
  policyFile: string;
  /** Unset: no ingest API. */
  inventoryApiKey: string | undefined;
}

/** `local`: inventory in the store (seeded from a file, kept current by the ingest API), policies from a file. */
export const localPlugin: ProviderPlugin<LocalSettings> = {
  env,
  settings: ({ devMode }) =>
    env.transform((e, ctx): LocalSettings => {
      const file = (value: string | undefined, key: string, demo: string) => {
        if (value) return value;
        if (!devMode) reportMissing(ctx, key);
        return demo;
      };
      return {
        inventoryFile: file(e.LOCAL_INVENTORY_FILE, 'LOCAL_INVENTORY_FILE', DEMO.inventory),
        policyFile: file(e.LOCAL_POLICY_FILE, 'LOCAL_POLICY_FILE', DEMO.policy),
        inventoryApiKey: e.INVENTORY_API_KEY ?? (devMode ? DEMO.inventoryApiKey : undefined),
      };
    }),
  check(settings) {
    loadPolicyFile(settings.policyFile);
    readInventoryFile(settings.inventoryFile);
  },
  async create(settings, { stores, logger, now }) {
    const clock = now ?? Date.now;
    const policy = loadPolicyFile(settings.policyFile);
    const local = createLocalProvider({ stores, policy, now });
    // Devices stored before the user/identifier indexes existed get them once.
    await local.inventory.reindexOnce();
    const { loaded } = await seedInventory(settings.inventoryFile, local.inventory, stores, clock());
    if (loaded > 0) logger.info({ devices: loaded, file: settings.inventoryFile }, 'inventory file loaded into the store');
    return {
      provider: local,
      routes: settings.inventoryApiKey ? [{ api: 'inventory', path: '/api/v1/inventory', inventory: local.inventory, apiKey: settings.inventoryApiKey }] : [],
      demoDevices: () => readInventoryFile(settings.inventoryFile, clock()).devices,
      demoEvaluate: (device) => evaluateDevice(device, policy, clock()),
      close() {},
    };
  },
};
