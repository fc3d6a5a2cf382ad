import { describe, expect, it } from 'vitest';
import type { MetricSample } from '../api/client';
import { formatBytes, formatMillis, formatPercent } from './format';
import { effectiveWindow, flameLayout, keysOf, loadWindow, mergeLogs, sampleChart, selfTimeByKind, shortFrame, shortLogger, spanTree, topSelf, type FlameNode } from './signals';
import { readableScale, timeTicks } from './ticks';

const sample = (t: number, used: number, pools: Record<string, number> = {}): MetricSample => ({
  t,
  heap: { used, committed: used * 2, max: used * 4, afterGc: used / 2, pools, poolsAfterGc: {} },
  gc: { pauses: 0, pauseMillis: 0 },
  cpu: { process: 0.1, system: 0.2 },
  threads: { runnable: 5 },
  pool: { active: 1, idle: 9, pending: 0, max: 10, acquired: 3, acquireMillis: 0.2 },
  sql: { statements: 12, meanMillis: 1.5, maxMillis: 4 },
});

describe('sampleChart', () => {
  it('lays samples on steps ending now, with gaps where the server had no sample', () => {
    const c = sampleChart([sample(1003, 10), sample(1012, 30)], 5, 20, 1014, [{ label: 'used', value: (s) => s.heap.used }]);
    expect(c.times).toEqual([995, 1000, 1005, 1010]);
    expect(c.series[0]).toEqual({ route: 'used', values: [null, 10, null, 30] });
  });

  it('turns missing and non-finite values into gaps, not zeros', () => {
    const c = sampleChart([sample(1000, 10)], 5, 10, 1000, [{ label: 'x', value: () => Number.NaN }]);
    expect(c.series[0].values).toEqual([null, null]);
  });

  it('lists the keys seen in any sample, sorted', () => {
    expect(keysOf([sample(1, 1, { 'G1 Old Gen': 1 }), sample(2, 1, { 'G1 Eden Space': 2 })], (s) => s.heap.pools)).toEqual(['G1 Eden Space', 'G1 Old Gen']);
  });
});

describe('window choice', () => {
  it('fits a run that just started into the shortest window holding all its history', () => {
    const now = 1_800_000_000;
    expect(effectiveWindow('auto', now - 90, now)).toBe(300);
    expect(effectiveWindow('auto', now - 600, now)).toBe(900);
    expect(effectiveWindow('auto', now - 5000, now)).toBe(1800);
    expect(effectiveWindow('auto', -1, now)).toBe(300);
    expect(effectiveWindow(900, now - 10, now)).toBe(900);
  });

  it('restores only a window the page offers', () => {
    expect(loadWindow({ getItem: () => '900' })).toBe(900);
    expect(loadWindow({ getItem: () => '123' })).toBe('auto');
    expect(loadWindow({ getItem: () => null })).toBe('auto');
    expect(loadWindow(undefined)).toBe('auto');
  });
});

