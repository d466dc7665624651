// @clvlab/events/node: the Node-only half (docs/architecture.md §Runtime): the streaming file
// readers (node:fs, node:zlib, hyparquet's file source) and the Zarr v3 store on disk
// (@zarrita/storage/fs, node:zlib's gzip codec, core's atomic directory swap). The EventLog
// itself, its Zarr array layout and the tokenizer are in the browser-safe `@clvlab/events`.
export { readEventLog, INPUT_FORMATS, DEFAULT_READ_OPTIONS } from './read-event-log.ts';
export type { ReadOptions, IngestReport, IngestResult, InputFormat } from './read-event-log.ts';
export { writeZarrGroup, readZarrGroup, DEFAULT_ZARR_WRITE } from './zarr-group.ts';
export type { ZarrArrayData, ZarrGroupData, ZarrTypedArray } from './zarr-group.ts';
export { registerGzipCodec } from './gzip-codec.ts';
export { NON_PRODUCT_CODES } from './online-retail-reader.ts';
