/** Without a licence the pages say so (402); the admin uploads one and the shop comes back. */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromiumPresent, launch, pending, routeExists, screenshots, seriousA11yViolations, type Session } from './browser';

const baseUrl = inject('baseUrl');
const adminToken = inject('adminToken');
const licenceFile = inject('licenceFile');

describe.skipIf(!chromiumPresent)('licence gate', () => {
  let s: Session;
  let available = false;
  beforeAll(async () => {
    available = await routeExists(baseUrl, 'GET', '/api/license/status');
    if (!available) pending('licence gate (branch control)');
    s = await launch();
  });
  afterAll(async () => {
    // leave the server licensed for the other files, whatever happened here
    if (available) await fetch(`${baseUrl}/api/admin/license`, { method: 'PUT', headers: { 'X-Admin-Token': adminToken, 'Content-Type': 'application/json' }, body: licenceFile });
    await s?.close();
  });

  it('shows the 402 page without a licence, and the admin upload makes it disappear', async (ctx) => {
    if (!available) return ctx.skip();
    const removed = await fetch(`${baseUrl}/api/admin/license`, { method: 'DELETE', headers: { 'X-Admin-Token': adminToken } });
    expect(removed.status).toBe(200);

    const page = await s.context.newPage();
    await page.goto(`${baseUrl}/shop`);
    const gate = await page.waitForSelector('[data-testid=licence-gate]');
    expect(await gate.textContent()).toContain('missing');
    // a 402 page, not a catalogue full of errors
    expect(await page.$('#catalogue-title')).toBeNull();
    await screenshots(page, 'licence-402');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await gate.$('a[href="/admin"]').then((a) => a?.click());
    await page.fill('#admin-token', adminToken);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=licence-status]');
    expect(await page.textContent('[data-testid=licence-status]')).toContain('missing');
    await page.setInputFiles('#licence-file', { name: 'licence.json', mimeType: 'application/json', buffer: Buffer.from(licenceFile) });
    await expect.poll(() => page.inputValue('#licence-text')).toBe(licenceFile);
    await page.click('text=Install licence');
    await page.waitForSelector('text=Licence installed.');
    await page.waitForSelector('[data-testid=licence-status] .badge.on');
    await screenshots(page, 'admin-licence-installed');

    await page.click('a[href="/shop"]');
    await page.waitForSelector('.product-card');
    expect(await page.$('[data-testid=licence-gate]')).toBeNull();
    await page.close();
  });

  it('refuses a tampered licence with the problem detail and changes nothing', async (ctx) => {
    if (!available) return ctx.skip();
    const page = await s.context.newPage();
    await page.goto(`${baseUrl}/admin`);
    await page.fill('#admin-token', adminToken);
    await page.click('button[type=submit]');
    const tampered = licenceFile.replace(/"signature":"./, (m) => m.slice(0, -1) + (m.endsWith('A') ? 'B' : 'A'));
    await page.fill('#licence-text', tampered);
    await page.click('text=Install licence');
    const problem = await page.waitForSelector('.problem');
    expect(await problem.textContent()).toMatch(/licence|license/i);
    await page.goto(`${baseUrl}/shop`);
    await page.waitForSelector('.product-card');
    await page.close();
  });
});
