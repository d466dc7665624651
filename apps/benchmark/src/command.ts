// The shape of one `clvlab` sub-command (docs/architecture.md §CLI). Each command lives in
// src/commands/<name>.ts and exports `command`; main.ts finds it by name, so adding a
// command never edits a shared registry.
import type { ParseArgsConfig } from 'node:util';

export type OptionValues = Record<string, string | boolean | string[] | undefined>;

export interface CommandContext {
  /** --json given: print one JSON object on stdout, logs on stderr. */
  readonly json: boolean;
  /** Human-readable log line (stderr). */
  log(message: string): void;
  /** True when stderr is a terminal and CI is unset (draw progress bars). */
  readonly interactive: boolean;
}

export interface Command {
  readonly name: string;
  /** One line for `clvlab help`. */
  readonly summary: string;
  /** Usage line(s), e.g. `ingest --input FILE --format F [--gap 30m] --out DS.zarr`. */
  readonly usage: string;
  /** node:util parseArgs options (`json` and `help` are added by main). */
  readonly options: NonNullable<ParseArgsConfig['options']>;
  /** Runs the command; the returned object is printed as JSON with --json, else summarised. */
  run(values: OptionValues, positionals: readonly string[], ctx: CommandContext): Promise<Record<string, unknown>>;
}

/** An error whose message is the whole one-line reason shown to the user (exit code 2). */
export class CliError extends Error {
  override readonly name = 'CliError';
}
