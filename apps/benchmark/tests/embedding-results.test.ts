// The embedding probe and look-alike rows of the record (embedding-results.ts) on a real
// synthetic log: an "embedding" that IS the standardised RFM matrix must score exactly what the
// RFM probe scores (the two paths agree), and an embedding of pure noise must not beat it.
import { describe, expect, it } from 'vitest';
import { createRng } from '@clvlab/core';
import { rfmFeatures } from '@clvlab/features';
import { Fold } from '@clvlab/sessions';
import { encodeEmbedding } from '../src/runner/cell-store.ts';
import { syntheticPayload } from './synthetic-payload.ts';
import { embeddingResults } from '../src/record/embedding-results.ts';

describe('embeddingResults', () => {
  it('gives the RFM probe numbers for an RFM embedding, and less for noise', () => {
    const payload = syntheticPayload(600);
    const p = payload;
    const n = p.split.customers.length;
    const rfm = rfmFeatures(payload, p.split.score.featureEnd);
    const slog = (x: number): number => Math.sign(x) * Math.log1p(Math.abs(x));
    const train = Array.from(p.split.fold.keys()).filter((r) => p.split.fold[r] === Fold.train);
    const same = new Float32Array(n * 4);
    [rfm.recency, rfm.frequency, rfm.monetary, rfm.tenure].forEach((col, j) => {
      const v = train.map((r) => slog(col[r]));
      const mean = v.reduce((a, b) => a + b, 0) / v.length;
      const sd = Math.sqrt(Math.max(1e-12, v.reduce((a, b) => a + b * b, 0) / v.length - mean * mean));
      for (let r = 0; r < n; r++) same[r * 4 + j] = (slog(col[r]) - mean) / sd;
    });
    const rng = createRng(9);
    const noise = Float32Array.from({ length: n * 8 }, () => rng.normal());
    const rows = embeddingResults(
      payload,
      [
        { model: 'rfm-as-embedding', seed: 1, embedding: { dim: 4, base64: encodeEmbedding(same) } },
        { model: 'noise', seed: 1, embedding: { dim: 8, base64: encodeEmbedding(noise) } },
        { model: 'no-embedding', seed: 1 },
      ],
      () => p.split.fold,
    );
    expect(rows.map((r) => r.model)).toEqual(['rfm-as-embedding', 'noise']);
    const [a, b] = rows;
    // float32 storage of the embedding: equal to the RFM probe up to rounding
    expect(Math.abs(a.probeGini - a.rfmProbeGini)).toBeLessThan(1e-3);
    expect(Math.abs(a.probeAuc - a.rfmProbeAuc)).toBeLessThan(1e-3);
    expect(a.rfmProbeGini).toBeGreaterThan(0.3);
    expect(b.probeGini).toBeLessThan(a.rfmProbeGini - 0.2);
    for (const r of rows) expect(r.liftLower <= r.lift && r.lift <= r.liftUpper).toBe(true);
  });
});
