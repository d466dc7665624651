import { readFileSync } from 'node:fs';
import type { Command } from '../command.ts';

export const command: Command = {
  name: 'version',
  summary: 'Print the clvlab version and Node.js version.',
  usage: 'version [--json]',
  options: {},
  async run(_values, _positionals, ctx) {
    const pkg = JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    const result = { clvlab: pkg.version, node: process.version };
    if (!ctx.json) ctx.log(`clvlab ${result.clvlab} (node ${result.node})`);
    return result;
  },
};
