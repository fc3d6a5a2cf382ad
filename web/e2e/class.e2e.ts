/**
 * A whole class: an instructor runs a session from the class console while three students play it
 * in their own browsers. Checks the live board (a solve on the instructor's screen within 1 s), the
 * class actions, time to detect, grades, the projector, the end of the class, the debrief, and
 * that every page fits a 390 px phone and passes axe.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromiumPresent, horizontalOverflow, launch, pending, routeExists, screenshots, seriousA11yViolations, watchConsole, type Session } from './browser';

const baseUrl = inject('baseUrl');
const adminToken = inject('adminToken');
const admin = (path: string, method = 'GET', body?: unknown) =>
  fetch(baseUrl + path, { method, headers: { 'X-Admin-Token': adminToken, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

interface Student {
  name: string;
  context: BrowserContext;
  page: Page;
  code: string;
}

describe.skipIf(!chromiumPresent)('a class', () => {
  let s: Session;
  let available = false;
  const students: Student[] = [];
  beforeAll(async () => {
    available = await routeExists(baseUrl, 'POST', '/api/admin/sessions/not-a-number/scoreboard/freeze', { 'X-Admin-Token': adminToken });
    if (!available) pending('class console API (issue 17)');
    s = await launch();
  });
  afterAll(async () => {
    for (const st of students) await st.context.close();
    await admin('/api/admin/chaos/halt', 'POST');
    await s?.close();
  });

  const axeClean = async (page: Page) => {
    const v = await seriousA11yViolations(page);
    expect(v, JSON.stringify(v, null, 2)).toEqual([]);
  };
  const fits = async (page: Page) => expect(await horizontalOverflow(page), 'no sideways page scroll at 390 px').toEqual([]);

  it('plays a session from the console: live board, class actions, time to detect, grades, projector, end and debrief', async (ctx) => {
    if (!available) return ctx.skip();
    // an older session, closed, so the console has to pick the newest open one
    const older = await (await admin('/api/admin/sessions', 'POST', { name: `Older class ${Date.now()}`, level: 'BAC1' })).json();
    const session = await (await admin('/api/admin/sessions', 'POST', { name: `Perf 101 — group A ${Date.now()}`, level: 'BAC1' })).json();
    expect(older.id).toBeLessThan(session.id);
    const id: number = session.id;
    const base = `/api/admin/sessions/${id}`;
    expect((await admin(`${base}/open`, 'POST')).status).toBe(200);
    for (const enigma of [
      { id: 'slow-route', question: 'Which route became slow?', answer: { type: 'route', route: 'GET /api/products/{id}' }, hints: ['Sort the routes by p95.', 'It takes an id.'], stars: 3, open: true },
      { id: 'p95', question: 'Is the p95 above 500 ms?', answer: { type: 'choice', options: ['yes', 'no'], correct: [0] }, hints: ['Look at the chart.'], stars: 2, open: true },
    ])
      expect((await admin(`${base}/enigmas`, 'POST', enigma)).status).toBe(201);

    // the instructor opens the console: it lands on the newest open session, live
    const instructor = await s.context.newPage();
    const errors = watchConsole(instructor);
    await instructor.goto(`${baseUrl}/instructor/class`);
    await instructor.fill('#admin-token', adminToken);
    await instructor.click('button[type=submit]');
    await instructor.waitForSelector('[data-testid=session-id]');
    expect((await instructor.textContent('[data-testid=session-id]'))?.trim()).toBe(String(id));
    expect(await instructor.textContent('[data-testid=console-join-code]')).toContain(session.joinCode);
    await instructor.waitForSelector('[data-testid=live-state]:has-text("live")');

    // three students join from the projector's link (the code is filled in), one on a phone
    for (const [name, phone] of [
      ['ada', true],
      ['grace', false],
      ['linus', false],
    ] as const) {
      const context = await s.browser.newContext({ viewport: phone ? { width: 390, height: 844 } : { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/student?code=${session.joinCode}`);
      expect(await page.inputValue('#join-code')).toBe(session.joinCode);
      await page.fill('#nickname', name);
      await page.click('button[type=submit]:has-text("Join")');
      const code = ((await (await page.waitForSelector('[data-testid=agent-code]')).textContent()) ?? '').trim();
      students.push({ name, context, page, code });
      await instructor.waitForSelector(`[data-testid=grid-row-${name}]`);
    }
    const [ada, grace, linus] = students;

    // the anomaly starts (by hand, tied to the hand-made enigmas): time to detect runs from here
    expect((await admin('/api/admin/chaos/latency', 'PUT', { level: 2, ttl: '5m', routes: ['/api/products/*'] })).status).toBe(200);

    // a solve is on the instructor's screen within 1 s of the server accepting it (the board
    // follows the SSE stream; its safety-net poll is 15 s, so only the stream can make it)
    const card = (_: Student, key: string) => `[data-testid="enigma-${key}"]`;
    await ada.page.fill(`${card(ada, 'slow-route')} input`, 'GET /api/products/{id}');
    const seen = instructor.waitForSelector('[data-testid="cell-ada-slow-route"].solved', { timeout: 10000 }).then(() => Date.now());
    const answered = ada.page.waitForResponse((r) => r.url().includes('/slow-route/answer')).then(() => Date.now());
    const clicked = Date.now();
    await ada.page.click(`${card(ada, 'slow-route')} button:has-text("Answer")`);
    const [solvedAt, seenAt] = [await answered, await seen];
    console.log(`e2e: solve accepted ${solvedAt - clicked} ms after the click, on the instructor's board ${seenAt - solvedAt} ms later`);
    expect(seenAt - solvedAt).toBeLessThan(1000);

    // a wrong answer and a paid hint show in the grid
    await grace.page.fill(`${card(grace, 'slow-route')} input`, 'GET /api/categories');
    await grace.page.click(`${card(grace, 'slow-route')} button:has-text("Answer")`);
    await instructor.waitForSelector('[data-testid="cell-grace-slow-route"]:has-text("1 wrong")');
    await linus.page.click(`${card(linus, 'p95')} button:has-text("Take a hint")`);
    await linus.page.click(`${card(linus, 'p95')} button:has-text("Yes, take the hint")`); // a paid hint asks first
    await instructor.waitForSelector('[data-testid="cell-linus-p95"]:has-text("1 hint")');

    // release a hint to everyone: grace sees it without paying
    await instructor.click('button:has-text("Release hint 1/2")');
    await grace.page.waitForSelector(`${card(grace, 'slow-route')} .hints li:has-text("Sort the routes by p95.")`, { timeout: 10000 });
    await instructor.waitForSelector('button:has-text("Release hint 2/2")');

    // a broadcast message reaches every student
    await instructor.fill('#broadcast-text', 'Look at the p95 of each route — 5 minutes left');
    await instructor.click('button:has-text("Send to all")');
    await instructor.waitForSelector('[data-testid=current-message]');
    for (const st of students) await st.page.waitForSelector('[data-testid=broadcast]:has-text("5 minutes left")', { timeout: 20000 });

    // the roster: read a lost agent code back, rename a nickname
    await instructor.click('[data-testid=roster-linus] button:has-text("Show code")');
    expect((await (await instructor.waitForSelector('[data-testid=roster-linus] [data-testid=read-back-code]')).textContent())?.trim()).toBe(linus.code);
    await instructor.click('[data-testid=roster-linus] button:has-text("Rename")');
    await instructor.fill('#rename-' + (await studentId(id, 'linus')), 'linus-t');
    await instructor.click('[data-testid=roster-linus] button:has-text("Save")');
    await instructor.waitForSelector('[data-testid=grid-row-linus-t]');

    // grace and linus solve too; time to detect has a median for the class
    await grace.page.fill(`${card(grace, 'slow-route')} input`, 'GET /api/products/7');
    await grace.page.click(`${card(grace, 'slow-route')} button:has-text("Answer")`);
    await linus.page.click(`${card(linus, 'p95')} label:has-text("yes")`);
    await linus.page.click(`${card(linus, 'p95')} button:has-text("Answer")`);
    await instructor.waitForSelector('[data-testid="cell-linus-t-p95"].solved');
    await instructor.waitForSelector('[data-testid=ttd-median-latency]');
    expect(await instructor.textContent('[data-testid=ttd-median-latency]')).toMatch(/\d+(\.\d)? s|min/);
    expect(await instructor.textContent('[data-testid=detections]')).toContain('3 of 3');

    // freeze the scoreboard: a later solve shows on the console, not on the students' board
    await instructor.click('button:has-text("Freeze the scoreboard")');
    await instructor.waitForSelector('[data-testid=frozen]');
    await ada.page.click(`${card(ada, 'p95')} label:has-text("yes")`);
    await ada.page.click(`${card(ada, 'p95')} button:has-text("Answer")`);
    await instructor.waitForSelector('[data-testid="cell-ada-p95"].solved');
    const progress = await (await admin(`${base}/progress`)).json();
    const live = progress.leaderboard.find((r: { nickname: string }) => r.nickname === 'ada');
    const frozen = progress.scoreboard.find((r: { nickname: string }) => r.nickname === 'ada');
    expect(live.stars).toBe(frozen.stars + 2);

    await screenshots(instructor, 'class-console');
    await axeClean(instructor);
    await fits(instructor);

    // grades: the CSV button downloads the Moodle gradebook, one row per student
    const download = instructor.waitForEvent('download');
    await instructor.click('button:has-text("CSV (Moodle)")');
    const csv = readFileSync((await (await download).path()) as string, 'utf8').trim().split('\r\n');
    expect(csv[0]).toBe('nickname,student_id,"slow-route","p95",total,solved,hints_taken,wrong_answers,time_to_detect_s');
    expect(csv).toHaveLength(4);
    expect(csv.find((l) => l.startsWith('"ada"'))).toMatch(/^"ada",\d+,3,2,5,2,0,0,\d+\.\d$/);
    const bom = new Uint8Array(await (await admin(`${base}/export?format=csv&bom=true`)).arrayBuffer());
    expect([...bom.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    // the projector: large join code, a QR code to the student page, timer, scoreboard (frozen)
    await instructor.click('a:has-text("Projector view")');
    await instructor.waitForSelector('[data-testid=projector-code]');
    expect((await instructor.textContent('[data-testid=projector-code]'))?.trim()).toBe(session.joinCode);
    expect(await instructor.getAttribute('svg.qr', 'aria-label')).toContain(`/student?code=${session.joinCode}`);
    await instructor.click('button:has-text("Start")');
    await instructor.waitForFunction(() => /^29:5\d$/.test(document.querySelector('[data-testid=timer]')?.textContent ?? ''), undefined, { timeout: 5000 });
    expect(await instructor.textContent('[data-testid=projector-board]')).toContain('ada');
    await screenshots(instructor, 'class-projector');
    await axeClean(instructor);
    await fits(instructor);
    await instructor.click('a:has-text("Back to the console")');
    await instructor.waitForSelector('[data-testid=session-id]');

    // end of the class: students see a friendly final state, not error boxes
    await instructor.click('button:has-text("End the class")');
    await instructor.waitForSelector('button:has-text("Open the student page")');
    for (const st of students) {
      await st.page.waitForSelector('[data-testid=final-state]', { timeout: 20000 });
      expect(await st.page.$$('.problem')).toHaveLength(0);
    }
    expect(await ada.page.textContent('[data-testid=final-rank]')).toMatch(/Rank \d of 3/);
    await screenshots(ada.page, 'class-student-final');
    await axeClean(ada.page);
    await fits(ada.page);

    // leaving asks first; a mistyped agent code is refused at restore, the right one restores
    await ada.page.click('button:has-text("Leave this session")');
    await ada.page.waitForSelector('[role=alertdialog]:has-text("agent code")');
    await ada.page.click('button:has-text("Stay")');
    await ada.page.waitForSelector('[data-testid=final-state]');
    await ada.page.click('button:has-text("Leave this session")');
    await ada.page.click('button:has-text("Yes, leave")');
    await ada.page.waitForSelector('#agent-code-input');
    const typo = ada.code.slice(0, -1) + (ada.code.endsWith('A') ? 'B' : 'A');
    await ada.page.fill('#agent-code-input', typo);
    await ada.page.click('button:has-text("Restore")');
    expect(await (await ada.page.waitForSelector('.problem')).textContent()).toMatch(/not valid|401/);
    expect(await ada.page.$('[data-testid=final-state]')).toBeNull();
    await ada.page.fill('#agent-code-input', ada.code);
    await ada.page.click('button:has-text("Restore")');
    await ada.page.waitForSelector('[data-testid=final-state]');

    // the debrief: anomaly start, hint released, first detections, leaderboard, time to detect
    await instructor.click('a:has-text("Debrief")');
    await instructor.waitForSelector('[data-testid=timeline]');
    const timeline = (await instructor.textContent('[data-testid=timeline]')) ?? '';
    expect(timeline).toContain('enable latency level 2');
    expect(timeline).toContain('hint 1 of slow-route released to everyone');
    expect(timeline).toContain('slow-route first solved by ada');
    expect(timeline).toContain('student page closed');
    await screenshots(instructor, 'class-debrief');
    await axeClean(instructor);
    await fits(instructor);

    // the chaos console and the admin page fit a phone too, with an anomaly active and a cart filled
    await instructor.click('a[href="/instructor"]');
    await instructor.waitForSelector('[data-testid=active-table]');
    await fits(instructor);
    await instructor.click('a[href="/admin"]');
    await instructor.waitForSelector('#sessions-title');
    await fits(instructor);
    await screenshots(instructor, 'class-admin');
    await admin('/api/admin/chaos/halt', 'POST');
    const shopper = await s.context.newPage();
    await shopper.goto(`${baseUrl}/shop/product/1`);
    await shopper.click('button:has-text("Add to cart")');
    await shopper.waitForFunction(() => document.querySelector('[data-testid=cart-count]')?.textContent !== '0');
    await shopper.goto(`${baseUrl}/shop/cart`);
    await shopper.waitForSelector('button:has-text("Remove")');
    await fits(shopper);
    await screenshots(shopper, 'class-cart');
    await shopper.close();

    expect(errors.filter((e) => !/status of (404|402|401|403|405)/.test(e))).toEqual([]);
  });
});

async function studentId(sessionId: number, nickname: string): Promise<number> {
  const roster = (await (await admin(`/api/admin/sessions/${sessionId}/students`)).json()) as { id: number; nickname: string }[];
  const found = roster.find((r) => r.nickname === nickname);
  if (!found) throw new Error(`no student ${nickname}`);
  return found.id;
}
