// The one pass behind engineeredFeatures (engineered-feature-table.ts defines every column):
// per customer, one walk over offsets[c]..offsets[c+1] (events sorted by customer, then time),
// reading only start ≤ t < featureEnd, plus a walk over the events after the last purchase (the
// decayed activity) and over the customer's distinct items and categories. Accumulators are
// scalars and a few scratch typed arrays reused across customers (stamped per customer instead
// of cleared); no object is made per event. Rules shared with the kernel (customer-history.ts):
// whole UTC days for purchase-day features, same-day purchases one occasion, a return is netted
// against a purchase day only when it falls on one (first_purchase_amount), a count target's
// purchase is worth 1 and its return 0. Event and session features use exact times.
import { EventType } from '@clvlab/events';
import type { EventLog } from '@clvlab/events';
import { ACTIVITY_WINDOWS, ENGAGEMENT_WINDOWS, HALF_LIVES } from './engineered-feature-table.ts';

const DAY_MS = 86_400_000,
  HOUR_MS = 3_600_000;
const NB = ACTIVITY_WINDOWS.length + 1; // age buckets: one per window, then older than the last
const [E_SHORT, E_LONG] = ENGAGEMENT_WINDOWS;
const [H_SHORT, H_LONG] = HALF_LIVES;
const W30 = ACTIVITY_WINDOWS.indexOf(30); // the trend compares this window with the 30 days before

/** Index of the first activity window holding `age` days (NB − 1 when older than all). */
function bucketOf(age: number): number {
  let b = 0;
  while (b < NB - 1 && age >= ACTIVITY_WINDOWS[b]) b++;
  return b;
}

/** Adds a finished session (its last event `age` days before the last feature day) to the
 * short-window, long-window and whole-history tallies; returns 1 when it holds a purchase. */
function flushSession(
  sess: Float64Array,
  evs: Float64Array,
  abandon: Float64Array,
  age: number,
  events: number,
  cart: boolean,
  purchase: boolean,
): number {
  for (let k = 0; k < 3; k++) {
    if ((k === 0 && age >= E_SHORT) || (k === 1 && age >= E_LONG)) continue;
    sess[k]++;
    evs[k] += events;
    if (cart && !purchase) abandon[k]++;
  }
  return purchase ? 1 : 0;
}

