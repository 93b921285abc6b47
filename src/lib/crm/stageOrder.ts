// The order of a pipeline's open stages: from the CRM's known default pipeline when the data's
// stages match one, else from words that mark early and late stages. Won and lost come last.

import { isLostStage, isWonStage } from './stages';

/** Lower case without spaces, punctuation or symbols: "Closed Won" = "closedwon", "方案/报价" = "方案报价". */
export function stageKey(stage: string): string {
  return stage.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** The same normalisation in SQL. */
export const STAGE_KEY_SQL_PATTERN = '[\\s\\p{P}\\p{S}]+';

/** Default pipelines of common CRMs (DESIGN.md section 3), open stages only, in order. */
export const KNOWN_PIPELINES: Record<string, readonly string[]> = {
  salesforce: ['Prospecting', 'Qualification', 'Needs Analysis', 'Value Proposition', 'Id. Decision Makers', 'Perception Analysis', 'Proposal/Price Quote', 'Negotiation/Review'],
  hubspotIds: ['appointmentscheduled', 'qualifiedtobuy', 'presentationscheduled', 'decisionmakerboughtin', 'contractsent'],
  hubspotLabels: ['Appointment Scheduled', 'Qualified To Buy', 'Presentation Scheduled', 'Decision Maker Bought-In', 'Contract Sent'],
  pipedrive: ['Lead In', 'Qualified', 'Contact Made', 'Demo Scheduled', 'Needs Defined', 'Proposal Made', 'Negotiations Started'],
  zoho: ['Qualification', 'Needs Analysis', 'Value Proposition', 'Identify Decision Makers', 'Proposal/Price Quote', 'Negotiation/Review'],
  maven: ['Prospecting', 'Engaging'],
  fxiaoke: ['验证客户', '需求确定', '方案/报价', '谈判审核'],
  chineseCommon: ['初步接洽', '需求确认', '方案报价', '商务谈判', '合同签订'],
};

/** Words that place an unknown stage early (0) or late (1) in a pipeline. */
const POSITION_WORDS: [RegExp, number][] = [
  [/lead|new|prospect|discover|appoint|contact|initial|初步|接洽|线索|验证/, 0.05],
  [/qualif|engag|meeting|intro|需求/, 0.25],
  [/demo|present|needs|analysis|solution|value|方案|演示/, 0.5],
  [/proposal|quote|pricing|报价/, 0.7],
  [/negotiat|contract|review|commit|decision|legal|谈判|合同|审核/, 0.85],
];

export interface StageInfo {
  stage: string;
  key: string;
  /** 1-based position among open stages; won and lost stages get one past the last. */
  ord: number;
  isWon: boolean;
  isLost: boolean;
}

/** Orders the stages found in the data (each listed once, by its first spelling). */
export function orderStages(stages: readonly string[]): StageInfo[] {
  const byKey = new Map<string, string>();
  for (const s of stages) if (s.trim() && !byKey.has(stageKey(s))) byKey.set(stageKey(s), s.trim());
  const open = [...byKey.entries()].filter(([, s]) => !isWonStage(s) && !isLostStage(s));

  // The known pipeline that covers most of the data's open stages gives their order.
  let best: readonly string[] = [];
  let bestHits = 0;
  for (const list of Object.values(KNOWN_PIPELINES)) {
    const keys = list.map(stageKey);
    const hits = open.filter(([k]) => keys.includes(k)).length;
    if (hits > bestHits) {
      best = list;
      bestHits = hits;
    }
  }
  const bestKeys = best.map(stageKey);
  const position = (key: string, label: string): number => {
    const i = bestKeys.indexOf(key);
    if (i >= 0) return (i + 0.5) / bestKeys.length;
    const word = POSITION_WORDS.find(([re]) => re.test(label.toLowerCase()));
    return word ? word[1] : 0.6;
  };
  const sorted = open
    .map(([key, label]) => ({ key, label, pos: position(key, label) }))
    .sort((a, b) => a.pos - b.pos || (a.label < b.label ? -1 : 1));
  const result: StageInfo[] = sorted.map((s, i) => ({ stage: s.label, key: s.key, ord: i + 1, isWon: false, isLost: false }));
  for (const [key, label] of byKey) {
    if (isWonStage(label) || isLostStage(label)) {
      result.push({ stage: label, key, ord: sorted.length + 1, isWon: isWonStage(label), isLost: isLostStage(label) });
    }
  }
  return result;
}
