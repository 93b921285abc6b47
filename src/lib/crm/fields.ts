// The canonical data model (DESIGN.md section 3): file kinds and the fields each can carry.

export const KINDS = ['leads', 'opportunities', 'stage_history', 'revenue', 'reps', 'targets'] as const;
export type Kind = (typeof KINDS)[number];

export type FieldType = 'text' | 'date' | 'number' | 'bool';

export interface FieldSpec {
  readonly type: FieldType;
}

const text: FieldSpec = { type: 'text' };
const dateField: FieldSpec = { type: 'date' };
const num: FieldSpec = { type: 'number' };
const bool: FieldSpec = { type: 'bool' };

/** Every canonical field of every kind, with its type. */
export const FIELDS = {
  leads: {
    lead_id: text, created_at: dateField, source: text, owner: text, status: text, qualified_at: dateField,
    converted_at: dateField, opportunity_id: text, segment: text, region: text, country: text, campaign: text,
  },
  opportunities: {
    opportunity_id: text, opportunity_name: text, created_at: dateField, close_date: dateField, stage: text,
    status: text, is_won: bool, is_closed: bool, amount: num, account_id: text, account_name: text, owner: text,
    type: text, source: text, sdr: text, segment: text, region: text, product: text, currency: text,
    probability: num, lost_reason: text, stage_1_at: dateField, stage_2_at: dateField,
    won_at: dateField, lost_at: dateField, expected_close_date: dateField, pipeline: text,
  },
  stage_history: { opportunity_id: text, stage: text, entered_at: dateField },
  revenue: {
    account_id: text, month: dateField, mrr: num, arr: num, start_date: dateField, end_date: dateField,
    plan: text, product: text,
  },
  reps: {
    rep: text, period: dateField, quota: num, team: text, manager: text, region: text, role: text,
    start_date: dateField, ote: num, cost: num,
  },
  targets: { period: dateField, target: num, team: text, product: text },
} as const satisfies Record<Kind, Record<string, FieldSpec>>;

export type FieldOf<K extends Kind> = keyof (typeof FIELDS)[K] & string;

/**
 * What a file of each kind must carry. Each inner list is one alternative; a file needs every field
 * of at least one alternative.
 */
export const REQUIRED: Record<Kind, readonly (readonly string[])[]> = {
  leads: [['lead_id', 'created_at']],
  opportunities: [
    ['opportunity_id', 'created_at', 'stage', 'amount'],
    ['opportunity_id', 'created_at', 'status', 'amount'],
    ['opportunity_id', 'created_at', 'is_won', 'amount'],
  ],
  stage_history: [['opportunity_id', 'stage', 'entered_at']],
  revenue: [
    ['account_id', 'month', 'mrr'],
    ['account_id', 'month', 'arr'],
    ['account_id', 'start_date', 'mrr'],
    ['account_id', 'start_date', 'arr'],
  ],
  // A quota file, or a roster that only says who is in which team.
  reps: [['rep', 'quota'], ['rep', 'team'], ['rep', 'manager']],
  targets: [['period', 'target']],
};

/**
 * The id of kinds whose exports often carry none (Pipedrive and Zoho deal lists, many Salesforce
 * reports): when no column is mapped to it, each row gets one from its file and row number, so the
 * file loads as it is.
 */
export const GENERATED_ID: Partial<Record<Kind, string>> = { opportunities: 'opportunity_id', leads: 'lead_id' };

/** Optional fields most KPIs of a kind lean on: the mapping screen always shows them. */
export const RECOMMENDED: Record<Kind, readonly string[]> = {
  leads: ['source', 'owner', 'qualified_at', 'converted_at', 'opportunity_id'],
  opportunities: ['close_date', 'owner', 'account_name', 'type', 'source'],
  stage_history: [],
  revenue: ['end_date', 'plan', 'product'],
  reps: ['period', 'team', 'role', 'start_date', 'ote'],
  targets: ['team', 'product'],
};
