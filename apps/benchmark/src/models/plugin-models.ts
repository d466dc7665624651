// Plugin models (issue 13 §1): `bench --plugin FILE` loads a module that exports `models`, an
// object from model name to a factory `(config?) => BenchModel` (the contract of
// @clvlab/sessions model-task.ts). Plugins join the registry beside the built-ins, run in the
// worker pool like them (each worker loads the same files), take `name:key=value` overrides, and
// are recorded with their path and sha256 in the manifest and in every cell key. A plugin's
// output is checked (length, finite, ≥ 0) so a broken plugin fails its own cells with a one-line
// reason that names it; the rest of the run completes. `.ts` plugins load through tsx (the CLI
// runs under it), `.js`/`.mjs` as they are.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchModel, ModelOutput, ModelTask, SearchSpace } from '@clvlab/sessions';
import type { PredictionsFile } from './predictions-file.ts';

/** What the manifest and the cell keys record of one plugin file. */
export interface PluginFile {
  /** Absolute path. */
  readonly path: string;
  readonly sha256: string;
  /** The model names it registers. */
  readonly models: readonly string[];
}

type Factory = (config?: Record<string, unknown>) => BenchModel;

interface Registered {
  readonly file: PluginFile;
  readonly factory: Factory;
  readonly searchSpace: SearchSpace | null;
}

const registered = new Map<string, Registered>();
const files = new Map<string, PluginFile>();
const external = new Map<string, PredictionsFile>();

/** Registers a predictions file's model name (`bench --predictions NAME=FILE`; predictions-file.ts). */
export function registerPredictions(file: PredictionsFile, isBuiltIn: (name: string) => boolean): void {
  if (isBuiltIn(file.name) || registered.has(file.name))
    throw new Error(`--predictions: model name '${file.name}' is already taken by a built-in or plugin model`);
  const other = external.get(file.name);
  if (other && other.sha256 !== file.sha256)
    throw new Error(`--predictions: model name '${file.name}' is given twice (${other.path}, ${file.path})`);
  external.set(file.name, file);
}

/** The predictions file registered under `name`, or undefined. */
export function predictionsOf(name: string): PredictionsFile | undefined {
  return external.get(name);
}

/** Every registered predictions file, in registration order. */
export function predictionsFiles(): readonly PredictionsFile[] {
  return [...external.values()];
}

/** Names of every loaded plugin model and predictions file, in load order. */
export function extraModelNames(): readonly string[] {
  return [...registered.keys(), ...external.keys()];
}

/**
 * Loads plugin files (idempotent per path and content) and registers their models. Throws a
 * one-line error for a missing file, a module without a `models` object, a non-function entry or
 * a name that is already taken (by a built-in, `isBuiltIn`, or another plugin).
 */
