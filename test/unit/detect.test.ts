// File kinds and column mappings recognised from headers.
import { describe, expect, test } from 'vitest';
import { classify } from '../../src/lib/crm/detect';
import { normalizeHeader } from '../../src/lib/crm/aliases';
import { isLostStage, isWonStage } from '../../src/lib/crm/stages';

describe('classify', () => {
  test('a Salesforce opportunity report', () => {
    const c = classify(['Opportunity ID', 'Opportunity Name', 'Account Name', 'Opportunity Owner', 'Stage', 'Amount', 'Close Date', 'Created Date', 'Type', 'Lead Source']);
    expect(c?.kind).toBe('opportunities');
    expect(c?.mapping).toEqual({
      opportunity_id: 'Opportunity ID', opportunity_name: 'Opportunity Name', account_name: 'Account Name',
      owner: 'Opportunity Owner', stage: 'Stage', amount: 'Amount', close_date: 'Close Date', created_at: 'Created Date',
      type: 'Type', source: 'Lead Source',
    });
    expect(c?.extras).toEqual([]);
  });

  test('the Maven CRM pipeline file', () => {
    const c = classify(['opportunity_id', 'sales_agent', 'product', 'account', 'deal_stage', 'engage_date', 'close_date', 'close_value']);
    expect(c?.kind).toBe('opportunities');
    expect(c?.mapping).toMatchObject({ owner: 'sales_agent', stage: 'deal_stage', created_at: 'engage_date', amount: 'close_value', account_name: 'account' });
  });

  test('canonical names of every kind', () => {
    expect(classify(['lead_id', 'created_at', 'source', 'owner'])?.kind).toBe('leads');
    expect(classify(['opportunity_id', 'stage', 'entered_at'])?.kind).toBe('stage_history');
    expect(classify(['account_id', 'month', 'mrr'])?.kind).toBe('revenue');
    expect(classify(['subscription_id', 'customer_id', 'start_date', 'end_date', 'monthly_amount'])?.kind).toBe('revenue');
    expect(classify(['rep', 'team', 'role', 'period', 'quota'])?.kind).toBe('reps');
    expect(classify(['period', 'target'])?.kind).toBe('targets');
  });

  test('unmapped columns are kept as extras', () => {
    const c = classify(['opportunity_id', 'created_at', 'stage', 'amount', 'Industry', 'Partner Tier']);
    expect(c?.extras).toEqual(['Industry', 'Partner Tier']);
  });

  test('a file that is no CRM export is not classified', () => {
    expect(classify(['ticket_id', 'priority', 'satisfaction_score'])).toBeNull();
    expect(classify([])).toBeNull();
  });

  test('header normalisation folds case, punctuation, BOM and keeps CJK', () => {
    expect(normalizeHeader('\uFEFF Opportunity ID ')).toBe('opportunity_id');
    expect(normalizeHeader('Probability (%)')).toBe('probability');
    expect(normalizeHeader('商机 金额')).toBe('商机_金额');
  });
});

