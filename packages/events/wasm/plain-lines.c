// Plain lines of an `events` CSV, parsed in WebAssembly (SIMD128): the first pass of the
// events reader's fast path (events-reader.ts), run by plain-lines.ts; wasm/build-plain-lines.ts
// compiles it into src/plain-lines-wasm.ts.
//
// A line is "plain" here when the JavaScript fast path would take it and give it these values
// without a dictionary: no quote or CR, exactly WIDTH fields, the customer, item and category
// canonical integers (digits only, at most 15, no leading zero; item and category may be
// empty), the timestamp at most 15 digits (epoch seconds or milliseconds), the event type one
// of EVENT_TYPE_SYNONYMS in ASCII letters of any case, amount and quantity empty or at most 15
// digits with at most one point and a digit after it. This pass gives each such line's values
// (the ids as numbers: their codes come from the reader's dictionaries); any other line stops
// it, and the reader's own passes take that line, exactly as without this module.
//
// Why WebAssembly: the JavaScript pass reads a byte at a time, and each field's end is a
// branch the processor mispredicts. Here, as in simdjson's structural index (Langdale &
// Lemire 2019) and DuckDB's CSV scanner, each 64 bytes are classified at once into bit masks
// (separators, line feeds, quotes or CRs, digits, points), and fields are read off the masks'
// set bits. Why not a JavaScript SIMD-style pass: JavaScript has no SIMD, and the split alone in
// WebAssembly, its fields then handed to the JavaScript checks, measured no faster than the
// JavaScript pass (the values' hand-over cost what the split saved): the whole line is done here.
//
// Exactness: an integer of at most 15 digits is exact as int64 and as a double, so a value
// here is the JavaScript pass's digit by digit product; a decimal is that integer divided by an
// exact power of ten, one correctly rounded IEEE division in both (parse-fields.ts, Clinger 1990).
//
// Integers are read eight digits at a time (eight_digits below). Layout: the caller copies a window of at most WINDOW bytes to BUF, calls `index(length)` once
// for it, then `parse(p)` from any line start in it, as often as it likes; each parse fills at
// most CAP lines of the output arrays and END (the position after each line's line feed), and
// says in STOP why it stopped.
#include <stdint.h>
#include <wasm_simd128.h>

#define WINDOW (256 << 10)
#define BLOCKS (WINDOW / 64)
#define CAP 8192
#define PATTERNS 32
#define PATTERN_BYTES 16
#define EXPORT(name) __attribute__((export_name(name)))

/** Field kinds, as events-reader.ts numbers them. */
enum { IGNORE = 0, CUSTOMER = 1, TIMESTAMP = 2, EVENT_TYPE = 3, ITEM = 4, CATEGORY = 5, AMOUNT = 6, QUANTITY = 7 };
/** Why parse stopped: CAP lines, a line it does not take, or a line not finished in the window. */
enum { STOP_FULL = 0, STOP_DECLINED = 1, STOP_UNFINISHED = 2 };
enum { PURCHASE = 2, RETURN = 3 };

/** The window, after 8 bytes that let an 8-byte load end at any field's end. */
static uint8_t STORE[8 + WINDOW + 64];
#define BUF (STORE + 8)
static uint64_t DELIM[BLOCKS + 1], FEED[BLOCKS + 1], SPECIAL[BLOCKS + 1], DIGIT[BLOCKS + 1], POINT[BLOCKS + 1];
static uint8_t KIND[256];
static int32_t LENGTH, WIDTH, STOP, SAW_AMOUNT, HAS_TYPE;
/** Whether the window holds a quote or CR at all, and the event-type name matched last. */
static int32_t ANY_SPECIAL, LAST_PATTERN;
/** Event-type names (lower case) and their types. */
static uint8_t PATTERN[PATTERNS][PATTERN_BYTES];
static int32_t PATTERN_LENGTH[PATTERNS], PATTERN_TYPE[PATTERNS], PATTERN_COUNT;
/** Per line: the values, and -1 for an empty item or category. */
static double T[CAP], AMOUNT_[CAP], QUANTITY_[CAP], CUSTOMER_[CAP], ITEM_[CAP], CATEGORY_[CAP];
static uint8_t TYPE[CAP];
static int32_t END[CAP];
static const double POW10[16] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

