import type { z } from 'zod';
import type { ComplianceProvider, Evaluation } from '../core/compliance/types.js';
import type { Stores } from '../core/store/types.js';
import type { InventoryDevice } from './local/inventory-schema.js';
import type { InventoryRepository } from './local/inventory-repository.js';

/** What the composition root hands every provider factory. */
export interface ProviderDeps {
  stores: Stores;
  logger: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
  /** Wall clock in epoch ms (tests move it by hand). */
  now?: (() => number) | undefined;
}

/**
 * An extra HTTP API a provider brings, declared as data: the provider layer does not know
 * express, the composition root (src/build-vestibule.ts) mounts the router for `api` at `path`.
 */
export type ProviderRoute = { api: 'inventory'; path: string; inventory: InventoryRepository; apiKey: string };

/** A running provider and what comes with it. */
export interface ProviderInstance {
  provider: ComplianceProvider;
  /** Extra APIs to mount (e.g. the local inventory ingest API). */
  routes: ProviderRoute[];
  /** Devices the development demo page offers one button each for (local: the inventory file). */
  demoDevices?: () => InventoryDevice[];
  /** How the backend judges a demo device now, so the demo card can be named by its outcome. */
  demoEvaluate?: (device: InventoryDevice) => Pick<Evaluation, 'complianceState' | 'reasons'>;
  /** Stops timers and background work; the stores are closed by their owner. */
  close(): void;
}

/**
 * One compliance backend as a plug-in: the environment keys it reads (documented, with
 * their defaults: the source of docs/configuration.md), how those become its settings, and
 * a factory. Registered by name in src/providers/registry.ts.
 */
export interface ProviderPlugin<S> {
  /** The environment keys this provider reads; each with `.describe()` (its doc line) and its default. */
  readonly env: z.ZodObject;
  /**
   * The environment → settings. Reports each required and unset key with `reportMissing`
   * (src/config-support.ts); development may fill demo defaults, production never does.
   */
  settings(mode: { devMode: boolean }): z.ZodType<S>;
  /**
   * Reads and checks the files the settings name (policy, inventory, certificate) without
   * the store. Called before the store is opened, so a bad file stops the start at once
   * even while the store is still unreachable (only that is waited for). Throws ConfigError.
   */
  check(settings: S): void;
  /** Builds the provider. Throws ConfigError when a file its settings name is unusable. */
  create(settings: S, deps: ProviderDeps): Promise<ProviderInstance>;
}
