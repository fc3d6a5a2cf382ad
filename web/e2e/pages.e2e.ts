/** Every page renders without console errors (CSP included), passes axe, and is photographed. */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromiumPresent, horizontalOverflow, launch, screenshots, seriousA11yViolations, watchConsole, type Session } from './browser';

const baseUrl = inject('baseUrl');
const adminToken = inject('adminToken');

describe.skipIf(!chromiumPresent)('pages', () => {
  let s: Session;
  beforeAll(async () => {
    s = await launch();
  });
  afterAll(async () => {
    await s?.close();
  });

  const pages: { name: string; path: string; ready: string; admin?: boolean }[] = [
    { name: 'shop-catalogue', path: '/shop', ready: '.product-card' },
    { name: 'shop-search', path: '/shop?q=lamp&sort=-price', ready: '.product-card' },
    { name: 'shop-product', path: '/shop/product/1', ready: '#product-title' },
    { name: 'shop-cart', path: '/shop/cart', ready: '#cart-title' },
    { name: 'shop-checkout', path: '/shop/checkout', ready: '#checkout-title' },
    { name: 'shop-account', path: '/shop/account', ready: '#account-title' },
    { name: 'shop-orders', path: '/shop/orders', ready: '#orders-title' },
    { name: 'student-join', path: '/student', ready: '#metrics-title' },
    { name: 'student-metrics', path: '/student/metrics', ready: '[data-testid=route-table]' },
    { name: 'instructor-signin', path: '/instructor', ready: '#admin-token' },
    { name: 'instructor-console', path: '/instructor', ready: '#catalog-title', admin: true },
    { name: 'instructor-class', path: '/instructor/class', ready: '#console-title', admin: true },
    { name: 'admin-signin', path: '/admin', ready: '#admin-token' },
    { name: 'admin', path: '/admin', ready: '#sessions-title', admin: true },
    { name: 'not-found', path: '/shop/nowhere/at/all', ready: 'h1' },
  ];

  for (const p of pages) {
    it(`${p.name}: renders, has no serious accessibility violation, is photographed`, async () => {
      const page = await s.context.newPage();
      const errors = watchConsole(page);
      const response = await page.goto(baseUrl + p.path);
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
      if (p.admin) {
        await page.fill('#admin-token', adminToken);
        await page.click('button[type=submit]');
      }
      await page.waitForSelector(p.ready, { timeout: 15000 });
      await page.waitForLoadState('networkidle').catch(() => undefined);
      await screenshots(page, p.name);
      expect(await horizontalOverflow(page), 'no sideways page scroll at 390 px').toEqual([]);
      const violations = await seriousA11yViolations(page);
      expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
      // Only failed API calls of features not on this build may log errors (404/402 answers).
      expect(errors.filter((e) => !/status of (404|402|401|405)/.test(e))).toEqual([]);
      await page.close();
    });
  }

  it('keeps the admin token out of every storage of the tab', async () => {
    const page = await s.context.newPage();
    await page.goto(`${baseUrl}/admin`);
    await page.fill('#admin-token', adminToken);
    await page.click('button[type=submit]');
    await page.waitForSelector('#sessions-title');
    const stored = await page.evaluate(() => JSON.stringify({ l: { ...localStorage }, s: { ...sessionStorage }, c: document.cookie }));
    expect(stored).not.toContain(adminToken);
    // A reload forgets it: the sign-in form is back.
    await page.reload();
    await page.waitForSelector('#admin-token');
    await page.close();
  });

  it('navigates the catalogue: search, category filter, sort and pagination are reflected in the URL', async () => {
    const page = await s.context.newPage();
    await page.goto(`${baseUrl}/shop`);
    await page.waitForSelector('.product-card');
    await page.click('text=Next');
    await page.waitForURL(/page=1/);
    await expect.poll(() => page.textContent('.pager span')).toContain('Page 2 of');
    const category = await page.$eval('#category option:nth-child(2)', (o) => (o as HTMLOptionElement).value);
    await page.selectOption('#category', category);
    await page.waitForURL(new RegExp(`category=${category}`));
    await page.selectOption('#sort', '-price');
    await page.waitForURL(/sort=-price/);
    const prices = () => page.$$eval('.product-card .price', (els) => els.map((e) => Number((e.textContent ?? '').replace(/[^0-9.]/g, ''))));
    // the listing is replaced once the new page of results arrives
    await expect.poll(async () => {
      const p = await prices();
      return p.length > 1 && p.every((v, i) => i === 0 || p[i - 1] >= v);
    }).toBe(true);
    await page.fill('#search', 'zzzz-no-such-product');
    await page.press('#search', 'Enter');
    await page.waitForSelector('text=No product matches');
    // Back button restores the previous listing (history routing).
    await page.goBack();
    await page.waitForSelector('.product-card');
    await page.close();
  });

  it('renders a hostile review as text, never as markup', async () => {
    const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    const r = await fetch(`${baseUrl}/api/products/2/reviews`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ author: '<b>mallory</b>', rating: 1, body: payload }),
    });
    expect(r.status).toBe(201);
    const page = await s.context.newPage();
    await page.goto(`${baseUrl}/shop/product/2`);
    await page.waitForSelector('.review-body');
    expect(await page.textContent('.review-list')).toContain(payload);
    expect(await page.$('.review-list img')).toBeNull();
    expect(await page.$('.review-list b')).toBeNull();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.close();
  });

  it('shows a problem title and detail for an unknown product', async () => {
    const page = await s.context.newPage();
    await page.goto(`${baseUrl}/shop/product/99999999`);
    const alert = await page.waitForSelector('.problem');
    expect(await alert.textContent()).toContain('99999999');
    await screenshots(page, 'shop-product-not-found');
    await page.close();
  });
});
