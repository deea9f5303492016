/**
 * 95 % intervals. Each function takes counts and returns an interval in the metric's own units.
 */

/** z for a two-sided 95 % interval. */
export const Z95 = 1.959963984540054;

export interface Interval {
  readonly low: number;
  readonly high: number;
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/**
 * NPS adjusted-Wald interval (Rocks 2016; Sauro & Lewis 2021), in NPS points (−100..100):
 * n' = n + 3, p' = (P + ¾)/n', d' = (D + ¾)/n', NPS' = p' − d', se = √((p' + d' − NPS'²)/n'),
 * interval 100 × (NPS' ± 1.96 se), clamped to [−100, 100].
 */
export function npsAdjustedWald(promoters: number, detractors: number, n: number): Interval | null {
  if (n <= 0) return null;
  const { nps, se } = npsAdjusted(promoters, detractors, n);
  return {
    low: clamp(100 * (nps - Z95 * se), -100, 100),
    high: clamp(100 * (nps + Z95 * se), -100, 100),
  };
}

/** The adjusted NPS' (as a share, −1..1) and its standard error, shared by the interval and the comparison. */
export function npsAdjusted(promoters: number, detractors: number, n: number): { nps: number; se: number } {
  const nAdj = n + 3;
  const p = (promoters + 0.75) / nAdj;
  const d = (detractors + 0.75) / nAdj;
  const nps = p - d;
  return { nps, se: Math.sqrt((p + d - nps * nps) / nAdj) };
}

/** Wilson score interval for a proportion, as a percentage (0..100). */
export function wilson(successes: number, n: number): Interval | null {
  if (n <= 0) return null;
  const p = successes / n;
  const z2 = Z95 * Z95;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return { low: clamp(100 * (centre - half), 0, 100), high: clamp(100 * (centre + half), 0, 100) };
}

/**
 * t-based interval for a mean: mean ± t(0.975, n − 1) × sd / √n. Needs n ≥ 2; clamped to the scale
 * (`[min, max]`) because a mean can never leave it.
 */
export function tInterval(mean: number, sd: number, n: number, min: number, max: number): Interval | null {
  if (n < 2) return null;
  const half = studentTQuantile(0.975, n - 1) * (sd / Math.sqrt(n));
  return { low: clamp(mean - half, min, max), high: clamp(mean + half, min, max) };
}

// --- Student's t quantile, through the regularized incomplete beta function (Numerical Recipes §6.4) ---

function logGamma(x: number): number {
  // Lanczos approximation, g = 7, n = 9: about 15 significant digits for x > 0.
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const y = x - 1;
  let a = c[0]!;
  const t = y + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (y + i);
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
}

/** Regularized incomplete beta I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2)
    ? (front * betaContinuedFraction(a, b, x)) / a
    : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

const quantileCache = new Map<string, number>();

/** The t value below which a share `p` (0.5 < p < 1) of Student's t distribution with `df` degrees lies. */
export function studentTQuantile(p: number, df: number): number {
  const key = `${p}:${df}`;
  const cached = quantileCache.get(key);
  if (cached !== undefined) return cached;
  let low = 0;
  let high = 1;
  while (studentTCdf(high, df) < p) high *= 2;
  for (let i = 0; i < 100 && high - low > 1e-12; i++) {
    const mid = (low + high) / 2;
    if (studentTCdf(mid, df) < p) low = mid;
    else high = mid;
  }
  const value = (low + high) / 2;
  if (quantileCache.size < 1000) quantileCache.set(key, value);
  return value;
}
