// Transition matrix of a categorical customer state between two dates (a Markov-chain view
// of customer migration, Pfeifer & Carraway 2000, "Modeling customer relationships as Markov
// chains", J. Interactive Marketing 14:43–55): here the lifecycle stage or RFM segment at the
// calibration end (row) and at the holdout end (column). counts[i·L + j] = customers in
// labels[i] then labels[j]; the row share divides by the row total (NaN for an empty row), the
// estimated probability of moving from state i to state j over the horizon.

/** One state per customer: label strings, or integer codes indexing `labels`. */
export type StateList = readonly string[] | Uint8Array;

/** Transition counts and row shares over `labels` (row-major L × L). */
export interface TransitionMatrix {
  readonly labels: readonly string[];
  readonly counts: Int32Array;
  readonly rowTotals: Int32Array;
  readonly rowShares: Float64Array;
  readonly total: number;
}

/** Codes 0..L−1 of a state list (checks every entry). */
function stateCodes(
  name: string,
  states: StateList,
  index: ReadonlyMap<string, number>,
  size: number,
): Uint8Array | Int32Array {
  if (states instanceof Uint8Array) {
    for (let i = 0; i < states.length; i++) {
      if (states[i] >= size)
        throw new Error(
          `decisions/transitionMatrix: ${name}[${i}] is code ${states[i]}, expected a code in [0, ${size}) (an index into labels)`,
        );
    }
    return states;
  }
  if (!Array.isArray(states))
    throw new Error(`decisions/transitionMatrix: ${name} must be a string array or a Uint8Array of codes`);
  const codes = new Int32Array(states.length);
  states.forEach((s, i) => {
    const c = index.get(s);
    if (c === undefined)
      throw new Error(`decisions/transitionMatrix: ${name}[${i}] is ${JSON.stringify(s)}, expected one of labels`);
    codes[i] = c;
  });
  return codes;
}

/**
 * Counts of (from[i], to[i]) over `labels` (distinct, at most 256 when codes are Uint8Array).
 * Throws `decisions/transitionMatrix: ...` on a length mismatch, an unknown label or code, or
 * repeated labels.
 */
export function transitionMatrix(from: StateList, to: StateList, labels: readonly string[]): TransitionMatrix {
  if (!Array.isArray(labels) || labels.length === 0)
    throw new Error('decisions/transitionMatrix: labels must be a non-empty string array');
  const index = new Map<string, number>();
  labels.forEach((l, i) => {
    if (index.has(l))
      throw new Error(`decisions/transitionMatrix: labels lists ${JSON.stringify(l)} twice, expected distinct labels`);
    index.set(l, i);
  });
  if (from == null || to == null || from.length !== to.length)
    throw new Error(`decisions/transitionMatrix: from and to differ in length (${from?.length} vs ${to?.length})`);
  const L = labels.length;
  const a = stateCodes('from', from, index, L),
    b = stateCodes('to', to, index, L);
  const counts = new Int32Array(L * L),
    rowTotals = new Int32Array(L);
  for (let i = 0; i < a.length; i++) {
    counts[a[i] * L + b[i]]++;
    rowTotals[a[i]]++;
  }
  const rowShares = new Float64Array(L * L);
  for (let i = 0; i < L; i++)
    for (let j = 0; j < L; j++) rowShares[i * L + j] = rowTotals[i] > 0 ? counts[i * L + j] / rowTotals[i] : NaN;
  return Object.freeze({ labels: Object.freeze([...labels]), counts, rowTotals, rowShares, total: a.length });
}

/** A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * The matrix as long-format CSV text, `from,to,count,row_share`, one line per (from, to) pair in
 * label order (every pair, zeros included), shares at full precision, empty for an empty row;
 * '\n' line ends, a final newline. Writing the file is the caller's.
 */
export function transitionMatrixCsv(m: TransitionMatrix): string {
  const L = m.labels.length,
    lines = ['from,to,count,row_share'];
  for (let i = 0; i < L; i++) {
    for (let j = 0; j < L; j++) {
      const share = m.rowShares[i * L + j];
      lines.push(
        `${csvField(m.labels[i])},${csvField(m.labels[j])},${m.counts[i * L + j]},${Number.isNaN(share) ? '' : String(share)}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
