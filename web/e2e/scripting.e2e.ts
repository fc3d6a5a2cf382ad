/**
 * The shop front survives the scripting anomalies a real front end survives: it echoes the
 * correlation tokens and sends unique request ids, so a customer can still buy under each of them.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromiumPresent, launch, pending, routeExists, type Session } from './browser';

const baseUrl = inject('baseUrl');
const adminToken = inject('adminToken');
const admin = { 'X-Admin-Token': adminToken, 'Content-Type': 'application/json' };
const TYPES = ['csrf-token', 'session-token', 'step-token', 'action-token', 'request-id'];

describe.skipIf(!chromiumPresent)('shop under scripting anomalies', () => {
  let s: Session;
  let known: string[] = [];
  beforeAll(async () => {
    if (await routeExists(baseUrl, 'GET', '/api/admin/chaos/catalog', { 'X-Admin-Token': adminToken })) {
      const catalog = (await (await fetch(`${baseUrl}/api/admin/chaos/catalog`, { headers: admin })).json()) as { type: string }[];
      known = catalog.map((t) => t.type);
    }
    if (!(await routeExists(baseUrl, 'GET', '/api/cart')) || known.length === 0) pending('scripting anomalies (branches chaos and shop)');
    s = await launch();
  });
  afterAll(async () => {
    if (known.length) await fetch(`${baseUrl}/api/admin/chaos/halt`, { method: 'POST', headers: admin });
    await s?.close();
  });

  for (const level of [3, 5])
  for (const type of TYPES) {
    it(`a guest buys a product while ${type} is active at level ${level}`, async (ctx) => {
      if (!known.includes(type)) return ctx.skip();
      const on = await fetch(`${baseUrl}/api/admin/chaos/${type}`, { method: 'PUT', headers: admin, body: JSON.stringify({ level, ttl: '5m' }) });
      expect(on.status, await on.clone().text()).toBe(200);
      const context = await s.browser.newContext();
      try {
        const page = await context.newPage();
        const sent: Record<string, string>[] = [];
        page.on('request', (r) => {
          if (['fetch', 'xhr'].includes(r.resourceType())) sent.push(r.headers());
        });
        await page.goto(`${baseUrl}/shop`);
        await page.waitForSelector('.product-card');
        await page.click('.product-card:has(.stock:not(.out)) a');
        await page.waitForSelector('#product-title');
        await page.click('button:has-text("Add to cart")');
        await page.waitForSelector('.notice.ok', { timeout: 15000 });
        await page.goto(`${baseUrl}/shop/checkout`);
        await page.waitForSelector('#checkout-email');
        await page.fill('#checkout-email', `${type}@example.test`);
        await page.fill('#shippingAddress-name', 'Script Kiddie');
        await page.fill('#shippingAddress-line1', '3 Token Street');
        await page.fill('#shippingAddress-city', 'Mons');
        await page.fill('#shippingAddress-postalCode', '7000');
        await page.fill('#payment-cardNumber', '4242424242424242');
        await page.fill('#payment-expiry', '12/30');
        await page.fill('#payment-cvc', '123');
        await page.click('button[type=submit]');
        await page.waitForSelector('[data-testid=order-confirmation]', { timeout: 15000 });
        // the anomaly really acted: the front end had to echo the token it was handed
        const header = { 'csrf-token': 'x-csrf-token', 'session-token': 'x-session-token', 'step-token': 'x-step-token', 'action-token': 'x-action-token' }[type];
        if (header) expect(sent.some((h) => h[header])).toBe(true);
      } finally {
        await context.close();
        await fetch(`${baseUrl}/api/admin/chaos/${type}`, { method: 'DELETE', headers: admin });
      }
    });
  }
});