export async function loadPlugins(
  paths: readonly string[],
  isBuiltIn: (name: string) => boolean,
): Promise<readonly PluginFile[]> {
  const out: PluginFile[] = [];
  for (const p of paths) {
    const path = resolve(p);
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      throw new Error(`benchmark/plugins: ${p}: no such file`);
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const known = files.get(path);
    if (known) {
      if (known.sha256 !== sha256)
        throw new Error(
          `benchmark/plugins: ${p} changed while loaded (sha256 ${known.sha256.slice(0, 12)} → ${sha256.slice(0, 12)})`,
        );
      out.push(known);
      continue;
    }
    let mod: { models?: unknown; searchSpaces?: unknown };
    try {
      mod = (await import(`${pathToFileURL(path).href}?sha256=${sha256}`)) as typeof mod;
    } catch (err) {
      throw new Error(`benchmark/plugins: ${p}: failed to load: ${(err as Error).message.split('\n')[0]}`);
    }
    const models = mod.models;
    if (typeof models !== 'object' || models === null)
      throw new Error(
        `benchmark/plugins: ${p}: expected an export 'models' (model name → factory), got ${typeof models}`,
      );
    const spaces = (
      typeof mod.searchSpaces === 'object' && mod.searchSpaces !== null ? mod.searchSpaces : {}
    ) as Record<string, SearchSpace>;
    const names = Object.keys(models);
    if (names.length === 0) throw new Error(`benchmark/plugins: ${p}: 'models' is empty`);
    const file: PluginFile = Object.freeze({ path, sha256, models: Object.freeze(names) });
    for (const name of names) {
      const factory = (models as Record<string, unknown>)[name];
      if (typeof factory !== 'function')
        throw new Error(
          `benchmark/plugins: ${p}: models['${name}'] must be a function (config) => BenchModel, got ${typeof factory}`,
        );
      if (!/^[a-z0-9][a-z0-9._-]*$/i.test(name))
        throw new Error(
          `benchmark/plugins: ${p}: model name '${name}' must be letters, digits, '.', '_' or '-' (':' and '+' belong to model specs)`,
        );
      if (isBuiltIn(name) || external.has(name))
        throw new Error(`benchmark/plugins: ${p}: model '${name}' is a built-in model's name`);
      const other = registered.get(name);
      if (other)
        throw new Error(`benchmark/plugins: ${p}: model '${name}' is already registered by ${other.file.path}`);
      registered.set(name, { file, factory: factory as Factory, searchSpace: spaces[name] ?? null });
    }
    files.set(path, file);
    out.push(file);
  }
  return Object.freeze(out);
}

/** The plugin that registered `name`, or undefined. */
export function pluginOf(name: string): { file: PluginFile; searchSpace: SearchSpace | null } | undefined {
  const r = registered.get(name);
  return r && { file: r.file, searchSpace: r.searchSpace };
}

/** Every loaded plugin file, in load order. */
export function loadedPlugins(): readonly PluginFile[] {
  return [...files.values()];
}

/** Builds plugin model `name` with `config`; its run() output is checked (see header). */
export function createPluginModel(name: string, config: Readonly<Record<string, unknown>>): BenchModel {
  const r = registered.get(name);
  if (!r) throw new Error(`benchmark/plugins: model '${name}' is not registered (load its file with --plugin)`);
  const where = `plugin model '${name}' (${r.file.path})`;
  let model: BenchModel;
  try {
    model = r.factory({ ...config });
  } catch (err) {
    throw new Error(`${where}: factory threw: ${(err as Error).message.split('\n')[0]}`);
  }
  if (!model || typeof model.run !== 'function')
    throw new Error(`${where}: the factory must return a BenchModel with run(task)`);
  return Object.freeze({
    name,
    config: model.config ?? Object.freeze({ ...config }),
    async run(task: ModelTask): Promise<ModelOutput> {
      let out: ModelOutput;
      try {
        out = await model.run(task);
      } catch (err) {
        throw new Error(`${where}: run threw: ${(err as Error).message.split('\n')[0]}`);
      }
      const n = task.split.customers.length;
      const value = checked(where, 'value', out?.value, n);
      const repurchase =
        out.repurchase === undefined
          ? Float64Array.from(value, (v) => (v > 0 ? 1 : 0))
          : checked(where, 'repurchase', out.repurchase, n);
      return Object.freeze({ ...out, value, repurchase });
    },
  });
}

function checked(where: string, field: string, values: ArrayLike<number> | undefined, n: number): Float64Array {
  if (!values || typeof values.length !== 'number') throw new Error(`${where}: returned no ${field} array`);
  if (values.length !== n)
    throw new Error(`${where}: returned ${values.length} ${field} values for ${n} cohort customers`);
  const out = Float64Array.from(values);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(out[i])) throw new Error(`${where}: ${field}[${i}] is ${out[i]} (expected a finite number)`);
    if (out[i] < 0) throw new Error(`${where}: ${field}[${i}] is ${out[i]} (expected ≥ 0)`);
  }
  return out;
}
