// The typed value of raw text, on the real engine: the fast paths (values as they are) and the slow
// ones (spaces, times, symbols) must give the same values.
import { beforeAll, describe, expect, test } from 'vitest';
import { testDb } from './helpers';
import type { DbClient } from '../../src/lib/db/client';
import { currencyOf, datesWithTimes, numberAffixes, parseDate, parseNumber, parseText, type DateFormat, type NumberAffixes, type NumberFormat } from '../../src/lib/crm/parse';
import { join, raw, sql, type Sql } from '../../src/lib/db/sql';

let db: DbClient;
beforeAll(async () => {
  db = await testDb();
});

/** `expr` applied to each value, in order. */
async function each(values: (string | null)[], expr: (column: Sql) => Sql): Promise<unknown[]> {
  const rows = values.map((v, i) => sql`(${i}, CAST(${v} AS VARCHAR))`);
  const result = await db.query<{ v: unknown }>(sql`SELECT ${expr(raw('x'))} AS v FROM (VALUES ${join(rows)}) AS t(i, x) ORDER BY i`);
  return result.map((r) => r.v);
}

const day = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));

describe('parsing raw values', () => {
  test('text loses surrounding spaces only; blank is missing', async () => {
    expect(await each(['Acme', '  Acme Ltd  ', 'Acme ', ' ', '', null, '\tTab'], parseText)).toEqual(['Acme', 'Acme Ltd', 'Acme', null, null, null, '\tTab']);
  });

  test('dates with or without spaces, times and zones', async () => {
    const us = ['7/16/2021', ' 7/16/2021 ', '7/16/2021 10:31', '7/16/2021 3:45 PM', '13/16/2021', '', null];
    expect(await each(us, (c) => parseDate(c, '%m/%d/%Y' as DateFormat))).toEqual([day('2021-07-16'), day('2021-07-16'), day('2021-07-16'), day('2021-07-16'), null, null, null]);
    const iso = ['2024-01-05', '2024-01-05T09:00:00Z', ' 2024-01-05 ', '2024-01-05 23:59:59+08:00', '2024-02-30'];
    expect(await each(iso, (c) => parseDate(c, '%Y-%m-%d' as DateFormat))).toEqual([day('2024-01-05'), day('2024-01-05'), day('2024-01-05'), day('2024-01-05'), null]);
    // A column whose first values have times is cut first: the same dates.
    expect(await each(us, (c) => parseDate(c, '%m/%d/%Y' as DateFormat, true))).toEqual(await each(us, (c) => parseDate(c, '%m/%d/%Y' as DateFormat)));
    expect(await each(iso, (c) => parseDate(c, '%Y-%m-%d' as DateFormat, true))).toEqual(await each(iso, (c) => parseDate(c, '%Y-%m-%d' as DateFormat)));
    const named = ['5 Jan 2024', '5 Jan 2024 10:00', ' 5 Jan 2024', 'Jan 5 2024'];
    expect(await each(named, (c) => parseDate(c, '%d %b %Y' as DateFormat, true))).toEqual([day('2024-01-05'), day('2024-01-05'), day('2024-01-05'), null]);
  });

  test('date columns whose first values have times', () => {
    expect(datesWithTimes(['7/16/2021 10:31 AM', '2021-07-16T10:31:00Z'])).toBe(true);
    expect(datesWithTimes(['7/16/2021 10:31 AM', '7/17/2021'])).toBe(false);
    expect(datesWithTimes([' 7/16/2021 ', '5 Jan 2024'])).toBe(false);
    expect(datesWithTimes([])).toBe(false);
  });

  test('numbers: plain, spaced, with symbols, separators and signs', async () => {
    const dot = ['1200', ' 1200.5 ', '$1,200.50', 'USD 1,200', '(300)', '300-', '1,2,3', '', null];
    expect(await each(dot, (c) => parseNumber(c, 'dot' as NumberFormat))).toEqual([1200, 1200.5, 1200.5, 1200, -300, -300, null, null, null]);
    const comma = ['1200', '1.234', '1.234,5', ' 12,5 ', '€ 900,00'];
    expect(await each(comma, (c) => parseNumber(c, 'comma' as NumberFormat))).toEqual([1200, 1234, 1234.5, 12.5, 900]);
    // Signs and symbols around separators, and values that are no number.
    const signed = ['-1,234.5', '(1,234)', '$ (75.25)', '1,234.5-', '12abc', 'abc', '1.2.3', '-'];
    expect(await each(signed, (c) => parseNumber(c, 'dot' as NumberFormat))).toEqual([-1234.5, -1234, -75.25, -1234.5, 12, null, null, null]);
    const signedComma = ['-1.234,5', '(1.234)', '1.234,5-', '1,2,3', 'EUR -7,5'];
    expect(await each(signedComma, (c) => parseNumber(c, 'comma' as NumberFormat))).toEqual([-1234.5, -1234, -1234.5, null, -7.5]);
  });

  test('numbers written every way, in both formats, read as the numbers they were written from', async () => {
    // Each value is written here from a known number, so the expected value is that number: the
    // separated fast path, the plain cast and the cleaning must all agree with it.
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (const format of ['dot', 'comma'] as NumberFormat[]) {
      const [group, decimal] = format === 'dot' ? [',', '.'] : ['.', ','];
      const values: string[] = [];
      const expected: number[] = [];
      for (let i = 0; i < 400; i++) {
        const cents = Math.floor(rand() * 1e9);
        const whole = String(Math.floor(cents / 100));
        const grouped = rand() < 0.5 ? whole : whole.replace(/\B(?=(\d{3})+$)/g, group);
        const withDecimals = rand() < 0.5 ? `${grouped}${decimal}${String(cents % 100).padStart(2, '0')}` : grouped;
        const value = withDecimals === grouped ? Math.floor(cents / 100) : cents / 100;
        const negative = rand() < 0.3;
        const dressed = [
          (v: string) => v,
          (v: string) => ` ${v} `,
          (v: string) => (negative ? `(${v})` : v),
          (v: string) => (negative ? `-${v}` : v),
          (v: string) => `${format === 'dot' ? '$' : '€ '}${v}`,
          (v: string) => `EUR ${v}`,
        ][i % 6];
        const signed = (i % 6 === 2 || i % 6 === 3) && negative;
        values.push(dressed(withDecimals));
        expected.push(signed ? -value : value);
      }
      const read = (await each(values, (c) => parseNumber(c, format))) as number[];
      read.forEach((v, i) => expect(v, `${format} ${values[i]}`).toBeCloseTo(expected[i], 6));
      // Told that values carry the symbols some of them have: the same numbers.
      const affixes: NumberAffixes = format === 'dot' ? { prefix: '$', suffix: '' } : { prefix: '€ ', suffix: '' };
      const readAffixed = (await each(values, (c) => parseNumber(c, format, affixes))) as number[];
      readAffixed.forEach((v, i) => expect(v, `${format} ${values[i]} with ${affixes.prefix}`).toBeCloseTo(expected[i], 6));
    }
  });

  test('the symbols around the first values of a number column', () => {
    expect(numberAffixes(['$97,015.00', '$4,352.00', '$4,074.00'])).toEqual({ prefix: '$', suffix: '' });
    expect(numberAffixes(['80%', '10%'])).toEqual({ prefix: '', suffix: '%' });
    expect(numberAffixes(['97.015,00 €', '3,50 €'])).toEqual({ prefix: '', suffix: ' €' });
    expect(numberAffixes(['¥5000', '¥12'])).toEqual({ prefix: '¥', suffix: '' });
    // Plain numbers, mixed symbols, signs, codes and blanks around nothing: none.
    for (const samples of [['1200', '12.5'], ['$1', '€2'], ['(300)', '(12)'], ['-$5', '-$6'], ['USD 1200'], ['$', '$'], [' 12 ', ' 5 '], []]) {
      expect(numberAffixes(samples), samples.join(' ')).toBeNull();
    }
  });

  test('a column read with its symbols gives what the general reading gives, for any value', async () => {
    const values = ['$97,015.00', '$4,352', '$0.5', '$.5', '$', '$$', '$$5', '$-5', '$(5)', '$1,2,3', ' $5', '$5 ', '5', '1,234.5', '-1,234', '(300)',
      '$1e5', '1e5', 'USD 5', '€5', '5%', '%', '12,5', '', null];
    for (const [format, affixes] of [['dot', { prefix: '$', suffix: '' }], ['dot', { prefix: '', suffix: '%' }], ['comma', { prefix: '', suffix: ' €' }], ['comma', { prefix: '$', suffix: '%' }]] as [NumberFormat, NumberAffixes][]) {
      const commaValues = format === 'comma' ? ['97.015,00 €', '3,5 €', ' €', '1.2.3 €', '-3,5 €', '$1.234,5%', '$%'] : [];
      const all = [...values, ...commaValues];
      expect(await each(all, (c) => parseNumber(c, format, affixes)), `${format} ${JSON.stringify(affixes)}`).toEqual(await each(all, (c) => parseNumber(c, format)));
      expect(await each(all, (c) => currencyOf(c, format, affixes)), `${format} ${JSON.stringify(affixes)}`).toEqual(await each(all, (c) => currencyOf(c, format)));
    }
  });

  test('the currency a money value names; a plain number names none', async () => {
    const values = ['1200', ' 12.5 ', '$1,200', 'USD 1200', '12.345,67 €', '¥5000', 'CNY 1', 'RMB 2', '£3', '', null];
    const codes = [null, null, 'USD', 'USD', 'EUR', 'CNY', 'CNY', 'CNY', 'GBP', null, null];
    expect(await each(values, currencyOf)).toEqual(codes);
    // A decimal-comma column tests its values another way first: the same codes come out.
    expect(await each([...values, '1.234,5', '(12,5)', '1e5', 'inf'], (c) => currencyOf(c, 'comma'))).toEqual([...codes, null, null, null, null]);
  });
});
