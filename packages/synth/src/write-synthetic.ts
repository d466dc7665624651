// Writes a SyntheticData as three CSV files in `dir`:
//   events.csv  customer_id,timestamp,event_type,item_id,category,amount,quantity  (generic
//               `events` format of docs/architecture.md §File formats; ISO 8601 UTC timestamps
//               with milliseconds)
//   edges.csv   src,dst,weight  (customer ids; undirected, each edge once)
//   truth.csv   customer_id + latent columns + sessions + oracle + oracle_repurchase + the
//               campaign's treated (0/1) and uplift_value (true incremental holdout value)
// Each file is streamed in chunks of lines (10M events never become one string) through core's
// writeFileAtomic (temporary file, fsync, rename): a reader never sees half a file.
import { join } from 'node:path';
import { writeFileAtomic } from '@clvlab/core/node';
import { EventsCsvEncoder } from './events-csv-encoder.ts';
import { formatIsoUtc } from './format-iso-utc.ts';
import type { SyntheticData } from './synthetic-data.ts';

const CHUNK_LINES = 50_000;

/** Writes events.csv, edges.csv and truth.csv atomically into `dir` (created if missing). */
export async function writeSynthetic(dir: string, data: SyntheticData): Promise<void> {
  const { log, edges, truth } = data;
  const ids = log.customerIds,
    cats = log.categoryIds;
  const encoder = new EventsCsvEncoder(log);
  writeFileAtomic(
    join(dir, 'events.csv'),
    (function* (): Generator<string | Uint8Array> {
      yield 'customer_id,timestamp,event_type,item_id,category,amount,quantity\n';
      // One buffer, refilled per block: writeFileAtomic writes each chunk before asking for the next.
      const buf = new Uint8Array(CHUNK_LINES * encoder.maxLine);
      for (let start = 0; start < log.length; start += CHUNK_LINES) {
        yield buf.subarray(0, encoder.encode(start, Math.min(log.length, start + CHUNK_LINES), buf));
      }
    })(),
  );
  writeLines(
    join(dir, 'edges.csv'),
    'src,dst,weight',
    edges.src.length,
    (k) => `${ids[edges.src[k]]},${ids[edges.dst[k]]},${round6(edges.weight[k])}`,
  );
  const t = truth;
  writeLines(
    join(dir, 'truth.csv'),
    'customer_id,community,join_time,purchase_rate,browse_rate,dropout_rate,dropout_probability,dropout_time,alive_at_cutoff,' +
      'spend_mean,category,intent_at_cutoff,social_at_cutoff,sessions,oracle,oracle_repurchase,treated,uplift_value',
    ids.length,
    (i) =>
      `${ids[i]},${t.community[i]},${formatIsoUtc(t.joinTime[i])},${round6(t.purchaseRate[i])},${round6(t.browseRate[i])},` +
      `${round6(t.dropoutRate[i])},${round6(t.dropoutProbability[i])},${formatIsoUtc(t.dropoutTime[i])},${t.aliveAtCutoff[i]},` +
      `${round6(t.spendMean[i])},${cats[t.category[i]]},${round6(t.intentAtCutoff[i])},${round6(t.socialAtCutoff[i])},` +
      `${t.sessions[i]},${round6(t.oracle[i])},${round6(t.oracleRepurchase[i])},${t.treated[i]},${round6(t.upliftValue[i])}`,
  );
}

/** Six significant decimals: latent values are not money, full float noise only bloats the file. */
function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** Small files (edges, truth): one string per line, joined per chunk. */
function writeLines(path: string, header: string, count: number, line: (i: number) => string): void {
  writeFileAtomic(
    path,
    (function* (): Generator<string> {
      yield header + '\n';
      const buf: string[] = [];
      for (let start = 0; start < count; start += CHUNK_LINES) {
        const end = Math.min(count, start + CHUNK_LINES);
        buf.length = 0;
        for (let i = start; i < end; i++) buf.push(line(i));
        yield buf.join('\n') + '\n';
      }
    })(),
  );
}
