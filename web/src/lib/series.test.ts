import { describe, expect, it } from 'vitest';
import type { RoutePoint } from '../api/client';
import { buildChartTicks } from './ticks';
import { buildChart, isolatedPoints, linePath, maxOf, niceScale, signalChart } from './series';

const pt = (route: string, t: number, count: number, p95 = 10, errors = 0): RoutePoint => ({ route, t, count, errors, p50: p95 / 2, p95, p99: p95 * 2 });

describe('buildChart', () => {
  const points = [
    pt('GET /api/products', 1000, 10, 12),
    pt('GET /api/products', 1010, 20, 250, 5),
    pt('GET /api/categories', 1005, 2, 3),
    pt('GET /api/old', 900, 99, 1), // outside the window
  ];

  it('aligns every route on the same slots ending at the newest one, gaps where no request came', () => {
    const c = buildChart(points, 5, 20, 'p95');
    expect(c.times).toEqual([995, 1000, 1005, 1010]);
    expect(c.series.map((s) => s.route)).toEqual(['GET /api/products', 'GET /api/categories']);
    expect(c.series[0].values).toEqual([null, 12, null, 250]);
    expect(c.series[1].values).toEqual([null, null, 3, null]);
  });

  it('turns counts into requests per second and errors into a share of requests', () => {
    expect(buildChart(points, 5, 20, 'throughput').series[0].values).toEqual([0, 2, 0, 4]);
    expect(buildChart(points, 5, 20, 'errorRate').series[0].values).toEqual([null, 0, null, 0.25]);
  });

  it('keeps the busiest routes first, or only the named ones, and can end at a given time', () => {
    expect(buildChart(points, 5, 20, 'p95', { maxRoutes: 1 }).series.map((s) => s.route)).toEqual(['GET /api/products']);
    expect(buildChart(points, 5, 20, 'p95', { only: ['GET /api/categories'] }).series.map((s) => s.route)).toEqual(['GET /api/categories']);
    const later = buildChart(points, 5, 10, 'throughput', { endT: 1023 });
    expect(later.times).toEqual([1015, 1020]);
    expect(later.series).toEqual([]);
  });

  it('copes with no points at all', () => {
    const c = buildChart([], 5, 60, 'p95');
    expect(c.times).toHaveLength(12);
    expect(c.series).toEqual([]);
    expect(maxOf(c)).toBe(0);
  });
});

describe('scales and paths', () => {
  it('rounds the axis up to 1, 2, 2.5 or 5 × 10^n', () => {
    expect(niceScale(250)).toEqual({ max: 400, step: 100 });
    expect(niceScale(7)).toEqual({ max: 8, step: 2 });
    expect(niceScale(0.25)).toEqual({ max: 0.4, step: 0.1 });
    expect(niceScale(1001)).toEqual({ max: 2000, step: 500 });
    expect(niceScale(0)).toEqual({ max: 1, step: 0.25 });
    expect(niceScale(Number.NaN)).toEqual({ max: 1, step: 0.25 });
  });

  it('produces clean tick values', () => {
    expect(buildChartTicks(0.4, 0.1)).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
    expect(buildChartTicks(400, 100)).toEqual([0, 100, 200, 300, 400]);
  });

  it('breaks the line where a value is missing', () => {
    const d = linePath([1, 2, null, 4, 5], (i) => i * 10, (v) => 100 - v);
    expect(d).toBe('M0.0,99.0L10.0,98.0M30.0,96.0L40.0,95.0');
    expect(linePath([null, null], (i) => i, (v) => v)).toBe('');
  });

  it('finds the lone values a line cannot draw', () => {
    expect(isolatedPoints([5, null, 3, 4, null, 7])).toEqual([0, 5]);
    expect(isolatedPoints([null, 2, null])).toEqual([1]);
    expect(isolatedPoints([])).toEqual([]);
  });
});

describe('signalChart', () => {
  it('lays the points on the grid of steps from the start to the end of the window, with gaps', () => {
    const c = signalChart({
      from: '2026-03-02T09:00:00Z',
      to: '2026-03-02T09:00:25Z',
      stepSeconds: 5,
      label: 'p95 latency of GET /api/products/{id}',
      points: [
        { t: 1772442000, value: 10 },
        { t: 1772442010, value: 400 },
        { t: 1772442020, value: 12 },
      ],
    });
    expect(c.times).toEqual([1772442000, 1772442005, 1772442010, 1772442015, 1772442020]);
    expect(c.series).toEqual([{ route: 'p95 latency of GET /api/products/{id}', values: [10, null, 400, null, 12] }]);
  });
  it('has no series when no point was kept', () => {
    expect(signalChart({ from: '2026-03-02T09:00:00Z', to: '2026-03-02T09:00:10Z', stepSeconds: 5, label: 'x', points: [] }).series).toEqual([]);
  });
});
