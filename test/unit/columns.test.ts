// Rows-table headers: canonical fields through the catalog in both languages; other columns as they are.
import { describe, expect, test } from 'vitest';
import { columnLabel } from '../../src/lib/i18n/columns';

describe('columnLabel', () => {
  test.each<[string, string, string]>([
    ['close_date', 'Close date', '结单日期'],
    ['amount', 'Amount', '金额'],
    // A short header rather than the mapping screen's description "Type (new / expansion / renewal)".
    ['type', 'Type', '类型'],
    ['churn_mrr', 'Churned MRR', '流失 MRR'],
    ['cycle_days', 'Sales cycle (days)', '销售周期（天）'],
  ])('%s', (column, english, chinese) => {
    expect(columnLabel(column, 'en')).toBe(english);
    expect(columnLabel(column, 'zh-CN')).toBe(chinese);
  });

  test.each(['x_partner_tier', 'Partner Tier', '行业', 'constructor', '__proto__', 'toString'])('%s keeps its own name', (column) => {
    expect(columnLabel(column, 'en')).toBe(column);
    expect(columnLabel(column, 'zh-CN')).toBe(column);
  });
});
