// The `events/*` part of a prepared dataset (docs/architecture.md §Prepared dataset): one Zarr
// array per EventLog column plus the id dictionaries as UTF-8 bytes + offsets (see
// encode-strings.ts), and back.
//   events/customer int32, events/t float64 (epoch ms UTC), events/type uint8 (attribute
//   event_types), events/item int32, events/category int32, events/amount float64 (attribute
//   value_target), events/quantity float64,
//   dictionaries/{customer,item,category}_ids/{utf8 uint8, offsets int32}.
import { createEventLog } from './create-event-log.ts';
import { decodeStrings, encodeStrings } from './encode-strings.ts';
import { EVENT_TYPES } from './event-log.ts';
import type { EventLog, ValueTarget } from './event-log.ts';
import type { ZarrArrayData, ZarrGroupData } from './zarr-group.ts';

const DICTIONARIES = ['customer', 'item', 'category'] as const;

/** The arrays of `log` keyed by their path in a prepared dataset. */
export function writeEventLogArrays(log: EventLog): Record<string, ZarrArrayData> {
  const n = log.length;
  const out: Record<string, ZarrArrayData> = {
    'events/customer': { data: log.customer, shape: [n] },
    'events/t': { data: log.t, shape: [n], attributes: { units: 'epoch milliseconds UTC' } },
    'events/type': { data: log.type, shape: [n], attributes: { event_types: [...EVENT_TYPES] } },
    'events/item': { data: log.item, shape: [n] },
    'events/category': { data: log.category, shape: [n] },
    'events/amount': { data: log.amount, shape: [n], attributes: { value_target: log.valueTarget } },
    'events/quantity': { data: log.quantity, shape: [n] },
  };
  const labels = { customer: log.customerIds, item: log.itemIds, category: log.categoryIds };
  for (const name of DICTIONARIES) {
    const { bytes, offsets } = encodeStrings(labels[name]);
    out[`dictionaries/${name}_ids/utf8`] = {
      data: bytes,
      shape: [bytes.length],
      attributes: { encoding: 'utf-8, string i = utf8[offsets[i]:offsets[i+1]]' },
    };
    out[`dictionaries/${name}_ids/offsets`] = { data: offsets, shape: [offsets.length] };
  }
  return out;
}

/** Rebuilds the EventLog from a group holding the arrays of `writeEventLogArrays`. */
export function eventLogFromArrays(group: ZarrGroupData): EventLog {
  const get = <A>(name: string, ctor: abstract new (...args: never[]) => A): A => {
    const arr = group.arrays[name];
    if (arr === undefined) throw new Error(`events/event-log-arrays: missing array '${name}'`);
    if (!(arr.data instanceof ctor)) throw new Error(`events/event-log-arrays: array '${name}' has the wrong dtype`);
    return arr.data as A;
  };
  const types = group.arrays['events/type']?.attributes?.event_types;
  if (types !== undefined && JSON.stringify(types) !== JSON.stringify(EVENT_TYPES)) {
    throw new Error(
      `events/event-log-arrays: event_types ${JSON.stringify(types)} differ from ${JSON.stringify(EVENT_TYPES)}`,
    );
  }
  const dict = (name: string): string[] =>
    decodeStrings({
      bytes: get(`dictionaries/${name}_ids/utf8`, Uint8Array),
      offsets: get(`dictionaries/${name}_ids/offsets`, Int32Array),
    });
  const target = group.arrays['events/amount']?.attributes?.value_target;
  return createEventLog({
    customer: get('events/customer', Int32Array),
    t: get('events/t', Float64Array),
    type: get('events/type', Uint8Array),
    item: get('events/item', Int32Array),
    category: get('events/category', Int32Array),
    amount: get('events/amount', Float64Array),
    quantity: get('events/quantity', Float64Array),
    customerIds: dict('customer'),
    itemIds: dict('item'),
    categoryIds: dict('category'),
    valueTarget: target === 'count' ? 'count' : ('revenue' as ValueTarget),
  });
}
