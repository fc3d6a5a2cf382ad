/**
 * The student page's server signals with one slow route (latency on /api/products/*): metrics
 * with history, the log tail, the slow request's waterfall, the flame graph, a thread dump and a
 * heap histogram — each photographed.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
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

// ---- Anomaly by anomaly ------------------------------------------------------------------------
//
// Every anomaly of the performance and infrastructure families that the embedded server can play
// (the catalogue's container types act on a Docker lab's containers, not here): enabled through
// the admin API on the shop's routes, with shop traffic running, the student page's tab that
// answers it must show the symptom a student would read — and name no chaos. Each reading is
// photographed (clipped to the panel) into docs/img/signals-<type>.png for docs/web.md.

const IMG = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'img');
const PRODUCTS = ['/api/products/*', '/api/products'];
const CHAOS_WORDS = /chaos|assault|anomal/i;

type Tab = 'metrics' | 'logs' | 'traces' | 'profile' | 'dumps';

interface Reading {
  /** What the student reads, for the failure message and the docs. */
  shows: string;
  /** The element photographed. */
  clip: string;
}

interface AnomalyCase {
  type: string;
  level: number;
  routes: string[];
  tab: Tab;
  /** Shop traffic that reaches the anomaly's routes (one request; called in a loop). */
  request?: () => Promise<void>;
  /** Concurrent shop clients (3 unless said): a pool or a lock needs more callers than it serves. */
  workers?: number;
  /** Polls the page until the symptom shows; throws with what it saw otherwise. */
  read: (page: Page) => Promise<Reading>;
}

async function browse(i: number): Promise<void> {
  const path = i % 3 === 0 ? `/api/products?q=${'abcdefghij'[i % 10]}` : `/api/products/${1 + (i % 20)}`;
  await fetch(baseUrl + path).then((r) => r.arrayBuffer());
}

async function checkout(): Promise<void> {
  const add = await fetch(`${baseUrl}/api/cart/items`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ productId: 1 + Math.floor(Math.random() * 20), quantity: 1 }) });
  const cookie = (add.headers.get('set-cookie') ?? '').split(';')[0];
  await add.arrayBuffer();
  const order = await fetch(`${baseUrl}/api/orders`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie, 'Idempotency-Key': crypto.randomUUID() },
    body: JSON.stringify({
      email: 'signals@example.test',
      shippingAddress: { name: 'Signals', line1: '1 Way', city: 'Namur', postalCode: '5000', country: 'BE' },
      payment: { cardNumber: '4242424242424242', expiry: '12/30', cvc: '123' },
    }),
  });
  await order.arrayBuffer();
}

/** Runs shop traffic (3 clients) until stop() is called. */
function backgroundTraffic(request?: () => Promise<void>, clients = 3): { stop: () => Promise<void> } {
  let running = true;
  let i = 0;
  const workers = Array.from({ length: clients }, async () => {
    while (running) {
      i++;
      try {
        await (request ? request() : browse(i));
      } catch {
        // a refused or reset request is part of some anomalies; keep going
      }
    }
  });
  return {
    async stop() {
      running = false;
      await Promise.all(workers);
    },
  };
}

/** Retries `probe` (which throws while the symptom is not there) until it passes or time runs out. */
async function eventually<T>(probe: () => Promise<T>, seconds = 90): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      return await probe();
    } catch (e) {
      last = e;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  throw new Error(`no symptom within ${seconds} s: ${last instanceof Error ? last.message : String(last)}`);
}

/** Milliseconds or bytes written by formatMillis / formatBytes ("812 ms", "1.25 s", "34.5 MB"). */
function parseAmount(text: string): number {
  const m = /(-?[\d.]+)\s*(ms|s|B|KB|MB|GB)\b/.exec(text);
  if (!m) return NaN;
  const v = Number(m[1]);
  const scale: Record<string, number> = { ms: 1, s: 1000, B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 };
  return v * scale[m[2]];
}

