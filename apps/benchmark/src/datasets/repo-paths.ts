// Where the repository and the shared data folder are, independent of the working directory:
// the repository root is three levels above this file (apps/benchmark/src/datasets), and real
// datasets live beside the repository in ../shared/data (never copied into it).
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';

/** Absolute path of the repository root. */
export function repoRoot(): string {
  return resolve(fileURLToPath(new URL('../../../../', import.meta.url)));
}

/** Absolute path of the shared data folder (`../shared/data` relative to the repository root). */
export function sharedDataDir(): string {
  return process.env.CLVLAB_DATA_DIR ? resolve(process.env.CLVLAB_DATA_DIR) : join(repoRoot(), '..', 'shared', 'data');
}
