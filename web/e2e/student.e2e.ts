/** An instructor opens a class session, a student joins with its code and solves an enigma. */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromiumPresent, launch, pending, routeExists, screenshots, seriousA11yViolations, type Session } from './browser';

const baseUrl = inject('baseUrl');
const adminToken = inject('adminToken');
const admin = (path: string, method = 'GET', body?: unknown) =>
  fetch(baseUrl + path, { method, headers: { 'X-Admin-Token': adminToken, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

describe.skipIf(!chromiumPresent)('student journey', () => {
  let s: Session;
  let available = false;
  beforeAll(async () => {
    available = (await routeExists(baseUrl, 'POST', '/api/student/join')) && (await routeExists(baseUrl, 'GET', '/api/admin/sessions', { 'X-Admin-Token': adminToken }));
    if (!available) pending('pedagogy API (branch pedagogy)');
    s = await launch();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('creates and opens a session on the Admin page; the student joins, takes a hint, answers, and scores', async (ctx) => {
    if (!available) return ctx.skip();
    const name = `E2E class ${Date.now()}`;
    const adminPage = await s.context.newPage();
    await adminPage.goto(`${baseUrl}/admin`);
    await adminPage.fill('#admin-token', adminToken);
    await adminPage.click('button[type=submit]');
    await adminPage.waitForSelector('#session-title');
    await adminPage.fill('#session-title', name);
    await adminPage.selectOption('#session-level', 'BAC2');
    await adminPage.click('text=Create session');
    const row = await adminPage.waitForSelector(`tr:has-text("${name}")`);
    const code = ((await (await row.$('[data-testid=join-code]'))?.textContent()) ?? '').trim();
    expect(code).not.toBe('');
    const sessions = (await (await admin('/api/admin/sessions')).json()) as { id: number; name: string }[];
    const id = sessions.find((x) => x.name === name)?.id;
    expect(id).toBeDefined();
    const enigma = await admin(`/api/admin/sessions/${id}/enigmas`, 'POST', {
      id: 'which-route',
      question: 'Which route became slow?',
      answer: { type: 'route', route: 'GET /api/products/{id}' },
      hints: ['Sort the routes by p95.'],
      stars: 3,
      open: true,
    });
    expect(enigma.status).toBeLessThan(300);

    // closed student page: joining is refused with a problem the student can read
    const studentContext = await s.browser.newContext({ viewport: { width: 390, height: 844 } });
    const student = await studentContext.newPage();
    await student.goto(`${baseUrl}/student`);
    await student.fill('#join-code', code);
    await student.fill('#nickname', 'agent-ada');
    await student.click('button[type=submit]:has-text("Join")');
    expect(await (await student.waitForSelector('.problem')).textContent()).toMatch(/403|closed/i);

    await adminPage.click(`tr:has-text("${name}") button:has-text("Open")`);
    await adminPage.waitForSelector(`tr:has-text("${name}") .badge.on`);
    await screenshots(adminPage, 'admin-session-open');

    await student.click('button[type=submit]:has-text("Join")');
    const agentCode = ((await (await student.waitForSelector('[data-testid=agent-code]')).textContent()) ?? '').trim();
    expect(agentCode.length).toBeGreaterThan(8);
    const card = '[data-testid="enigma-which-route"]';
    await student.waitForSelector(card);
    await student.click(`${card} button:has-text("Take a hint")`);
    // a paid hint asks first
    await student.click(`${card} button:has-text("Yes, take the hint")`);
    await student.waitForSelector(`${card} .hints li`);
    expect(await student.textContent(`${card} .hints`)).toContain('Sort the routes by p95.');
    expect(await student.textContent(`${card} .hints`)).toContain('cost you a star');
    // the answer box never shows an answer as its example
    expect(await student.textContent(`${card} label`)).not.toContain('/api/products');
    await student.fill(`${card} input`, 'GET /api/categories');
    await student.click(`${card} button:has-text("Answer")`);
    await student.waitForSelector(`${card} [data-testid=answer-result].bad`);
    await student.fill(`${card} input`, 'GET /api/products/{id}');
    await student.click(`${card} button:has-text("Answer")`);
    await student.waitForSelector(`${card} .notice.ok:has-text("Solved")`);
    await student.waitForSelector('[data-testid=leaderboard] td:has-text("agent-ada")');
    // a hint and a wrong answer cost stars, the solve still earns some
    await expect.poll(async () => Number(await student.textContent('[data-testid=my-stars]'))).toBeGreaterThan(0);
    await screenshots(student, 'student-solved');
    expect(await seriousA11yViolations(student)).toEqual([]);

    // chaos scoped to this agent reaches this student's shop pages, and nobody else's
    if ((await admin('/api/admin/chaos/catalog')).status === 200) {
      const on = await admin('/api/admin/chaos/latency', 'PUT', { level: 4, ttl: '2m', routes: ['/api/products/*'], agentCode });
      expect(on.status).toBe(200);
      try {
        const t0 = Date.now();
        await student.goto(`${baseUrl}/shop/product/1`);
        await student.waitForSelector('#product-title', { timeout: 20000 });
        expect(Date.now() - t0).toBeGreaterThan(1400);
        const t1 = performance.now();
        await fetch(`${baseUrl}/api/products/1`);
        expect(performance.now() - t1).toBeLessThan(1000);
      } finally {
        await admin('/api/admin/chaos/latency', 'DELETE');
      }
    }

    // the agent code restores the progress in another browser
    const other = await s.browser.newContext();
    const again = await other.newPage();
    await again.goto(`${baseUrl}/student`);
    await again.fill('#agent-code-input', agentCode);
    await again.click('button:has-text("Restore")');
    await again.waitForSelector(`${card} .notice.ok:has-text("Solved")`);
    await other.close();

    // and the instructor's board shows it
    const board = await s.context.newPage();
    await board.goto(`${baseUrl}/admin`);
    await board.close();
    await adminPage.click('a[href="/instructor"]');
    await adminPage.click('a[href="/instructor/class"]');
    await adminPage.waitForSelector('#console-session');
    await adminPage.selectOption('#console-session', String(id));
    await adminPage.waitForSelector('[data-testid=grid-row-agent-ada]');
    await screenshots(adminPage, 'instructor-session-board');
    await studentContext.close();
    await adminPage.close();
  });
});
