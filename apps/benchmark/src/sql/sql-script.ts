// The statement list `clvlab sql` prints, with the few text helpers every table builder uses:
// quoted literals (no quote or backslash may appear in them, so every dialect reads them alike),
// exact double literals, casts to the table contract's types, and error messages built from
// literal text and SQL values.
import type { ColumnType, PreparedTableName } from './prepared-tables.ts';
import type { SqlDialect } from './sql-dialects.ts';

export class SqlScript {
  private readonly parts: string[] = [];
  private pending: string[] = [];

  constructor(
    readonly d: SqlDialect,
    readonly prefix: string,
  ) {
    for (const statement of d.prelude) this.parts.push(statement);
  }

  /** An intermediate table's name: `<prefix>s_<name>`. */
  stageName(name: string): string {
    return `${this.prefix}s_${name}`;
  }

  /** An output table's name: `<prefix><table>`. */
  tableName(table: PreparedTableName): string {
    return `${this.prefix}${table}`;
  }

  /** A comment printed above the next statement (one `-- ` line per line of text). */
  comment(text: string): void {
    // spark-sql -f splits statements on ';' outside quotes, and a quote in a comment confuses that.
    if (/[';]/.test(text))
      throw new Error(`benchmark/sql: comment ${JSON.stringify(text)} contains a quote or semicolon`);
    this.pending.push(...text.split('\n').map((line) => `-- ${line}`.trimEnd()));
  }

  private push(statements: string[]): void {
    statements.forEach((statement, i) => {
      this.parts.push(
        i === statements.length - 1 && this.pending.length > 0 ? `${this.pending.join('\n')}\n${statement}` : statement,
      );
    });
    this.pending = [];
  }

  /** Creates intermediate table `<prefix>s_<name>`; returns its name. */
  stage(name: string, select: string): string {
    const full = this.stageName(name);
    this.push(this.d.stage(full, select));
    return full;
  }

  /** Creates output table `<prefix><table>`; returns its name. */
  table(table: PreparedTableName, select: string): string {
    const full = this.tableName(table);
    this.push(this.d.table(full, select));
    return full;
  }

  /** Appends a statement as is. */
  raw(statement: string): void {
    this.push([statement]);
  }

  get statements(): readonly string[] {
    return this.parts;
  }

  /** The whole script: statements separated by `;` and a blank line. */
  text(): string {
    return this.parts.map((s) => `${s};\n`).join('\n');
  }
}

/** A SQL string literal; throws on a quote or backslash, which dialects escape differently, or a semicolon. */
export function literal(text: string): string {
  // A semicolon too: spark-sql -f splits statements on it.
  if (/['\\;]/.test(text))
    throw new Error(`benchmark/sql: literal ${JSON.stringify(text)} contains a quote, backslash or semicolon`);
  return `'${text}'`;
}

/** An exact DOUBLE literal (the shortest decimal that reads back as the same binary64). */
export function doubleLiteral(d: SqlDialect, x: number): string {
  if (!Number.isFinite(x)) throw new Error(`benchmark/sql: ${x} is not a finite number`);
  return `CAST(${String(x)} AS ${d.double})`;
}

/** CAST(expr AS <the contract type>). */
export function castTo(d: SqlDialect, type: ColumnType, expr: string): string {
  return `CAST(${expr} AS ${type === 'text' ? d.text : type === 'double' ? d.double : 'BIGINT'})`;
}

/**
 * An error message as a SQL text expression, from a template whose values are SQL expressions:
 * message(d)`${n} rows have no customer_id` → 'clvlab sql: ' || CAST(n AS TEXT) || ' rows …'.
 */
export function message(d: SqlDialect): (strings: TemplateStringsArray, ...values: string[]) => string {
  return (strings, ...values) => {
    const parts: string[] = [];
    let text = 'clvlab sql: ';
    strings.forEach((s, i) => {
      text += s;
      if (i >= values.length) return;
      const v = values[i];
      // A literal or a number is known now: it goes into the text; a SQL value is cast and concatenated.
      const known = /^'[^']*'$/.exec(v) ? v.slice(1, -1) : /^-?\d+$/.test(v) ? v : null;
      if (known !== null) {
        text += known;
        return;
      }
      if (text !== '') parts.push(literal(text));
      text = '';
      parts.push(`COALESCE(CAST(${v} AS ${d.text}), ${literal('NULL')})`);
    });
    if (text !== '') parts.push(literal(text));
    return parts.join(' || ');
  };
}

/** SELECT CASE WHEN c1 THEN fail(m1) … ELSE 0 END AS ok FROM `from`: a one-row check that raises the first failing message. */
export function checkSelect(
  d: SqlDialect,
  checks: readonly (readonly [condition: string, message: string])[],
  from: string,
): string {
  const whens = checks.map(([c, m]) => `  WHEN ${c} THEN ${d.fail(m)}`).join('\n');
  return `SELECT CASE\n${whens}\n  ELSE 0 END AS ok\nFROM ${from}`;
}

/** FLOOR(x / d) as BIGINT, x a DOUBLE expression: the TypeScript Math.floor(x / d). */
export function floorDiv(x: string, divisor: number): string {
  return `CAST(FLOOR((${x}) / ${divisor}) AS BIGINT)`;
}
