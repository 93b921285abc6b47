// The built-in sample CRM exports served from public/samples/ (written by scripts/samples.mjs).
export const SAMPLE_FILES = ['opportunities.csv', 'leads.csv', 'revenue.csv', 'reps.csv', 'targets.csv'] as const;

/** One of the sample files, fetched from beside the page (`baseUrl`). */
export async function fetchSampleFile(baseUrl: string, name: (typeof SAMPLE_FILES)[number]): Promise<File> {
  const response = await fetch(new URL(`samples/${name}`, baseUrl));
  if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
  return new File([await response.blob()], name, { type: 'text/csv' });
}
