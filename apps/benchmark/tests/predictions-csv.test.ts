// predictions.csv in chunks (record/write-record.ts predictionsCsvChunks): whole lines per
// chunk, the concatenation independent of the chunk size, and the file parsed back
// (report/read-record.ts) gives every chosen cell's test predictions and labels.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { predictionsCsvChunks } from '../src/record/write-record.ts';
import { pickRows, testView } from '../src/record/test-view.ts';
import { parsePredictionsCsv } from '../src/report/read-record.ts';
import { runBench } from '../src/runner/run-bench.ts';

const dir = mkdtempSync(join(tmpdir(), 'clvlab-predictions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('predictionsCsvChunks', () => {
  it('writes whole lines per chunk; any chunk size gives the same text, which parses back to the cells', async () => {
    const run = await runBench({
      datasets: ['synthetic'],
      models: ['historical-rate', 'rfm-segment'],
      seeds: 2,
      tune: 1,
      workers: 1,
      cellTimeoutMs: 0,
      out: join(dir, 'run'),
      datasetOptions: { customers: 400 },
      interactive: false,
      log: () => undefined,
    });
    const whole = [...predictionsCsvChunks(run)];
    expect(whole).toHaveLength(1); // fewer lines than one default chunk
    const small = [...predictionsCsvChunks(run, 7)];
    expect(small.join('')).toBe(whole[0]);
    expect(small.length).toBeGreaterThan(20);
    for (const [i, chunk] of small.entries()) {
      expect(chunk.endsWith('\n')).toBe(true);
      if (i < small.length - 1) expect(chunk.split('\n')).toHaveLength(8);
    }
    const parsed = parsePredictionsCsv(whole[0]);
    expect(parsed).toHaveLength(4);
    const ds = run.datasets[0];
    for (const c of run.cells.filter((x) => x.chosen)) {
      const view = testView(ds.payload, run.folds[ds.id][c.seed - 1]);
      const p = parsed.find((s) => s.model === c.model.name && s.seed === c.seed)!;
      expect(Array.from(p.predicted)).toEqual(Array.from(pickRows(c.stored.value, view.rows)));
      expect(Array.from(p.actual)).toEqual(Array.from(view.actual));
    }
  }, 60_000);
});
