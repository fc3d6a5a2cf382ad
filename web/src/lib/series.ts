/**
 * Chart data maths for the live metrics view: turns the server's per-route 5-second slots into
 * aligned series (gaps where a route had no traffic), and picks readable axis scales.
 */
import type { RoutePoint } from '../api/client';

export type Metric = 'throughput' | 'p50' | 'p95' | 'p99' | 'errorRate';

export interface Series {
  route: string;
  values: (number | null)[];
}
export interface Chart {
  /** Slot start times, epoch seconds, oldest first. */
  times: number[];
  series: Series[];
}

/** The value of one slot for a metric; latency is null when the slot saw no request. */
export function slotValue(p: RoutePoint | undefined, metric: Metric, slotSeconds: number): number | null {
  if (metric === 'throughput') return p ? p.count / slotSeconds : 0;
  if (!p || p.count === 0) return null;
  if (metric === 'errorRate') return p.errors / p.count;
  return p[metric];
}

/**
 * Aligns points on a fixed grid of slots ending at the newest slot (`endT`, or the newest point),
 * keeps the `maxRoutes` busiest routes (or `only` those named), ordered by traffic.
 */
export function buildChart(
  points: RoutePoint[],
  slotSeconds: number,
  windowSeconds: number,
  metric: Metric,
  options: { endT?: number; maxRoutes?: number; only?: string[] } = {},
): Chart {
  const slots = Math.max(1, Math.floor(windowSeconds / slotSeconds));
  const newest = points.reduce((m, p) => Math.max(m, p.t), -Infinity);
  const end = options.endT ?? (Number.isFinite(newest) ? newest : 0);
  const end0 = end - (end % slotSeconds);
  const times = Array.from({ length: slots }, (_, i) => end0 - (slots - 1 - i) * slotSeconds);
  const byRoute = new Map<string, Map<number, RoutePoint>>();
  const traffic = new Map<string, number>();
  for (const p of points) {
    if (p.t < times[0] || p.t > end0) continue;
    if (options.only && !options.only.includes(p.route)) continue;
    let m = byRoute.get(p.route);
    if (!m) byRoute.set(p.route, (m = new Map()));
    m.set(p.t - (p.t % slotSeconds), p);
    traffic.set(p.route, (traffic.get(p.route) ?? 0) + p.count);
  }
  const routes = [...traffic.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, options.maxRoutes ?? 5)
    .map(([r]) => r);
  return {
    times,
    series: routes.map((route) => ({
      route,
      values: times.map((t) => slotValue(byRoute.get(route)?.get(t), metric, slotSeconds)),
    })),
  };
}

/** A "nice" axis maximum (1, 2, 2.5, 5 × 10^n) at or above `max`, with its tick step. */
export function niceScale(max: number, ticks = 4): { max: number; step: number } {
  if (!Number.isFinite(max) || max <= 0) return { max: 1, step: 1 / ticks };
  const rough = max / ticks;
  const pow = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * pow).find((s) => s * ticks >= max) ?? 10 * pow;
  return { max: step * ticks, step };
}

/** SVG path for a series; null values break the line (no traffic is not zero latency). */
export function linePath(values: (number | null)[], x: (i: number) => number, y: (v: number) => number): string {
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    pen = true;
  });
  return d;
}

export function maxOf(chart: Chart): number {
  let m = 0;
  for (const s of chart.series) for (const v of s.values) if (v !== null && v > m) m = v;
  return m;
}

/** Indexes of values with no neighbour on either side: a line cannot show them, a dot can. */
export function isolatedPoints(values: (number | null)[]): number[] {
  const present = (i: number) => i >= 0 && i < values.length && values[i] !== null && Number.isFinite(values[i] as number);
  return values.flatMap((_, i) => (present(i) && !present(i - 1) && !present(i + 1) ? [i] : []));
}

/**
 * The chart of one debrief key signal (see the report's `signals`): one slot per `stepSeconds` from
 * `from` to `to` (ISO instants), a gap where the server kept no point.
 */
export function signalChart(c: {
  from: string;
  to: string;
  stepSeconds: number;
  label: string;
  points: { t: number; value: number }[];
}): Chart {
  const from = Date.parse(c.from) / 1000;
  const to = Date.parse(c.to) / 1000;
  const byT = new Map(c.points.map((p) => [p.t, p.value]));
  const times: number[] = [];
  for (let t = from; t < to; t += c.stepSeconds) times.push(t);
  return { times, series: c.points.length ? [{ route: c.label, values: times.map((t) => byT.get(t) ?? null) }] : [] };
}