EXPORT("buffer") uint8_t *buffer(void) { return BUF; }
EXPORT("kinds") uint8_t *kinds(void) { return KIND; }
EXPORT("times") double *times(void) { return T; }
EXPORT("types") uint8_t *types(void) { return TYPE; }
EXPORT("amounts") double *amounts(void) { return AMOUNT_; }
EXPORT("quantities") double *quantities(void) { return QUANTITY_; }
EXPORT("customers") double *customers(void) { return CUSTOMER_; }
EXPORT("items") double *items(void) { return ITEM_; }
EXPORT("categories") double *categories(void) { return CATEGORY_; }
EXPORT("lineEnds") int32_t *line_ends(void) { return END; }
EXPORT("stop") int32_t stop(void) { return STOP; }
EXPORT("sawAmount") int32_t saw_amount(void) { return SAW_AMOUNT; }
EXPORT("pattern") uint8_t *pattern(int32_t k) { return PATTERN[k]; }

/** The line's shape: `width` fields, their kinds in KIND, with an event-type column or not. */
EXPORT("setShape") void set_shape(int32_t width, int32_t has_type) {
  WIDTH = width;
  HAS_TYPE = has_type;
}

/** Adds PATTERN[PATTERN_COUNT] (written by the caller, lower case) as `length` bytes of `type`. */
EXPORT("addPattern") int32_t add_pattern(int32_t length, int32_t type) {
  if (PATTERN_COUNT == PATTERNS || length < 1 || length > PATTERN_BYTES) return 0;
  PATTERN_LENGTH[PATTERN_COUNT] = length;
  PATTERN_TYPE[PATTERN_COUNT] = type;
  PATTERN_COUNT++;
  return 1;
}

static inline __attribute__((always_inline)) uint64_t eq(v128_t v, uint8_t c) {
  return (uint64_t)wasm_i8x16_bitmask(wasm_i8x16_eq(v, wasm_i8x16_splat(c)));
}

/** Classifies BUF[0, length) (length ≤ WINDOW) 64 bytes at a time; bytes past length read as 0. */
EXPORT("index") void index_window(int32_t length) {
  LENGTH = length;
  for (int32_t k = length; k < length + 64; k++) BUF[k] = 0;
  const int32_t blocks = (length + 63) >> 6;
  for (int32_t b = 0; b < blocks; b++) {
    uint64_t delim = 0, feed = 0, special = 0, digit = 0, point = 0;
    for (int32_t k = 0; k < 4; k++) {
      const v128_t v = wasm_v128_load(BUF + (b << 6) + (k << 4));
      const int32_t at = k << 4;
      const uint64_t lf = eq(v, 10);
      feed |= lf << at;
      delim |= (lf | eq(v, 44)) << at;
      special |= (eq(v, 34) | eq(v, 13)) << at;
      point |= eq(v, 46) << at;
      const v128_t d = wasm_i8x16_sub(v, wasm_i8x16_splat(48));
      digit |= (uint64_t)wasm_i8x16_bitmask(wasm_u8x16_lt(d, wasm_i8x16_splat(10))) << at;
    }
    DELIM[b] = delim;
    FEED[b] = feed;
    SPECIAL[b] = special;
    DIGIT[b] = digit;
    POINT[b] = point;
  }
  DELIM[blocks] = FEED[blocks] = SPECIAL[blocks] = DIGIT[blocks] = POINT[blocks] = 0;
  uint64_t special = 0;
  for (int32_t b = 0; b < blocks; b++) special |= SPECIAL[b];
  ANY_SPECIAL = special != 0;
}

