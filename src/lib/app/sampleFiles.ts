// The built-in sample CRM exports served from public/samples/ (written by scripts/samples.mjs).
export const SAMPLE_FILES = ['opportunities.csv', 'leads.csv', 'revenue.csv', 'reps.csv', 'targets.csv'] as const;