describe('readableScale', () => {
  const distinct = (ticks: number[], f: (v: number) => string) => new Set(ticks.map(f)).size === ticks.length;

  it('never prints the same label twice, whatever the formatter rounds', () => {
    const whole = (v: number) => v.toFixed(0);
    for (const max of [0, 0.3, 1, 2, 3, 7, 9.5, 10, 42, 1234]) {
      const s = readableScale(max, whole);
      expect(distinct(s.ticks, whole), `max ${max}: ${s.ticks.map(whole)}`).toBe(true);
      expect(s.max).toBeGreaterThanOrEqual(max);
    }
    for (const max of [0.001, 0.004, 0.02, 0.5]) expect(distinct(readableScale(max, formatPercent).ticks, formatPercent)).toBe(true);
    for (const max of [0.05, 0.3, 2, 12, 900, 4000]) expect(distinct(readableScale(max, formatMillis).ticks, formatMillis)).toBe(true);
    for (const max of [100, 5e6, 3.2e8, 2.1e9]) expect(distinct(readableScale(max, formatBytes).ticks, formatBytes)).toBe(true);
  });

  it('keeps four plain ticks when the labels already differ', () => {
    expect(readableScale(380, (v) => `${v}`).ticks).toEqual([0, 100, 200, 300, 400]);
    expect(readableScale(3, (v) => v.toFixed(0)).ticks).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('timeTicks', () => {
  it('puts round clock times on the axis at a step giving at most the asked count', () => {
    expect(timeTicks(1000, 1300, 6)).toEqual([1020, 1080, 1140, 1200, 1260]);
    expect(timeTicks(0, 1800, 5)).toEqual([0, 600, 1200, 1800]);
    expect(timeTicks(7, 60, 6)).toEqual([15, 30, 45, 60]);
  });

  it('has no tick for an empty or reversed range beyond the start', () => {
    expect(timeTicks(100, 100)).toEqual([100]);
    expect(timeTicks(Number.NaN, 5)).toEqual([]);
  });
});

describe('formatBytes', () => {
  it('uses powers of 1024 with short readable numbers', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(120 * 1024 * 1024)).toBe('120 MB');
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(Number.NaN)).toBe('—');
  });
});

describe('log tail helpers', () => {
  const l = (seq: number) => ({ seq });
  it('appends only newer lines and keeps the newest', () => {
    expect(mergeLogs([l(1), l(2)], [l(2), l(3), l(4)], 10).map((x) => x.seq)).toEqual([1, 2, 3, 4]);
    expect(mergeLogs([l(1), l(2)], [l(3), l(4)], 3).map((x) => x.seq)).toEqual([2, 3, 4]);
    expect(mergeLogs([], [l(7)], 3).map((x) => x.seq)).toEqual([7]);
  });
  it('shortens a logger name to its class', () => {
    expect(shortLogger('dev.perfshop.server.catalog.CatalogService')).toBe('CatalogService');
    expect(shortLogger('root')).toBe('root');
  });
});

describe('span waterfall', () => {
  const s = (id: number, parentId: number, offsetMillis: number, durationMillis = 1, kind = 'internal') => ({ id, parentId, offsetMillis, durationMillis, kind });
  it('orders each parent before its children, children by start, with depths', () => {
    const tree = spanTree([s(1, 0, 0, 10, 'server'), s(3, 2, 5), s(2, 1, 1), s(4, 1, 0.5)]);
    expect(tree.map((n) => [n.span.id, n.depth])).toEqual([
      [1, 0],
      [4, 1],
      [2, 1],
      [3, 2],
    ]);
  });
  it('keeps a span whose parent was dropped, at the top level', () => {
    expect(spanTree([s(1, 0, 0), s(5, 99, 1)]).map((n) => n.depth)).toEqual([0, 0]);
  });
  it('sums self time by kind', () => {
    expect(selfTimeByKind([s(1, 0, 0, 10, 'server'), s(2, 1, 0, 6, 'internal'), s(3, 2, 0, 4, 'db')])).toEqual({ server: 4, internal: 2, db: 4 });
  });
});

describe('flame graph', () => {
  const f = (name: string, value: number, children: FlameNode[] = []): FlameNode => ({ name, value, children });
  const root = f('all', 100, [f('a.Main.run', 80, [f('a.Svc.hot', 60), f('a.Svc.cold', 10)]), f('b.Gc.work', 20)]);
  it('lays frames out as nested fractions of the whole, root on top', () => {
    expect(flameLayout(root)).toEqual([
      { name: 'all', value: 100, depth: 0, x: 0, w: 1 },
      { name: 'a.Main.run', value: 80, depth: 1, x: 0, w: 0.8 },
      { name: 'a.Svc.hot', value: 60, depth: 2, x: 0, w: 0.6 },
      { name: 'a.Svc.cold', value: 10, depth: 2, x: 0.6, w: 0.1 },
      { name: 'b.Gc.work', value: 20, depth: 1, x: 0.8, w: 0.2 },
    ]);
    expect(flameLayout(root, 0.15).map((r) => r.name)).toEqual(['all', 'a.Main.run', 'a.Svc.hot', 'b.Gc.work']);
  });
  it('ranks frames by their own weight', () => {
    expect(topSelf(root, 3)).toEqual([
      { name: 'a.Svc.hot', self: 60 },
      { name: 'b.Gc.work', self: 20 },
      { name: 'a.Main.run', self: 10 },
    ]);
    expect(shortFrame('dev.perfshop.server.catalog.CatalogService.search')).toBe('CatalogService.search');
  });
});
