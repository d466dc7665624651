import { describe, expect, it } from 'vitest';
import { createEventLog, customerOffsets } from '../src/index.ts';

describe('customerOffsets', () => {
  it('gives each customer its [start, end) range, including customers without events', () => {
    const log = createEventLog({
      customer: Int32Array.from([3, 0, 0, 3, 1]),
      t: Float64Array.from([1, 2, 1, 0, 7]),
      type: new Uint8Array(5),
      customerIds: ['a', 'b', 'c', 'd'],
    });
    expect(Array.from(customerOffsets(log))).toEqual([0, 2, 3, 3, 5]);
  });

  it('rejects an unsorted log', () => {
    const log = {
      ...createEventLog({
        customer: Int32Array.from([0, 1]),
        t: new Float64Array(2),
        type: new Uint8Array(2),
        customerIds: ['a', 'b'],
      }),
    };
    log.customer = Int32Array.from([1, 0]) as never;
    expect(() => customerOffsets(log)).toThrow(/events\/customer-offsets: log is not sorted by customer at event 1/);
  });
});
