// Test helper: runs tests/networkx-reference.py (python3 + networkx) on an edge file and
// returns its values per node label, and compares them with ours to a relative tolerance.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Graph } from '../src/index.ts';

export interface NxRequest {
  edges: string;
  directed?: boolean;
  weighted?: boolean;
  header?: boolean;
  nodes?: string[];
  metrics: string[];
  subset?: string[];
  pivots?: string[];
  personalization?: Record<string, number>;
  /** PageRank damping and tolerance (networkx's alpha and tol). */
  alpha?: number;
  tol?: number;
}

export function networkx(req: NxRequest): Record<string, Record<string, number>> {
  const script = fileURLToPath(new URL('./networkx-reference.py', import.meta.url));
  const r = spawnSync('python3', [script], { input: JSON.stringify(req), encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`networkx reference failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, Record<string, number>>;
}

/** Largest relative difference |ours − nx| / max(|nx|, floor) over the labels nx returned. */
export function maxRelativeDiff(graph: Graph, ours: Float64Array, ref: Record<string, number>, floor = 1e-12): number {
  const index = new Map(graph.labels.map((l, i) => [l, i]));
  let worst = 0;
  let n = 0;
  for (const [label, v] of Object.entries(ref)) {
    const i = index.get(label);
    if (i === undefined) throw new Error(`networkx node ${label} missing from our graph`);
    worst = Math.max(worst, Math.abs(ours[i] - v) / Math.max(Math.abs(v), floor));
    n++;
  }
  if (n === 0) throw new Error('no reference values');
  return worst;
}

/** Writes `src dst [w]` lines to a temp file and returns its path. */
export function writeEdges(src: ArrayLike<number>, dst: ArrayLike<number>, weight?: ArrayLike<number>): string {
  const lines: string[] = [];
  for (let e = 0; e < src.length; e++) lines.push(weight ? `${src[e]} ${dst[e]} ${weight[e]}` : `${src[e]} ${dst[e]}`);
  const dir = mkdtempSync(join(tmpdir(), 'social-graph-'));
  const path = join(dir, 'edges.txt');
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}
