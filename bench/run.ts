/**
 * `npm run bench [-- <command> [options]]` — speed goals live here, never in tests.
 *
 *   compare      bare express 5 vs Vestibule per hot path, closed loop (wrk), ratios and p99
 *   open-loop    fixed request rate, latency percentiles without coordinated omission
 *   memory       RSS per held long-poll vs a bare express request held by a timer
 *   storm        the morning storm: N phones through the whole portal flow
 *   bulk         the local provider's non-compliant listing at 100k devices
 *
 * Without a command: a short comparison on SQLite (1 pair of 2 s per path).
 * Every command prints; none fails on a number. All traffic stays on 127.0.0.1.
 */
import { parseArgs } from 'node:util';
import { parseBaseline } from './lib/target-pair.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    stores: { type: 'string' },
    rounds: { type: 'string' },
    seconds: { type: 'string' },
    connections: { type: 'string' },
    only: { type: 'string' },
    rate: { type: 'string' },
    waiters: { type: 'string' },
    phones: { type: 'string' },
    ramp: { type: 'string' },
    devices: { type: 'string' },
    profile: { type: 'boolean' },
    baseline: { type: 'string' },
  },
});
const command = positionals[0] ?? 'quick';
const number = (value: string | undefined, fallback: number) => (value === undefined ? fallback : Number(value));
const stores = (fallback: string) => (values.stores ?? fallback).split(',');
// --profile writes a CPU profile of the Vestibule target (open it in Chrome DevTools).
const nodeFlags = values.profile ? ['--cpu-prof', '--cpu-prof-dir=bench-profiles'] : [];

switch (command) {
  case 'quick':
  case 'compare': {
    const { compare } = await import('./compare.js');
    const quick = command === 'quick';
    await compare({
      stores: stores(quick ? 'sqlite' : 'sqlite,redis'),
      rounds: number(values.rounds, quick ? 1 : 5),
      seconds: number(values.seconds, quick ? 2 : 5),
      connections: number(values.connections, 64),
      only: values.only,
      nodeFlags,
      baseline: parseBaseline(values.baseline),
    });
    break;
  }
  case 'open-loop': {
    const { openLoop } = await import('./open-loop.js');
    await openLoop({ stores: stores('sqlite,redis'), rate: number(values.rate, 2000), seconds: number(values.seconds, 10), only: values.only, nodeFlags });
    break;
  }
  case 'memory': {
    const { longPollMemory } = await import('./long-poll-memory.js');
    await longPollMemory({ stores: stores('sqlite'), waiters: number(values.waiters, 10_000) });
    break;
  }
  case 'storm': {
    const { morningStorm } = await import('./morning-storm.js');
    await morningStorm({ stores: stores('sqlite,redis'), phones: number(values.phones, 2000), rampSeconds: number(values.ramp, 60), nodeFlags });
    break;
  }
  case 'bulk': {
    const { bulkListing } = await import('./local-bulk.js');
    await bulkListing({ stores: stores('sqlite'), devices: number(values.devices, 100_000) });
    break;
  }
  default:
    console.error(`unknown bench command "${command}": use compare, open-loop, memory, storm or bulk`);
    process.exitCode = 2;
}
process.exit();
