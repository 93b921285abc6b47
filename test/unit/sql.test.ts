// User values reach DuckDB only as parameters, identifiers or escaped literals.
import { describe, expect, test } from 'vitest';
import { testDb } from './helpers';
import { date, ident, inlineParams, join, literal, raw, sql } from '../../src/lib/db/sql';

describe('sql tagged template', () => {
  test('values become ? parameters in order; fragments splice in with theirs', () => {
    const inner = sql`owner = ${'Ann'}`;
    const q = sql`SELECT * FROM t WHERE ${inner} AND amount > ${100} AND won = ${true}`;
    expect(q.text).toBe('SELECT * FROM t WHERE owner = ? AND amount > ? AND won = ?');
    expect(q.params).toEqual(['Ann', 100, true]);
  });

  test('join keeps every parameter', () => {
    const q = join([sql`a = ${1}`, sql`b = ${2}`], ' OR ');
    expect(q.text).toBe('a = ? OR b = ?');
    expect(q.params).toEqual([1, 2]);
  });

  test('identifiers and literals are quoted and escaped', () => {
    expect(ident('Amount "USD"').text).toBe('"Amount ""USD"""');
    expect(literal("O'Brien").text).toBe("'O''Brien'");
    expect(raw('TRUE').params).toEqual([]);
    expect(() => literal('a\0b')).toThrow();
  });

  test('non-finite numbers and malformed dates are refused', () => {
    expect(() => sql`SELECT ${Number.NaN}`).toThrow();
    expect(() => date('2024-13-01; DROP TABLE x')).toThrow();
    expect(date('2024-02-29').params).toEqual(['2024-02-29']);
  });

  test('hostile values stay values on the real engine', async () => {
    const db = await testDb();
    await db.exec(sql`CREATE TABLE t AS SELECT 'x' AS "weird ""name"" --"`);
    const hostile = "'; DROP TABLE t; --";
    const [row] = await db.query(sql`SELECT ${hostile} AS v, ${ident('weird "name" --')} AS c FROM t`);
    expect(row).toEqual({ v: hostile, c: 'x' });
    const [lit] = await db.query(sql`SELECT ${literal(hostile)} AS v`);
    expect(lit.v).toBe(hostile);
    const [count] = await db.query(sql`SELECT count(*) AS n FROM t`);
    expect(count.n).toBe(1);
  });

  test('parameters written in as literals: only the ? placeholders outside quotes and comments', () => {
    const q = sql`SELECT '?' AS a, "col?" AS b, ${"O'Brien"} AS c -- what? ${raw("it's")}
      , ${-5} AS d, x-${-5} AS e, ${0.1 + 0.2} AS f, ${true} AS g, ${null} AS h /* ? */ , 'it''s ?' AS i, ${'?'} AS j`;
    expect(q.params).toEqual(["O'Brien", -5, -5, 0.1 + 0.2, true, null, '?']);
    expect(inlineParams(q)).toBe(`SELECT '?' AS a, "col?" AS b, 'O''Brien' AS c -- what? it's
      , CAST('-5' AS DOUBLE) AS d, x-CAST('-5' AS DOUBLE) AS e, CAST('0.30000000000000004' AS DOUBLE) AS f, TRUE AS g, NULL AS h /* ? */ , 'it''s ?' AS i, '?' AS j`);
    expect(inlineParams(sql`SELECT ${'a\0b'}`)).toBeNull(); // NUL: bound instead
    expect(() => inlineParams({ text: 'SELECT ?, ?', params: [1] })).toThrow();
    expect(() => inlineParams({ text: 'SELECT 1', params: [1] })).toThrow();
  });

  test('written-in values keep their types and values on the real engine', async () => {
    const db = await testDb();
    const hostile = "'; DROP TABLE t; -- ? \\ 名前";
    const q = sql`SELECT ${hostile} AS s, ${0.1 + 0.2} AS f, typeof(${7}) AS t, ${null} AS n, ${false} AS b, ${'a\0b'} AS z`;
    const [row] = await db.query(q);
    expect(row).toEqual({ s: hostile, f: 0.1 + 0.2, t: 'DOUBLE', n: null, b: false, z: 'a\0b' });
  });

  test('a result of several batches comes back whole and in order, nulls included', async () => {
    const db = await testDb();
    // 5,000 rows arrive in batches of 2,048: rows 2,047 and 2,048 sit on either side of a boundary.
    const rows = await db.query<{ i: number; s: string | null }>(raw(`SELECT range AS i, CASE WHEN range % 1000 = 0 THEN NULL ELSE 'x' || range END AS s FROM range(5000) ORDER BY range`));
    expect(rows.length).toBe(5000);
    expect([rows[0], rows[2047], rows[2048], rows[4999]]).toEqual([{ i: 0, s: null }, { i: 2047, s: 'x2047' }, { i: 2048, s: 'x2048' }, { i: 4999, s: 'x4999' }]);
    expect(rows.every((r, k) => r.i === k)).toBe(true);
  });

  test('extensions are never auto-installed or auto-loaded', async () => {
    const db = await testDb();
    const [row] = await db.query(
      sql`SELECT current_setting('autoinstall_known_extensions') AS i, current_setting('autoload_known_extensions') AS l`,
    );
    expect(row).toEqual({ i: false, l: false });
  });
});
