// The CDNOW sample (Fader, Hardie & Lee 2005) as the playground's CSV: sample id, the day as
// ISO date, dollars. Source: ../shared/data/cdnow/CDNOW_sample.txt.gz (whitespace-separated, no
// header: original id, sample id, YYYYMMDD, cds, dollars; see its SOURCE.md).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const CDNOW_SAMPLE = join(REPO_ROOT, '..', 'shared', 'data', 'cdnow', 'CDNOW_sample.txt.gz');
/** Rows and customers of the sample (SOURCE.md). */
export const CDNOW_ROWS = 6919;
export const CDNOW_CUSTOMERS = 2357;
/** BG/NBD on the sample, calibration to 1997-09-30 in weeks (Fader, Hardie & Lee 2005, §5). */
export const PUBLISHED_BG_NBD = Object.freeze({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 });

export function cdnowCsv(): string {
  const lines = ['customer_id,timestamp,amount'];
  for (const line of gunzipSync(readFileSync(CDNOW_SAMPLE)).toString('latin1').split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length !== 5) continue;
    const d = f[2];
    lines.push(`${f[1]},${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)},${f[4]}`);
  }
  return `${lines.join('\n')}\n`;
}
