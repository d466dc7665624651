// ISO 8601 UTC timestamp with milliseconds (`2024-01-01T20:15:03.250Z`) for epoch ms.
// Hand-written because writing 10M events spends most of its time here: the date part is
// cached per day (events are sorted, so consecutive events share a day) and the time part
// is assembled from integers, ~5× faster than Date#toISOString per call.

let cachedDay = NaN;
let cachedPrefix = '';

/** Formats epoch ms (years 0000–9999) as `YYYY-MM-DDTHH:MM:SS.mmmZ`. */
export function formatIsoUtc(ms: number): string {
  const t = Math.floor(ms);
  const day = Math.floor(t / 86_400_000);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedPrefix = new Date(day * 86_400_000).toISOString().slice(0, 11);
  }
  let r = t - day * 86_400_000;
  const h = Math.floor(r / 3_600_000);
  r -= h * 3_600_000;
  const m = Math.floor(r / 60_000);
  r -= m * 60_000;
  const s = Math.floor(r / 1000);
  r -= s * 1000;
  return `${cachedPrefix}${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}:${s < 10 ? '0' : ''}${s}.${r < 10 ? '00' : r < 100 ? '0' : ''}${r}Z`;
}
