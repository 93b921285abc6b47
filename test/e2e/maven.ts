// An independent route to the Maven figures: plain JS over the CSV text, no DuckDB, no app code.
import { readFileSync } from 'node:fs';
import { MAVEN } from './helpers';

interface Deal {
  owner: string;
  stage: string;
  engage: string;
  close: string;
  value: number;
}

const deals: Deal[] = readFileSync(MAVEN, 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [, owner, , , stage, engage, close, value] = line.split(',');
    return { owner, stage, engage, close, value: Number(value || 0) };
  });

export function mavenFigures(from: string, to: string, owners?: string[]) {
  const inRange = (d: string) => d !== '' && d >= from && d <= to;
  const mine = deals.filter((d) => !owners || owners.includes(d.owner));
  const won = mine.filter((d) => d.stage === 'Won' && inRange(d.close));
  const lost = mine.filter((d) => d.stage === 'Lost' && inRange(d.close));
  return {
    rows: deals.length,
    won: won.length,
    lost: lost.length,
    winRate: won.length / (won.length + lost.length),
    bookings: won.reduce((s, d) => s + d.value, 0),
    pipelineCreated: mine.filter((d) => inRange(d.engage)).reduce((s, d) => s + d.value, 0),
  };
}
