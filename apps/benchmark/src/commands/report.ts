// `clvlab report results/RUN`: regenerates report.md and report.html from a benchmark record.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError, type Command } from '../command.ts';
import { buildReport } from '../report/build-report.ts';

export const command: Command = {
  name: 'report',
  summary: 'Regenerate report.md and report.html (self-contained, charts inlined as SVG) from a benchmark record.',
  usage: 'report results/RUN',
  options: {},
  async run(_values, positionals, ctx) {
    if (positionals.length !== 1)
      throw new CliError(`expected one record directory (e.g. results/default), got ${positionals.length} arguments`);
    const dir = resolve(positionals[0]);
    if (!existsSync(dir)) throw new CliError(`${positionals[0]}: no such record directory`);
    let r;
    try {
      r = await buildReport(dir);
    } catch (err) {
      const m = (err as Error).message ?? String(err);
      if (m.startsWith('benchmark/report') || /^\S+:\d+:\d+: /.test(m)) throw new CliError(m);
      throw err;
    }
    if (!ctx.json) ctx.log(`report: wrote ${r.markdown} and ${r.html} (${r.charts} charts)`);
    return { markdown: r.markdown, html: r.html, charts: r.charts };
  },
};
