/** Maps a value domain onto a pixel range, and picks round tick values. */

export function linearScale(domain: readonly [number, number], range: readonly [number, number]) {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  return (value: number) => r0 + ((value - d0) / span) * (r1 - r0);
}

/** Round ticks (steps of 1, 2, 2.5 or 5 × a power of ten) covering `[low, high]`, about `count` of them. */
export function niceTicks(low: number, high: number, count = 5): number[] {
  const span = high - low;
  if (!(span > 0)) return [low];
  const raw = span / Math.max(1, count - 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let v = Math.ceil(low / step) * step; v <= high + step * 1e-9; v += step) {
    ticks.push(Number(v.toFixed(10)));
  }
  return ticks;
}

/** Rounds a domain outwards to the nearest ticks, within hard limits. */
export function niceDomain(
  low: number,
  high: number,
  limits: { min: number; max: number },
  count = 5,
): [number, number] {
  let lo = low;
  let hi = high;
  if (hi - lo < (limits.max - limits.min) / 20) {
    const pad = (limits.max - limits.min) / 20;
    lo -= pad;
    hi += pad;
  }
  const ticks = niceTicks(lo, hi, count);
  const step = ticks.length > 1 ? ticks[1]! - ticks[0]! : 1;
  return [
    Math.max(limits.min, Math.floor(lo / step) * step),
    Math.min(limits.max, Math.ceil(hi / step) * step),
  ];
}
