// Embeddings that earn their keep (issue 14 §4): for every model that exported customer
// embeddings, on the first seed's folds,
//   (a) a linear probe (@clvlab/decisions linearProbe: ridge fitted on the TRAIN fold, scored on
//       TEST) for holdout value (normalized Gini) and repurchase (AUC), next to the same probe on
//       the RFM features (the history kernel's recency, frequency, monetary, tenure, signed log1p);
//   (b) look-alike lift (decisions lookalikeLift): the top 10% of train customers by holdout value
//       as seeds, the test customers most cosine-similar to a seed against as many random ones:
//       mean holdout value ratio with a bootstrap interval — in embedding space and in RFM space.
// The runner computes these from the unsealed split; no model sees them.
import { linearProbe, lookalikeLift } from '@clvlab/decisions';
import { rfmColumns } from '@clvlab/features';
import { Fold } from '@clvlab/sessions';
import type { RecordPayload } from '../runner/cell-protocol.ts';
import { decodeEmbedding } from '../runner/cell-store.ts';

export interface EmbeddingRow {
  readonly dataset: string;
  readonly model: string;
  readonly seed: number;
  readonly dim: number;
  readonly probeGini: number;
  readonly probeAuc: number;
  readonly rfmProbeGini: number;
  readonly rfmProbeAuc: number;
  readonly lift: number;
  readonly liftLower: number;
  readonly liftUpper: number;
  readonly rfmLift: number;
}

/** What embeddingResults needs of a chosen cell. */
export interface EmbeddingCell {
  readonly model: string;
  readonly seed: number;
  readonly embedding?: { readonly dim: number; readonly base64: string };
}

const slog = (x: number): number => Math.sign(x) * Math.log1p(Math.abs(x));

/** Probe and look-alike rows of one dataset's first seed (see header); [] when no model has embeddings. */
export function embeddingResults(
  payload: RecordPayload,
  cells: readonly EmbeddingCell[],
  foldOf: (seed: number) => Uint8Array,
): EmbeddingRow[] {
  const withEmbedding = cells.filter((c) => c.embedding);
  if (withEmbedding.length === 0) return [];
  const seed = Math.min(...withEmbedding.map((c) => c.seed));
  const fold = foldOf(seed);
  const rows = (f: number): Int32Array => Int32Array.from(Array.from(fold.keys()).filter((r) => fold[r] === f));
  const train = rows(Fold.train),
    test = rows(Fold.test);
  const { target, repurchase } = payload.split.score;
  const rfm = rfmColumns(
    payload.log,
    payload.offsets,
    payload.split.customers,
    payload.split.start,
    payload.split.score.featureEnd,
  );
  const n = payload.split.customers.length;
  const rfmMatrix = new Float64Array(n * 4);
  // signed log1p, then standardised with the TRAIN fold's mean and sd (cosine similarity in raw
  // RFM units would be near 1 for everyone: all four columns are positive)
  [rfm.recency, rfm.frequency, rfm.monetary, rfm.tenure].forEach((col, j) => {
    let s = 0,
      s2 = 0;
    for (const r of train) {
      const v = slog(col[r]);
      s += v;
      s2 += v * v;
    }
    const mean = s / train.length,
      sd = Math.sqrt(Math.max(1e-12, s2 / train.length - mean * mean));
    for (let r = 0; r < n; r++) rfmMatrix[r * 4 + j] = (slog(col[r]) - mean) / sd;
  });
  const probes = (x: Float32Array | Float64Array, d: number) => ({
    value: linearProbe(x, d, target, train, test, { kind: 'value' }),
    repurchase: linearProbe(x, d, repurchase, train, test, { kind: 'repurchase' }),
  });
  const rfmProbe = probes(rfmMatrix, 4);
  const rfmLift = lookalikeLift(rfmMatrix, 4, target, train, test, { seed });
  const out: EmbeddingRow[] = [];
  for (const c of withEmbedding.filter((x) => x.seed === seed)) {
    const { dim, base64 } = c.embedding!;
    const e = decodeEmbedding(base64);
    if (e.length !== dim * n) continue; // an embedding not covering the cohort is not comparable
    const p = probes(e, dim);
    const lift = lookalikeLift(e, dim, target, train, test, { seed });
    out.push({
      dataset: payload.id,
      model: c.model,
      seed,
      dim,
      probeGini: p.value.normalizedGini,
      probeAuc: p.repurchase.auc,
      rfmProbeGini: rfmProbe.value.normalizedGini,
      rfmProbeAuc: rfmProbe.repurchase.auc,
      lift: lift.lift,
      liftLower: lift.lower,
      liftUpper: lift.upper,
      rfmLift: rfmLift.lift,
    });
  }
  return out;
}
