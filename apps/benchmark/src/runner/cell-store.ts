// Finished benchmark cells on disk: one JSON file per cell under <run>/cells/, named by the
// cell key, written atomically (temp + rename). The key is a SHA-256 over everything that
// determines the cell's numbers — dataset id and source hash, split, the model's fully
// resolved config, the seed and the code version — so a re-run reuses exactly the cells that
// would come out the same, and after `kill -9` finishes only the missing ones.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stableStringify } from '@clvlab/core';
import { writeFileAtomic } from '@clvlab/core/node';

/** The identity of a cell; every field feeds the key. */
export interface CellIdentity {
  readonly dataset: string;
  readonly datasetHash: string;
  readonly model: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly seed: number;
  readonly codeVersion: string;
  /** Share of the train fold the model trained on, when below 1 (a successive-halving rung). */
  readonly trainFraction?: number;
  /** sha256 of a plugin model's file (`bench --plugin`): a changed plugin never reuses a cell. */
  readonly plugin?: string;
}

/** A finished cell as stored: identity, timing, model info and predictions per cohort customer. */
export interface StoredCell {
  readonly key: string;
  readonly identity: CellIdentity;
  readonly value: readonly number[];
  readonly repurchase: readonly number[];
  readonly info: Readonly<Record<string, unknown>>;
  readonly embedding?: { readonly dim: number; readonly base64: string };
  readonly timing: {
    readonly wallMs: number;
    readonly cpuMs: number;
    readonly cpuScope: string;
    readonly peakHeapBytes: number;
    readonly worker: number;
    readonly finishedAt: string;
  };
  readonly backend: string;
}

/** The hex SHA-256 key of a cell (first 32 hex digits). */
export function cellKey(id: CellIdentity): string {
  return createHash('sha256').update(stableStringify(id)).digest('hex').slice(0, 32);
}

export class CellStore {
  readonly dir: string;

  constructor(runDir: string) {
    this.dir = join(runDir, 'cells');
    mkdirSync(this.dir, { recursive: true });
  }

  private path(key: string): string {
    return join(this.dir, `${key}.json`);
  }

  /** The stored cell for `key`, or null when absent (or unreadable, which a rename cannot leave). */
  read(key: string): StoredCell | null {
    const p = this.path(key);
    if (!existsSync(p)) return null;
    try {
      const cell = JSON.parse(readFileSync(p, 'utf8')) as StoredCell;
      return cell.key === key ? cell : null;
    } catch {
      return null;
    }
  }

  /** Writes a finished cell atomically. */
  write(cell: StoredCell): void {
    writeFileAtomic(this.path(cell.key), JSON.stringify(cell));
  }
}

/** Float32 embedding <-> base64 of its little-endian bytes (compact and exact in JSON). */
export function encodeEmbedding(data: Float32Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
}

export function decodeEmbedding(base64: string): Float32Array {
  const b = Buffer.from(base64, 'base64');
  const out = new Float32Array(b.byteLength / 4);
  new Uint8Array(out.buffer).set(b);
  return out;
}
