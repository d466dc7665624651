-- clvlab sql --dialect spark: the event stage of clvlab as SQL (issue 16).
-- Input lake.events: customer_id, timestamp, event_type, item_id, category, amount, quantity, seq (source order).
-- Output: clvlab_events, clvlab_customers, clvlab_items, clvlab_categories, clvlab_sessions, clvlab_cohort, clvlab_features, clvlab_sequences, clvlab_meta.
-- Sessions at a gap > 1800000 ms, seed 1, dataset cdnow, 32 last events, unit week.
UNCACHE TABLE IF EXISTS clvlab_s_check_columns;

DROP VIEW IF EXISTS clvlab_s_check_columns;

-- 1. The event table lake.events: every column present (a missing one fails here, named by the engine) with an accepted type.
--    Columns: customer_id, timestamp, event_type, item_id, category, amount, quantity, seq.
CACHE TABLE clvlab_s_check_columns AS
SELECT CASE
  WHEN t.one IS NULL THEN raise_error('clvlab sql: the event table lake.events has no rows')
  WHEN NOT (t.t0 LIKE 'string' OR t.t0 LIKE 'varchar(%' OR t.t0 LIKE 'char(%') THEN raise_error('clvlab sql: column customer_id of lake.events has type ' || COALESCE(CAST(t.t0 AS STRING), 'NULL') || ', expected a string type')
  WHEN NOT (t.t1 LIKE 'timestamp' OR t.t1 LIKE 'timestamp_ntz') THEN raise_error('clvlab sql: column timestamp of lake.events has type ' || COALESCE(CAST(t.t1 AS STRING), 'NULL') || ', expected a TIMESTAMP')
  WHEN NOT (t.t2 LIKE 'string' OR t.t2 LIKE 'varchar(%' OR t.t2 LIKE 'char(%') THEN raise_error('clvlab sql: column event_type of lake.events has type ' || COALESCE(CAST(t.t2 AS STRING), 'NULL') || ', expected a string type')
  WHEN NOT (t.t3 LIKE 'string' OR t.t3 LIKE 'varchar(%' OR t.t3 LIKE 'char(%' OR t.t3 LIKE 'void') THEN raise_error('clvlab sql: column item_id of lake.events has type ' || COALESCE(CAST(t.t3 AS STRING), 'NULL') || ', expected a string type')
  WHEN NOT (t.t4 LIKE 'string' OR t.t4 LIKE 'varchar(%' OR t.t4 LIKE 'char(%' OR t.t4 LIKE 'void') THEN raise_error('clvlab sql: column category of lake.events has type ' || COALESCE(CAST(t.t4 AS STRING), 'NULL') || ', expected a string type')
  WHEN NOT (t.t5 LIKE 'double' OR t.t5 LIKE 'float' OR t.t5 LIKE 'decimal(%' OR t.t5 LIKE 'bigint' OR t.t5 LIKE 'int' OR t.t5 LIKE 'smallint' OR t.t5 LIKE 'tinyint' OR t.t5 LIKE 'void') THEN raise_error('clvlab sql: column amount of lake.events has type ' || COALESCE(CAST(t.t5 AS STRING), 'NULL') || ', expected a numeric type')
  WHEN NOT (t.t6 LIKE 'double' OR t.t6 LIKE 'float' OR t.t6 LIKE 'decimal(%' OR t.t6 LIKE 'bigint' OR t.t6 LIKE 'int' OR t.t6 LIKE 'smallint' OR t.t6 LIKE 'tinyint' OR t.t6 LIKE 'void') THEN raise_error('clvlab sql: column quantity of lake.events has type ' || COALESCE(CAST(t.t6 AS STRING), 'NULL') || ', expected a numeric type')
  WHEN NOT (t.t7 LIKE 'bigint' OR t.t7 LIKE 'int' OR t.t7 LIKE 'smallint' OR t.t7 LIKE 'tinyint') THEN raise_error('clvlab sql: column seq of lake.events has type ' || COALESCE(CAST(t.t7 AS STRING), 'NULL') || ', expected an integer type')
  ELSE 0 END AS ok
FROM (SELECT 1 AS one) o LEFT JOIN (SELECT 1 AS one, lower(typeof(`customer_id`)) AS t0, lower(typeof(`timestamp`)) AS t1, lower(typeof(`event_type`)) AS t2, lower(typeof(`item_id`)) AS t3, lower(typeof(`category`)) AS t4, lower(typeof(`amount`)) AS t5, lower(typeof(`quantity`)) AS t6, lower(typeof(`seq`)) AS t7 FROM lake.events src LIMIT 1) t ON o.one = t.one;

UNCACHE TABLE IF EXISTS clvlab_s_ev0;

DROP VIEW IF EXISTS clvlab_s_ev0;

-- 2. One row per event: epoch ms, the event type code (synonyms as the events reader accepts them), empty ids as NULL.
CACHE TABLE clvlab_s_ev0 AS
SELECT
  `customer_id` AS customer_id,
  unix_millis(CAST(`timestamp` AS TIMESTAMP)) AS t_ms,
  CASE
    WHEN lower(trim(`event_type`)) IN ('view', 'pv', 'page_view', 'pageview', 'click', 'detail') THEN 0
    WHEN lower(trim(`event_type`)) IN ('cart', 'add_to_cart', 'addtocart', 'add-to-cart') THEN 1
    WHEN lower(trim(`event_type`)) IN ('purchase', 'buy', 'order', 'transaction', 'sale') THEN 2
    WHEN lower(trim(`event_type`)) IN ('return', 'refund', 'cancel', 'cancellation') THEN 3
    WHEN lower(trim(`event_type`)) IN ('other', 'fav', 'favorite', 'favourite', 'wishlist', 'remove_from_cart') THEN 4
  END AS type,
  `event_type` AS event_type_raw,
  CASE WHEN `item_id` = '' THEN NULL ELSE `item_id` END AS item_id,
  CASE WHEN `category` = '' THEN NULL ELSE `category` END AS category,
  CAST(`amount` AS DOUBLE) AS amount_raw,
  CAST(`quantity` AS DOUBLE) AS quantity_raw,
  CAST(`seq` AS BIGINT) AS seq
FROM lake.events src;

UNCACHE TABLE IF EXISTS clvlab_s_check_rows;

DROP VIEW IF EXISTS clvlab_s_check_rows;

