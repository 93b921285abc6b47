// SQL text with bound parameters. Every user value reaches DuckDB through `sql`
// interpolation (a `?` parameter), `ident` (a quoted identifier) or `literal` (the one escaper);
// the clients write the parameters in with that escaper when they run a statement (inlineParams).

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

/**
 * The statement with its parameters written in as literals, for one round trip to the engine
 * instead of three (prepare, run, close): the numbers as DOUBLE, as a bound JS number is, the text
 * quoted by the one escaper. The text is scanned for `?` outside string literals, quoted
 * identifiers and comments. Null when a value cannot be written (a NUL character): bind it then.
 */
export function inlineParams(q: Sql): string | null {
  if (q.params.length === 0) return q.text;
  const t = q.text;
  let out = '';
  let next = 0;
  let i = 0;
  while (i < t.length) {
    const c = t[i];
    let end = i + 1;
    if (c === "'" || c === '"') {
      // To the closing quote; a doubled quote is part of the text.
      end = t.indexOf(c, i + 1);
      while (end >= 0 && t[end + 1] === c) end = t.indexOf(c, end + 2);
      end = end < 0 ? t.length : end + 1;
    } else if (c === '-' && t[i + 1] === '-') {
      end = t.indexOf('\n', i);
      if (end < 0) end = t.length;
    } else if (c === '/' && t[i + 1] === '*') {
      end = t.indexOf('*/', i + 2);
      end = end < 0 ? t.length : end + 2;
    } else if (c === '?') {
      if (next >= q.params.length) throw new Error('More ? placeholders than parameters');
      const v = q.params[next++];
      if (typeof v === 'string' && v.includes('\0')) return null;
      out += v === null ? 'NULL' : typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : typeof v === 'number' ? `CAST('${v}' AS DOUBLE)` : literal(v).text;
      i = end;
      continue;
    }
    out += t.slice(i, end);
    i = end;
  }
  if (next !== q.params.length) throw new Error('Fewer ? placeholders than parameters');
  return out;
}
