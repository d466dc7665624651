// The first pass of the `events` reader's fast path, in WebAssembly (wasm/plain-lines.c, whose
// header says which lines it takes, how and why): this side copies a window of the tokenizer's
// buffer into the module's memory, indexes it once, and has the module parse a batch of plain
// lines into its tables from each line start the reader asks for. A line the module does not
// take (or cannot finish in its window) is the caller's, and the window moves on past it.
//
// Contract with the caller (tokenizer.ts FastLine): a buffer's bytes before `n` do not change
// while it is passed with that `n` (every chunk the tokenizer sees is a new view).
import { EVENT_TYPE_SYNONYMS } from './event-type-names.ts';
import { PLAIN_LINES_WASM } from './plain-lines-wasm.ts';

/** The module's sizes (plain-lines.c): window bytes, lines per parse, event-type names and their bytes. */
const WINDOW = 256 << 10;
const CAP = 8192;
/** Lines in a batch at most. */
export const PLAIN_LINES_CAP = CAP;
const PATTERN_BYTES = 16;
const PATTERNS = 32;
/** plain-lines.c's STOP_UNFINISHED: the window ended inside the line. */
const STOP_UNFINISHED = 2;

/** The part of the WebAssembly JS API used here (the project's lib, ES2023 without the DOM's, declares none). */
declare const WebAssembly: {
  readonly Module: new (bytes: Uint8Array) => WasmModule;
  readonly Instance: new (module: WasmModule) => { readonly exports: unknown };
};
interface WasmModule {
  readonly wasmModule: never;
}

interface PlainLinesExports {
  readonly memory: { readonly buffer: ArrayBuffer };
  buffer(): number;
  kinds(): number;
  times(): number;
  types(): number;
  amounts(): number;
  quantities(): number;
  customers(): number;
  items(): number;
  categories(): number;
  lineEnds(): number;
  stop(): number;
  sawAmount(): number;
  pattern(k: number): number;
  setShape(width: number, hasType: number): void;
  addPattern(length: number, type: number): number;
  index(length: number): void;
  parse(p: number): number;
}

/**
 * Whether new readers parse plain lines in WebAssembly. Tests and benchmarks compare the
 * passes by turning it off; without WebAssembly SIMD in the runtime it is off regardless.
 */
export const plainLinesSwitch = { enabled: true };

let compiled: WasmModule | null | undefined;

function plainLinesModule(): WasmModule | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(Buffer.from(PLAIN_LINES_WASM, 'base64'));
    } catch {
      compiled = null; // no WebAssembly SIMD here: the reader's JavaScript passes alone
    }
  }
  return compiled;
}

export class PlainLines {
  /** Per table line (at most CAP): its values (ids as numbers, -1 for an empty item or category). */
  readonly times: Float64Array;
  readonly types: Uint8Array;
  readonly amounts: Float64Array;
  readonly quantities: Float64Array;
  readonly customers: Float64Array;
  readonly items: Float64Array;
  readonly categories: Float64Array;
  private readonly x: PlainLinesExports;
  private readonly bytes: Uint8Array;
  private readonly ends: Int32Array;
  /** The window: buf[start, start + length), for buf with `n` bytes valid. */
  private buf: Uint8Array | undefined;
  private n = 0;
  private start = 0;
  private length = 0;

  /**
   * A parser for lines whose fields have `kinds` (events-reader.ts's kind per field), with an
   * event-type column or not; undefined when WebAssembly cannot run it (or it is switched off).
   */
  static create(kinds: Uint8Array, hasType: boolean): PlainLines | undefined {
    if (!plainLinesSwitch.enabled || kinds.length === 0 || kinds.length > 256) return undefined;
    const module = plainLinesModule();
    return module === null ? undefined : new PlainLines(new WebAssembly.Instance(module), kinds, hasType);
  }

  private constructor(instance: { readonly exports: unknown }, kinds: Uint8Array, hasType: boolean) {
    const x = instance.exports as PlainLinesExports;
    this.x = x;
    const memory = x.memory.buffer; // the module never grows its memory: these views stay valid
    this.bytes = new Uint8Array(memory, x.buffer(), WINDOW);
    this.times = new Float64Array(memory, x.times(), CAP);
    this.types = new Uint8Array(memory, x.types(), CAP);
    this.amounts = new Float64Array(memory, x.amounts(), CAP);
    this.quantities = new Float64Array(memory, x.quantities(), CAP);
    this.customers = new Float64Array(memory, x.customers(), CAP);
    this.items = new Float64Array(memory, x.items(), CAP);
    this.categories = new Float64Array(memory, x.categories(), CAP);
    this.ends = new Int32Array(memory, x.lineEnds(), CAP);
    new Uint8Array(memory, x.kinds(), 256).set(kinds);
    x.setShape(kinds.length, hasType ? 1 : 0);
    const ascii = new TextEncoder();
    let patterns = 0;
    for (const [name, type] of Object.entries(EVENT_TYPE_SYNONYMS)) {
      const bytes = ascii.encode(name);
      // A name past the module's room is left to the reader's own passes (none is today).
      if (bytes.length > PATTERN_BYTES || patterns === PATTERNS) continue;
      new Uint8Array(memory, x.pattern(patterns), PATTERN_BYTES).set(bytes);
      patterns += x.addPattern(bytes.length, type);
    }
  }

  /**
   * Parses the lines from `p` of `buf` (a line start; bytes before `n` valid) into the tables,
   * from table line 0; returns how many: 0 when the line at `p` is the caller's.
   */
  parse(buf: Uint8Array, p: number, n: number): number {
    const here = buf === this.buf && n === this.n && p >= this.start && p < this.start + this.length;
    if (!here) this.load(buf, p, n);
    let lines = this.x.parse(p - this.start);
    if (lines === 0 && here && p !== this.start && this.x.stop() === STOP_UNFINISHED && this.start + this.length < n) {
      this.load(buf, p, n); // the line runs past the window: a window from it
      lines = this.x.parse(0);
    }
    return lines;
  }

  /** Where table line `i` ends in the caller's buffer: the position after its line feed. */
  end(i: number): number {
    return this.start + this.ends[i];
  }

  /** Whether some line the module took had an amount. */
  get sawAmount(): boolean {
    return this.x.sawAmount() !== 0;
  }

  private load(buf: Uint8Array, p: number, n: number): void {
    const length = Math.min(WINDOW, n - p);
    this.bytes.set(buf.subarray(p, p + length));
    this.x.index(length);
    this.buf = buf;
    this.n = n;
    this.start = p;
    this.length = length;
  }
}