/** The latest value of one line of a metrics chart, as its accessible label states it. */
async function latest(page: Page, chart: string, line: string): Promise<string> {
  const label = (await page.getAttribute(`[data-testid=${chart}] svg`, 'aria-label')) ?? '';
  const part = label.split(/[.;] /).find((p) => p.trim().startsWith(`${line}:`) || p.includes(`Latest: ${line}:`));
  if (!part) throw new Error(`${chart}: no line "${line}" in "${label}"`);
  return part.slice(part.indexOf(`${line}:`) + line.length + 1).trim();
}

/** The slowest recorded request of a route, opened in the Traces tab: its caption and span rows. */
async function slowestTrace(page: Page, route: string): Promise<{ caption: string; spans: { name: string; kind: string; ms: number }[] }> {
  if (!(await page.$(`#trace-route option[value="${route}"]`))) throw new Error(`no trace of ${route} yet`);
  if ((await page.inputValue('#trace-route')) !== route) await page.selectOption('#trace-route', route);
  await page.click('.trace-list li:first-child button');
  const caption = (await page.textContent('[data-testid=waterfall] figcaption')) ?? '';
  if (!caption.includes(route)) throw new Error(`waterfall shows "${caption}", not ${route}`);
  const spans = await page.$$eval('[data-testid=waterfall] li.span', (lis) =>
    lis.map((li) => ({
      name: li.querySelector('.span-name')?.textContent ?? '',
      kind: [...li.classList].find((c) => c.startsWith('kind-'))?.slice(5) ?? '',
      time: li.querySelector('.span-time')?.textContent ?? '',
    })),
  );
  return { caption, spans: spans.map((s) => ({ name: s.name, kind: s.kind, ms: parseAmount(s.time) })) };
}

/** A flame graph frame whose name contains `method`, with its share of the total. */
async function frameShare(page: Page, method: string): Promise<number> {
  const titles = await page.$$eval('[data-testid=flame-graph] g.frame > title', (ts) => ts.map((t) => t.textContent ?? ''));
  const shares = titles.filter((t) => t.split('\n')[0].includes(method)).map((t) => Number(/\(([\d.]+)\s*%\)/.exec(t)?.[1] ?? 0));
  if (!shares.length) throw new Error(`no ${method} frame among ${titles.length} frames`);
  return Math.max(...shares) / 100;
}

async function threadDump(page: Page): Promise<string[]> {
  await page.click('button:has-text("Take a thread dump")');
  await page.waitForSelector('[data-testid=thread-dump] li');
  // Each thread's line and its frames (the folded <pre>), as a student reads them unfolded.
  return page.$$eval('[data-testid=thread-dump] li', (lis) => lis.map((li) => li.textContent ?? ''));
}

/** Marks the first thread of the dump that `pick` chooses, for the screenshot. */
async function markThread(page: Page, pick: (text: string) => boolean): Promise<void> {
  const texts = await page.$$eval('[data-testid=thread-dump] li', (lis) => lis.map((li) => li.textContent ?? ''));
  const index = texts.findIndex(pick);
  await page.$$eval('[data-testid=thread-dump] li', (lis, i) => lis[i]?.setAttribute('data-shot', ''), index);
}

