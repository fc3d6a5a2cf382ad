/**
 * The student page's server signals with one slow route (latency on /api/products/*): metrics
 * with history, the log tail, the slow request's waterfall, the flame graph, a thread dump and a
 * heap histogram — each photographed.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromiumPresent, launch, pending, routeExists, screenshots, seriousA11yViolations, watchConsole, type Session } from './browser';

const baseUrl = inject('baseUrl');
const adminToken = inject('adminToken');
const admin = { 'X-Admin-Token': adminToken, 'Content-Type': 'application/json' };

async function traffic(ms: number): Promise<void> {
  const until = Date.now() + ms;
  let i = 0;
  await Promise.all(
    Array.from({ length: 3 }, async () => {
      while (Date.now() < until) {
        i++;
        const path = i % 3 === 0 ? `/api/products?q=${'abcdefghij'[i % 10]}` : `/api/products/${1 + (i % 20)}`;
        await fetch(baseUrl + path).then((r) => r.arrayBuffer());
      }
    }),
  );
}

describe.skipIf(!chromiumPresent)('student page: server signals', () => {
  let s: Session;
  let available = false;
  let chaos = false;
  beforeAll(async () => {
    available = await routeExists(baseUrl, 'GET', '/api/stats/signals/metrics');
    if (!available) pending('signals API (branch signals)');
    chaos = await routeExists(baseUrl, 'GET', '/api/admin/chaos/catalog', { 'X-Admin-Token': adminToken });
    s = await launch();
  });
  afterAll(async () => {
    if (chaos) await fetch(`${baseUrl}/api/admin/chaos/halt`, { method: 'POST', headers: admin });
    await s?.close();
  });

  it('shows metrics, logs, a slow waterfall, a flame graph and dumps', async (ctx) => {
    if (!available) return ctx.skip();
    if (chaos) {
      const r = await fetch(`${baseUrl}/api/admin/chaos/latency`, { method: 'PUT', headers: admin, body: JSON.stringify({ level: 3, ttl: '5m', routes: ['/api/products/*'] }) });
      expect(r.status).toBeLessThan(300);
    }
    const page = await s.context.newPage();
    const errors = watchConsole(page);
    await page.goto(`${baseUrl}/student/metrics`);

    // Traces and the profile record while someone looks: open them, then make traffic.
    await page.click('#signals-tab-traces');
    await page.waitForSelector('[data-testid=signals-traces]');
    await page.click('#signals-tab-profile');
    await page.waitForSelector('[data-testid=signals-profile]');
    await traffic(8000);

    // Metrics: every chart draws lines after a couple of 5-second samples.
    await page.click('#signals-tab-metrics');
    for (const id of ['chart-heap', 'chart-cpu', 'chart-threads', 'chart-pool', 'chart-sql']) {
      await page.waitForSelector(`[data-testid=${id}] path[d^=M]`, { state: 'attached', timeout: 30000 });
    }
    const labels = await page.$$eval('[data-testid=chart-heap] text.axis', (ts) => ts.map((t) => t.textContent));
    expect(new Set(labels).size).toBe(labels.length);
    await screenshots(page, 'student-signals-metrics');

    // Logs: a refused admin call appears with its request id.
    const requestId = crypto.randomUUID();
    await fetch(`${baseUrl}/api/admin/stats`, { headers: { 'X-Admin-Token': 'not-the-token-at-all', 'X-Request-ID': requestId } });
    await page.click('#signals-tab-logs');
    await page.selectOption('#log-level', 'WARN');
    await page.fill('#log-text', requestId);
    await page.waitForSelector(`[data-testid=log-table] td >> text=${requestId}`, { timeout: 15000 });
    expect(await page.textContent('[data-testid=log-table]')).not.toContain('not-the-token-at-all');
    await page.fill('#log-text', '');
    await screenshots(page, 'student-signals-logs');

    // Traces: the slow route's slowest request, with its SQL.
    await page.click('#signals-tab-traces');
    await page.waitForSelector('#trace-route option[value="GET /api/products/{id}"]', { state: 'attached', timeout: 15000 });
    await page.selectOption('#trace-route', 'GET /api/products/{id}');
    await page.waitForSelector('[data-testid=waterfall] .kind-db');
    const caption = (await page.textContent('[data-testid=waterfall] figcaption')) ?? '';
    expect(caption).toContain('GET /api/products/{id}');
    if (chaos) expect(caption).toMatch(/\d+(\.\d+)? s|[5-9]\d\d ms/);
    expect(await page.textContent('[data-testid=waterfall]')).toMatch(/CatalogController\.\w+/);
    await screenshots(page, 'student-signals-traces');

    // Profile: a flame graph with the shop's own frames.
    await page.click('#signals-tab-profile');
    await traffic(6000); // the recording may have stopped a minute after the first look
    await page.waitForSelector('[data-testid=flame-graph] rect.f-shop', { timeout: 20000 });
    await screenshots(page, 'student-signals-profile');
    await page.click('button:has-text("Allocations")');
    await page.waitForSelector('[data-testid=flame-graph] rect.f-alloc', { timeout: 20000 });

    // Threads and heap on demand.
    await page.click('#signals-tab-dumps');
    await page.click('button:has-text("Take a thread dump")');
    await page.waitForSelector('[data-testid=thread-dump] >> text=metrics-history');
    await page.click('button:has-text("Take a heap histogram")');
    await page.waitForSelector('[data-testid=heap-histogram] >> text=byte[]', { timeout: 30000 });
    await screenshots(page, 'student-signals-dumps');

    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  }, 180_000);
});
