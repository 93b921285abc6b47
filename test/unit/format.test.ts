// Formatting for English and Chinese, and the two catalogs kept in step.
import { describe, expect, test } from 'vitest';
import { en } from '../../src/lib/i18n/en';
import { zhCN } from '../../src/lib/i18n/zh-CN';
import { formatChange, formatDate, formatPeriod, formatValue, relativeChange } from '../../src/lib/format/format';

const enUsd = { locale: 'en', currency: 'USD' };
const zh = { locale: 'zh-CN', currency: 'CNY' };
const t = (key: string, p: Record<string, string | number>) => `${key}:${Object.values(p).join('/')}`;

describe('formatValue', () => {
  test('money, counts, ratios and days in English', () => {
    expect(formatValue(10005534, 'money', enUsd)).toBe('$10,005,534');
    expect(formatValue(2360.91, 'money', { locale: 'en', currency: null })).toBe('2,361');
    expect(formatValue(4238, 'count', enUsd)).toBe('4,238');
    expect(formatValue(0.6315, 'ratio', enUsd)).toBe('63.2%');
    expect(formatValue(57, 'days', enUsd)).toBe('57 days');
    expect(formatValue(null, 'money', enUsd)).toBe('–');
  });

  test('Chinese locale', () => {
    expect(formatValue(12345, 'money', zh)).toBe('¥12,345');
    expect(formatValue(57, 'days', zh)).toBe('57天');
    expect(formatValue(0.5, 'ratio', zh)).toBe('50.0%');
  });

  test('relative change is null on a zero base', () => {
    expect(relativeChange(150, 100)).toBe(0.5);
    expect(relativeChange(5, 0)).toBeNull();
    expect(relativeChange(null, 3)).toBeNull();
    expect(formatChange(0.125, enUsd)).toBe('+12.5%');
    expect(formatChange(-0.5, enUsd)).toBe('-50%');
  });

  test('dates are formatted in UTC whatever the time zone', () => {
    expect(formatDate('2024-01-01', 'en')).toBe('Jan 1, 2024');
    expect(formatDate('2024-01-01', 'zh-CN')).toBe('2024年1月1日');
  });

  test('period labels per grain, with fiscal names when the year does not start in January', () => {
    expect(formatPeriod('2024-03-01', 'month', 1, 'en', t)).toBe('Mar 2024');
    expect(formatPeriod('2024-04-01', 'quarter', 1, 'en', t)).toBe('period.quarter:2/2024');
    expect(formatPeriod('2024-02-01', 'quarter', 2, 'en', t)).toBe('period.fiscalQuarter:1/2025');
    expect(formatPeriod('2023-04-01', 'year', 4, 'en', t)).toBe('period.fiscalYear:2024');
    expect(formatPeriod('2024-01-01', 'year', 1, 'en', t)).toBe('2024');
  });
});

describe('message catalogs', () => {
  test('Chinese has every English key, with the same placeholders', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect([key, placeholders(zhCN[key])]).toEqual([key, placeholders(en[key])]);
      expect(zhCN[key].trim()).not.toBe('');
    }
  });
});
