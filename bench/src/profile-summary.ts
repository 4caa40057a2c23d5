/** Reads V8 .cpuprofile files (the profile suite's): shares of samples by function, self and inclusive. */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
}

/** A function's share of all samples, in per cent. */
export interface Share {
  frame: string;
  percent: number;
}

export interface ProfileSummary {
  /** Samples the thread was not idle in, in per cent (V8 samples wall time: a thread waiting for a core counts as busy). */
  busyPercent: number;
  /** Functions by the samples spent in them alone. */
  self: Share[];
  /** The repository's own functions by the samples spent in them and what they called. */
  ownInclusive: Share[];
}

/** The built workspaces' files: gateway/dist, and packages, services and modules' <name>/dist. */
const OWN_CODE = /\/(gateway|(packages|services|modules)\/[^/]+)\/dist\//;

function frameName({ callFrame }: ProfileNode): string {
  const file = callFrame.url.replace(/^.*node_modules\//, '').replace(/^.*?\/((gateway|packages|services|modules)\/)/, '$1');
  return `${callFrame.functionName || '(anonymous)'} ${file}${file ? `:${callFrame.lineNumber + 1}` : ''}`;
}

const top = (counts: Map<string, number>, total: number, count: number): Share[] =>
  [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([frame, samples]) => ({ frame, percent: (100 * samples) / total }));

export function summariseProfile(file: string, count: number): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let idle = 0;
  for (const sample of profile.samples) {
    const node = byId.get(sample)!;
    if (node.callFrame.functionName === '(idle)') idle++;
    const name = frameName(node);
    self.set(name, (self.get(name) ?? 0) + 1);
    // Each own function once per sample, however deep it recurses.
    const seen = new Set<string>();
    for (let id: number | undefined = sample; id !== undefined; id = parentOf.get(id)) {
      const frame = byId.get(id)!;
      if (OWN_CODE.test(frame.callFrame.url)) seen.add(frameName(frame));
    }
    for (const name of seen) inclusive.set(name, (inclusive.get(name) ?? 0) + 1);
  }
  const total = profile.samples.length;
  return { busyPercent: (100 * (total - idle)) / total, self: top(self, total, count), ownInclusive: top(inclusive, total, count) };
}
