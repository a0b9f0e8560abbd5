/**
 * Prints where a V8 CPU profile (`node --cpu-prof`, e.g. `npm run bench -- compare
 * --profile`) spent its time: self time by function, and total (inclusive) time by
 * package/file, so a hot path's costs can be compared without opening DevTools.
 *
 *   npx tsx bench/summarise-profile.ts bench-profiles/CPU.*.cpuprofile [top]
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error('usage: summarise-profile.ts <file.cpuprofile> [top]');
const top = Number(topArg ?? 30);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

const where = (node: Node) => {
  const url = node.callFrame.url.replace(/^file:\/\//, '');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  return pkg ?? (url.includes('/src/') ? url.slice(url.indexOf('/src/') + 1) : url || '(native)');
};
const nameOf = (node: Node) => `${node.callFrame.functionName || '(anonymous)'}  ${where(node)}:${node.callFrame.lineNumber + 1}`;
const selfTime = new Map<string, number>();
const inclusive = new Map<string, number>();
const inclusiveByFunction = new Map<string, number>();
const charged = new Map<string, number>();
// Node's internals and native code are charged to the nearest caller in our code or a package,
// so e.g. the setHeader calls of a middleware count as that middleware's cost.
const isOwner = (node: Node) => /node_modules\/|\/src\/|\/bench\//.test(node.callFrame.url);
// Percentages are of busy time: a target idles while the runner measures the bare side.
let total = 0;
const addOnce = (map: Map<string, number>, seen: Set<string>, key: string, dt: number) => {
  if (seen.has(key)) return;
  seen.add(key);
  map.set(key, (map.get(key) ?? 0) + dt);
};
profile.samples.forEach((id, index) => {
  const dt = profile.timeDeltas[index] ?? 0;
  const node = byId.get(id)!;
  if (node.callFrame.functionName === '(idle)') return;
  total += dt;
  selfTime.set(nameOf(node), (selfTime.get(nameOf(node)) ?? 0) + dt);
  let owner: number | undefined = id;
  while (owner !== undefined && !isOwner(byId.get(owner)!)) owner = parent.get(owner);
  const ownerKey = owner === undefined ? `(node) ${nameOf(node)}` : where(byId.get(owner)!);
  charged.set(ownerKey, (charged.get(ownerKey) ?? 0) + dt);
  // Inclusive: each file/package and each function counted once per sample (recursion).
  const seenFiles = new Set<string>();
  const seenFunctions = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    addOnce(inclusive, seenFiles, where(byId.get(at)!), dt);
    addOnce(inclusiveByFunction, seenFunctions, nameOf(byId.get(at)!), dt);
  }
});
const print = (title: string, map: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}`);
  }
};
print('self time by function (% of busy time)', selfTime);
print('self time by package / source file, with the node internals each one called', charged);
print('inclusive time by package / source file', inclusive);
print('inclusive time by function', inclusiveByFunction);
