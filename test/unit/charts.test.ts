// Chart helpers that count in JS what the charts draw.
import { describe, expect, test } from 'vitest';
import { binCounts } from '../../src/lib/charts/specs';

describe('histogram bins', () => {
  test('each value counts in the bin [from, to) holding it; values outside the thresholds count nowhere', () => {
    const bins = [0, 10, 20, 50];
    const values = [0, 9.99, 10, 15, 20, 49.9, 50, -1, 75, 10];
    // By hand: [0,10) holds 0 and 9.99; [10,20) holds 10, 15 and 10; [20,50) holds 20 and 49.9; 50, -1 and 75 are outside.
    expect(binCounts(values, bins)).toEqual([2, 3, 2]);
  });

  test('matches counting every bin by filtering, on many values', () => {
    const bins = [0, 1, 2, 4, 8, 16, 32];
    const values = Array.from({ length: 5000 }, (_, i) => ((i * 7919) % 3300) / 100);
    const naive = bins.slice(1).map((hi, i) => values.filter((v) => v >= bins[i] && v < hi).length);
    expect(binCounts(values, bins)).toEqual(naive);
    expect(binCounts([], bins)).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
