import { describe, expect, it } from 'vitest';
import { rfmFeatures, RFM_FEATURE_NAMES } from '../src/index.ts';
import { smallTask } from './small-log.ts';

describe('rfmFeatures', () => {
  it('gives recency, frequency, monetary and tenure per cohort customer (hand-worked)', () => {
    const f = rfmFeatures(smallTask());
    expect(f.names).toEqual(RFM_FEATURE_NAMES);
    expect(Array.from(f.recency)).toEqual([30, 11, 0]); // c never purchased: recency = tenure = 0
    expect(Array.from(f.frequency)).toEqual([3, 1, 0]);
    expect(f.monetary[0]).toBeCloseTo(54, 12);
    expect(f.tenure[0]).toBeCloseTo(97.5, 12);
    expect(f.columns[2]).toBe(f.monetary);
  });

  it('uses only events before the given featureEnd', () => {
    const f = rfmFeatures(smallTask(), Date.UTC(2020, 0, 16));
    expect(f.frequency[0]).toBe(2);
    expect(f.frequency[1]).toBe(0);
  });

  it('rejects an empty cohort', () => {
    const task = smallTask();
    expect(() => rfmFeatures({ ...task, split: { ...task.split, customers: new Int32Array(0) } })).toThrow(
      'features/rfmFeatures: empty cohort',
    );
  });
});
