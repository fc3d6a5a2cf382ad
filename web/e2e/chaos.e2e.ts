/**
 * The instructor enables latency from the console, the student's live chart shows it, and the
 * always-visible HALT button stops it.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromiumPresent, launch, pending, routeExists, screenshots, seriousA11yViolations, type Session } from './browser';

const baseUrl = inject('baseUrl');
const adminToken = inject('adminToken');
const ROUTE = 'GET /api/products/{id}'; // the statistics' route template
const PATTERN = '/api/products/*'; // the chaos target: a path pattern

async function traffic(requests: number, concurrency = 4): Promise<number[]> {
  const took: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        const id = 1 + (next++ % 20);
        const t0 = performance.now();
        await fetch(`${baseUrl}/api/products/${id}`).then((r) => r.arrayBuffer());
        took.push(performance.now() - t0);
      }
    }),
  );
  return took;
}

describe.skipIf(!chromiumPresent)('chaos console and live metrics', () => {
  let s: Session;
  let available = false;
  beforeAll(async () => {
    available = await routeExists(baseUrl, 'GET', '/api/admin/chaos/catalog', { 'X-Admin-Token': adminToken });
    if (!available) pending('chaos admin API (branch chaos)');
    s = await launch();
  });
  afterAll(async () => {
    if (available) await fetch(`${baseUrl}/api/admin/chaos/halt`, { method: 'POST', headers: { 'X-Admin-Token': adminToken } });
    await s?.close();
  });

  it('enables latency on one route, the student sees p95 rise on that route, HALT ends it', async (ctx) => {
    if (!available) return ctx.skip();
    const instructor = await s.context.newPage();
    await instructor.goto(`${baseUrl}/instructor`);
    await instructor.fill('#admin-token', adminToken);
    await instructor.click('button[type=submit]');
    const form = await instructor.waitForSelector('[data-testid=chaos-latency]');
    await instructor.waitForSelector('[data-testid=no-active]');
    await instructor.selectOption('#latency-level', '3');
    await instructor.selectOption('#latency-ttl', '5m');
    await instructor.fill('#latency-routes', PATTERN);
    await (await form.$('button[type=submit]'))?.click();
    const active = await instructor.waitForSelector('[data-testid=active-table]');
    expect(await active.textContent()).toContain('latency');
    expect(await active.textContent()).toMatch(/[45]:\d\d/);
    await screenshots(instructor, 'instructor-latency-active');
    expect(await seriousA11yViolations(instructor)).toEqual([]);

    const studentContext = await s.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const student = await studentContext.newPage();
    await student.goto(`${baseUrl}/student/metrics`);
    const slow = await traffic(24);
    expect(Math.max(...slow)).toBeGreaterThan(500);
    const cell = `[data-testid="p95-${ROUTE}"]`;
    await student.waitForSelector(cell, { timeout: 20000 });
    await expect
      .poll(async () => {
        const text = (await student.textContent(cell)) ?? '';
        const ms = text.endsWith(' s') ? parseFloat(text) * 1000 : parseFloat(text);
        return ms;
      }, { timeout: 20000 })
      .toBeGreaterThan(500);
    // the chart draws a line for the slowed route
    await student.waitForSelector(`[data-testid=chart-p95] path[data-route="${ROUTE}"]`);
    await screenshots(student, 'student-metrics-latency');

    await instructor.click('button.halt');
    await instructor.waitForSelector('text=Halted: 1 anomaly disabled.');
    await instructor.waitForSelector('[data-testid=no-active]');
    await screenshots(instructor, 'instructor-halted');
    const after = await traffic(12);
    expect(Math.max(...after)).toBeLessThan(400);
    await studentContext.close();
    await instructor.close();
  });
});
