// Tiny DOM builders: every text goes in through textContent (customer ids come from the file).

type Child = Node | string | number | null | undefined;

/** `<tag attr=…>children</tag>`; `testid` sets data-testid. */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== undefined) node.setAttribute(name === 'testid' ? 'data-testid' : name, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === 'number' ? String(child) : child);
  }
  return node;
}

/** A table with a header row; numeric columns (numbers, formatted numbers, value cells) are right-aligned. */
export function dataTable(
  testid: string,
  head: readonly string[],
  rows: readonly (readonly Child[])[],
): HTMLTableElement {
  const numeric = head.map((_, k) => rows.length > 0 && rows.every((r) => isNumeric(r[k])));
  const cell = (tag: 'td' | 'th', c: Child, k: number): HTMLTableCellElement =>
    element(tag, numeric[k] ? { class: 'num' } : {}, c);
  return element(
    'table',
    { testid },
    element('thead', {}, element('tr', {}, ...head.map((h, k) => cell('th', h, k)))),
    element('tbody', {}, ...rows.map((r) => element('tr', {}, ...r.map((c, k) => cell('td', c, k))))),
  );
}

function isNumeric(c: Child): boolean {
  if (typeof c === 'number') return true;
  if (typeof c === 'string') return /^[-–+]?[\d,.]+%?$|^–$/.test(c);
  return c instanceof Element && c.classList.contains('num');
}

/** A number with a fixed count of decimals and thousands separators. */
export function formatNumber(v: number, decimals = 0): string {
  if (!Number.isFinite(v)) return '–';
  return v.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** A table cell holding `v` rounded for reading, with the full value in data-value (for tests and copy). */
export function valueCell(testid: string, v: number, decimals: number): HTMLElement {
  return element('span', { testid, 'data-value': String(v), class: 'num' }, formatNumber(v, decimals));
}
