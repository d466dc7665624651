// Which FEATURE_NEEDS a dataset meets, from what is known before the feature cutoff: one scan of
// every event with start ≤ t < featureEnd (all customers, not only the ones asked for, so the
// set of columns is a property of the dataset and the cutoff, and no event at or after the
// cutoff can add or remove a column).
import { EventType } from '@clvlab/events';
import type { EventLog } from '@clvlab/events';
import type { FeatureNeed } from './engineered-feature-table.ts';

const DAY_MS = 86_400_000;

/** The needs met by the events of `log` in [start, featureEnd), given session ids or not. */
export function featureNeeds(
  log: EventLog,
  hasSessions: boolean,
  start: number,
  featureEnd: number,
): ReadonlySet<FeatureNeed> {
  const { t, type, item, category } = log;
  let views = false,
    carts = false,
    returns = false,
    items = false,
    categories = false,
    timeOfDay = false,
    browsing = false;
  let firstDay = Infinity,
    clock = NaN; // the earliest day; the time of day of the first event seen
  for (let i = 0; i < log.length; i++) {
    const ti = t[i];
    if (ti < start || ti >= featureEnd) continue;
    const k = type[i];
    if (k === EventType.purchase) {
      if (item[i] >= 0) items = true;
      if (category[i] >= 0) categories = true;
    } else if (k === EventType.return) {
      returns = true;
    } else {
      browsing = true;
      if (k === EventType.view) views = true;
      else if (k === EventType.cart) carts = true;
    }
    const day = Math.floor(ti / DAY_MS),
      ms = ti - day * DAY_MS;
    if (day < firstDay) firstDay = day;
    if (Number.isNaN(clock)) clock = ms;
    else if (ms !== clock) timeOfDay = true;
  }
  const met = new Set<FeatureNeed>();
  const add = (need: FeatureNeed, ok: boolean): void => {
    if (ok) met.add(need);
  };
  add('prices', log.valueTarget === 'revenue');
  add('items', items);
  add('categories', categories);
  add('views', views);
  add('carts', carts);
  add('returns', returns);
  add('time of day', timeOfDay);
  add('two months', Math.floor((featureEnd - 1) / DAY_MS) - firstDay >= 30);
  add('sessions', hasSessions);
  add('browsing', browsing);
  return met;
}
