// Named RFM segments from quartile tiers (R-F-M, 1 best .. 4 worst). The table is ordered;
// the first matching rule names the segment (a common marketing convention,
// docs/architecture.md §Models):
//   1-1-1                      best customers
//   1-4-1, 1-4-2               high-spending new      (recent, few purchases, high spend)
//   1-4-3, 1-4-4               promising new          (recent, few purchases, low spend)
//   4-1-1, 4-1-2, 4-2-1, 4-2-2 churned best           (long gone, used to buy often and a lot)
//   R ≤ 2, F ≤ 2               loyal
//   R ≥ 3, F ≤ 2               at risk
//   M = 1                      big spenders
//   R = 4, F = 4               lost
//   R ≤ 2                      recent occasional
//   otherwise                  hibernating

export const RFM_SEGMENTS = Object.freeze([
  'best customers',
  'high-spending new',
  'promising new',
  'churned best',
  'loyal',
  'at risk',
  'big spenders',
  'lost',
  'recent occasional',
  'hibernating',
] as const);
export type RfmSegmentName = (typeof RFM_SEGMENTS)[number];

const RULES: readonly (readonly [RfmSegmentName, (r: number, f: number, m: number) => boolean])[] = Object.freeze([
  ['best customers', (r, f, m) => r === 1 && f === 1 && m === 1],
  ['high-spending new', (r, f, m) => r === 1 && f === 4 && m <= 2],
  ['promising new', (r, f) => r === 1 && f === 4],
  ['churned best', (r, f, m) => r === 4 && f <= 2 && m <= 2],
  ['loyal', (r, f) => r <= 2 && f <= 2],
  ['at risk', (r, f) => r >= 3 && f <= 2],
  ['big spenders', (_r, _f, m) => m === 1],
  ['lost', (r, f) => r === 4 && f === 4],
  ['recent occasional', (r) => r <= 2],
  ['hibernating', () => true],
]);

/** Segment name of one R-F-M tier triple (each 1..4). */
export function rfmSegment(recency: number, frequency: number, monetary: number): RfmSegmentName {
  for (const [tier, name] of [
    [recency, 'recency'],
    [frequency, 'frequency'],
    [monetary, 'monetary'],
  ] as const) {
    if (!Number.isInteger(tier) || tier < 1 || tier > 4)
      throw new Error(`features/rfmSegment: ${name} tier must be an integer 1..4, got ${tier}`);
  }
  for (const [name, rule] of RULES) if (rule(recency, frequency, monetary)) return name;
  return 'hibernating';
}

/** The 'R-F-M' code of a tier triple, e.g. '1-4-2'. */
export function rfmCode(recency: number, frequency: number, monetary: number): string {
  return `${recency}-${frequency}-${monetary}`;
}
