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
    stage: ['stage', 'deal_stage'], status: ['status'], is_won: ['is_won', 'won'], is_closed: ['is_closed', 'closed'],
    amount: ['amount', 'value', 'deal_value'], account_id: ['account_id'], account_name: ['account_name', 'account', 'company'],
    owner: ['owner', 'ae', 'deal_owner'], type: ['type', 'deal_type', 'opportunity_type'], source: ['source', 'lead_source'],
    sdr: ['sdr', 'sourced_by'], segment: ['segment'], region: ['region'], product: ['product'], currency: ['currency'],
    probability: ['probability'], lost_reason: ['lost_reason', 'loss_reason'], stage_1_at: ['stage_1_at'],
    stage_2_at: ['stage_2_at'], won_at: ['won_at', 'won_date'], lost_at: ['lost_at', 'lost_date'],
    expected_close_date: ['expected_close_date'], pipeline: ['pipeline'],
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
    rep: ['rep', 'owner', 'sales_rep', 'name'], period: ['period', 'quarter', 'month', 'year', 'fiscal_quarter', 'fiscal_month', 'fiscal_year'], quota: ['quota'],
    team: ['team'], manager: ['manager'], region: ['region'], role: ['role'], start_date: ['start_date', 'hire_date'],
    ote: ['ote'], cost: ['cost'],
  },
  targets: { period: ['period', 'month', 'quarter', 'year', 'fiscal_month', 'fiscal_quarter', 'fiscal_year'], target: ['target'], team: ['team'], product: ['product'] },
};

/** Salesforce report exports and data-loader extracts. */
const salesforce: AliasTable = {
  opportunities: {
    opportunity_id: ['opportunity_id'], opportunity_name: ['opportunity_name'], account_id: ['account_id'],
    account_name: ['account_name'], owner: ['opportunity_owner', 'owner_name', 'opportunity_owner_full_name'],
    stage: ['stage', 'stage_name'], amount: ['amount', 'amount_converted'], close_date: ['close_date'],
    created_at: ['created_date'], type: ['type'], source: ['lead_source'], probability: ['probability', 'probability_'],
    currency: ['opportunity_currency', 'amount_currency', 'currency_iso_code'], lost_reason: ['loss_reason', 'closed_lost_reason'],
    is_won: ['won'], is_closed: ['closed'],
  },
  leads: {
    lead_id: ['lead_id'], created_at: ['create_date', 'created_date'], owner: ['lead_owner'], source: ['lead_source'],
    status: ['lead_status'], converted_at: ['converted_date'], opportunity_id: ['converted_opportunity_id'],
    qualified_at: ['qualified_date', 'mql_date'],
  },
  stage_history: {
    opportunity_id: ['opportunity_id'], stage: ['to_stage', 'stage'], entered_at: ['last_modified', 'edit_date', 'last_modified_date'],
  },
  reps: {
    rep: ['quota_owner', 'quota_owner_full_name', 'quotaownerid', 'owner_full_name'], period: ['startdate', 'quota_start_date', 'period_start'],
    quota: ['quotaamount', 'quota_amount'],
  },
};

/** HubSpot deal and contact exports ("Record ID", "Deal Stage", 'Date entered "…"' columns handled in detect.ts). */
const hubspot: AliasTable = {
  opportunities: {
    opportunity_id: ['record_id', 'deal_id'], opportunity_name: ['deal_name'], stage: ['deal_stage'], amount: ['amount'],
    created_at: ['create_date'], close_date: ['close_date'], owner: ['deal_owner'], type: ['deal_type'],
    account_name: ['associated_company', 'associated_company_primary'], account_id: ['associated_company_ids', 'associated_company_id'],
    probability: ['deal_probability'], source: ['original_source_type', 'original_traffic_source', 'original_source'],
    pipeline: ['pipeline'], currency: ['currency'], lost_reason: ['closed_lost_reason'],
  },
  leads: {
    lead_id: ['record_id', 'contact_id'], created_at: ['create_date'], owner: ['contact_owner'], status: ['lifecycle_stage', 'lead_status'],
    source: ['original_source', 'original_traffic_source'], qualified_at: ['became_a_sales_qualified_lead_date', 'became_a_marketing_qualified_lead_date'],
    converted_at: ['became_an_opportunity_date'],
  },
};