/** The 64 bits of `mask` from bit `at` on. */
static inline __attribute__((always_inline)) uint64_t bits(const uint64_t *mask, int32_t at) {
  const int32_t b = at >> 6, o = at & 63;
  return o == 0 ? mask[b] : (mask[b] >> o) | (mask[b + 1] << (64 - o));
}

/** Whether any bit of `mask` in [from, to) is set. */
static int any(const uint64_t *mask, int32_t from, int32_t to) {
  for (int32_t at = from; at < to; at += 64) {
    const int32_t n = to - at;
    if (bits(mask, at) & (n >= 64 ? ~0ull : (1ull << n) - 1)) return 1;
  }
  return 0;
}

/**
 * Eight ASCII digits (the first in the lowest byte) as an integer: "parse_eight_digits_unrolled"
 * of fast_float and simdjson (Lemire 2021, "Number parsing at a gigabyte per second"), three
 * multiplications instead of a multiply-add chained through every digit.
 */
static inline __attribute__((always_inline)) uint64_t eight_digits(uint64_t x) {
  x -= 0x3030303030303030ull;
  x = x * 10 + (x >> 8);
  return (((x & 0x000000FF000000FFull) * 0x000F424000000064ull) + (((x >> 16) & 0x000000FF000000FFull) * 0x0000271000000001ull)) >> 32;
}

/** The `len` (1 to 8) digits that end at BUF[end] as an integer. */
static inline __attribute__((always_inline)) uint64_t digits_before(int32_t end, int32_t len) {
  uint64_t x;
  __builtin_memcpy(&x, BUF + end - 8, 8);
  const uint64_t keep = ~0ull << (8 * (8 - len)); // the field's bytes; the ones before it read as '0'
  return eight_digits((x & keep) | (0x3030303030303030ull & ~keep));
}

/** A field of digits with at most one point: its digits as an integer, or -1 (longer than 16 bytes, other bytes, more than 15 digits). */
static inline __attribute__((always_inline)) int64_t digits_of(int32_t fs, int32_t fe, int32_t *digits, int32_t *frac) {
  const int32_t len = fe - fs;
  if (len > 16) return -1;
  const uint64_t within = (1ull << len) - 1;
  const uint64_t other = ~bits(DIGIT, fs) & within, point = bits(POINT, fs) & within;
  if (other != point || (point & (point - 1)) != 0) return -1;
  *digits = len - (point != 0);
  *frac = point != 0 ? len - __builtin_ctzll(point) - 1 : -1;
  if (*digits > 15) return -1;
  if (point == 0) {
    if (len == 0) return 0;
    if (len <= 8) return (int64_t)digits_before(fe, len);
    return (int64_t)(digits_before(fe - 8, len - 8) * 100000000ull + digits_before(fe, 8));
  }
  int64_t v = 0;
  for (int32_t q = fs; q < fe; q++) {
    const uint32_t c = BUF[q] - 48u;
    if (c <= 9) v = v * 10 + c;
  }
  return v;
}

/** A canonical integer id (ByteDictionary's numeric key), or -1. */
static inline __attribute__((always_inline)) double id_of(int32_t fs, int32_t fe) {
  int32_t digits, frac;
  const int64_t v = digits_of(fs, fe, &digits, &frac);
  if (v < 0 || frac >= 0 || digits == 0 || (BUF[fs] == 48 && digits > 1)) return -1;
  return (double)v;
}

/** A plain unsigned decimal (the reader's decimalOf without parseDecimal), or -1. */
static inline __attribute__((always_inline)) double decimal_of(int32_t fs, int32_t fe) {
  int32_t digits, frac;
  const int64_t v = digits_of(fs, fe, &digits, &frac);
  if (v < 0 || digits == 0 || frac == 0) return -1;
  return frac > 0 ? (double)v / POW10[frac] : (double)v;
}