const CASES: AnomalyCase[] = [
  {
    type: 'latency',
    level: 3,
    routes: PRODUCTS,
    tab: 'traces',
    read: async (page) => {
      const t = await slowestTrace(page, 'GET /api/products/{id}');
      const http = t.spans[0];
      if (!(http.ms >= 500)) throw new Error(`slowest request ${http.ms} ms`);
      // The time is the request's own: the code and SQL spans under it are short.
      const children = t.spans.slice(1).reduce((sum, s) => sum + (s.kind === 'db' ? s.ms : 0), 0);
      if (children > http.ms / 2) throw new Error(`SQL takes ${children} of ${http.ms} ms`);
      return { shows: `slowest GET /api/products/{id} ${http.ms} ms, spent in the request itself`, clip: '[data-testid=waterfall]' };
    },
  },
  {
    type: 'cpu-burn',
    level: 4,
    routes: PRODUCTS,
    tab: 'profile',
    read: async (page) => {
      const share = await frameShare(page, 'RecommendationRanker.rank');
      if (share < 0.2) throw new Error(`RecommendationRanker.rank holds ${share} of the CPU samples`);
      return { shows: `RecommendationRanker.rank holds ${Math.round(share * 100)} % of the CPU samples`, clip: '[data-testid=flame-graph]' };
    },
  },
  {
    type: 'memory-leak',
    level: 3,
    routes: PRODUCTS,
    tab: 'dumps',
    read: async (page) => {
      await page.click('button:has-text("Take a heap histogram")');
      await page.waitForSelector('[data-testid=heap-histogram] tbody tr');
      const rows = await page.$$eval('[data-testid=heap-histogram] tbody tr', (trs) => trs.map((tr) => tr.textContent ?? ''));
      const top = parseAmount((await page.textContent('[data-testid=heap-histogram] tbody tr:first-child td:last-child')) ?? '');
      if (!rows[0].includes('byte[]') || !(top > 48 * 1024 ** 2)) throw new Error(`top class ${rows[0]}`);
      const heap = await page.request.get(`${baseUrl}/api/stats/signals/metrics?window=300`).then((r) => r.json());
      const floors = (heap.samples as { heap: { afterGc: number | null } }[]).map((x) => x.heap.afterGc).filter((v): v is number => v !== null);
      return { shows: `byte[] tops the live heap after a full GC (${rows[0].replace(/\s+/g, ' ').trim()}); heap floor after GC ${Math.round(floors[0] / 2 ** 20)} → ${Math.round(floors[floors.length - 1] / 2 ** 20)} MB`, clip: '[data-testid=heap-histogram]' };
    },
  },
  {
    type: 'gc-pressure',
    level: 3,
    routes: PRODUCTS,
    tab: 'profile',
    read: async (page) => {
      if ((await page.getAttribute('button:has-text("Allocations")', 'aria-pressed')) !== 'true') await page.click('button:has-text("Allocations")');
      await page.waitForSelector('[data-testid=flame-graph] rect.f-alloc');
      const share = await frameShare(page, 'SearchIndexer.rebuild');
      if (share < 0.5) throw new Error(`SearchIndexer.rebuild allocates ${share} of the bytes`);
      return { shows: `SearchIndexer.rebuild allocates ${Math.round(share * 100)} % of the bytes`, clip: '[data-testid=flame-graph]' };
    },
  },
  {
    type: 'slow-query',
    level: 5,
    routes: PRODUCTS,
    tab: 'traces',
    read: async (page) => {
      const t = await slowestTrace(page, 'GET /api/products/{id}');
      const db = t.spans.filter((s) => s.kind === 'db').sort((a, b) => b.ms - a.ms)[0];
      if (!db || !(db.ms >= t.spans[0].ms / 2)) throw new Error(`slowest SQL ${db?.ms} ms of ${t.spans[0].ms} ms`);
      return { shows: `one SQL statement takes ${db.ms} ms of the ${t.spans[0].ms} ms request (${db.name.trim()})`, clip: '[data-testid=waterfall]' };
    },
  },
  {
    type: 'pool-exhaustion',
    level: 5,
    routes: PRODUCTS,
    tab: 'metrics',
    workers: 12,
    read: async (page) => {
      const waiting = Number(await latest(page, 'chart-pool', 'Waiting for one'));
      const acquire = parseAmount(await latest(page, 'chart-acquire', 'Mean time to get a connection'));
      if (!(waiting > 0) && !(acquire >= 100)) throw new Error(`pool: ${waiting} waiting, mean acquire ${acquire} ms`);
      return { shows: `${waiting} requests waiting for a connection, mean acquire ${acquire} ms`, clip: '[data-testid=chart-pool]' };
    },
  },
  {
    type: 'thread-starvation',
    level: 5,
    routes: PRODUCTS,
    tab: 'dumps',
    workers: 6,
    read: async (page) => {
      const threads = await threadDump(page);
      const stuck = threads.filter((t) => /waiting|blocked/i.test(t) && t.includes('InvoiceRenderer.render') && t.includes('http'));
      if (stuck.length < 3) throw new Error(`${stuck.length} request threads waiting in InvoiceRenderer.render; request threads: ${threads.filter((t) => t.includes('exec')).slice(0, 3).join(' | ').slice(0, 1500)}`);
      await markThread(page, (t) => /waiting/i.test(t) && t.includes('InvoiceRenderer.render') && t.includes('http'));
      return { shows: `${stuck.length} request threads waiting for the lock in InvoiceRenderer.render`, clip: '[data-shot]' };
    },
  },
  {
    type: 'slow-dependency',
    level: 3,
    routes: ['/api/orders', '/api/orders/**'],
    tab: 'traces',
    request: checkout,
    read: async (page) => {
      const t = await slowestTrace(page, 'POST /api/orders');
      const gateway = t.spans.find((s) => s.name.includes('SimulatedPaymentGateway.authorise'));
      if (!gateway || !(gateway.ms >= 900)) throw new Error(`gateway span ${gateway?.ms} ms in ${t.spans.map((s) => s.name).join(', ')}`);
      return { shows: `SimulatedPaymentGateway.authorise takes ${gateway.ms} ms of POST /api/orders`, clip: '[data-testid=waterfall]' };
    },
  },
  {
    type: 'db-latency',
    level: 3,
    routes: PRODUCTS,
    tab: 'metrics',
    read: async (page) => {
      const mean = parseAmount(await latest(page, 'chart-sql', 'Mean'));
      if (!(mean >= 80)) throw new Error(`mean SQL statement ${mean} ms`);
      return { shows: `mean SQL statement time ${mean} ms`, clip: '[data-testid=chart-sql]' };
    },
  },
  {
    type: 'db-outage',
    level: 3,
    routes: PRODUCTS,
    tab: 'logs',
    read: async (page) => {
      if ((await page.inputValue('#log-level')) !== 'ERROR') await page.selectOption('#log-level', 'ERROR');
      const rows = await page.$$eval('[data-testid=log-table] tbody tr', (trs) => trs.map((tr) => tr.textContent ?? ''));
      const failed = rows.filter((r) => /connection|database|JDBC|SQL/i.test(r));
      if (!failed.length) throw new Error(`${rows.length} ERROR lines, none about the database`);
      return { shows: `${failed.length} ERROR lines about the database connection`, clip: '[data-testid=log-table]' };
    },
  },
  {
    type: 'log-flood',
    level: 3,
    routes: PRODUCTS,
    tab: 'logs',
    read: async (page) => {
      if ((await page.inputValue('#log-level')) !== 'WARN') await page.selectOption('#log-level', 'WARN');
      const rows = await page.$$eval('[data-testid=log-table] tbody tr', (trs) => trs.map((tr) => tr.textContent ?? ''));
      const same = new Map<string, number>();
      for (const r of rows) same.set(r.replace(/\d+/g, '#').slice(-80), (same.get(r.replace(/\d+/g, '#').slice(-80)) ?? 0) + 1);
      const most = Math.max(0, ...same.values());
      if (most < 50) throw new Error(`${rows.length} WARN lines, at most ${most} alike`);
      return { shows: `${rows.length} WARN lines in the tail, ${most} of them alike`, clip: '[data-testid=log-table]' };
    },
  },
  {
    type: 'thread-leak',
    level: 3,
    routes: PRODUCTS,
    tab: 'dumps',
    read: async (page) => {
      const threads = await threadDump(page);
      const leaked = threads.filter((t) => t.includes('ShipmentNotifier.notifyCarrier'));
      if (leaked.length < 20) throw new Error(`${leaked.length} threads in ShipmentNotifier.notifyCarrier`);
      const name = /^\s*(\S+)/.exec(leaked[0])?.[1];
      await markThread(page, (t) => t.includes('ShipmentNotifier.notifyCarrier'));
      return { shows: `${leaked.length} threads (${name}, …) parked in ShipmentNotifier.notifyCarrier, and counting`, clip: '[data-shot]' };
    },
  },
  {
    type: 'clock-skew',
    level: 4,
    routes: ['/api/orders', '/api/orders/**', ...PRODUCTS],
    tab: 'logs',
    request: checkout,
    read: async (page) => {
      // The application clock stamps the order (and tokens); the log line's own time is the real one.
      if ((await page.inputValue('#log-text')) !== 'placed at') await page.fill('#log-text', 'placed at');
      const rows = await page.$$eval('[data-testid=log-table] tbody tr', (trs) => trs.map((tr) => tr.textContent ?? ''));
      const stamps = rows.map((r) => /placed at (\S+Z)/.exec(r)?.[1]).filter((x): x is string => !!x);
      if (!stamps.length) throw new Error(`no "placed at" line among ${rows.length} log lines`);
      const off = (Date.parse(stamps[0]) - Date.now()) / 60000;
      if (!(off > 50)) throw new Error(`the newest order is stamped ${stamps[0]}, ${off.toFixed(1)} min from now`);
      return { shows: `orders are stamped about ${Math.round(off)} min ahead of the log lines that record them (${stamps[0]})`, clip: '[data-testid=log-table]' };
    },
  },
];

