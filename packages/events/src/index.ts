// @clvlab/events: the EventLog and what builds it from memory, browser-safe (no `node:` import
// at load; packages/core/tests/browser-safe-entries.test.ts). The file readers and the Zarr
// store on disk are in `@clvlab/events/node`; their types are exported here too (types load nothing).
export { EVENT_TYPES, EventType } from './event-log.ts';
export type { EventLog, EventTypeName, ValueTarget } from './event-log.ts';
export { createEventLog } from './create-event-log.ts';
export type { EventLogColumns } from './create-event-log.ts';
export { customerOffsets } from './customer-offsets.ts';
export { IngestError } from './ingest-error.ts';
export type { ReadOptions, IngestReport, IngestResult, InputFormat } from './read-event-log.ts';
export type { ZarrArrayData, ZarrGroupData, ZarrTypedArray } from './zarr-group.ts';
export { encodeStrings, decodeStrings } from './encode-strings.ts';
export type { EncodedStrings } from './encode-strings.ts';
export { writeEventLogArrays, eventLogFromArrays } from './event-log-arrays.ts';
export { EVENT_TYPE_SYNONYMS, eventTypeOf } from './event-type-names.ts';
export { Tokenizer } from './tokenizer.ts';
export type { RowView, TokenizerMode } from './tokenizer.ts';
