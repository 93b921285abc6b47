// The seed story's question: leads and handoffs rise but won deals do not. Did lead quality move
// (the share of leads qualified or handed off falling) or SDR capacity (more leads per SDR, slower
// qualification)? Fewer wins per handoff is the symptom in both cases, so it decides neither.
// A pure function of the current and previous period's figures.

export interface FunnelFigures {
  leads: number;
  handoffs: number | null;
  won: number;
  qualificationRate: number | null;
  leadsPerSdr: number | null;
  daysToQualify: number | null;
}

export interface Diagnosis {
  /** Leads and handoffs rose while won deals did not: the pattern the question is about. */
  pattern: boolean;
  /** Leads rose while won deals did not, but handoffs did not rise either (the break is before the handoff). */
  leadsOnly: boolean;
  change: { leads: number | null; handoffs: number | null; won: number | null };
  quality: { moved: boolean; qualificationRatePts: number | null; handoffsPerLead: number | null };
  capacity: { moved: boolean; leadsPerSdr: number | null; daysToQualify: number | null };
  verdict: 'quality' | 'capacity' | 'both' | 'neither';
}

const rel = (cur: number | null, prev: number | null) => (cur === null || prev === null || prev === 0 ? null : (cur - prev) / prev);

export function diagnose(cur: FunnelFigures, prev: FunnelFigures): Diagnosis {
  const change = { leads: rel(cur.leads, prev.leads), handoffs: rel(cur.handoffs, prev.handoffs), won: rel(cur.won, prev.won) };
  const leadsUpWinsNot = (change.leads ?? 0) > 0.05 && (change.won ?? 0) <= 0.02;
  const pattern = leadsUpWinsNot && (change.handoffs ?? change.leads ?? 0) > 0.05;
  const leadsOnly = leadsUpWinsNot && !pattern;
  const qualificationRatePts =
    cur.qualificationRate === null || prev.qualificationRate === null ? null : (cur.qualificationRate - prev.qualificationRate) * 100;
  const perLead = (f: FunnelFigures) => (f.handoffs !== null && f.leads ? f.handoffs / f.leads : null);
  const handoffsPerLead = rel(perLead(cur), perLead(prev));
  const qualityMoved = (qualificationRatePts ?? 0) <= -2 || (handoffsPerLead ?? 0) <= -0.1;
  const leadsPerSdr = rel(cur.leadsPerSdr, prev.leadsPerSdr);
  const daysToQualify = rel(cur.daysToQualify, prev.daysToQualify);
  const capacityMoved = (leadsPerSdr ?? 0) >= 0.1 || (daysToQualify ?? 0) >= 0.1;
  const verdict = qualityMoved && capacityMoved ? 'both' : qualityMoved ? 'quality' : capacityMoved ? 'capacity' : 'neither';
  return {
    pattern,
    leadsOnly,
    change,
    quality: { moved: qualityMoved, qualificationRatePts, handoffsPerLead },
    capacity: { moved: capacityMoved, leadsPerSdr, daysToQualify },
    verdict,
  };
}
