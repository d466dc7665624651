// @clvlab/sessions/node: the Node-only half (docs/architecture.md §Runtime): the prepared
// dataset's Zarr store on disk and the sessions.csv writer. Sessions, the split, labels,
// prepareDataset and the model contract are in the browser-safe `@clvlab/sessions`.
export { SESSIONS_CSV_HEADER, writeSessionsCsv } from './write-sessions-csv.ts';
export { readPreparedDataset, writePreparedDataset } from './prepared-dataset-store.ts';
export type { CustomerAttributeTable, StoredPreparedDataset } from './prepared-dataset-store.ts';
