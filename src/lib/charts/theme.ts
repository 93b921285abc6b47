// Colours that read in light and dark mode (text uses currentColor, set by the page's CSS).

export const COLORS = {
  bookings: '#3b82c4',
  winRate: '#e07b39',
  owner: '#3b82c4',
} as const;

/** Show at most about `max` tick labels on an ordinal axis. */
export function thinTicks<T>(values: readonly T[], max: number): T[] {
  const step = Math.max(1, Math.ceil(values.length / max));
  return values.filter((_, i) => i % step === 0);
}
