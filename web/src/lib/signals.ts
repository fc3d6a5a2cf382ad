/**
 * Chart maths for the signals view: the server's metric samples (one every few seconds) laid on a
 * fixed grid of steps ending now, with gaps where the server has no sample (before it started).
 */
import type { MetricSample } from '../api/client';
import type { Chart } from './series';

export interface Line {
  label: string;
  value: (s: MetricSample) => number | null | undefined;
}

/** One series per line, on `windowSeconds / stepSeconds` steps ending at `endT` (epoch seconds). */
export function sampleChart(samples: MetricSample[], stepSeconds: number, windowSeconds: number, endT: number, lines: Line[]): Chart {
  const steps = Math.max(2, Math.floor(windowSeconds / stepSeconds));
  const end = endT - (endT % stepSeconds);
  const times = Array.from({ length: steps }, (_, i) => end - (steps - 1 - i) * stepSeconds);
  const bySlot = new Map<number, MetricSample>();
  for (const s of samples) bySlot.set(s.t - (s.t % stepSeconds), s);
  return {
    times,
    series: lines.map((l) => ({
      route: l.label,
      values: times.map((t) => {
        const s = bySlot.get(t);
        if (!s) return null;
        const v = l.value(s);
        return v === undefined || v === null || !Number.isFinite(v) ? null : v;
      }),
    })),
  };
}

/** Labels of a keyed record seen in any sample (heap pools, thread states), in a stable order. */
export function keysOf(samples: MetricSample[], pick: (s: MetricSample) => Record<string, number>): string[] {
  const keys = new Set<string>();
  for (const s of samples) for (const k of Object.keys(pick(s) ?? {})) keys.add(k);
  return [...keys].sort();
}

export const WINDOWS = [
  { seconds: 300, label: '5 minutes' },
  { seconds: 900, label: '15 minutes' },
  { seconds: 1800, label: '30 minutes' },
];

/**
 * The window to show: the one the student chose, or (on "auto") the shortest that holds all the
 * history the server has — a run that started two minutes ago fills a 5-minute chart, not 2 % of a
 * 30-minute one.
 */
export function effectiveWindow(choice: number | 'auto', oldest: number, now: number): number {
  if (choice !== 'auto') return choice;
  if (oldest < 0) return WINDOWS[0].seconds;
  const age = now - oldest;
  return (WINDOWS.find((w) => w.seconds >= age) ?? WINDOWS[WINDOWS.length - 1]).seconds;
}

export const WINDOW_KEY = 'perfshop.signals.window';

export function loadWindow(storage: Pick<Storage, 'getItem'> | undefined): number | 'auto' {
  const raw = storage?.getItem(WINDOW_KEY);
  const n = Number(raw);
  return raw && WINDOWS.some((w) => w.seconds === n) ? n : 'auto';
}

/** Appends newer log lines (by sequence number, no duplicates) and keeps the newest `max`. */
export function mergeLogs<T extends { seq: number }>(shown: T[], incoming: T[], max: number): T[] {
  const newest = shown.length ? shown[shown.length - 1].seq : 0;
  const merged = shown.concat(incoming.filter((l) => l.seq > newest));
  return merged.length > max ? merged.slice(merged.length - max) : merged;
}

/** The last part of a logger name, as consoles print it: `d.p.s.catalog.CatalogService` → `CatalogService`. */
export function shortLogger(name: string): string {
  const i = name.lastIndexOf('.');
  return i >= 0 ? name.slice(i + 1) : name;
}

/** Spans in waterfall order: each parent followed by its children (by start), with its depth. */
export function spanTree<T extends { id: number; parentId: number; offsetMillis: number }>(spans: T[]): { span: T; depth: number }[] {
  const children = new Map<number, T[]>();
  const ids = new Set(spans.map((s) => s.id));
  for (const s of spans) {
    const parent = ids.has(s.parentId) ? s.parentId : 0;
    const list = children.get(parent) ?? [];
    list.push(s);
    children.set(parent, list);
  }
  const out: { span: T; depth: number }[] = [];
  const walk = (parent: number, depth: number) => {
    for (const s of (children.get(parent) ?? []).sort((a, b) => a.offsetMillis - b.offsetMillis)) {
      out.push({ span: s, depth });
      walk(s.id, depth + 1);
    }
  };
  walk(0, 0);
  return out;
}

/** Time spent in spans of each kind that no child covers (self time), for a one-line summary. */
export function selfTimeByKind<T extends { id: number; parentId: number; kind: string; durationMillis: number }>(spans: T[]): Record<string, number> {
  const childTime = new Map<number, number>();
  for (const s of spans) if (s.parentId) childTime.set(s.parentId, (childTime.get(s.parentId) ?? 0) + s.durationMillis);
  const out: Record<string, number> = {};
  for (const s of spans) out[s.kind] = (out[s.kind] ?? 0) + Math.max(0, s.durationMillis - (childTime.get(s.id) ?? 0));
  return out;
}

export interface FlameNode {
  name: string;
  value: number;
  children: FlameNode[];
}
export interface FlameRect {
  name: string;
  value: number;
  depth: number;
  /** Left edge and width as fractions 0–1 of the whole graph. */
  x: number;
  w: number;
}

/** Icicle layout (root on top): one rect per frame at least `minW` wide, children left to right. */
export function flameLayout(root: FlameNode, minW = 0.002): FlameRect[] {
  const out: FlameRect[] = [];
  const total = root.value || 1;
  const walk = (n: FlameNode, depth: number, x: number) => {
    const w = n.value / total;
    if (w < minW) return;
    out.push({ name: n.name, value: n.value, depth, x, w });
    let cx = x;
    for (const c of n.children) {
      walk(c, depth + 1, cx);
      cx += c.value / total;
    }
  };
  walk(root, 0, 0);
  return out;
}

/** The frames with the most weight of their own (not in a callee), heaviest first. */
export function topSelf(root: FlameNode, n = 10): { name: string; self: number }[] {
  const self = new Map<string, number>();
  const walk = (f: FlameNode) => {
    const own = f.value - f.children.reduce((s, c) => s + c.value, 0);
    if (own > 0 && f !== root) self.set(f.name, (self.get(f.name) ?? 0) + own);
    f.children.forEach(walk);
  };
  walk(root);
  return [...self.entries()]
    .map(([name, v]) => ({ name, self: v }))
    .sort((a, b) => b.self - a.self || a.name.localeCompare(b.name))
    .slice(0, n);
}

/** `dev.perfshop.server.catalog.CatalogService.search` → `CatalogService.search` (frame labels). */
export function shortFrame(name: string): string {
  const parts = name.split('.');
  return parts.length > 2 ? parts.slice(-2).join('.') : name;
}
