// Messages between the page (main.ts) and the analysis worker (analysis-worker.ts).
import type { Analysis } from './analyze-log.ts';
import type { RowAccounting } from './read-transactions-csv.ts';

export type WorkerRequest =
  | { readonly kind: 'load'; readonly file: File; readonly strict: boolean }
  | { readonly kind: 'analyze'; readonly cutoff: number; readonly horizonWeeks: number };

export type WorkerReply =
  | { readonly kind: 'progress'; readonly message: string }
  | { readonly kind: 'loaded'; readonly report: RowAccounting; readonly defaultCutoff: number }
  | { readonly kind: 'analysis'; readonly analysis: Analysis }
  | { readonly kind: 'error'; readonly stage: 'load' | 'analyze'; readonly message: string };
