// Deterministic generator of the built-in sample CRM (synthetic): leads, opportunities with stage
// dates, monthly revenue, reps with quarterly quotas and monthly targets, July 2024 to June 2026.
// `npm run samples` writes public/samples/; a unit test checks the committed files match.

const START = '2024-07-01';
const AS_OF = '2026-06-30';
const DAY = 86_400_000;

/** mulberry32: a small seeded PRNG, so every run writes the same files. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const toDate = (iso) => Date.parse(`${iso}T00:00:00Z`);
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
const addDays = (d, n) => iso(toDate(d) + n * DAY);
const monthStart = (d) => `${d.slice(0, 7)}-01`;
function addMonths(d, n) {
  const x = new Date(toDate(d));
  return iso(Date.UTC(x.getUTCFullYear(), x.getUTCMonth() + n, 1));
}

function csv(headers, rows) {
  const cell = (v) => {
    if (v === null || v === undefined) return '';
    const s = String(v);
    return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return [headers.join(','), ...rows.map((r) => headers.map((h) => cell(r[h])).join(','))].join('\n') + '\n';
}

const REPS = [
  { rep: 'Maya Thompson', team: 'Enterprise', role: 'AE', start_date: '2022-03-01', ote: 260000, cost: 300000, quota: 330000 },
  { rep: 'Daniel Okafor', team: 'Enterprise', role: 'AE', start_date: '2023-01-09', ote: 250000, cost: 290000, quota: 320000 },
  { rep: 'Sofia Martinez', team: 'Enterprise', role: 'AE', start_date: '2025-02-03', ote: 250000, cost: 290000, quota: 300000 },
  { rep: 'Liam Chen', team: 'Mid-Market', role: 'AE', start_date: '2021-09-13', ote: 180000, cost: 210000, quota: 210000 },
  { rep: 'Priya Raman', team: 'Mid-Market', role: 'AE', start_date: '2023-06-05', ote: 175000, cost: 205000, quota: 200000 },
  { rep: 'Jonas Weber', team: 'Mid-Market', role: 'AE', start_date: '2024-01-08', ote: 170000, cost: 200000, quota: 195000 },
  { rep: 'Emily Carter', team: 'Mid-Market', role: 'AE', start_date: '2025-05-12', ote: 170000, cost: 200000, quota: 190000 },
  { rep: 'Hiroshi Tanaka', team: 'Mid-Market', role: 'AE', start_date: '2022-11-14', ote: 175000, cost: 205000, quota: 200000 },
  { rep: 'Ava Johnson', team: 'SDR', role: 'SDR', start_date: '2023-02-06', ote: 85000, cost: 100000 },
  { rep: 'Noah Williams', team: 'SDR', role: 'SDR', start_date: '2023-10-02', ote: 82000, cost: 97000 },
  { rep: 'Chloe Dubois', team: 'SDR', role: 'SDR', start_date: '2024-04-15', ote: 80000, cost: 95000 },
  { rep: 'Wei Zhang', team: 'SDR', role: 'SDR', start_date: '2025-03-03', ote: 80000, cost: 95000 },
];
const AES = REPS.filter((r) => r.role === 'AE');
const SDRS = REPS.filter((r) => r.role === 'SDR');

const SOURCES = [
  ['Inbound - Website', 0.34], ['Outbound', 0.26], ['Paid Search', 0.16], ['Event', 0.12], ['Partner', 0.12],
];
const SEGMENTS = [
  { name: 'SMB', weight: 0.45, amount: [7000, 22000], cycle: [21, 60], team: 'Mid-Market', win: 0.36 },
  { name: 'Mid-Market', weight: 0.38, amount: [20000, 65000], cycle: [35, 95], team: 'Mid-Market', win: 0.32 },
  { name: 'Enterprise', weight: 0.17, amount: [60000, 220000], cycle: [60, 170], team: 'Enterprise', win: 0.27 },
];
const REGIONS = [
  { name: 'North America', weight: 0.5, countries: ['United States', 'Canada'], suffix: ['Inc.', 'LLC', 'Corp.'] },
  { name: 'EMEA', weight: 0.32, countries: ['United Kingdom', 'Germany', 'France', 'Netherlands'], suffix: ['Ltd', 'GmbH', 'SAS', 'B.V.'] },
  { name: 'APAC', weight: 0.18, countries: ['Australia', 'Japan', 'Singapore'], suffix: ['Pty Ltd', 'K.K.', 'Pte Ltd'] },
];
const PRODUCTS = ['Core Platform', 'Analytics Add-on', 'Enterprise Suite'];
const STAGES = ['Prospecting', 'Qualification', 'Needs Analysis', 'Proposal/Price Quote', 'Negotiation/Review'];
const LOST_REASONS = ['Price', 'Lost to competitor', 'No decision', 'Timing', 'Missing feature'];
const NAME_A = ['Acme', 'Blue', 'North', 'Bright', 'Silver', 'Nova', 'Apex', 'Cedar', 'Harbor', 'Summit', 'Pioneer',
  'Quantum', 'Vertex', 'Maple', 'Orbit', 'Atlas', 'Lumen', 'Zenith', 'Crest', 'Delta', 'Granite', 'Willow', 'Falcon', 'Coral'];
const NAME_B = ['Logistics', 'Health', 'Systems', 'Foods', 'Energy', 'Labs', 'Retail', 'Capital', 'Media', 'Works',
  'Dynamics', 'Analytics', 'Partners', 'Motors', 'Textiles', 'Robotics', 'Insurance', 'Pharma'];

export function generateSamples() {
  const r = rng(20240701);
  const pick = (items) => items[Math.floor(r() * items.length)];
  const weighted = (items, weight = (x) => x[1]) => {
    let u = r() * items.reduce((s, x) => s + weight(x), 0);
    for (const x of items) if ((u -= weight(x)) <= 0) return x;
    return items[items.length - 1];
  };
  const between = (lo, hi) => lo + r() * (hi - lo);
  const int = (lo, hi) => Math.floor(between(lo, hi + 1));
  const round = (v, step) => Math.round(v / step) * step;

  const usedNames = new Set();
  const accountName = (region) => {
    for (;;) {
      const name = `${pick(NAME_A)} ${pick(NAME_B)} ${pick(region.suffix)}`;
      if (!usedNames.has(name)) {
        usedNames.add(name);
        return name;
      }
    }
  };
  let accountSeq = 1000;
  const accounts = [];
  const newAccount = (region, segment) => {
    const a = { account_id: `ACC-${++accountSeq}`, account_name: accountName(region), region, segment, mrr: new Map() };
    accounts.push(a);
    return a;
  };

  const activeSdrs = (day) => SDRS.filter((s) => s.start_date <= day);
  const aeFor = (team, day) => {
    const pool = AES.filter((a) => a.team === team && a.start_date <= day);
    return pick(pool);
  };

  // Leads: about 45 a week, growing over the two years, quieter in late December and August.
  const leads = [];
  const opportunities = [];
  let leadSeq = 0;
  let oppSeq = 0;
  const horizon = toDate(AS_OF);
  /** Won deals per account id: their revenue starts the month after they close. */
  const wins = new Map();
  const makeOpportunity = (o) => {
    const id = `OPP-${String(++oppSeq).padStart(5, '0')}`;
    opportunities.push({ opportunity_id: id, ...o });
    return id;
  };

  function simulateOpportunity({ created, account, segment, region, source, sdr, type, product, owner, amount }) {
    const reachedStage2 = r() < 0.72;
    const stage2 = reachedStage2 ? addDays(created, int(2, 18)) : null;
    const cycle = int(segment.cycle[0], segment.cycle[1]);
    const winChance = type === 'New Business' ? segment.win / 0.72 : 0.7;
    const outcome = reachedStage2 ? (r() < winChance ? 'won' : 'lost') : r() < 0.85 ? 'lost' : 'won';
    const close = addDays(created, outcome === 'lost' && !reachedStage2 ? int(10, 45) : cycle);
    const row = {
      opportunity_name: `${account.account_name} - ${product}`,
      account_id: account.account_id, account_name: account.account_name, owner: owner.rep, sdr: sdr?.rep ?? '',
      type, source, segment: segment.name, region: region.name, product, currency: 'USD', amount,
      created_at: created, stage_1_at: created, stage_2_at: stage2 && toDate(stage2) <= horizon ? stage2 : '',
    };
    if (toDate(close) > horizon) {
      // Still open on the as-of date: the stage reflects how far along the cycle it is.
      const progress = (horizon - toDate(created)) / (toDate(close) - toDate(created));
      const stageIndex = !row.stage_2_at ? 0 : Math.min(STAGES.length - 1, 1 + Math.floor(progress * (STAGES.length - 1)));
      const probability = [10, 20, 40, 60, 80][stageIndex];
      return makeOpportunity({ ...row, stage: STAGES[stageIndex], probability, close_date: close, lost_reason: '' });
    }
    const won = outcome === 'won';
    const id = makeOpportunity({
      ...row, stage: won ? 'Closed Won' : 'Closed Lost', probability: won ? 100 : 0, close_date: close,
      lost_reason: won ? '' : pick(LOST_REASONS),
    });
    // Renewals keep revenue running; only new business and expansion add MRR.
    if (won && type !== 'Renewal') wins.set(account.account_id, [...(wins.get(account.account_id) ?? []), { close, amount }]);
    return id;
  }

  for (let day = START; day <= AS_OF; day = addDays(day, 1)) {
    const d = new Date(toDate(day));
    const weekday = d.getUTCDay();
    const t = (toDate(day) - toDate(START)) / (horizon - toDate(START));
    const seasonal = (d.getUTCMonth() === 11 && d.getUTCDate() > 18) || d.getUTCMonth() === 7 ? 0.6 : 1;
    const perDay = weekday === 0 || weekday === 6 ? 0.8 : 8.2 * (0.85 + 0.4 * t) * seasonal;
    const n = Math.floor(perDay + r());
    for (let i = 0; i < n; i++) {
      const sdrs = activeSdrs(day);
      const sdr = pick(sdrs);
      const segment = weighted(SEGMENTS, (s) => s.weight);
      const region = weighted(REGIONS, (x) => x.weight);
      const source = weighted(SOURCES)[0];
      const lead = {
        lead_id: `L-${String(++leadSeq).padStart(6, '0')}`, created_at: day, source, owner: sdr.rep, status: 'Open',
        qualified_at: '', converted_at: '', opportunity_id: '', segment: segment.name, region: region.name,
        country: pick(region.countries), campaign: source === 'Event' ? pick(['SaaStr 2025', 'Dreamforce', 'RevOps Summit']) : source === 'Paid Search' ? 'Search - Brand' : '',
      };
      leads.push(lead);
      // SDR workload grows faster than headcount in 2026, so qualification slows a little.
      const qualifyRate = source === 'Partner' ? 0.46 : source === 'Outbound' ? 0.28 : 0.36 - 0.04 * t;
      if (r() < qualifyRate) {
        const qualified = addDays(day, int(1, 6 + Math.round(6 * t)));
        if (toDate(qualified) > horizon) continue;
        lead.qualified_at = qualified;
        lead.status = 'Qualified';
        if (r() < 0.62) {
          const converted = addDays(qualified, int(0, 7));
          if (toDate(converted) > horizon) continue;
          lead.converted_at = converted;
          lead.status = 'Converted';
          const account = newAccount(region, segment);
          const product = segment.name === 'Enterprise' ? pick(['Enterprise Suite', 'Enterprise Suite', 'Core Platform']) : pick(['Core Platform', 'Core Platform', 'Analytics Add-on']);
          lead.opportunity_id = simulateOpportunity({
            created: converted, account, segment, region, source, sdr, type: 'New Business', product,
            owner: aeFor(segment.team, converted), amount: round(between(...segment.amount), 500),
          });
        }
      } else if (r() < 0.7) {
        lead.status = 'Disqualified';
      }
    }
  }

  // Revenue: monthly MRR per account, from legacy customers and won deals; churn, contraction, expansion.
  const firstMonth = '2024-01-01';
  const lastMonth = monthStart(AS_OF);
  for (let i = 0; i < 140; i++) {
    const region = weighted(REGIONS, (x) => x.weight);
    const segment = weighted(SEGMENTS, (s) => s.weight);
    const a = newAccount(region, segment);
    a.legacyMrr = round(between(...segment.amount) / 12, 10);
    a.start = addMonths(firstMonth, i < 110 ? 0 : int(1, 5));
  }
  const revenue = [];
  for (const a of accounts) {
    let mrr = 0;
    let lastMrr = 0;
    let churned = false;
    for (let m = firstMonth; m <= lastMonth; m = addMonths(m, 1)) {
      if (a.legacyMrr && m === a.start) mrr = a.legacyMrr;
      for (const w of wins.get(a.account_id) ?? []) {
        if (monthStart(addMonths(w.close, 1)) !== m) continue;
        if (churned) {
          churned = false;
          mrr = 0;
        }
        mrr += round(w.amount / 12, 10);
      }
      if (churned) {
        // A churned customer sometimes comes back at its old MRR (a reactivation).
        if (r() < 0.03) {
          churned = false;
          mrr = lastMrr;
        }
      } else if (mrr > 0) {
        const u = r();
        if (u < 0.011) {
          churned = true;
          lastMrr = mrr;
        } else if (u < 0.03) {
          mrr = round(mrr * between(0.7, 0.92), 10);
        } else if (u < 0.05 && m >= START && toDate(addMonths(m, 1)) <= horizon) {
          // An upsell or renewal: an opportunity owned by the segment's AE; revenue follows when won.
          const created = addDays(m, int(0, 20));
          simulateOpportunity({
            created, account: a, segment: a.segment, region: a.region, source: 'Existing Customer', sdr: null,
            type: pick(['Expansion', 'Expansion', 'Renewal']), product: 'Analytics Add-on',
            owner: aeFor(a.segment.team, created), amount: round(mrr * 12 * between(0.15, 0.4), 500),
          });
        }
      }
      if (mrr > 0 && !churned) revenue.push({ account_id: a.account_id, account_name: a.account_name, month: m, mrr });
    }
  }

  // Targets: monthly net new ARR, growing through each fiscal year.
  const targets = [];
  for (let m = START; m <= '2026-12-01'; m = addMonths(m, 1)) {
    const monthsIn = (toDate(m) - toDate(START)) / (30.44 * DAY);
    targets.push({ period: m, target: round(520000 * (1 + monthsIn * 0.02), 1000) });
  }

  // Reps: one row per rep and quarter; a new AE carries half a quota in the quarter they start.
  const reps = [];
  for (let q = START; q <= '2026-10-01'; q = addMonths(q, 3)) {
    for (const rep of REPS) {
      const quarterEnd = addDays(addMonths(q, 3), -1);
      if (rep.start_date > quarterEnd) continue;
      const ramping = rep.role === 'AE' && rep.start_date >= addMonths(q, -3);
      reps.push({
        rep: rep.rep, team: rep.team, role: rep.role, start_date: rep.start_date, ote: rep.ote, cost: rep.cost, period: q,
        quota: rep.quota ? (ramping ? rep.quota / 2 : rep.quota) : '',
      });
    }
  }

  opportunities.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.opportunity_id < b.opportunity_id ? -1 : 1));
  revenue.sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : a.account_id < b.account_id ? -1 : 1));

  return {
    'opportunities.csv': csv(
      ['opportunity_id', 'opportunity_name', 'account_id', 'account_name', 'owner', 'sdr', 'stage', 'amount', 'currency',
        'probability', 'created_at', 'close_date', 'type', 'source', 'segment', 'region', 'product', 'lost_reason',
        'stage_1_at', 'stage_2_at'],
      opportunities,
    ),
    'leads.csv': csv(
      ['lead_id', 'created_at', 'source', 'owner', 'status', 'qualified_at', 'converted_at', 'opportunity_id', 'segment',
        'region', 'country', 'campaign'],
      leads,
    ),
    'revenue.csv': csv(['account_id', 'account_name', 'month', 'mrr'], revenue),
    'reps.csv': csv(['rep', 'team', 'role', 'start_date', 'ote', 'cost', 'period', 'quota'], reps),
    'targets.csv': csv(['period', 'target'], targets),
  };
}
