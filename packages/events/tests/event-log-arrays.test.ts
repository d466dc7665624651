import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, eventLogFromArrays, writeEventLogArrays } from '../src/index.ts';
import { readEventLog, readZarrGroup, writeZarrGroup } from '../src/node.ts';

const FILE = fileURLToPath(
  new URL('../../../../shared/data/taobao_user_behavior/UserBehavior.csv.gz', import.meta.url),
);

describe('writeEventLogArrays / eventLogFromArrays', () => {
  it('stores a real log in a Zarr group and rebuilds it exactly', async () => {
    const { log, report } = await readEventLog(FILE, { format: 'taobao' });
    const arrays = writeEventLogArrays(log);
    expect(arrays['events/type'].attributes).toEqual({ event_types: [...EVENT_TYPES] });
    expect(arrays['events/amount'].attributes).toEqual({ value_target: 'count' });
    const path = join(mkdtempSync(join(tmpdir(), 'clvlab-ela-')), 'ds.zarr');
    await writeZarrGroup(path, { attributes: { source_sha256: report.sha256 }, arrays });
    const group = await readZarrGroup(path);
    expect(group.attributes.source_sha256).toBe(report.sha256);
    const back = eventLogFromArrays(group);
    for (const key of ['customer', 't', 'type', 'item', 'category', 'amount', 'quantity'] as const) {
      const [x, y] = [back[key], log[key]];
      expect(x.constructor).toBe(y.constructor);
      expect(
        Buffer.from(x.buffer, x.byteOffset, x.byteLength).equals(Buffer.from(y.buffer, y.byteOffset, y.byteLength)),
      ).toBe(true);
    }
    for (const key of ['customerIds', 'itemIds', 'categoryIds'] as const) {
      expect(back[key].length).toBe(log[key].length);
      expect(back[key].join('\n')).toBe(log[key].join('\n'));
    }
    expect([back.length, back.valueTarget]).toEqual([log.length, 'count']);
  });

  it('refuses a group with a missing column or different event types', () => {
    const arrays = writeEventLogArrays({
      length: 0,
      customer: new Int32Array(0),
      t: new Float64Array(0),
      type: new Uint8Array(0),
      item: new Int32Array(0),
      category: new Int32Array(0),
      amount: new Float64Array(0),
      quantity: new Float64Array(0),
      customerIds: [],
      itemIds: [],
      categoryIds: [],
      valueTarget: 'revenue',
    });
    expect(eventLogFromArrays({ attributes: {}, arrays }).length).toBe(0);
    const { 'events/t': _t, ...rest } = arrays;
    expect(() => eventLogFromArrays({ attributes: {}, arrays: rest })).toThrow(
      /events\/event-log-arrays: missing array 'events\/t'/,
    );
    const wrongTypes = { ...arrays, 'events/type': { ...arrays['events/type'], attributes: { event_types: ['a'] } } };
    expect(() => eventLogFromArrays({ attributes: {}, arrays: wrongTypes })).toThrow(/event_types \["a"\] differ/);
  });
});
