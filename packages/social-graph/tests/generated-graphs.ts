// Test helper: small seeded graphs of the shapes the networkx comparisons need (undirected,
// directed with dangling and isolated nodes, disconnected, weighted), each written to an edge
// file for networkx and built in-memory for us with the same node labels.
import { createRng } from '@clvlab/core';
import { buildGraph, type Graph } from '../src/index.ts';
import { writeEdges } from './networkx.ts';

export interface Case {
  readonly name: string;
  readonly graph: Graph;
  readonly file: string;
  readonly directed: boolean;
  readonly weighted: boolean;
  readonly nodes: string[];
}

function makeCase(name: string, n: number, src: number[], dst: number[], directed: boolean, weight?: number[]): Case {
  const nodes = Array.from({ length: n }, (_, i) => String(i));
  const graph = buildGraph(
    { src: Int32Array.from(src), dst: Int32Array.from(dst), weight: weight ? Float64Array.from(weight) : null },
    { nodes, directed },
  );
  return { name, graph, file: writeEdges(src, dst, weight), directed, weighted: Boolean(weight), nodes };
}

/** The generated cases, deterministic for a seed. */
export function generatedCases(seed = 7): Case[] {
  const rng = createRng(seed);
  const cases: Case[] = [];
  // Undirected, with a self-loop and a repeated edge (in both orientations).
  {
    const n = 300,
      src: number[] = [],
      dst: number[] = [];
    for (let e = 0; e < 900; e++) {
      src.push(rng.int(n));
      dst.push(rng.int(n));
    }
    src.push(5, 6, 7);
    dst.push(5, 7, 6);
    cases.push(makeCase('undirected', n, src, dst, false));
  }
  // Directed: nodes 250..279 never link out (dangling), 280..299 are isolated.
  {
    const n = 300,
      src: number[] = [],
      dst: number[] = [];
    for (let e = 0; e < 1200; e++) {
      src.push(rng.int(250));
      dst.push(rng.int(280));
    }
    src.push(3);
    dst.push(3);
    cases.push(makeCase('directed-dangling', n, src, dst, true));
  }
  // Disconnected undirected: three blocks (0..99 ring + chords, 100..179 random, 180..199 a path).
  {
    const n = 200,
      src: number[] = [],
      dst: number[] = [];
    for (let i = 0; i < 100; i++) {
      src.push(i);
      dst.push((i + 1) % 100);
      src.push(i);
      dst.push(rng.int(100));
    }
    for (let e = 0; e < 200; e++) {
      src.push(100 + rng.int(80));
      dst.push(100 + rng.int(80));
    }
    for (let i = 180; i < 199; i++) {
      src.push(i);
      dst.push(i + 1);
    }
    cases.push(makeCase('disconnected', n, src, dst, false));
  }
  // Weighted, undirected and directed (weights 0.5..5, one zero weight).
  for (const directed of [false, true]) {
    const n = 250,
      src: number[] = [],
      dst: number[] = [],
      w: number[] = [];
    for (let e = 0; e < 1000; e++) {
      src.push(rng.int(n));
      dst.push(rng.int(n));
      w.push(0.5 + Math.round(rng.next() * 45) / 10);
    }
    w[10] = 0;
    cases.push(makeCase(directed ? 'weighted-directed' : 'weighted-undirected', n, src, dst, directed, w));
  }
  return cases;
}
