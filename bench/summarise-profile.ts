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
const selfTime = new Map<string, number>();
const inclusive = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, index) => {
  const dt = profile.timeDeltas[index] ?? 0;
  total += dt;
  const node = byId.get(id)!;
  const name = `${node.callFrame.functionName || '(anonymous)'}  ${where(node)}:${node.callFrame.lineNumber + 1}`;
  selfTime.set(name, (selfTime.get(name) ?? 0) + dt);
  // Inclusive by file/package: count each once per sample.
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const key = where(byId.get(at)!);
    if (!seen.has(key)) {
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + dt);
    }
  }
});
const print = (title: string, map: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}`);
  }
};
print('self time by function', selfTime);
print('inclusive time by package / source file', inclusive);
