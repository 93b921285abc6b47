// SQL text with bound parameters. Every user value reaches DuckDB through `sql`
// interpolation (a `?` parameter), `ident` (a quoted identifier) or `literal` (the one escaper).

export interface Sql {
  readonly text: string;
  readonly params: readonly SqlValue[];
}

export type SqlValue = string | number | boolean | null;

const SQL = Symbol('sql');

interface Fragment extends Sql {
  readonly [SQL]: true;
}

function fragment(text: string, params: readonly SqlValue[]): Fragment {
  return { text, params, [SQL]: true };
}

export function isSql(value: unknown): value is Sql {
  return typeof value === 'object' && value !== null && (value as Fragment)[SQL] === true;
}

type Interpolation = Sql | SqlValue;

/** Tagged template: nested `sql` fragments are spliced in, every other value becomes a `?` parameter. */
export function sql(strings: TemplateStringsArray, ...values: Interpolation[]): Sql {
  let text = strings[0];
  const params: SqlValue[] = [];
  values.forEach((value, i) => {
    if (isSql(value)) {
      text += value.text;
      params.push(...value.params);
    } else {
      if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`Cannot bind ${value} as a SQL parameter`);
      text += '?';
      params.push(value);
    }
    text += strings[i + 1];
  });
  return fragment(text, params);
}

/** Join fragments with a separator (itself trusted SQL text written by us). */
export function join(parts: readonly Sql[], separator = ', '): Sql {
  const params: SqlValue[] = [];
  for (const p of parts) params.push(...p.params);
  return fragment(parts.map((p) => p.text).join(separator), params);
}

/** Trusted SQL text written in this codebase (keywords, operators). Never pass user input. */
export function raw(text: string): Sql {
  return fragment(text, []);
}

/** A quoted identifier: any column name from any file is safe here. */
export function ident(name: string): Sql {
  return fragment(`"${name.replaceAll('"', '""')}"`, []);
}

/** A string literal, for the few places DuckDB does not accept a parameter (table function arguments). */
export function literal(value: string): Sql {
  if (value.includes('\0')) throw new Error('NUL character in SQL literal');
  return fragment(`'${value.replaceAll("'", "''")}'`, []);
}

/** A date parameter: ISO yyyy-mm-dd bound as text and cast in SQL. */
export function date(iso: string): Sql {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new Error(`Not an ISO date: ${iso}`);
  return sql`CAST(${iso} AS DATE)`;
}

/** An integer parameter (JS numbers bind as DOUBLE, which date arithmetic and range() refuse). */
export function int(n: number): Sql {
  if (!Number.isInteger(n)) throw new Error(`Not an integer: ${n}`);
  return sql`CAST(${n} AS INTEGER)`;
}
