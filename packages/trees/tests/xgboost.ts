// Test (and benchmark) helper: runs tests/xgboost-reference.py with /usr/bin/python3 — Debian's
// python, whose dist-packages hold python3-xgboost 1.7.4 (the first python3 on PATH may be a
// pyenv one without it) — on float32 matrices written to a temp dir, and reads back XGBoost's
// test-fold margins and pred_contribs. A missing XGBoost is an error with the fix, never a skip.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeatureColumns } from '../src/index.ts';

export const SYSTEM_PYTHON = '/usr/bin/python3';

export interface XgbRun {
  readonly name: string;
  /** XGBoost parameters (tree_method, max_depth, eta, lambda, min_child_weight, objective, base_score, nthread…). */
  readonly params: Readonly<Record<string, number | string>>;
  readonly rounds: number;
  readonly label: Float64Array;
  readonly contribs?: boolean;
  /** pred_contribs for the first rows of the test matrix only (default: all). */
  readonly contribsRows?: number;
  /** Labels of the test matrix, watched for early stopping. */
  readonly validLabel?: Float64Array;
  readonly earlyStoppingRounds?: number;
}

export interface XgbResult {
  readonly margin: Float64Array;
  readonly contribs: Float64Array | null;
  readonly trainSeconds: number;
  /** CPU time of xgb.train over all its threads. */
  readonly trainCpuSeconds: number;
  readonly dmatrixSeconds: number;
  readonly bestIteration: number;
}

export interface XgbReply {
  readonly version: string;
  readonly runs: Readonly<Record<string, XgbResult>>;
}

/** Row-major little-endian float32 bytes of columns (NaN kept). */
function rowMajorF32(columns: FeatureColumns): Buffer {
  const n = columns[0].length,
    p = columns.length;
  const out = new Float32Array(n * p);
  for (let f = 0; f < p; f++) {
    const c = columns[f];
    for (let i = 0; i < n; i++) out[i * p + f] = c[i];
  }
  return Buffer.from(out.buffer);
}

function readF64(path: string): Float64Array {
  const b = readFileSync(path);
  return new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

/** Trains every run on `train` and predicts `test` with XGBoost; throws with the fix when it is not installed. */
export function xgboost(train: FeatureColumns, test: FeatureColumns, runs: readonly XgbRun[]): XgbReply {
  if (!existsSync(SYSTEM_PYTHON))
    throw new Error(`XGBoost reference: ${SYSTEM_PYTHON} does not exist; install Debian's python3 and python3-xgboost`);
  const dir = mkdtempSync(join(tmpdir(), 'trees-xgb-'));
  try {
    writeFileSync(join(dir, 'train.f32'), rowMajorF32(train));
    writeFileSync(join(dir, 'test.f32'), rowMajorF32(test));
    const reqRuns = runs.map((r, k) => {
      const label = join(dir, `run${k}.label`);
      writeFileSync(label, Buffer.from(Float64Array.from(r.label).buffer));
      let validLabel: string | undefined;
      if (r.validLabel) {
        validLabel = join(dir, `run${k}.valid`);
        writeFileSync(validLabel, Buffer.from(Float64Array.from(r.validLabel).buffer));
      }
      return {
        name: r.name,
        params: r.params,
        rounds: r.rounds,
        label,
        contribs: r.contribs ?? false,
        contribs_rows: r.contribsRows,
        valid_label: validLabel,
        early_stopping_rounds: r.earlyStoppingRounds,
      };
    });
    const request = {
      train: join(dir, 'train.f32'),
      test: join(dir, 'test.f32'),
      n_train: train[0].length,
      n_test: test[0].length,
      p: train.length,
      runs: reqRuns,
    };
    const script = fileURLToPath(new URL('./xgboost-reference.py', import.meta.url));
    const r = spawnSync(SYSTEM_PYTHON, [script], {
      input: JSON.stringify(request),
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    if (r.status === 3)
      throw new Error(
        `XGBoost reference unavailable: ${r.stderr.trim()} (apt-get install python3-xgboost; npm test installs it)`,
      );
    if (r.status !== 0) throw new Error(`XGBoost reference failed (exit ${r.status}): ${r.stderr || r.error?.message}`);
    const reply = JSON.parse(r.stdout) as {
      xgboost: string;
      runs: Record<
        string,
        {
          margin: string;
          contribs?: string;
          train_s: number;
          train_cpu_s: number;
          dmatrix_s: number;
          best_iteration: number;
        }
      >;
    };
    const results: Record<string, XgbResult> = {};
    for (const [name, v] of Object.entries(reply.runs)) {
      results[name] = {
        margin: readF64(v.margin),
        contribs: v.contribs ? readF64(v.contribs) : null,
        trainSeconds: v.train_s,
        trainCpuSeconds: v.train_cpu_s,
        dmatrixSeconds: v.dmatrix_s,
        bestIteration: v.best_iteration,
      };
    }
    return { version: reply.xgboost, runs: results };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