/** Pipedrive deal exports ("Deal - Title", "Deal - Status" open/won/lost, "Deal - Won time"). */
const pipedrive: AliasTable = {
  opportunities: {
    opportunity_id: ['deal_id'], opportunity_name: ['deal_title'], amount: ['deal_value'], currency: ['deal_currency'],
    status: ['deal_status'], stage: ['deal_stage'], owner: ['deal_owner'], created_at: ['deal_deal_created', 'deal_created'],
    won_at: ['deal_won_time'], lost_at: ['deal_lost_time'], expected_close_date: ['deal_expected_close_date'],
    account_name: ['deal_organization'], pipeline: ['deal_pipeline'], lost_reason: ['deal_lost_reason'],
    probability: ['deal_probability'], source: ['deal_source_channel', 'deal_source'], product: ['deal_product'],
  },
};

/** Zoho CRM deal and lead exports. */
const zoho: AliasTable = {
  opportunities: {
    opportunity_id: ['record_id', 'deal_id'], opportunity_name: ['deal_name'], stage: ['stage'], amount: ['amount'],
    close_date: ['closing_date'], created_at: ['created_time'], owner: ['deal_owner'], type: ['type'],
    source: ['lead_source'], account_name: ['account_name'], probability: ['probability'], currency: ['currency'],
    lost_reason: ['reason_for_loss'],
  },
  leads: {
    lead_id: ['record_id', 'lead_id'], created_at: ['created_time'], owner: ['lead_owner'], source: ['lead_source'],
    status: ['lead_status'], converted_at: ['converted_time', 'converted_date'],
  },
};

/** Chinese CRMs: 纷享销客, 销售易, 销帮帮 and similar. */
const chinese: AliasTable = {
  opportunities: {
    opportunity_id: ['商机编号', '商机id', '商机_id', '编号'], opportunity_name: ['商机名称', '名称'],
    account_name: ['客户名称', '客户'], account_id: ['客户编号', '客户id'],
    owner: ['负责人', '销售负责人', '所属销售', '商机负责人'], stage: ['销售阶段', '商机阶段', '阶段'],
    status: ['状态', '商机状态'], amount: ['商机金额', '金额', '销售金额', '预计金额', '成交金额'],
    created_at: ['创建时间', '创建日期'], close_date: ['结单日期', '实际结单日期', '成交日期', '赢单日期'],
    expected_close_date: ['预计成交日期', '预计结单日期'], type: ['商机类型', '业务类型', '类型'],
    source: ['商机来源', '来源'], currency: ['币种', '货币'], probability: ['赢率', '成交概率'],
    lost_reason: ['输单原因'], product: ['产品', '产品名称'], region: ['区域', '地区'], segment: ['客户级别'],
  },
  leads: {
    lead_id: ['线索编号', '线索id', '线索_id'], created_at: ['创建时间', '创建日期'], source: ['线索来源', '来源'],
    owner: ['负责人', '所属销售'], status: ['线索状态', '跟进状态', '状态'], qualified_at: ['有效时间', '确认有效时间'],
    converted_at: ['转换时间', '转化时间', '转商机时间'], opportunity_id: ['关联商机编号', '商机编号'],
    region: ['区域', '地区'],
  },
  reps: {
    rep: ['销售', '姓名', '员工', '销售代表'], team: ['团队', '部门'], role: ['角色', '岗位'], start_date: ['入职日期'],
    quota: ['配额', '业绩指标', '指标'], period: ['期间', '月份', '季度'],
  },
  targets: { period: ['期间', '月份', '季度'], target: ['目标', '业绩目标'], team: ['团队', '部门'], product: ['产品'] },
};

