export { EVENT_TYPES, EventType } from './event-log.ts';
export type { EventLog, EventTypeName, ValueTarget } from './event-log.ts';
