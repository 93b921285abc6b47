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

describe('won and lost stages', () => {
  test.each(['Closed Won', 'closedwon', 'Won', ' WON ', '赢单', '成交'])('%s is won', (s) => expect(isWonStage(s)).toBe(true));
  test.each(['Closed Lost', 'closedlost', 'Lost', '输单', '丢单'])('%s is lost', (s) => expect(isLostStage(s)).toBe(true));
  test.each(['Negotiation/Review', 'Prospecting', 'Won back later?', 'Engaging'])('%s is open', (s) => {
    expect(isWonStage(s)).toBe(false);
    expect(isLostStage(s)).toBe(false);
  });
});
