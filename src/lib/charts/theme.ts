// Colours that read in light and dark mode (text uses currentColor, set by the page's CSS).

export const COLORS = {
  bookings: '#3b82c4',
  winRate: '#e07b39',
  owner: '#3b82c4',
  target: '#c0392b',
  forecast: '#8e6bbf',
  forecastPipeline: '#d08a2e',
  total: '#6b7a90',
  up: '#2e9e5b',
  down: '#d9534f',
  partial: '#888888',
  leads: '#4c9f70',
  pipeline: '#7b68c9',
} as const;

/** Show at most about `max` tick labels on an ordinal axis. */
export function thinTicks<T>(values: readonly T[], max: number): T[] {
  const step = Math.max(1, Math.ceil(values.length / max));
  return values.filter((_, i) => i % step === 0);
}