/** Whether BUF[fs, fe) is event-type name k in ASCII letters of any case. */
static inline __attribute__((always_inline)) int is_pattern(int32_t k, int32_t fs, int32_t len) {
  if (PATTERN_LENGTH[k] != len) return 0;
  for (int32_t j = 0; j < len; j++) {
    uint32_t c = BUF[fs + j];
    if (c - 65u <= 25u) c += 32;
    if (c != PATTERN[k][j]) return 0;
  }
  return 1;
}

/** The event type of BUF[fs, fe), or -1; the name matched last is tried first (a log repeats a few). */
static inline __attribute__((always_inline)) int32_t type_of(int32_t fs, int32_t fe) {
  const int32_t len = fe - fs;
  if (is_pattern(LAST_PATTERN, fs, len)) return PATTERN_TYPE[LAST_PATTERN];
  for (int32_t k = 0; k < PATTERN_COUNT; k++) {
    if (is_pattern(k, fs, len)) {
      LAST_PATTERN = k;
      return PATTERN_TYPE[k];
    }
  }
  return -1;
}

/** Parses plain lines from `p` (a line start in the window); returns how many. */
EXPORT("parse") int32_t parse(int32_t p) {
  const int32_t last = WIDTH - 1;
  int32_t line = 0, f = 0, fs = p, ls = p, es = 0, ee = 0;
  double t = 0, customer = 0, item = -1, category = -1, amount = 0, quantity = 1;
  int32_t has_amount = 0;
  int32_t b = p >> 6;
  uint64_t m = DELIM[b] & (~0ull << (p & 63));
  for (;;) {
    while (m == 0) {
      if (++b << 6 >= LENGTH) {
        STOP = STOP_UNFINISHED;
        return line;
      }
      m = DELIM[b];
    }
    const int32_t fe = (b << 6) + __builtin_ctzll(m);
    m &= m - 1;
    const int feed = (FEED[b] >> (fe & 63)) & 1;
    if (feed != (f == last)) {
      STOP = STOP_DECLINED;
      return line;
    }
    double v = 0;
    switch (KIND[f]) {
      case CUSTOMER:
        if ((customer = id_of(fs, fe)) < 0) goto declined;
        break;
      case TIMESTAMP: {
        int32_t digits, frac;
        const int64_t x = digits_of(fs, fe, &digits, &frac);
        if (x < 0 || frac >= 0 || digits == 0) goto declined;
        t = x >= 100000000000ll ? (double)x : (double)x * 1000; // epochMs (event-type-names.ts)
        break;
      }
      case EVENT_TYPE:
        es = fs;
        ee = fe;
        break;
      case ITEM:
        if (fe > fs && (item = id_of(fs, fe)) < 0) goto declined;
        break;
      case CATEGORY:
        if (fe > fs && (category = id_of(fs, fe)) < 0) goto declined;
        break;
      case AMOUNT:
        if (fe > fs) {
          if ((v = decimal_of(fs, fe)) < 0) goto declined;
          amount = v;
          has_amount = 1;
        }
        break;
      case QUANTITY:
        if (fe > fs && (quantity = decimal_of(fs, fe)) < 0) goto declined;
        break;
    }
    fs = fe + 1;
    if (!feed) {
      f++;
      continue;
    }
    if (ANY_SPECIAL && any(SPECIAL, ls, fe)) goto declined;
    int32_t type = PURCHASE;
    if (HAS_TYPE && (type = type_of(es, ee)) < 0) goto declined;
    if (has_amount) {
      SAW_AMOUNT = 1;
      if (type == RETURN && amount > 0) amount = -amount;
    }
    T[line] = t;
    TYPE[line] = (uint8_t)type;
    AMOUNT_[line] = amount;
    QUANTITY_[line] = quantity;
    CUSTOMER_[line] = customer;
    ITEM_[line] = item;
    CATEGORY_[line] = category;
    END[line++] = fs;
    ls = fs;
    f = 0;
    item = category = -1;
    amount = 0;
    quantity = 1;
    has_amount = 0;
    if (line == CAP) {
      STOP = STOP_FULL;
      return line;
    }
  }
declined:
  STOP = STOP_DECLINED;
  return line;
}
