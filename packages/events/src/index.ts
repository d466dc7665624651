export { EVENT_TYPES, EventType } from './event-log.ts';
export type { EventLog, EventTypeName, ValueTarget } from './event-log.ts';
export { createRng, hashUnit } from './random.ts';
export type { Rng } from './random.ts';
