import { niceScale } from './series';

/** Tick values 0, step, 2·step … max (rounded to kill floating noise such as 0.30000000000000004). */
export function buildChartTicks(max: number, step: number): number[] {
  const out: number[] = [];
  if (!(step > 0) || !(max > 0)) return [0];
  for (let i = 0; i * step <= max + step / 1e6; i++) out.push(Number((i * step).toPrecision(12)));
  return out;
}

/**
 * A y scale whose tick labels are all different once formatted: a formatter that rounds (whole
 * requests per second, whole percents, "0 MB") would otherwise print "1, 1, 2, 2". Tries 4 ticks,
 * then fewer, then a larger maximum, and keeps the first whose labels are distinct.
 */
export function readableScale(dataMax: number, format: (v: number) => string): { max: number; step: number; ticks: number[] } {
  let floor = dataMax;
  for (let attempt = 0; attempt < 6; attempt++) {
    for (const n of [4, 3, 2]) {
      const { max, step } = niceScale(floor, n);
      const ticks = buildChartTicks(max, step);
      const labels = ticks.map(format);
      if (new Set(labels).size === labels.length) return { max, step, ticks };
    }
    floor = niceScale(floor, 4).max * 2;
  }
  const { max, step } = niceScale(floor, 1);
  return { max, step, ticks: [0, max] };
}

const TIME_STEPS = [5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];

/**
 * Round clock times (epoch seconds) between `first` and `last` for an x axis: the smallest step of
 * 5 s, 10 s, 15 s, 30 s, 1, 2, 5, 10, 15, 30 min or 1 h that gives at most `maxTicks` ticks.
 */
export function timeTicks(first: number, last: number, maxTicks = 6): number[] {
  if (!Number.isFinite(first) || !Number.isFinite(last) || last <= first) return Number.isFinite(first) ? [first] : [];
  const span = last - first;
  const step = TIME_STEPS.find((s) => span / s <= maxTicks - 1) ?? Math.ceil(span / (maxTicks - 1) / 3600) * 3600;
  const out: number[] = [];
  for (let t = Math.ceil(first / step) * step; t <= last; t += step) out.push(t);
  return out;
}

/** A clock label for an axis: seconds only when the step needs them. */
export function formatClock(t: number, withSeconds: boolean, locale?: string): string {
  return new Date(t * 1000).toLocaleTimeString(locale ?? [], withSeconds ? { hour: '2-digit', minute: '2-digit', second: '2-digit' } : { hour: '2-digit', minute: '2-digit' });
}
