// `clvlab rfm` (docs/architecture.md §CLI): RFM features, quartile tiers, named segment and lifecycle stage
// of every cohort customer of a prepared dataset, computed from events before the cutoff
// (split.score.featureEnd), written as rfm.csv (atomically, core's writeFileAtomic). Columns: customer_id,fold,recency_days,frequency,monetary,tenure_days,
// r_tier,f_tier,m_tier,segment,lifecycle_stage.
import { existsSync } from 'node:fs';
import { writeFileAtomic } from '@clvlab/core/node';
import { lifecycleStage, rfmCode, rfmFeatures, rfmSegment, rfmTiers } from '@clvlab/features';
import { readPreparedDataset } from '@clvlab/sessions/node';
import { CliError, type Command } from '../command.ts';
import { asCliError } from '../cli-input.ts';

const FOLDS = ['train', 'valid', 'test'];
const csvCell = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export const command: Command = {
  name: 'rfm',
  summary: 'RFM features, quartile tiers, segments and lifecycle stages of a prepared dataset, as rfm.csv.',
  usage: 'rfm --dataset DS.zarr --out rfm.csv',
  options: {
    dataset: { type: 'string' },
    out: { type: 'string' },
  },
  async run(values, _positionals, ctx) {
    const path = values.dataset,
      out = values.out;
    if (typeof path !== 'string') throw new CliError('--dataset DS.zarr is required');
    if (typeof out !== 'string') throw new CliError('--out rfm.csv is required');
    if (!existsSync(path)) throw new CliError(`${path}: no such dataset`);
    let lines: string[];
    const segments: Record<string, number> = {},
      stages: Record<string, number> = {};
    try {
      const ds = await readPreparedDataset(path);
      const f = rfmFeatures(ds, ds.split.score.featureEnd);
      const tiers = rfmTiers(f);
      const stage = lifecycleStage(f.history);
      lines = [
        'customer_id,fold,recency_days,frequency,monetary,tenure_days,r_tier,f_tier,m_tier,rfm_code,segment,lifecycle_stage',
      ];
      for (let i = 0; i < f.customers.length; i++) {
        const r = tiers.recency[i],
          fr = tiers.frequency[i],
          m = tiers.monetary[i];
        const seg = rfmSegment(r, fr, m);
        segments[seg] = (segments[seg] ?? 0) + 1;
        stages[stage[i]] = (stages[stage[i]] ?? 0) + 1;
        lines.push(
          [
            csvCell(ds.log.customerIds[f.customers[i]]),
            FOLDS[ds.split.fold[i]] ?? String(ds.split.fold[i]),
            f.recency[i],
            f.frequency[i],
            Number(f.monetary[i].toFixed(6)),
            Number(f.tenure[i].toFixed(6)),
            r,
            fr,
            m,
            rfmCode(r, fr, m),
            seg,
            stage[i],
          ].join(','),
        );
      }
    } catch (err) {
      throw asCliError(err);
    }
    writeFileAtomic(out, lines.join('\n') + '\n');
    const result = { dataset: path, out, customers: lines.length - 1, segments, lifecycle_stages: stages };
    if (!ctx.json) ctx.log(`${result.customers} customers -> ${out}`);
    return result;
  },
};
