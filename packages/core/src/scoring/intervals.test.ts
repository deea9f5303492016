import { describe, expect, it } from 'vitest';
import { studentTCdf, studentTQuantile } from './intervals';

describe('Student t quantile', () => {
  // Values from any statistics table (two-sided 95 %).
  it.each([
    [1, 12.7062],
    [2, 4.3027],
    [5, 2.5706],
    [9, 2.2622],
    [29, 2.0452],
    [100, 1.984],
    [10000, 1.9602],
  ])('t(0.975, %i) = %f', (df, expected) => {
    expect(studentTQuantile(0.975, df)).toBeCloseTo(expected, 3);
  });

  it('is the inverse of the CDF', () => {
    expect(studentTCdf(studentTQuantile(0.9, 7), 7)).toBeCloseTo(0.9, 9);
    expect(studentTCdf(0, 3)).toBeCloseTo(0.5, 12);
  });
});