describe.skipIf(!chromiumPresent)('student page: each performance and infrastructure anomaly has a symptom', () => {
  let s: Session;
  let available = false;
  const readings: Record<string, string> = {};
  beforeAll(async () => {
    available =
      (await routeExists(baseUrl, 'GET', '/api/stats/signals/metrics')) &&
      (await routeExists(baseUrl, 'GET', '/api/admin/chaos/catalog', { 'X-Admin-Token': adminToken }));
    if (!available) pending('signals and chaos APIs');
    s = await launch();
    mkdirSync(IMG, { recursive: true });
  });
  afterEach(async () => {
    if (available) await fetch(`${baseUrl}/api/admin/chaos/halt`, { method: 'POST', headers: admin });
  });
  afterAll(async () => {
    console.log('signals, anomaly by anomaly:\n' + Object.entries(readings).map(([t, r]) => `  ${t}: ${r}`).join('\n'));
    await s?.close();
  });

  it('covers every performance and infrastructure type the server plays', async (ctx) => {
    if (!available) return ctx.skip();
    const catalog = (await (await fetch(`${baseUrl}/api/admin/chaos/catalog`, { headers: admin })).json()) as { type: string; family: string }[];
    const served = catalog.filter((t) => /^(performance|infrastructure)$/i.test(t.family) && !t.type.startsWith('container-')).map((t) => t.type);
    expect(served.length).toBeGreaterThan(10);
    expect(CASES.map((c) => c.type).sort()).toEqual([...new Set(served)].sort());
  });

  for (const c of CASES) {
    it(`${c.type}: the ${c.tab} tab shows it`, async (ctx) => {
      if (!available) return ctx.skip();
      const page = await s.context.newPage();
      const errors = watchConsole(page);
      await page.goto(`${baseUrl}/student/metrics`);
      await page.click(`#signals-tab-${c.tab}`);
      await page.waitForSelector(`[data-testid=signals-${c.tab}]`);
      const r = await fetch(`${baseUrl}/api/admin/chaos/${c.type}`, { method: 'PUT', headers: admin, body: JSON.stringify({ level: c.level, ttl: '10m', routes: c.routes }) });
      expect(r.status, await r.text()).toBeLessThan(300);
      const traffic = backgroundTraffic(c.request, c.workers);
      let reading: Reading;
      try {
        reading = await eventually(() => c.read(page), 120);
      } finally {
        await traffic.stop();
      }
      readings[c.type] = reading.shows;
      // The panel only, at most 520 px of it (the top of a long list tells the story), below the
      // page's sticky header; a thread's folded frames are opened first.
      const panel = page.locator(reading.clip).first();
      await panel.evaluate((el) => {
        if (el.matches('li')) el.querySelectorAll('details').forEach((d) => (d.open = true));
        el.scrollIntoView({ block: 'start' });
        window.scrollBy(0, -64);
      });
      const box = await panel.boundingBox();
      if (!box) throw new Error(`${reading.clip} is not visible`);
      const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
      await page.screenshot({ path: join(IMG, `signals-${c.type}.png`), clip: { x: box.x, y: Math.max(0, box.y), width: box.width, height: Math.min(box.height, 520, viewport.height - Math.max(0, box.y)) } });
      const text = (await page.textContent('section.signals')) ?? '';
      expect(text).not.toMatch(CHAOS_WORDS);
      expect(text).not.toContain(c.type.includes('-') ? c.type : '\u0000');
      expect(errors).toEqual([]);
      await page.close();
    }, 300_000);
  }
});
