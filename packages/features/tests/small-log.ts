// A hand-built event log whose RFM / BTYD / lifecycle values are worked out by hand in the
// tests (dates UTC; 2020 is a leap year).
import { createEventLog, EventType } from '@clvlab/events';
import type { EventLog } from '@clvlab/events';
import type { ModelTask, Split } from '@clvlab/sessions';

const d = (s: string): number => Date.parse(`${s}T12:00:00Z`);
export const FEATURE_END = Date.UTC(2020, 3, 1); // 2020-04-01, last feature day 2020-03-31

export function smallLog(valueTarget: 'revenue' | 'count' = 'revenue'): EventLog {
  const { purchase: P, return: R, view: V } = EventType;
  const rows: [number, string, number, number][] = [
    [0, '2019-12-25', V, 0],
    [0, '2020-01-01', P, 10],
    [0, '2020-01-01', P, 5],
    [0, '2020-01-15', P, 20],
    [0, '2020-01-15', R, -8],
    [0, '2020-02-01', R, -3],
    [0, '2020-03-01', P, 30],
    [0, '2020-05-01', P, 99],
    [1, '2020-03-20', P, 0],
    [2, '2020-05-01', P, 40],
  ];
  return createEventLog({
    customer: Int32Array.from(rows, (r) => r[0]),
    t: Float64Array.from(rows, (r) => d(r[1])),
    type: Uint8Array.from(rows, (r) => r[2]),
    amount: Float64Array.from(rows, (r) => r[3]),
    customerIds: ['a', 'b', 'c'],
    valueTarget,
  });
}

export function smallTask(log: EventLog = smallLog()): ModelTask {
  const window = {
    featureEnd: FEATURE_END,
    labelEnd: Date.UTC(2020, 5, 1),
    target: Float64Array.of(99, 0, 40),
    repurchase: Uint8Array.of(1, 0, 1),
  };
  const split: Split = {
    protocol: 'cross-sectional',
    start: Date.UTC(2019, 0, 1),
    cutoff: FEATURE_END,
    horizon: window.labelEnd - FEATURE_END,
    customers: Int32Array.of(0, 1, 2),
    fold: Uint8Array.of(0, 1, 2),
    fit: window,
    score: window,
  };
  return { log, session: new Int32Array(log.length), offsets: Int32Array.of(0, 8, 9, 10), split, seed: 1 };
}