-- 3. Row checks: nothing is dropped, so a row the TypeScript reader would reject stops the script.
--    Event types: view, cart, purchase, return, other (codes 0..4) or a synonym, ids at most --max-id-length (64) characters.
CACHE TABLE clvlab_s_check_rows AS
SELECT CASE
  WHEN a.no_customer > 0 THEN raise_error('clvlab sql: ' || COALESCE(CAST(a.no_customer AS STRING), 'NULL') || ' rows of lake.events have no customer_id (NULL or empty, which the events reader rejects as missing-customer): fix or filter them first')
  WHEN a.no_time > 0 THEN raise_error('clvlab sql: ' || COALESCE(CAST(a.no_time AS STRING), 'NULL') || ' rows of lake.events have no timestamp')
  WHEN a.bad_type > 0 THEN raise_error('clvlab sql: ' || COALESCE(CAST(a.bad_type AS STRING), 'NULL') || ' rows of lake.events have an event_type that is not view, cart, purchase, return, other or a synonym (e.g. "' || COALESCE(CAST(a.bad_type_example AS STRING), 'NULL') || '")')
  WHEN a.bad_amount > 0 THEN raise_error('clvlab sql: ' || COALESCE(CAST(a.bad_amount AS STRING), 'NULL') || ' rows of lake.events have a non-finite amount (NaN or infinite)')
  WHEN a.bad_quantity > 0 THEN raise_error('clvlab sql: ' || COALESCE(CAST(a.bad_quantity AS STRING), 'NULL') || ' rows of lake.events have a non-finite quantity')
  WHEN a.longest_id > 64 THEN raise_error('clvlab sql: the longest customer_id has ' || COALESCE(CAST(a.longest_id AS STRING), 'NULL') || ' characters, more than --max-id-length 64: generate the SQL again with a larger --max-id-length')
  WHEN a.no_seq > 0 THEN raise_error('clvlab sql: ' || COALESCE(CAST(a.no_seq AS STRING), 'NULL') || ' rows of lake.events have no seq (the --seq column)')
  WHEN a.repeated_seq > 0 THEN raise_error('clvlab sql: the --seq column seq is not unique: ' || COALESCE(CAST(a.repeated_seq AS STRING), 'NULL') || ' rows repeat a value of another row')
  ELSE 0 END AS ok
FROM (SELECT SUM(CASE WHEN customer_id IS NULL OR customer_id = '' THEN 1 ELSE 0 END) AS no_customer, SUM(CASE WHEN t_ms IS NULL THEN 1 ELSE 0 END) AS no_time, SUM(CASE WHEN type IS NULL THEN 1 ELSE 0 END) AS bad_type, MIN(CASE WHEN type IS NULL THEN COALESCE(event_type_raw, 'NULL') END) AS bad_type_example, SUM(CASE WHEN amount_raw IS NOT NULL AND NOT (amount_raw * 0 = 0) THEN 1 ELSE 0 END) AS bad_amount, SUM(CASE WHEN quantity_raw IS NOT NULL AND NOT (quantity_raw * 0 = 0) THEN 1 ELSE 0 END) AS bad_quantity, MAX(length(customer_id)) AS longest_id, SUM(CASE WHEN seq IS NULL THEN 1 ELSE 0 END) AS no_seq, COUNT(*) - COUNT(DISTINCT seq) AS repeated_seq FROM clvlab_s_ev0) a;

UNCACHE TABLE IF EXISTS clvlab_s_params;

DROP VIEW IF EXISTS clvlab_s_params;

-- 5. The window: cutoff 1997-10-01T00:00:00.000Z, horizon 23587200000 ms, value target revenue unless no row has an amount.
CACHE TABLE clvlab_s_params AS
SELECT a.first_t, a.last_t, a.daily, a.n_events, a.n_customers,
  a.first_t AS start_ms,
  CAST(875664000000 AS DOUBLE) AS cutoff_ms,
  CASE WHEN a.daily = 1 THEN CAST((CAST(FLOOR((CAST(a.last_t AS DOUBLE)) / 86400000) AS BIGINT) + 1) * 86400000 AS DOUBLE) ELSE CAST((CAST(FLOOR((CAST(a.last_t AS DOUBLE)) / 1000) AS BIGINT) + 1) * 1000 AS DOUBLE) END AS end_ms,
  CAST(23587200000 AS DOUBLE) AS horizon_ms,
  CAST(875664000000 AS DOUBLE) + CAST(23587200000 AS DOUBLE) AS label_end,
  CAST(FLOOR((CAST(875664000000 AS DOUBLE) - 1) / 86400000) AS BIGINT) AS last_feature_day,
  CASE WHEN a.n_amount > 0 THEN 'revenue' ELSE 'count' END AS value_target
FROM (
  SELECT MIN(t_ms) AS first_t, MAX(t_ms) AS last_t,
    MIN(CASE WHEN t_ms % 86400000 = 0 THEN 1 ELSE 0 END) AS daily,
    COUNT(amount_raw) AS n_amount, COUNT(*) AS n_events, COUNT(DISTINCT customer_id) AS n_customers
  FROM clvlab_s_ev0
) a;

UNCACHE TABLE IF EXISTS clvlab_s_check_window;

DROP VIEW IF EXISTS clvlab_s_check_window;

CACHE TABLE clvlab_s_check_window AS
SELECT CASE
  WHEN p.cutoff_ms <= p.start_ms OR p.cutoff_ms > p.last_t THEN raise_error('clvlab sql: cutoff ' || COALESCE(CAST(p.cutoff_ms AS STRING), 'NULL') || ' ms is outside the data (first event ' || COALESCE(CAST(p.start_ms AS STRING), 'NULL') || ' ms, last ' || COALESCE(CAST(p.last_t AS STRING), 'NULL') || ' ms)')
  WHEN NOT (p.horizon_ms > 0) THEN raise_error('clvlab sql: horizon must be > 0 ms, got ' || COALESCE(CAST(p.horizon_ms AS STRING), 'NULL'))
  WHEN p.label_end > GREATEST(p.end_ms, CAST(p.last_t + 86400000 AS DOUBLE)) THEN raise_error('clvlab sql: holdout ' || COALESCE(CAST(p.cutoff_ms AS STRING), 'NULL') || ' + ' || COALESCE(CAST(p.horizon_ms AS STRING), 'NULL') || ' ms ends after the data (last event ' || COALESCE(CAST(p.last_t AS STRING), 'NULL') || ' ms): labels would be truncated')
  ELSE 0 END AS ok
FROM clvlab_s_params p;

UNCACHE TABLE IF EXISTS clvlab_s_ev1;

DROP VIEW IF EXISTS clvlab_s_ev1;