/** Columns of the pass by feature name (every name the pass computes; NaN where undefined). */
export function engineeredPass(
  log: EventLog,
  offsets: ArrayLike<number>,
  session: Int32Array | null,
  customers: Int32Array,
  start: number,
  featureEnd: number,
): Map<string, Float64Array> {
  const n = customers.length;
  const out = new Map<string, Float64Array>();
  const col = (name: string): Float64Array => {
    const a = new Float64Array(n);
    out.set(name, a);
    return a;
  };
  const windowCols = (prefix: string, windows: readonly number[], all: boolean): Float64Array[] => [
    ...windows.map((w) => col(`${prefix}_${w}d`)),
    ...(all ? [col(`${prefix}_all`)] : []),
  ];
  const purchasesW = windowCols('purchases', ACTIVITY_WINDOWS, true),
    revenueW = windowCols('revenue', ACTIVITY_WINDOWS, false);
  const daysW = windowCols('purchase_days', ACTIVITY_WINDOWS, false),
    itemsW = windowCols('items', ACTIVITY_WINDOWS, true);
  const firstAmount = col('first_purchase_amount'),
    iptMean = col('ipt_mean'),
    iptStd = col('ipt_std'),
    iptCv = col('ipt_cv'),
    overdue = col('overdue');
  const trendDays = col('trend_purchase_days_30d'),
    trendRev = col('trend_revenue_30d'),
    slopeDays = col('slope_purchase_days_month'),
    slopeRev = col('slope_revenue_month');
  const sessionsW = windowCols('sessions', ENGAGEMENT_WINDOWS, true),
    epsW = windowCols('events_per_session', ENGAGEMENT_WINDOWS, true);
  const viewsW = windowCols('views', ENGAGEMENT_WINDOWS, true),
    cartsW = windowCols('carts', ENGAGEMENT_WINDOWS, true);
  const abandonW = windowCols('cart_abandon_sessions', ENGAGEMENT_WINDOWS, true);
  const sinceSession = col('days_since_last_session'),
    purchaseRate = col('purchase_session_rate');
  const basketValue = col('basket_value_mean'),
    basketUnits = col('basket_units_mean'),
    distinctCats = col('distinct_categories');
  const catEntropy = col('category_entropy'),
    topCat = col('top_category_share'),
    returnsShare = col('returns_share');
  const weekend = col('weekend_share'),
    hourW = [0, 6, 12, 18].map((h) =>
      col(`hour_share_${String(h).padStart(2, '0')}_${String(h + 6).padStart(2, '0')}`),
    );
  const decDays = HALF_LIVES.map((h) => col(`decayed_purchase_days_h${h}`)),
    decRev = HALF_LIVES.map((h) => col(`decayed_revenue_h${h}`));
  const decEvents = HALF_LIVES.map((h) => col(`decayed_events_since_purchase_h${h}`));

  const { t, type, amount, quantity, item, category } = log;
  const count = log.valueTarget === 'count';
  const lastDay = Math.floor((featureEnd - 1) / DAY_MS);
  let longest = 0;
  for (let r = 0; r < n; r++) longest = Math.max(longest, offsets[customers[r] + 1] - offsets[customers[r]]);
  const itemStamp = new Int32Array(log.itemIds.length).fill(-1),
    itemLast = new Int32Array(log.itemIds.length);
  const catStamp = new Int32Array(log.categoryIds.length).fill(-1),
    catCount = new Float64Array(log.categoryIds.length);
  const custItems = new Int32Array(longest),
    custCats = new Int32Array(longest);
  const pb = new Float64Array(NB),
    rb = new Float64Array(NB),
    db = new Float64Array(NB),
    ib = new Float64Array(NB),
    hours = new Float64Array(4);
  const sess = new Float64Array(3),
    evs = new Float64Array(3),
    abandon = new Float64Array(3),
    views = new Float64Array(3),
    carts = new Float64Array(3);

  for (let r = 0; r < n; r++) {
    const c = customers[r];
    pb.fill(0);
    rb.fill(0);
    db.fill(0);
    ib.fill(0);
    hours.fill(0);
    sess.fill(0);
    evs.fill(0);
    abandon.fill(0);
    views.fill(0);
    carts.fill(0);
    let nItems = 0,
      nCats = 0,
      events = 0,
      weekendEvents = 0,
      firstEventDay = NaN,
      lastT = NaN,
      afterPurchase = offsets[c];
    let pDays = 0,
      lastPDay = NaN,
      gapSum = 0,
      gapSq = 0,
      firstDaySpend = 0,
      gross = 0,
      units = 0,
      returned = 0;
    let daysPrev30 = 0,
      revPrev30 = 0,
      sumDays = 0,
      sumJDays = 0,
      sumRev = 0,
      sumJRev = 0,
      decD0 = 0,
      decD1 = 0,
      decR0 = 0,
      decR1 = 0;
    let day = NaN,
      age = 0,
      b = 0,
      j = 0,
      w0 = 0,
      w1 = 0;
    let curSession = -1,
      sEvents = 0,
      sCart = false,
      sPurchase = false,
      sLastDay = 0,
      purchaseSessions = 0;
    for (let i = offsets[c]; i < offsets[c + 1]; i++) {
      const ti = t[i];
      if (ti < start || ti >= featureEnd) continue;
      const k = type[i];
      const d = Math.floor(ti / DAY_MS);
      if (d !== day) {
        day = d;
        age = lastDay - d;
        b = bucketOf(age);
        j = Math.floor(age / 30);
        w0 = Math.pow(2, -age / H_SHORT);
        w1 = Math.pow(2, -age / H_LONG);
        if (Number.isNaN(firstEventDay)) firstEventDay = d;
      }
      events++;
      lastT = ti;
      const weekday = (d + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
      if (weekday === 0 || weekday === 6) weekendEvents++;
      hours[Math.floor((ti - d * DAY_MS) / HOUR_MS / 6)]++;
      if (session !== null) {
        if (session[i] !== curSession) {
          if (curSession !== -1)
            purchaseSessions += flushSession(sess, evs, abandon, lastDay - sLastDay, sEvents, sCart, sPurchase);
          curSession = session[i];
          sEvents = 0;
          sCart = false;
          sPurchase = false;
        }
        sEvents++;
        sLastDay = d;
        if (k === EventType.cart) sCart = true;
        else if (k === EventType.purchase) sPurchase = true;
      }
      if (k === EventType.view || k === EventType.cart) {
        const tally = k === EventType.view ? views : carts;
        tally[2]++;
        if (age < E_LONG) tally[1]++;
        if (age < E_SHORT) tally[0]++;
        continue;
      }
      if (k !== EventType.purchase && k !== EventType.return) continue;
      const value = count ? (k === EventType.purchase ? 1 : 0) : amount[i];
      rb[b] += value;
      sumRev += value;
      sumJRev += j * value;
      decR0 += w0 * value;
      decR1 += w1 * value;
      if (age >= 30 && age < 60) revPrev30 += value;
      if (k === EventType.return) {
        returned += count ? 1 : -value;
      } else {
        pb[b]++;
        gross += count ? 1 : value;
        units += quantity[i];
        afterPurchase = i + 1;
        if (d !== lastPDay) {
          if (pDays > 0) {
            const gap = d - lastPDay;
            gapSum += gap;
            gapSq += gap * gap;
          }
          lastPDay = d;
          pDays++;
          db[b]++;
          sumDays++;
          sumJDays += j;
          decD0 += w0;
          decD1 += w1;
          if (age >= 30 && age < 60) daysPrev30++;
        }
        const it = item[i];
        if (it >= 0) {
          if (itemStamp[it] !== r) {
            itemStamp[it] = r;
            custItems[nItems++] = it;
          }
          itemLast[it] = d;
        }
        const ca = category[i];
        if (ca >= 0) {
          if (catStamp[ca] !== r) {
            catStamp[ca] = r;
            catCount[ca] = 0;
            custCats[nCats++] = ca;
          }
          catCount[ca]++;
        }
      }
      if (pDays === 1 && d === lastPDay) firstDaySpend += value;
    }
    if (curSession !== -1)
      purchaseSessions += flushSession(sess, evs, abandon, lastDay - sLastDay, sEvents, sCart, sPurchase);
    for (let q = 0; q < nItems; q++) ib[bucketOf(lastDay - itemLast[custItems[q]])]++;
    for (let w = 0, p = 0, rv = 0, dd = 0, it = 0; w < NB; w++) {
      p += pb[w];
      rv += rb[w];
      dd += db[w];
      it += ib[w];
      purchasesW[w][r] = p;
      itemsW[w][r] = it;
      if (w < NB - 1) {
        revenueW[w][r] = rv;
        daysW[w][r] = dd;
      }
    }
    firstAmount[r] = pDays > 0 ? firstDaySpend : NaN;
    const gaps = pDays - 1,
      mean = gapSum / gaps;
    iptMean[r] = gaps >= 1 ? mean : NaN;
    overdue[r] = gaps >= 1 ? (lastDay - lastPDay) / mean : NaN;
    const std = gaps >= 2 ? Math.sqrt(Math.max(0, (gapSq - (gapSum * gapSum) / gaps) / (gaps - 1))) : NaN;
    iptStd[r] = std;
    iptCv[r] = std / mean;
    trendDays[r] = daysW[W30][r] - daysPrev30;
    trendRev[r] = revenueW[W30][r] - revPrev30;
    const months = Number.isNaN(firstEventDay) ? 0 : Math.floor((lastDay - firstEventDay) / 30) + 1;
    const sxx = (months * (months * months - 1)) / 12,
      jBar = (months - 1) / 2;
    slopeDays[r] = months >= 2 ? (jBar * sumDays - sumJDays) / sxx : NaN;
    slopeRev[r] = months >= 2 ? (jBar * sumRev - sumJRev) / sxx : NaN;
    for (let k = 0; k < 3; k++) {
      sessionsW[k][r] = sess[k];
      epsW[k][r] = sess[k] > 0 ? evs[k] / sess[k] : NaN;
      abandonW[k][r] = abandon[k];
      viewsW[k][r] = views[k];
      cartsW[k][r] = carts[k];
    }
    sinceSession[r] = events > 0 ? (featureEnd - lastT) / DAY_MS : NaN;
    purchaseRate[r] = sess[2] > 0 ? purchaseSessions / sess[2] : NaN;
    basketValue[r] = pDays > 0 ? gross / pDays : NaN;
    basketUnits[r] = pDays > 0 ? units / pDays : NaN;
    returnsShare[r] = gross > 0 ? returned / gross : NaN;
    let catTotal = 0,
      catTop = 0,
      entropy = 0;
    for (let q = 0; q < nCats; q++) {
      const m = catCount[custCats[q]];
      catTotal += m;
      if (m > catTop) catTop = m;
    }
    for (let q = 0; q < nCats; q++) {
      const p = catCount[custCats[q]] / catTotal;
      entropy -= p * Math.log2(p);
    }
    distinctCats[r] = nCats;
    catEntropy[r] = nCats > 0 ? entropy : NaN;
    topCat[r] = nCats > 0 ? catTop / catTotal : NaN;
    weekend[r] = events > 0 ? weekendEvents / events : NaN;
    for (let h = 0; h < 4; h++) hourW[h][r] = events > 0 ? hours[h] / events : NaN;
    decDays[0][r] = decD0;
    decDays[1][r] = decD1;
    decRev[0][r] = decR0;
    decRev[1][r] = decR1;
    let e0 = 0,
      e1 = 0;
    for (let i = afterPurchase; i < offsets[c + 1]; i++) {
      const ti = t[i];
      if (ti < start || ti >= featureEnd) continue;
      const a = (featureEnd - ti) / DAY_MS;
      e0 += Math.pow(2, -a / H_SHORT);
      e1 += Math.pow(2, -a / H_LONG);
    }
    decEvents[0][r] = e0;
    decEvents[1][r] = e1;
  }
  return out;
}
