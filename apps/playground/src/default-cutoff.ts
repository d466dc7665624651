// The calibration cutoff the page proposes for a new file: the benchmark's default
// (docs/architecture.md §Evaluation split: start + 75% of the span), floored to a UTC day
// because the page's field is a date (calibration runs up to the day before it).

const DAY_MS = 86_400_000;

export function defaultCutoff(first: number, last: number): number {
  const day = Math.floor((first + 0.75 * (last - first)) / DAY_MS) * DAY_MS;
  return Math.max(day, Math.floor(first / DAY_MS) * DAY_MS + DAY_MS);
}