-- 6. Order within each customer (k) and the gap to the previous event.
CACHE TABLE clvlab_s_ev1 AS
SELECT e.customer_id, e.seq, e.t_ms, e.type, e.item_id, e.category,
  CASE WHEN p.value_target = 'count' THEN (CASE e.type WHEN 2 THEN 1 WHEN 3 THEN -1 ELSE 0 END)
    WHEN e.amount_raw IS NULL THEN 0
    WHEN e.type = 3 AND e.amount_raw > 0 THEN -e.amount_raw
    ELSE e.amount_raw END AS amount,
  COALESCE(e.quantity_raw, 1) AS quantity,
  ROW_NUMBER() OVER (PARTITION BY e.customer_id ORDER BY e.t_ms, e.seq) - 1 AS k,
  e.t_ms - LAG(e.t_ms) OVER (PARTITION BY e.customer_id ORDER BY e.t_ms, e.seq) AS gap_ms
FROM clvlab_s_ev0 e CROSS JOIN clvlab_s_params p;

DROP TABLE IF EXISTS clvlab_events;

-- 7. Sessions: a gap strictly greater than 1800000 ms starts a new one (index 0 = the first of the customer).
CREATE TABLE clvlab_events USING parquet AS
SELECT
  CAST(customer_id AS STRING) AS customer_id,
  CAST(k AS BIGINT) AS k,
  CAST(seq AS BIGINT) AS seq,
  CAST(t_ms AS BIGINT) AS t_ms,
  CAST(type AS BIGINT) AS type,
  CAST(item_id AS STRING) AS item_id,
  CAST(category AS STRING) AS category,
  CAST(amount AS DOUBLE) AS amount,
  CAST(quantity AS DOUBLE) AS quantity,
  CAST(SUM(CASE WHEN gap_ms > CAST(1800000 AS DOUBLE) THEN 1 ELSE 0 END) OVER (PARTITION BY customer_id ORDER BY k ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS BIGINT) AS session,
  CAST(gap_ms AS BIGINT) AS gap_ms
FROM clvlab_s_ev1;

DROP TABLE IF EXISTS clvlab_customers;

-- 8. Dictionaries: every customer, item and category with its first appearance (smallest seq, first time).
CREATE TABLE clvlab_customers USING parquet AS
SELECT
  CAST(customer_id AS STRING) AS customer_id,
  CAST(MIN(seq) AS BIGINT) AS first_seq,
  CAST(MIN(t_ms) AS BIGINT) AS first_t_ms,
  CAST(COUNT(*) AS BIGINT) AS events,
  CAST(MAX(session) + 1 AS BIGINT) AS sessions
FROM clvlab_events
GROUP BY customer_id;

DROP TABLE IF EXISTS clvlab_items;

CREATE TABLE clvlab_items USING parquet AS
SELECT
  CAST(item_id AS STRING) AS item_id,
  CAST(MIN(seq) AS BIGINT) AS first_seq,
  CAST(MIN(t_ms) AS BIGINT) AS first_t_ms
FROM clvlab_events
WHERE item_id IS NOT NULL
GROUP BY item_id;

DROP TABLE IF EXISTS clvlab_categories;

CREATE TABLE clvlab_categories USING parquet AS
SELECT
  CAST(category AS STRING) AS category,
  CAST(MIN(seq) AS BIGINT) AS first_seq,
  CAST(MIN(t_ms) AS BIGINT) AS first_t_ms
FROM clvlab_events
WHERE category IS NOT NULL
GROUP BY category;

DROP TABLE IF EXISTS clvlab_sessions;

-- 9. Sessions: one row per (customer, session).
CREATE TABLE clvlab_sessions USING parquet AS
SELECT
  CAST(customer_id AS STRING) AS customer_id,
  CAST(session AS BIGINT) AS session,
  CAST(MIN(t_ms) AS BIGINT) AS start_ms,
  CAST(MAX(t_ms) AS BIGINT) AS end_ms,
  CAST(COUNT(*) AS BIGINT) AS events,
  CAST(SUM(CASE WHEN type = 2 THEN 1 ELSE 0 END) AS BIGINT) AS purchases,
  CAST(aggregate(transform(array_sort(collect_list(named_struct('o', k, 'v', CASE WHEN type IN (2, 3) THEN amount ELSE 0 END))), s -> s.v), CAST(0 AS DOUBLE), (acc, x) -> acc + x) AS DOUBLE) AS revenue
FROM clvlab_events
GROUP BY customer_id, session;

UNCACHE TABLE IF EXISTS clvlab_s_cohort;

DROP VIEW IF EXISTS clvlab_s_cohort;

-- 10. The cohort: customers with at least one purchase in [start, cutoff).
CACHE TABLE clvlab_s_cohort AS
SELECT DISTINCT e.customer_id
FROM clvlab_events e CROSS JOIN clvlab_s_params p
WHERE e.type = 2 AND e.t_ms >= p.start_ms AND e.t_ms < p.cutoff_ms;

UNCACHE TABLE IF EXISTS clvlab_s_check_cohort;

DROP VIEW IF EXISTS clvlab_s_check_cohort;

CACHE TABLE clvlab_s_check_cohort AS
SELECT CASE
  WHEN COUNT(*) = 0 THEN raise_error('clvlab sql: empty cohort: no purchase before the cutoff')
  ELSE 0 END AS ok
FROM clvlab_s_cohort;

UNCACHE TABLE IF EXISTS clvlab_s_hash_0;

DROP VIEW IF EXISTS clvlab_s_hash_0;

-- 11. The fold hash: FNV-1a over the UTF-16 code units of the id from 522970228 (seed 1), 16 characters per stage, up to 64.
CACHE TABLE clvlab_s_hash_0 AS
SELECT customer_id, CAST(522970228 AS BIGINT) AS h FROM clvlab_s_cohort;

UNCACHE TABLE IF EXISTS clvlab_s_hash_1;

DROP VIEW IF EXISTS clvlab_s_hash_1;

CACHE TABLE clvlab_s_hash_1 AS
SELECT customer_id, ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((h ^ CASE WHEN length(customer_id) >= 1 AND ascii(substr(customer_id, 1, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 1, 1)) - 65536), 10) WHEN length(customer_id) >= 1 THEN ascii(substr(customer_id, 1, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 1 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 1 AND ascii(substr(customer_id, 1, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 1, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 1 AND ascii(substr(customer_id, 1, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 2 AND ascii(substr(customer_id, 2, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 2, 1)) - 65536), 10) WHEN length(customer_id) >= 2 THEN ascii(substr(customer_id, 2, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 2 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 2 AND ascii(substr(customer_id, 2, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 2, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 2 AND ascii(substr(customer_id, 2, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 3 AND ascii(substr(customer_id, 3, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 3, 1)) - 65536), 10) WHEN length(customer_id) >= 3 THEN ascii(substr(customer_id, 3, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 3 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 3 AND ascii(substr(customer_id, 3, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 3, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 3 AND ascii(substr(customer_id, 3, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 4 AND ascii(substr(customer_id, 4, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 4, 1)) - 65536), 10) WHEN length(customer_id) >= 4 THEN ascii(substr(customer_id, 4, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 4 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 4 AND ascii(substr(customer_id, 4, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 4, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 4 AND ascii(substr(customer_id, 4, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 5 AND ascii(substr(customer_id, 5, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 5, 1)) - 65536), 10) WHEN length(customer_id) >= 5 THEN ascii(substr(customer_id, 5, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 5 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 5 AND ascii(substr(customer_id, 5, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 5, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 5 AND ascii(substr(customer_id, 5, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 6 AND ascii(substr(customer_id, 6, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 6, 1)) - 65536), 10) WHEN length(customer_id) >= 6 THEN ascii(substr(customer_id, 6, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 6 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 6 AND ascii(substr(customer_id, 6, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 6, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 6 AND ascii(substr(customer_id, 6, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 7 AND ascii(substr(customer_id, 7, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 7, 1)) - 65536), 10) WHEN length(customer_id) >= 7 THEN ascii(substr(customer_id, 7, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 7 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 7 AND ascii(substr(customer_id, 7, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 7, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 7 AND ascii(substr(customer_id, 7, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 8 AND ascii(substr(customer_id, 8, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 8, 1)) - 65536), 10) WHEN length(customer_id) >= 8 THEN ascii(substr(customer_id, 8, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 8 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 8 AND ascii(substr(customer_id, 8, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 8, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 8 AND ascii(substr(customer_id, 8, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 9 AND ascii(substr(customer_id, 9, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 9, 1)) - 65536), 10) WHEN length(customer_id) >= 9 THEN ascii(substr(customer_id, 9, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 9 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 9 AND ascii(substr(customer_id, 9, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 9, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 9 AND ascii(substr(customer_id, 9, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 10 AND ascii(substr(customer_id, 10, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 10, 1)) - 65536), 10) WHEN length(customer_id) >= 10 THEN ascii(substr(customer_id, 10, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 10 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 10 AND ascii(substr(customer_id, 10, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 10, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 10 AND ascii(substr(customer_id, 10, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 11 AND ascii(substr(customer_id, 11, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 11, 1)) - 65536), 10) WHEN length(customer_id) >= 11 THEN ascii(substr(customer_id, 11, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 11 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 11 AND ascii(substr(customer_id, 11, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 11, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 11 AND ascii(substr(customer_id, 11, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 12 AND ascii(substr(customer_id, 12, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 12, 1)) - 65536), 10) WHEN length(customer_id) >= 12 THEN ascii(substr(customer_id, 12, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 12 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 12 AND ascii(substr(customer_id, 12, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 12, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 12 AND ascii(substr(customer_id, 12, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 13 AND ascii(substr(customer_id, 13, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 13, 1)) - 65536), 10) WHEN length(customer_id) >= 13 THEN ascii(substr(customer_id, 13, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 13 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 13 AND ascii(substr(customer_id, 13, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 13, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 13 AND ascii(substr(customer_id, 13, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 14 AND ascii(substr(customer_id, 14, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 14, 1)) - 65536), 10) WHEN length(customer_id) >= 14 THEN ascii(substr(customer_id, 14, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 14 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 14 AND ascii(substr(customer_id, 14, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 14, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 14 AND ascii(substr(customer_id, 14, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 15 AND ascii(substr(customer_id, 15, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 15, 1)) - 65536), 10) WHEN length(customer_id) >= 15 THEN ascii(substr(customer_id, 15, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 15 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 15 AND ascii(substr(customer_id, 15, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 15, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 15 AND ascii(substr(customer_id, 15, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 16 AND ascii(substr(customer_id, 16, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 16, 1)) - 65536), 10) WHEN length(customer_id) >= 16 THEN ascii(substr(customer_id, 16, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 16 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 16 AND ascii(substr(customer_id, 16, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 16, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 16 AND ascii(substr(customer_id, 16, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) AS h FROM clvlab_s_hash_0;

UNCACHE TABLE IF EXISTS clvlab_s_hash_2;

DROP VIEW IF EXISTS clvlab_s_hash_2;

CACHE TABLE clvlab_s_hash_2 AS
SELECT customer_id, ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((h ^ CASE WHEN length(customer_id) >= 17 AND ascii(substr(customer_id, 17, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 17, 1)) - 65536), 10) WHEN length(customer_id) >= 17 THEN ascii(substr(customer_id, 17, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 17 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 17 AND ascii(substr(customer_id, 17, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 17, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 17 AND ascii(substr(customer_id, 17, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 18 AND ascii(substr(customer_id, 18, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 18, 1)) - 65536), 10) WHEN length(customer_id) >= 18 THEN ascii(substr(customer_id, 18, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 18 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 18 AND ascii(substr(customer_id, 18, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 18, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 18 AND ascii(substr(customer_id, 18, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 19 AND ascii(substr(customer_id, 19, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 19, 1)) - 65536), 10) WHEN length(customer_id) >= 19 THEN ascii(substr(customer_id, 19, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 19 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 19 AND ascii(substr(customer_id, 19, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 19, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 19 AND ascii(substr(customer_id, 19, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 20 AND ascii(substr(customer_id, 20, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 20, 1)) - 65536), 10) WHEN length(customer_id) >= 20 THEN ascii(substr(customer_id, 20, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 20 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 20 AND ascii(substr(customer_id, 20, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 20, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 20 AND ascii(substr(customer_id, 20, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 21 AND ascii(substr(customer_id, 21, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 21, 1)) - 65536), 10) WHEN length(customer_id) >= 21 THEN ascii(substr(customer_id, 21, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 21 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 21 AND ascii(substr(customer_id, 21, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 21, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 21 AND ascii(substr(customer_id, 21, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 22 AND ascii(substr(customer_id, 22, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 22, 1)) - 65536), 10) WHEN length(customer_id) >= 22 THEN ascii(substr(customer_id, 22, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 22 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 22 AND ascii(substr(customer_id, 22, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 22, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 22 AND ascii(substr(customer_id, 22, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 23 AND ascii(substr(customer_id, 23, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 23, 1)) - 65536), 10) WHEN length(customer_id) >= 23 THEN ascii(substr(customer_id, 23, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 23 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 23 AND ascii(substr(customer_id, 23, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 23, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 23 AND ascii(substr(customer_id, 23, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 24 AND ascii(substr(customer_id, 24, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 24, 1)) - 65536), 10) WHEN length(customer_id) >= 24 THEN ascii(substr(customer_id, 24, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 24 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 24 AND ascii(substr(customer_id, 24, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 24, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 24 AND ascii(substr(customer_id, 24, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 25 AND ascii(substr(customer_id, 25, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 25, 1)) - 65536), 10) WHEN length(customer_id) >= 25 THEN ascii(substr(customer_id, 25, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 25 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 25 AND ascii(substr(customer_id, 25, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 25, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 25 AND ascii(substr(customer_id, 25, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 26 AND ascii(substr(customer_id, 26, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 26, 1)) - 65536), 10) WHEN length(customer_id) >= 26 THEN ascii(substr(customer_id, 26, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 26 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 26 AND ascii(substr(customer_id, 26, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 26, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 26 AND ascii(substr(customer_id, 26, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 27 AND ascii(substr(customer_id, 27, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 27, 1)) - 65536), 10) WHEN length(customer_id) >= 27 THEN ascii(substr(customer_id, 27, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 27 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 27 AND ascii(substr(customer_id, 27, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 27, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 27 AND ascii(substr(customer_id, 27, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 28 AND ascii(substr(customer_id, 28, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 28, 1)) - 65536), 10) WHEN length(customer_id) >= 28 THEN ascii(substr(customer_id, 28, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 28 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 28 AND ascii(substr(customer_id, 28, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 28, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 28 AND ascii(substr(customer_id, 28, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 29 AND ascii(substr(customer_id, 29, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 29, 1)) - 65536), 10) WHEN length(customer_id) >= 29 THEN ascii(substr(customer_id, 29, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 29 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 29 AND ascii(substr(customer_id, 29, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 29, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 29 AND ascii(substr(customer_id, 29, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 30 AND ascii(substr(customer_id, 30, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 30, 1)) - 65536), 10) WHEN length(customer_id) >= 30 THEN ascii(substr(customer_id, 30, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 30 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 30 AND ascii(substr(customer_id, 30, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 30, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 30 AND ascii(substr(customer_id, 30, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 31 AND ascii(substr(customer_id, 31, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 31, 1)) - 65536), 10) WHEN length(customer_id) >= 31 THEN ascii(substr(customer_id, 31, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 31 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 31 AND ascii(substr(customer_id, 31, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 31, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 31 AND ascii(substr(customer_id, 31, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 32 AND ascii(substr(customer_id, 32, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 32, 1)) - 65536), 10) WHEN length(customer_id) >= 32 THEN ascii(substr(customer_id, 32, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 32 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 32 AND ascii(substr(customer_id, 32, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 32, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 32 AND ascii(substr(customer_id, 32, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) AS h FROM clvlab_s_hash_1;

UNCACHE TABLE IF EXISTS clvlab_s_hash_3;

DROP VIEW IF EXISTS clvlab_s_hash_3;

CACHE TABLE clvlab_s_hash_3 AS
SELECT customer_id, ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((h ^ CASE WHEN length(customer_id) >= 33 AND ascii(substr(customer_id, 33, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 33, 1)) - 65536), 10) WHEN length(customer_id) >= 33 THEN ascii(substr(customer_id, 33, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 33 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 33 AND ascii(substr(customer_id, 33, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 33, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 33 AND ascii(substr(customer_id, 33, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 34 AND ascii(substr(customer_id, 34, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 34, 1)) - 65536), 10) WHEN length(customer_id) >= 34 THEN ascii(substr(customer_id, 34, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 34 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 34 AND ascii(substr(customer_id, 34, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 34, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 34 AND ascii(substr(customer_id, 34, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 35 AND ascii(substr(customer_id, 35, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 35, 1)) - 65536), 10) WHEN length(customer_id) >= 35 THEN ascii(substr(customer_id, 35, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 35 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 35 AND ascii(substr(customer_id, 35, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 35, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 35 AND ascii(substr(customer_id, 35, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 36 AND ascii(substr(customer_id, 36, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 36, 1)) - 65536), 10) WHEN length(customer_id) >= 36 THEN ascii(substr(customer_id, 36, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 36 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 36 AND ascii(substr(customer_id, 36, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 36, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 36 AND ascii(substr(customer_id, 36, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 37 AND ascii(substr(customer_id, 37, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 37, 1)) - 65536), 10) WHEN length(customer_id) >= 37 THEN ascii(substr(customer_id, 37, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 37 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 37 AND ascii(substr(customer_id, 37, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 37, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 37 AND ascii(substr(customer_id, 37, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 38 AND ascii(substr(customer_id, 38, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 38, 1)) - 65536), 10) WHEN length(customer_id) >= 38 THEN ascii(substr(customer_id, 38, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 38 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 38 AND ascii(substr(customer_id, 38, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 38, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 38 AND ascii(substr(customer_id, 38, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 39 AND ascii(substr(customer_id, 39, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 39, 1)) - 65536), 10) WHEN length(customer_id) >= 39 THEN ascii(substr(customer_id, 39, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 39 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 39 AND ascii(substr(customer_id, 39, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 39, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 39 AND ascii(substr(customer_id, 39, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 40 AND ascii(substr(customer_id, 40, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 40, 1)) - 65536), 10) WHEN length(customer_id) >= 40 THEN ascii(substr(customer_id, 40, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 40 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 40 AND ascii(substr(customer_id, 40, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 40, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 40 AND ascii(substr(customer_id, 40, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 41 AND ascii(substr(customer_id, 41, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 41, 1)) - 65536), 10) WHEN length(customer_id) >= 41 THEN ascii(substr(customer_id, 41, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 41 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 41 AND ascii(substr(customer_id, 41, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 41, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 41 AND ascii(substr(customer_id, 41, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 42 AND ascii(substr(customer_id, 42, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 42, 1)) - 65536), 10) WHEN length(customer_id) >= 42 THEN ascii(substr(customer_id, 42, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 42 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 42 AND ascii(substr(customer_id, 42, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 42, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 42 AND ascii(substr(customer_id, 42, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 43 AND ascii(substr(customer_id, 43, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 43, 1)) - 65536), 10) WHEN length(customer_id) >= 43 THEN ascii(substr(customer_id, 43, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 43 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 43 AND ascii(substr(customer_id, 43, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 43, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 43 AND ascii(substr(customer_id, 43, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 44 AND ascii(substr(customer_id, 44, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 44, 1)) - 65536), 10) WHEN length(customer_id) >= 44 THEN ascii(substr(customer_id, 44, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 44 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 44 AND ascii(substr(customer_id, 44, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 44, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 44 AND ascii(substr(customer_id, 44, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 45 AND ascii(substr(customer_id, 45, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 45, 1)) - 65536), 10) WHEN length(customer_id) >= 45 THEN ascii(substr(customer_id, 45, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 45 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 45 AND ascii(substr(customer_id, 45, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 45, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 45 AND ascii(substr(customer_id, 45, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 46 AND ascii(substr(customer_id, 46, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 46, 1)) - 65536), 10) WHEN length(customer_id) >= 46 THEN ascii(substr(customer_id, 46, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 46 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 46 AND ascii(substr(customer_id, 46, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 46, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 46 AND ascii(substr(customer_id, 46, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 47 AND ascii(substr(customer_id, 47, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 47, 1)) - 65536), 10) WHEN length(customer_id) >= 47 THEN ascii(substr(customer_id, 47, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 47 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 47 AND ascii(substr(customer_id, 47, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 47, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 47 AND ascii(substr(customer_id, 47, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 48 AND ascii(substr(customer_id, 48, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 48, 1)) - 65536), 10) WHEN length(customer_id) >= 48 THEN ascii(substr(customer_id, 48, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 48 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 48 AND ascii(substr(customer_id, 48, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 48, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 48 AND ascii(substr(customer_id, 48, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) AS h FROM clvlab_s_hash_2;

UNCACHE TABLE IF EXISTS clvlab_s_hash_4;

DROP VIEW IF EXISTS clvlab_s_hash_4;

CACHE TABLE clvlab_s_hash_4 AS
SELECT customer_id, ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((h ^ CASE WHEN length(customer_id) >= 49 AND ascii(substr(customer_id, 49, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 49, 1)) - 65536), 10) WHEN length(customer_id) >= 49 THEN ascii(substr(customer_id, 49, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 49 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 49 AND ascii(substr(customer_id, 49, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 49, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 49 AND ascii(substr(customer_id, 49, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 50 AND ascii(substr(customer_id, 50, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 50, 1)) - 65536), 10) WHEN length(customer_id) >= 50 THEN ascii(substr(customer_id, 50, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 50 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 50 AND ascii(substr(customer_id, 50, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 50, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 50 AND ascii(substr(customer_id, 50, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 51 AND ascii(substr(customer_id, 51, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 51, 1)) - 65536), 10) WHEN length(customer_id) >= 51 THEN ascii(substr(customer_id, 51, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 51 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 51 AND ascii(substr(customer_id, 51, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 51, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 51 AND ascii(substr(customer_id, 51, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 52 AND ascii(substr(customer_id, 52, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 52, 1)) - 65536), 10) WHEN length(customer_id) >= 52 THEN ascii(substr(customer_id, 52, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 52 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 52 AND ascii(substr(customer_id, 52, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 52, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 52 AND ascii(substr(customer_id, 52, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 53 AND ascii(substr(customer_id, 53, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 53, 1)) - 65536), 10) WHEN length(customer_id) >= 53 THEN ascii(substr(customer_id, 53, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 53 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 53 AND ascii(substr(customer_id, 53, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 53, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 53 AND ascii(substr(customer_id, 53, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 54 AND ascii(substr(customer_id, 54, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 54, 1)) - 65536), 10) WHEN length(customer_id) >= 54 THEN ascii(substr(customer_id, 54, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 54 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 54 AND ascii(substr(customer_id, 54, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 54, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 54 AND ascii(substr(customer_id, 54, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 55 AND ascii(substr(customer_id, 55, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 55, 1)) - 65536), 10) WHEN length(customer_id) >= 55 THEN ascii(substr(customer_id, 55, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 55 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 55 AND ascii(substr(customer_id, 55, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 55, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 55 AND ascii(substr(customer_id, 55, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 56 AND ascii(substr(customer_id, 56, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 56, 1)) - 65536), 10) WHEN length(customer_id) >= 56 THEN ascii(substr(customer_id, 56, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 56 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 56 AND ascii(substr(customer_id, 56, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 56, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 56 AND ascii(substr(customer_id, 56, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 57 AND ascii(substr(customer_id, 57, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 57, 1)) - 65536), 10) WHEN length(customer_id) >= 57 THEN ascii(substr(customer_id, 57, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 57 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 57 AND ascii(substr(customer_id, 57, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 57, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 57 AND ascii(substr(customer_id, 57, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 58 AND ascii(substr(customer_id, 58, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 58, 1)) - 65536), 10) WHEN length(customer_id) >= 58 THEN ascii(substr(customer_id, 58, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 58 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 58 AND ascii(substr(customer_id, 58, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 58, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 58 AND ascii(substr(customer_id, 58, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 59 AND ascii(substr(customer_id, 59, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 59, 1)) - 65536), 10) WHEN length(customer_id) >= 59 THEN ascii(substr(customer_id, 59, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 59 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 59 AND ascii(substr(customer_id, 59, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 59, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 59 AND ascii(substr(customer_id, 59, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 60 AND ascii(substr(customer_id, 60, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 60, 1)) - 65536), 10) WHEN length(customer_id) >= 60 THEN ascii(substr(customer_id, 60, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 60 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 60 AND ascii(substr(customer_id, 60, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 60, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 60 AND ascii(substr(customer_id, 60, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 61 AND ascii(substr(customer_id, 61, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 61, 1)) - 65536), 10) WHEN length(customer_id) >= 61 THEN ascii(substr(customer_id, 61, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 61 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 61 AND ascii(substr(customer_id, 61, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 61, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 61 AND ascii(substr(customer_id, 61, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 62 AND ascii(substr(customer_id, 62, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 62, 1)) - 65536), 10) WHEN length(customer_id) >= 62 THEN ascii(substr(customer_id, 62, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 62 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 62 AND ascii(substr(customer_id, 62, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 62, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 62 AND ascii(substr(customer_id, 62, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 63 AND ascii(substr(customer_id, 63, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 63, 1)) - 65536), 10) WHEN length(customer_id) >= 63 THEN ascii(substr(customer_id, 63, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 63 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 63 AND ascii(substr(customer_id, 63, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 63, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 63 AND ascii(substr(customer_id, 63, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 64 AND ascii(substr(customer_id, 64, 1)) > 65535 THEN 55296 + shiftright((ascii(substr(customer_id, 64, 1)) - 65536), 10) WHEN length(customer_id) >= 64 THEN ascii(substr(customer_id, 64, 1)) ELSE 0 END) * CASE WHEN length(customer_id) >= 64 THEN 16777619 ELSE 1 END) & 4294967295) ^ CASE WHEN length(customer_id) >= 64 AND ascii(substr(customer_id, 64, 1)) > 65535 THEN 56320 + ((ascii(substr(customer_id, 64, 1)) - 65536) & 1023) ELSE 0 END) * CASE WHEN length(customer_id) >= 64 AND ascii(substr(customer_id, 64, 1)) > 65535 THEN 16777619 ELSE 1 END) & 4294967295) AS h FROM clvlab_s_hash_3;

UNCACHE TABLE IF EXISTS clvlab_s_hash;

DROP VIEW IF EXISTS clvlab_s_hash;

CACHE TABLE clvlab_s_hash AS
SELECT customer_id, (h ^ shiftright(h, 16)) AS h FROM (SELECT customer_id, ((h * 44597 + ((h * 49842) & 65535) * 65536) & 4294967295) AS h FROM (SELECT customer_id, (h ^ shiftright(h, 13)) AS h FROM (SELECT customer_id, ((h * 51819 + ((h * 34283) & 65535) * 65536) & 4294967295) AS h FROM (SELECT customer_id, (h ^ shiftright(h, 16)) AS h FROM (SELECT customer_id, h FROM clvlab_s_hash_4) f0) f1) f2) f3) f4;

UNCACHE TABLE IF EXISTS clvlab_s_labels;

DROP VIEW IF EXISTS clvlab_s_labels;

-- 12. Labels in [cutoff, cutoff + horizon): target (added in event order, floored at 0, or the purchase count on a count target), repurchase.
CACHE TABLE clvlab_s_labels AS
SELECT w.customer_id, CASE WHEN w.value_target = 'count' THEN w.purchases WHEN w.value < 0 THEN 0 ELSE w.value END AS target, w.repurchase
FROM (
  SELECT e.customer_id, p.value_target, aggregate(transform(array_sort(collect_list(named_struct('o', e.k, 'v', e.amount))), s -> s.v), CAST(0 AS DOUBLE), (acc, x) -> acc + x) AS value,
    CAST(SUM(CASE WHEN e.type = 2 THEN 1 ELSE 0 END) AS DOUBLE) AS purchases,
    MAX(CASE WHEN e.type = 2 THEN 1 ELSE 0 END) AS repurchase
  FROM clvlab_events e JOIN clvlab_s_cohort c ON c.customer_id = e.customer_id CROSS JOIN clvlab_s_params p
  WHERE e.type IN (2, 3) AND e.t_ms >= p.cutoff_ms AND e.t_ms < p.label_end
  GROUP BY e.customer_id, p.value_target
) w;

DROP TABLE IF EXISTS clvlab_cohort;

-- 13. The cohort table: fold 0 train when hash < 2576980378, 1 valid when < 3435973837, else 2 test (fractions 0.6/0.2/0.2).
CREATE TABLE clvlab_cohort USING parquet AS
SELECT
  CAST(c.customer_id AS STRING) AS customer_id,
  CAST(f.h AS BIGINT) AS hash,
  CAST(CASE WHEN f.h < 2576980378 THEN 0 WHEN f.h < 3435973837 THEN 1 ELSE 2 END AS BIGINT) AS fold,
  CAST(COALESCE(l.target, 0) AS DOUBLE) AS target,
  CAST(COALESCE(l.repurchase, 0) AS BIGINT) AS repurchase,
  CAST(COALESCE(l.target, 0) AS DOUBLE) AS fit_target,
  CAST(COALESCE(l.repurchase, 0) AS BIGINT) AS fit_repurchase
FROM clvlab_s_cohort c
JOIN clvlab_s_hash f ON f.customer_id = c.customer_id
LEFT JOIN clvlab_s_labels l ON l.customer_id = c.customer_id;

UNCACHE TABLE IF EXISTS clvlab_s_history_events;

DROP VIEW IF EXISTS clvlab_s_history_events;

-- 14. History events: purchases and returns of cohort customers before the cutoff, with their day and value.
CACHE TABLE clvlab_s_history_events AS
SELECT x.*, MIN(CASE WHEN x.type = 2 THEN x.k END) OVER (PARTITION BY x.customer_id, x.day) AS first_purchase_k
FROM (
  SELECT e.customer_id, e.k, e.type, CAST(FLOOR((CAST(e.t_ms AS DOUBLE)) / 86400000) AS BIGINT) AS day,
    CASE WHEN p.value_target = 'count' THEN (CASE WHEN e.type = 2 THEN CAST(1 AS DOUBLE) ELSE CAST(0 AS DOUBLE) END) ELSE e.amount END AS v
  FROM clvlab_events e JOIN clvlab_s_cohort c ON c.customer_id = e.customer_id CROSS JOIN clvlab_s_params p
  WHERE e.type IN (2, 3) AND e.t_ms >= p.start_ms AND e.t_ms < p.cutoff_ms
) x;

UNCACHE TABLE IF EXISTS clvlab_s_purchase_days;

DROP VIEW IF EXISTS clvlab_s_purchase_days;

-- 15. Purchase days: the spend of each (returns after the first purchase of the day netted), its rank, the previous purchase day.
CACHE TABLE clvlab_s_purchase_days AS
SELECT y.*, ROW_NUMBER() OVER (PARTITION BY y.customer_id ORDER BY y.day) AS day_rank,
  LAG(y.day) OVER (PARTITION BY y.customer_id ORDER BY y.day) AS prev_day,
  COUNT(*) OVER (PARTITION BY y.customer_id) AS n_days
FROM (
  SELECT customer_id, day, aggregate(transform(array_sort(collect_list(named_struct('o', k, 'v', v))), s -> s.v), CAST(0 AS DOUBLE), (acc, x) -> acc + x) AS spend
  FROM clvlab_s_history_events
  WHERE first_purchase_k IS NOT NULL AND k >= first_purchase_k
  GROUP BY customer_id, day
) y;

DROP TABLE IF EXISTS clvlab_features;

-- 16. The history columns (recency and big_t in weeks of 7 days).
CREATE TABLE clvlab_features USING parquet AS
SELECT
  CAST(c.customer_id AS STRING) AS customer_id,
  CAST(CASE WHEN pd.n_days > 0 THEN pd.n_days - 1 ELSE 0 END AS DOUBLE) AS frequency,
  CAST(CASE WHEN pd.n_days > 0 THEN CAST(pd.last_day - pd.first_day AS DOUBLE) / CAST(7 AS DOUBLE) ELSE 0 END AS DOUBLE) AS recency,
  CAST(CASE WHEN pd.n_days > 0 THEN CAST(p.last_feature_day - pd.first_day AS DOUBLE) / CAST(7 AS DOUBLE) ELSE 0 END AS DOUBLE) AS big_t,
  CAST(CASE WHEN pd.n_days > 1 THEN rs.repeat_spend / CAST(pd.n_days - 1 AS DOUBLE) ELSE 0 END AS DOUBLE) AS monetary,
  CAST(COALESCE(pd.n_days, 0) AS DOUBLE) AS purchase_days,
  CAST(COALESCE(rv.revenue, 0) AS DOUBLE) AS revenue,
  CAST(p.last_feature_day - pd.last_day AS DOUBLE) AS days_since_last,
  CAST(CASE WHEN fe.first_event IS NULL THEN 0 ELSE (p.cutoff_ms - CAST(fe.first_event AS DOUBLE)) / CAST(86400000 AS DOUBLE) END AS DOUBLE) AS tenure_days,
  CAST(p.last_feature_day - pd.first_day AS DOUBLE) AS days_since_first,
  CAST(CASE WHEN pd.n_days > 1 THEN pd.last_day - pd.prev_last END AS DOUBLE) AS last_gap_days
FROM clvlab_s_cohort c CROSS JOIN clvlab_s_params p
LEFT JOIN (
  SELECT customer_id, COUNT(*) AS n_days, MIN(day) AS first_day, MAX(day) AS last_day,
    MAX(CASE WHEN day_rank = n_days THEN prev_day END) AS prev_last
  FROM clvlab_s_purchase_days GROUP BY customer_id
) pd ON pd.customer_id = c.customer_id
LEFT JOIN (SELECT customer_id, aggregate(transform(array_sort(collect_list(named_struct('o', day, 'v', spend))), s -> s.v), CAST(0 AS DOUBLE), (acc, x) -> acc + x) AS repeat_spend FROM clvlab_s_purchase_days WHERE day_rank > 1 GROUP BY customer_id) rs ON rs.customer_id = c.customer_id
LEFT JOIN (SELECT customer_id, aggregate(transform(array_sort(collect_list(named_struct('o', k, 'v', v))), s -> s.v), CAST(0 AS DOUBLE), (acc, x) -> acc + x) AS revenue FROM clvlab_s_history_events GROUP BY customer_id) rv ON rv.customer_id = c.customer_id
LEFT JOIN (
  SELECT e.customer_id, MIN(e.t_ms) AS first_event
  FROM clvlab_events e CROSS JOIN clvlab_s_params p WHERE e.t_ms >= p.start_ms AND e.t_ms < p.cutoff_ms GROUP BY e.customer_id
) fe ON fe.customer_id = c.customer_id;

DROP TABLE IF EXISTS clvlab_sequences;

-- 17. The last 32 events of each cohort customer before the cutoff (position 0 = the most recent).
CREATE TABLE clvlab_sequences USING parquet AS
SELECT
  CAST(r.customer_id AS STRING) AS customer_id,
  CAST(r.position AS BIGINT) AS position,
  CAST(r.k AS BIGINT) AS k,
  CAST(r.t_ms AS BIGINT) AS t_ms,
  CAST(r.type AS BIGINT) AS type,
  CAST(r.item_id AS STRING) AS item_id,
  CAST(r.category AS STRING) AS category,
  CAST(r.amount AS DOUBLE) AS amount,
  CAST(r.session AS BIGINT) AS session,
  CAST(r.gap_ms AS BIGINT) AS gap_ms
FROM (
  SELECT e.customer_id, e.k, e.t_ms, e.type, e.item_id, e.category, e.amount, e.session, e.gap_ms,
    ROW_NUMBER() OVER (PARTITION BY e.customer_id ORDER BY e.k DESC) - 1 AS position
  FROM clvlab_events e JOIN clvlab_s_cohort c ON c.customer_id = e.customer_id CROSS JOIN clvlab_s_params p
  WHERE e.t_ms < p.cutoff_ms
) r
WHERE r.position < 32;

DROP TABLE IF EXISTS clvlab_meta;

-- The attributes of the prepared dataset (one row per run, shards of one table agree on all but start, counts and last event).
CREATE TABLE clvlab_meta USING parquet AS
SELECT
  CAST('cdnow' AS STRING) AS dataset,
  CAST('spark' AS STRING) AS dialect,
  CAST('0.1.0' AS STRING) AS clvlab_version,
  CAST('cross-sectional' AS STRING) AS protocol,
  CAST(p.value_target AS STRING) AS value_target,
  CAST('week' AS STRING) AS unit,
  CAST(p.start_ms AS BIGINT) AS start_ms,
  CAST(p.cutoff_ms AS DOUBLE) AS cutoff_ms,
  CAST(p.horizon_ms AS DOUBLE) AS horizon_ms,
  CAST(CAST(1800000 AS DOUBLE) AS DOUBLE) AS gap_ms,
  CAST(1 AS BIGINT) AS seed,
  CAST(CAST(0.6 AS DOUBLE) AS DOUBLE) AS fraction_train,
  CAST(CAST(0.2 AS DOUBLE) AS DOUBLE) AS fraction_valid,
  CAST(CAST(0.2 AS DOUBLE) AS DOUBLE) AS fraction_test,
  CAST(32 AS BIGINT) AS last_events,
  CAST(p.n_events AS BIGINT) AS events,
  CAST(p.n_customers AS BIGINT) AS customers,
  CAST((SELECT SUM(sessions) FROM clvlab_customers) AS BIGINT) AS sessions,
  CAST((SELECT COUNT(*) FROM clvlab_s_cohort) AS BIGINT) AS cohort,
  CAST(p.last_t AS BIGINT) AS last_t_ms
FROM clvlab_s_params p;

-- Write every output table as Parquet under /data/clvlab/prepared (what clvlab ingest --format prepared-parquet reads).
INSERT OVERWRITE DIRECTORY '/data/clvlab/prepared/events' USING parquet
SELECT * FROM clvlab_events;

INSERT OVERWRITE DIRECTORY '/data/clvlab/prepared/customers' USING parquet
SELECT * FROM clvlab_customers;

INSERT OVERWRITE DIRECTORY '/data/clvlab/prepared/items' USING parquet
SELECT * FROM clvlab_items;

INSERT OVERWRITE DIRECTORY '/data/clvlab/prepared/categories' USING parquet
SELECT * FROM clvlab_categories;

INSERT OVERWRITE DIRECTORY '/data/clvlab/prepared/sessions' USING parquet
SELECT * FROM clvlab_sessions;

INSERT OVERWRITE DIRECTORY '/data/clvlab/prepared/cohort' USING parquet
SELECT * FROM clvlab_cohort;

INSERT OVERWRITE DIRECTORY '/data/clvlab/prepared/features' USING parquet
SELECT * FROM clvlab_features;

INSERT OVERWRITE DIRECTORY '/data/clvlab/prepared/sequences' USING parquet
SELECT * FROM clvlab_sequences;

INSERT OVERWRITE DIRECTORY '/data/clvlab/prepared/meta' USING parquet
SELECT * FROM clvlab_meta;
