// Deterministic generator of large Salesforce-style opportunity exports for the benchmark:
// realistic distributions (owners, stages, types, sources, amounts, US dates), about 130 bytes a row.
//   node bench/generate.mjs 1000000 bench/out/opportunities-1m.csv
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

const rows = Number(process.argv[2] ?? 1_000_000);
const out = process.argv[3] ?? `bench/out/opportunities-${rows}.csv`;

let seed = 42;
const rand = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (xs) => xs[Math.floor(rand() * xs.length)];

const OWNERS = Array.from({ length: 250 }, (_, i) => `Rep ${String(i).padStart(3, '0')} ${pick(['Smith', 'Chen', 'Garcia', 'Müller', 'Okafor', 'Tanaka', 'Dubois'])}`);
const STAGES = [['Prospecting', 0.08], ['Qualification', 0.07], ['Needs Analysis', 0.05], ['Proposal/Price Quote', 0.05], ['Negotiation/Review', 0.05], ['Closed Won', 0.3], ['Closed Lost', 0.4]];
const TYPES = ['New Customer', 'New Customer', 'New Customer', 'Existing Customer - Upgrade', 'Existing Customer - Replacement'];
const SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Trade Show', 'Employee Referral'];
const SEGMENTS = ['SMB', 'Mid-Market', 'Enterprise'];
const START = Date.UTC(2021, 0, 1);
const DAY = 86_400_000;
const us = (ms) => {
  const d = new Date(ms);
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`;
};
const stageOf = () => {
  let u = rand();
  for (const [s, w] of STAGES) if ((u -= w) <= 0) return s;
  return 'Closed Lost';
};

mkdirSync(dirname(out), { recursive: true });
const stream = createWriteStream(out);
stream.write('Opportunity ID,Opportunity Name,Account Name,Opportunity Owner,Stage,Amount,Probability (%),Created Date,Close Date,Type,Lead Source,Segment\n');
let buffer = '';
for (let i = 0; i < rows; i++) {
  const created = START + Math.floor(rand() * 4 * 365) * DAY;
  const close = created + Math.floor(10 + rand() * 150) * DAY;
  const stage = stageOf();
  const prob = stage === 'Closed Won' ? 100 : stage === 'Closed Lost' ? 0 : pick([10, 20, 40, 60, 80]);
  const account = `Account ${Math.floor(rand() * 200_000)}`;
  const amount = (Math.round(Math.exp(8 + rand() * 4)) / 1).toFixed(2);
  buffer += `006${String(i).padStart(12, '0')},Deal ${i},${account},${pick(OWNERS)},${stage},${amount},${prob},${us(created)},${us(close)},${pick(TYPES)},${pick(SOURCES)},${pick(SEGMENTS)}\n`;
  if (buffer.length > 1 << 20) {
    if (!stream.write(buffer)) await new Promise((r) => stream.once('drain', r));
    buffer = '';
  }
}
stream.end(buffer);
await new Promise((r) => stream.on('finish', r));
console.log(`${out}: ${rows} rows`);
