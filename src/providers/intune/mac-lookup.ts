import { normaliseMac } from '../../core/device/mac-address.js';
import type { LookupResult, ManagedDevice } from '../../core/compliance/types.js';
import type { DeviceReader } from './device-reader.js';
import type { MacIndex } from './mac-index.js';
import type { Operation } from './operation-budget.js';

/** More candidates than this for one MAC is a data problem; reading them all helps nobody. */
const MAX_CANDIDATES = 10;

/**
 * MAC → device through the shared index, then each candidate is re-read and kept only if
 * its Wi-Fi or wired MAC still equals the address (the index may lag behind Graph).
 * Two real matches are reported as ambiguous, never as "the first one".
 */
export async function findByMac(index: MacIndex, reader: DeviceReader, input: string, op: Operation): Promise<LookupResult> {
  const mac = normaliseMac(input);
  if (!mac) return { kind: 'notFound' };
  const candidates = (await index.lookup(mac, op)).slice(0, MAX_CANDIDATES);
  const devices = await Promise.all(candidates.map((id) => reader.read(id, op)));
  const matches = devices.filter(
    (device): device is ManagedDevice => device !== undefined && (device.wiFiMacAddress === mac || device.ethernetMacAddress === mac),
  );
  const [first] = matches;
  if (!first) return { kind: 'notFound' };
  if (matches.length > 1) return { kind: 'ambiguous', deviceIds: matches.map((d) => d.id).sort() };
  return { kind: 'found', device: first };
}
