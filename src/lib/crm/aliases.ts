// Header aliases as data: one table per CRM, so supporting a CRM is adding rows, not code.
// Headers are compared after `normalizeHeader`; aliases here are written in that normal form.

import type { Kind } from './fields';

type AliasTable = { readonly [K in Kind]?: { readonly [field: string]: readonly string[] } };

/** Plain canonical names (DESIGN.md section 3) and common generic spellings. */
const canonical: AliasTable = {
  leads: {
    lead_id: ['lead_id', 'id'], created_at: ['created_at', 'created', 'created_date', 'create_date'],
    source: ['source', 'lead_source'], owner: ['owner', 'sdr', 'lead_owner'], status: ['status', 'lead_status'],
    qualified_at: ['qualified_at', 'qualified_date'], converted_at: ['converted_at', 'converted_date'],
    opportunity_id: ['opportunity_id'], segment: ['segment'], region: ['region'], country: ['country'],
    campaign: ['campaign'],
  },
  opportunities: {
    opportunity_id: ['opportunity_id', 'deal_id', 'id'], opportunity_name: ['opportunity_name', 'deal_name', 'name'],
    created_at: ['created_at', 'created_date', 'create_date'], close_date: ['close_date', 'closed_at', 'closed_date'],
    stage: ['stage', 'deal_stage'], is_won: ['is_won', 'won'], is_closed: ['is_closed', 'closed'],
    amount: ['amount', 'value', 'deal_value'], account_id: ['account_id'], account_name: ['account_name', 'account', 'company'],
    owner: ['owner', 'ae', 'deal_owner'], type: ['type', 'deal_type', 'opportunity_type'], source: ['source', 'lead_source'],
    sdr: ['sdr', 'sourced_by'], segment: ['segment'], region: ['region'], product: ['product'], currency: ['currency'],
    probability: ['probability'], lost_reason: ['lost_reason', 'loss_reason'], stage_1_at: ['stage_1_at'],
    stage_2_at: ['stage_2_at'],
  },
  stage_history: {
    opportunity_id: ['opportunity_id', 'deal_id'], stage: ['stage', 'to_stage', 'new_stage'],
    entered_at: ['entered_at', 'changed_at', 'date'],
  },
  revenue: {
    account_id: ['account_id', 'customer_id', 'account'], month: ['month', 'date', 'period'], mrr: ['mrr', 'monthly_amount', 'mrr_amount'],
    arr: ['arr', 'arr_amount'], start_date: ['start_date', 'starts_at'], end_date: ['end_date', 'ends_at'],
    plan: ['plan', 'plan_tier'], product: ['product'],
  },
  reps: {
    rep: ['rep', 'owner', 'sales_rep', 'name'], period: ['period', 'quarter', 'month', 'year'], quota: ['quota'],
    team: ['team'], role: ['role'], start_date: ['start_date', 'hire_date'], ote: ['ote'], cost: ['cost'],
  },
  targets: { period: ['period', 'month', 'quarter', 'year'], target: ['target'], team: ['team'], product: ['product'] },
};

/** Salesforce report exports ("Opportunity ID", "Created Date", "Opportunity Owner", ...). */
const salesforce: AliasTable = {
  opportunities: {
    opportunity_id: ['opportunity_id'], opportunity_name: ['opportunity_name'], account_id: ['account_id'],
    account_name: ['account_name'], owner: ['opportunity_owner', 'owner_name', 'opportunity_owner_full_name'],
    stage: ['stage', 'stage_name'], amount: ['amount', 'amount_converted'], close_date: ['close_date'],
    created_at: ['created_date'], type: ['type'], source: ['lead_source'], probability: ['probability', 'probability_'],
    currency: ['opportunity_currency', 'amount_currency'], lost_reason: ['loss_reason', 'closed_lost_reason'],
  },
  leads: {
    lead_id: ['lead_id'], created_at: ['create_date', 'created_date'], owner: ['lead_owner'], source: ['lead_source'],
    status: ['lead_status'], converted_at: ['converted_date'], opportunity_id: ['converted_opportunity_id'],
  },
  stage_history: {
    opportunity_id: ['opportunity_id'], stage: ['to_stage', 'stage'], entered_at: ['last_modified', 'edit_date'],
  },
};

/** The public Maven Analytics CRM file set (sales_pipeline.csv, sales_teams.csv). */
const maven: AliasTable = {
  opportunities: {
    opportunity_id: ['opportunity_id'], owner: ['sales_agent'], product: ['product'], account_name: ['account'],
    stage: ['deal_stage'], created_at: ['engage_date'], close_date: ['close_date'], amount: ['close_value'],
  },
};

export const ALIAS_TABLES: Readonly<Record<string, AliasTable>> = { canonical, salesforce, maven };

/** Lower case; every run of characters other than letters, digits and CJK becomes one underscore. */
export function normalizeHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '');
}
