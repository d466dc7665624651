import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '@clvlab/events';
import { generateSynthetic } from '../src/index.ts';
import { writeSynthetic } from '../src/node.ts';

const dirs: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'clvlab-synth-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const data = generateSynthetic({ customers: 400, seed: 3, oracleSamples: 4 });

function parse(path: string): { header: string[]; rows: string[][] } {
  const lines = readFileSync(path, 'utf8').split('\n');
  expect(lines.at(-1)).toBe(''); // ends with a newline
  return { header: lines[0].split(','), rows: lines.slice(1, -1).map((l) => l.split(',')) };
}

describe('writeSynthetic', () => {
  it('writes events.csv that round-trips every column of the log', async () => {
    const dir = tmp();
    await writeSynthetic(dir, data);
    expect(readdirSync(dir).sort()).toEqual(['edges.csv', 'events.csv', 'truth.csv']); // no temp files left
    const { header, rows } = parse(join(dir, 'events.csv'));
    expect(header).toEqual(['customer_id', 'timestamp', 'event_type', 'item_id', 'category', 'amount', 'quantity']);
    const { log } = data;
    expect(rows.length).toBe(log.length);
    for (let e = 0; e < log.length; e++) {
      const r = rows[e];
      if (
        r[0] !== log.customerIds[log.customer[e]] ||
        Date.parse(r[1]) !== log.t[e] ||
        r[2] !== EVENT_TYPES[log.type[e]] ||
        r[3] !== log.itemIds[log.item[e]] ||
        r[4] !== log.categoryIds[log.category[e]] ||
        Number(r[5]) !== log.amount[e] ||
        Number(r[6]) !== log.quantity[e]
      ) {
        throw new Error(`row ${e + 2} differs: ${r.join(',')}`);
      }
      if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(r[1])) throw new Error(`bad timestamp ${r[1]}`);
    }
  });

  it('writes edges.csv and truth.csv in customer ids', async () => {
    const dir = tmp();
    await writeSynthetic(dir, data);
    const edges = parse(join(dir, 'edges.csv'));
    expect(edges.header).toEqual(['src', 'dst', 'weight']);
    expect(edges.rows.length).toBe(data.edges.src.length);
    const ids = data.log.customerIds;
    edges.rows.forEach((r, k) => {
      expect(r[0]).toBe(ids[data.edges.src[k]]);
      expect(r[1]).toBe(ids[data.edges.dst[k]]);
      expect(Number(r[2])).toBeCloseTo(data.edges.weight[k], 5);
    });
    const truth = parse(join(dir, 'truth.csv'));
    expect(truth.header.slice(0, 1)).toEqual(['customer_id']);
    for (const col of [
      'purchase_rate',
      'dropout_rate',
      'spend_mean',
      'sessions',
      'oracle',
      'oracle_repurchase',
      'treated',
      'uplift_value',
    ])
      expect(truth.header).toContain(col);
    expect(truth.rows.length).toBe(ids.length);
    const at = (name: string): number => truth.header.indexOf(name);
    truth.rows.forEach((r, i) => {
      expect(r[0]).toBe(ids[i]);
      expect(Number(r[at('sessions')])).toBe(data.truth.sessions[i]);
      expect(Number(r[at('oracle')])).toBeCloseTo(data.truth.oracle[i], 5);
      expect(Number(r[at('purchase_rate')])).toBeCloseTo(data.truth.purchaseRate[i], 5);
      expect(Date.parse(r[at('join_time')])).toBe(data.truth.joinTime[i]);
      expect(Number(r[at('treated')])).toBe(data.truth.treated[i]);
      expect(Number(r[at('uplift_value')])).toBeCloseTo(data.truth.upliftValue[i], 5);
    });
    expect(truth.rows.filter((r) => r[at('treated')] === '1').length).toBeGreaterThan(100); // the default campaign treats about half
  });

  it('is byte-identical for the same seed', async () => {
    const a = tmp(),
      b = tmp();
    await writeSynthetic(a, data);
    await writeSynthetic(b, generateSynthetic({ customers: 400, seed: 3, oracleSamples: 4 }));
    for (const f of ['events.csv', 'edges.csv', 'truth.csv']) {
      expect(readFileSync(join(a, f)).equals(readFileSync(join(b, f)))).toBe(true);
    }
  });
});
