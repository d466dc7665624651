// The page: a file (chosen or dropped) goes to the analysis worker, which answers with the row
// accounting and, for the cutoff and horizon in the form, the fitted models. Changing the
// cutoff or horizon re-runs the analysis on the loaded log; `data-state` on the status line is
// 'working' until the last request is answered (the Chromium test waits on it).
import type { Analysis } from './analyze-log.ts';
import { renderAccounting } from './render-accounting.ts';
import { renderAnalysis } from './render-analysis.ts';
import { scoresCsv } from './scores-csv.ts';
import type { WorkerReply, WorkerRequest } from './worker-protocol.ts';

const DAY_MS = 86_400_000;
const $ = <T extends HTMLElement>(selector: string): T => document.querySelector<T>(selector)!;
const fileInput = $<HTMLInputElement>('[data-testid=file-input]');
const drop = $<HTMLLabelElement>('[data-testid=drop-zone]');
const cutoffInput = $<HTMLInputElement>('[data-testid=cutoff]');
const horizonInput = $<HTMLInputElement>('[data-testid=horizon]');
const strictInput = $<HTMLInputElement>('[data-testid=strict]');
const status = $<HTMLParagraphElement>('[data-testid=status]');
const accounting = $<HTMLDivElement>('#accounting');
const results = $<HTMLDivElement>('#results');
const download = $<HTMLParagraphElement>('#download');

const worker = new Worker(new URL('./analysis-worker.ts', import.meta.url), { type: 'module' });
let pending = 0;
let loaded = false;
/** True until the user edits the cutoff: each new file then gets its own default. */
let autoCutoff = true;
let scoresUrl = '';

function send(request: WorkerRequest, message: string): void {
  pending++;
  setStatus('working', message);
  worker.postMessage(request);
}

function setStatus(state: 'idle' | 'working' | 'done' | 'error', message: string): void {
  status.dataset.state = state;
  status.textContent = message;
}

function load(file: File): void {
  loaded = false;
  accounting.replaceChildren();
  results.replaceChildren();
  download.hidden = true;
  send({ kind: 'load', file, strict: strictInput.checked }, `reading ${file.name}…`);
}

function analyze(): void {
  if (!loaded) return;
  const cutoff = cutoffInput.valueAsNumber,
    horizonWeeks = horizonInput.valueAsNumber;
  if (Number.isNaN(cutoff)) return setStatus('error', 'Set the calibration cutoff date.');
  if (!(horizonWeeks > 0)) return setStatus('error', 'Set a horizon of at least one week.');
  send({ kind: 'analyze', cutoff, horizonWeeks }, 'fitting…');
}

worker.onmessage = (e: MessageEvent<WorkerReply>) => {
  const reply = e.data;
  if (reply.kind === 'progress') return setStatus('working', `${reply.message}…`);
  pending--;
  if (reply.kind === 'error') {
    if (reply.stage === 'analyze') results.replaceChildren();
    return setStatus('error', reply.message);
  }
  if (reply.kind === 'loaded') {
    loaded = true;
    accounting.replaceChildren(renderAccounting(reply.report));
    if (reply.report.rowsKept === 0) return setStatus('error', 'No row was kept: nothing to fit.');
    if (autoCutoff || cutoffInput.value === '') cutoffInput.valueAsNumber = reply.defaultCutoff;
    analyze();
    return;
  }
  show(reply.analysis);
};
worker.onerror = (e) => setStatus('error', `worker failed: ${e.message}`);

function show(analysis: Analysis): void {
  results.replaceChildren(renderAnalysis(analysis));
  if (scoresUrl !== '') URL.revokeObjectURL(scoresUrl);
  scoresUrl = URL.createObjectURL(new Blob([scoresCsv(analysis)], { type: 'text/csv' }));
  download.querySelector('a')!.href = scoresUrl;
  download.hidden = false;
  if (pending > 0) return;
  const calibrationDays = Math.round((analysis.cutoff - DAY_MS) / DAY_MS) * DAY_MS;
  setStatus(
    'done',
    `Fitted ${analysis.cohort.toLocaleString('en-US')} customers (calibration to ${new Date(calibrationDays).toISOString().slice(0, 10)}) in ${Math.round(analysis.bgnbd.ms + ('ms' in analysis.gammaGamma ? analysis.gammaGamma.ms : 0))} ms.`,
  );
}

fileInput.addEventListener('change', () => {
  if (fileInput.files?.[0]) load(fileInput.files[0]);
});
drop.addEventListener('dragover', (e) => {
  e.preventDefault();
  drop.classList.add('over');
});
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  const file = e.dataTransfer?.files[0];
  if (file) load(file);
});
cutoffInput.addEventListener('change', () => {
  autoCutoff = false;
  analyze();
});
horizonInput.addEventListener('change', analyze);
strictInput.addEventListener('change', () => {
  if (fileInput.files?.[0]) load(fileInput.files[0]);
});
$<HTMLFormElement>('[data-testid=controls]').addEventListener('submit', (e) => e.preventDefault());