/** Microsoft Dynamics 365 Sales "Export to Excel" of opportunities (Status Open/Won/Lost). */
const dynamics: AliasTable = {
  opportunities: {
    opportunity_id: ['do_not_modify_opportunity', 'opportunity_id'], opportunity_name: ['topic'],
    account_name: ['potential_customer', 'account'], amount: ['est_revenue', 'estimated_revenue', 'actual_revenue'],
    expected_close_date: ['est_close_date', 'estimated_close_date'], close_date: ['actual_close_date'],
    created_at: ['created_on'], stage: ['sales_stage', 'pipeline_phase'], status: ['status'], owner: ['owner'],
    probability: ['probability'], currency: ['currency'], source: ['source_campaign', 'lead_source'],
  },
  leads: {
    lead_id: ['do_not_modify_lead'], created_at: ['created_on'], owner: ['owner'], source: ['lead_source'],
    status: ['status_reason', 'status'], qualified_at: ['qualified_on'],
  },
};

/** Odoo CRM pipeline exports: a lost opportunity keeps its stage and gets a lost reason. */
const odoo: AliasTable = {
  opportunities: {
    opportunity_id: ['id', 'external_id'], opportunity_name: ['opportunity'], account_name: ['customer', 'company_name'],
    amount: ['expected_revenue'], probability: ['probability'], stage: ['stage'], owner: ['salesperson'],
    expected_close_date: ['expected_closing'], created_at: ['created_on'],
    close_date: ['closed_date'], lost_reason: ['lost_reason'], source: ['source'],
  },
};

/** Freshsales (Freshworks CRM), Copper, SugarCRM and SuiteCRM deal exports. */
const smallCrms: AliasTable = {
  opportunities: {
    owner: ['sales_owner', 'assigned_to', 'assigned_user_name', 'assigned_user'], stage: ['deal_stage', 'sales_stage'],
    close_date: ['closed_date', 'date_closed'], expected_close_date: ['expected_close_date'],
    created_at: ['created_at', 'date_created', 'date_entered'], account_name: ['company', 'account_name'],
    amount: ['amount', 'value'], probability: ['win_probability', 'probability'], lost_reason: ['loss_reason', 'lost_reason'],
    type: ['deal_type', 'opportunity_type'], source: ['source', 'lead_source'], pipeline: ['pipeline', 'deal_pipeline'],
  },
};

/** The public datasets in shared/data/public: Maven CRM, RavenStack SaaS, the dbt MRR playbook. */
const publicData: AliasTable = {
  opportunities: {
    opportunity_id: ['opportunity_id'], owner: ['sales_agent'], product: ['product'], account_name: ['account'],
    stage: ['deal_stage'], created_at: ['engage_date'], close_date: ['close_date'], amount: ['close_value'],
  },
  reps: { rep: ['sales_agent'], manager: ['manager'], region: ['regional_office'] },
  revenue: { account_id: ['account_id', 'customer_id'], mrr: ['mrr_amount', 'monthly_amount'], arr: ['arr_amount'], plan: ['plan_tier'] },
};

export const ALIAS_TABLES: Readonly<Record<string, AliasTable>> = { canonical, salesforce, hubspot, pipedrive, zoho, chinese, dynamics, odoo, smallCrms, publicData };

/** Headers that only a file of one kind carries: they tip the balance when several kinds fit. */
export const SIGNATURE_HEADERS: { readonly [K in Kind]?: readonly string[] } = {
  stage_history: ['from_stage', 'to_stage', 'edit_date', 'last_modified', 'old_value', 'new_value', 'field_event', 'stage_duration'],
  revenue: ['subscription_id', 'mrr', 'mrr_amount', 'monthly_amount', 'arr', 'arr_amount'],
  reps: ['quota', 'quotaamount', 'ote', '配额'],
  leads: ['lead_id', 'lead_status', 'lifecycle_stage', '线索编号'],
};

/**
 * Headers too generic to tell a kind (Name, Date, Amount, Status): when the headers leave the kind
 * open, the column's values decide what it holds (detect.ts). By the role a column may play.
 */
export const GENERIC_HEADERS = {
  outcome: ['status', 'stage', 'result', 'outcome', '状态', '阶段', '结果'],
  date: ['date', 'day', 'month', 'period', '日期', '月份', '时间'],
  amount: ['amount', 'value', 'total', 'revenue', 'sum', '金额', '收入'],
  account: ['account', 'account_name', 'customer', 'customer_name', 'company', 'client', '客户', '客户名称', '公司'],
} as const satisfies Record<string, readonly string[]>;

/** Lower case; every run of characters other than letters, digits and CJK becomes one underscore. */
export function normalizeHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '');
}