describe('classify from values when the headers are generic', () => {
  const deals = [['Acme', '2024-01-05', '100', 'Won'], ['Beta', '2024-01-09', '50', 'Lost'], ['Cyan', '2024-02-01', '70', 'Open']];

  test('a status column of won/lost/open words makes Name/Date/Amount/Status a deal list', () => {
    // Headers alone: a deal list without a created date (the date column's name says nothing).
    expect(classify(['Name', 'Date', 'Amount', 'Status'])).toMatchObject({ kind: 'opportunities', missing: ['created_at'] });
    const c = classify(['Name', 'Date', 'Amount', 'Status'], deals);
    expect(c).toMatchObject({ kind: 'opportunities', missing: [], extras: [] });
    expect(c?.mapping).toEqual({ opportunity_name: 'Name', created_at: 'Date', amount: 'Amount', status: 'Status' });
  });

  test('the same in Chinese: 赢单, 输单, 进行中', () => {
    const rows = [['甲公司', '2024/1/5', '￥1,000', '赢单'], ['乙公司', '2024/1/9', '￥500', '输单'], ['丙公司', '2024/2/1', '￥700', '进行中']];
    const c = classify(['名称', '日期', '金额', '状态'], rows);
    expect(c).toMatchObject({ kind: 'opportunities', missing: [] });
    expect(c?.mapping).toEqual({ opportunity_name: '名称', created_at: '日期', amount: '金额', status: '状态' });
  });

  test('a "Stage" column of outcome words stays the stage', () => {
    const c = classify(['Name', 'Date', 'Amount', 'Stage'], deals);
    expect(c?.mapping).toEqual({ opportunity_name: 'Name', created_at: 'Date', amount: 'Amount', stage: 'Stage' });
  });

  test('status words of leads, or a status column without a decided deal, prove nothing', () => {
    expect(classify(['Name', 'Date', 'Amount', 'Status'], deals.map((r) => [...r.slice(0, 3), 'Qualified']))?.missing).toEqual(['created_at']);
    expect(classify(['Name', 'Date', 'Amount', 'Status'], deals.map((r) => [...r.slice(0, 3), 'Open']))?.missing).toEqual(['created_at']);
  });

  test('first-of-month dates beside amounts and accounts make monthly revenue', () => {
    const iso = [['Acme', '2024-01-01', '100'], ['Acme', '2024-02-01', '150'], ['Beta', '2024-01-01', '80']];
    const us = [['Acme', '1/1/2024', '100'], ['Acme', '2/1/2024', '150'], ['Beta', '1/1/2024', '80']];
    const dayFirst = [['Acme', '01/01/2024', '100'], ['Acme', '01/02/2024', '150'], ['Beta', '01/01/2024', '80']];
    const months = [['Acme', '2024-01', '100'], ['Acme', '2024-02', '150']];
    for (const rows of [iso, us, dayFirst, months]) {
      const c = classify(['Customer', 'Date', 'Amount'], rows);
      expect(c).toMatchObject({ kind: 'revenue', missing: [] });
      expect(c?.mapping).toEqual({ account_id: 'Customer', month: 'Date', mrr: 'Amount' });
    }
    // "Account" is a revenue alias already; "Name" is no account (a quota sheet names people so).
    expect(classify(['Account', 'Date', 'Amount'], iso)?.mapping).toEqual({ account_id: 'Account', month: 'Date', mrr: 'Amount' });
    expect(classify(['Name', 'Month', 'Value'], iso)?.kind).not.toBe('revenue');
  });

  test('dates through the month are no monthly revenue; the headers\' guess stands', () => {
    const rows = [['Acme', '2024-01-05', '100'], ['Acme', '2024-02-01', '150'], ['Beta', '2024-01-01', '80']];
    // Headers alone: account and amount fit a deal list (missing created date and stage) as well as
    // account and month fit revenue (missing MRR); the tie goes to the first kind, opportunities.
    expect(classify(['Account', 'Date', 'Amount'], rows)).toMatchObject({ kind: 'opportunities', missing: ['created_at', 'stage'] });
    // One month only is no series of months either.
    expect(classify(['Account', 'Date', 'Amount'], [['Acme', '2024-01-01', '100'], ['Beta', '2024-01-01', '80']])?.kind).toBe('opportunities');
  });

  test('headers that name their columns keep them: values fill only generic ones', () => {
    // status_text is not a generic word: the file still waits for its stage (as a user would map it).
    const rows = [['A', '2024-01-02', 'Won', '100'], ['B', '2024-01-05', 'Lost', '50']];
    expect(classify(['opportunity_id', 'created_date', 'status_text', 'amount'], rows)?.missing).toEqual(['stage']);
    // A complete classification by headers is never second-guessed by values.
    const c = classify(['opportunity_id', 'created_at', 'stage', 'amount'], [['A', '2024-01-01', 'Won', '1'], ['B', '2024-02-01', 'Lost', '2']]);
    expect(c?.mapping).toEqual({ opportunity_id: 'opportunity_id', created_at: 'created_at', stage: 'stage', amount: 'amount' });
  });
});

describe('won and lost stages', () => {
  test.each(['Closed Won', 'closedwon', 'Won', ' WON ', '赢单', '成交'])('%s is won', (s) => expect(isWonStage(s)).toBe(true));
  test.each(['Closed Lost', 'closedlost', 'Lost', '输单', '丢单'])('%s is lost', (s) => expect(isLostStage(s)).toBe(true));
  test.each(['Negotiation/Review', 'Prospecting', 'Won back later?', 'Engaging'])('%s is open', (s) => {
    expect(isWonStage(s)).toBe(false);
    expect(isLostStage(s)).toBe(false);
  });
});
