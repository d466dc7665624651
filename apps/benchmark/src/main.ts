// `clvlab` entry point: `npm run -s clvlab -- <command> [options]` (docs/architecture.md §CLI).
// Commands are files in ./commands; each exports `command: Command`.
import { readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CliError, type Command, type CommandContext } from './command.ts';

const commandsDir = new URL('./commands/', import.meta.url);

function commandNames(): string[] {
  return readdirSync(commandsDir)
    .filter((f) => f.endsWith('.ts') && !f.includes('.test.'))
    .map((f) => f.slice(0, -3))
    .sort();
}

async function loadCommand(name: string): Promise<Command> {
  if (!/^[a-z][a-z0-9-]*$/.test(name) || !commandNames().includes(name)) {
    throw new CliError(`unknown command '${name}' (commands: ${commandNames().join(', ')})`);
  }
  const mod = (await import(new URL(`${name}.ts`, commandsDir).href)) as { command: Command };
  return mod.command;
}

async function help(): Promise<void> {
  const lines = [
    'clvlab — fair, fast, reproducible CLV model comparison',
    '',
    'usage: npm run -s clvlab -- <command> [options] [--json]',
    '',
  ];
  for (const name of commandNames()) {
    const c = await loadCommand(name);
    lines.push(`  ${c.usage}`, `      ${c.summary}`);
  }
  process.stderr.write(lines.join('\n') + '\n');
}

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    await help();
    return name ? 0 : 2;
  }
  const json = rest.includes('--json');
  try {
    const command = await loadCommand(name);
    const { values, positionals } = parseArgs({
      args: rest,
      options: { ...command.options, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      process.stderr.write(`usage: ${command.usage}\n${command.summary}\n`);
      return 0;
    }
    const ctx: CommandContext = {
      json,
      log: (m) => process.stderr.write(m + '\n'),
      interactive: Boolean(process.stderr.isTTY) && !process.env.CI,
    };
    const result = await command.run(values, positionals, ctx);
    if (json) process.stdout.write(JSON.stringify(result) + '\n');
    return 0;
  } catch (err) {
    const e = err as Error & { code?: string };
    // parseArgs errors (unknown option, missing value) and CliErrors are user errors: one line.
    const user = e instanceof CliError || (typeof e.code === 'string' && e.code.startsWith('ERR_PARSE_ARGS'));
    const message = (e.message ?? String(err)).split('\n')[0];
    if (json) process.stdout.write(JSON.stringify({ error: message }) + '\n');
    process.stderr.write(`clvlab ${name}: ${message}\n`);
    if (!user && process.env.CLVLAB_DEBUG) process.stderr.write(`${e.stack}\n`);
    return user ? 2 : 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('main.ts')) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
