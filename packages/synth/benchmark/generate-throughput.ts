// Throughput of the synthetic generator at scale (issue 2: "scales to 10M events").
// Run: npx tsx packages/synth/benchmark/generate-throughput.ts [--customers N] [--oracle-samples K] [--write]
// Prints one JSON line: events, generate wall and CPU seconds, events/s, write seconds, peak RSS.
import { parseInteger } from '@clvlab/core';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateSynthetic } from '../src/index.ts';
import { writeSynthetic } from '../src/node.ts';

const { values } = parseArgs({
  options: { customers: { type: 'string' }, 'oracle-samples': { type: 'string' }, write: { type: 'boolean' } },
});
// ~65 events per customer at the defaults: 150k customers ≈ 10M events.
const customers = parseInteger(values.customers ?? '150000', { min: 2, where: '--customers' });
const oracleSamples = Number(values['oracle-samples'] ?? 0);
let peak = 0;
const timer = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 50);
const t0 = performance.now(),
  cpu0 = process.cpuUsage();
const data = generateSynthetic({ customers, oracleSamples });
const generateS = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const generateCpuS = (cpu.user + cpu.system) / 1e6; // wall time is inflated when other jobs share the 2 cores
peak = Math.max(peak, process.memoryUsage().rss);
const result: Record<string, number | string> = {
  customers,
  oracle_samples: oracleSamples,
  events: data.log.length,
  edges: data.edges.src.length,
  generate_s: +generateS.toFixed(2),
  events_per_s: Math.round(data.log.length / generateS),
  generate_cpu_s: +generateCpuS.toFixed(2),
  events_per_cpu_s: Math.round(data.log.length / generateCpuS),
};
if (values.write) {
  const dir = mkdtempSync(join(tmpdir(), 'clvlab-synth-bench-'));
  const t1 = performance.now(),
    wcpu0 = process.cpuUsage();
  await writeSynthetic(dir, data);
  const writeS = (performance.now() - t1) / 1000;
  const wcpu = process.cpuUsage(wcpu0);
  result.write_cpu_s = +((wcpu.user + wcpu.system) / 1e6).toFixed(2);
  const bytes = statSync(join(dir, 'events.csv')).size;
  result.write_s = +writeS.toFixed(2);
  result.write_events_per_s = Math.round(data.log.length / writeS);
  result.events_csv_mb = +(bytes / 1e6).toFixed(1);
  rmSync(dir, { recursive: true, force: true });
}
clearInterval(timer);
peak = Math.max(peak, process.memoryUsage().rss);
result.peak_rss_mb = Math.round(peak / 1e6);
result.node = process.version;
console.log(JSON.stringify(result));
