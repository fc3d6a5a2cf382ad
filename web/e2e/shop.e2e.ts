/** A customer registers, buys a product and finds the order in the history, in a real browser. */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromiumPresent, launch, pending, routeExists, screenshots, seriousA11yViolations, watchConsole, type Session } from './browser';

const baseUrl = inject('baseUrl');
const adminToken = inject('adminToken');

describe.skipIf(!chromiumPresent)('a customer buys a product', () => {
  let s: Session;
  let available = false;
  beforeAll(async () => {
    available = (await routeExists(baseUrl, 'GET', '/api/cart')) && (await routeExists(baseUrl, 'GET', '/api/orders'));
    if (!available) pending('cart and orders API (branch shop)');
    s = await launch();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('registers, adds two units to the cart, checks out with an idempotency key and sees the order', async (ctx) => {
    if (!available) return ctx.skip();
    const page = await s.context.newPage();
    const errors = watchConsole(page);
    const apiCalls: { method: string; url: string; headers: Record<string, string> }[] = [];
    page.on('request', (r) => {
      // the client's calls (images are plain <img> requests of the browser)
      if (new URL(r.url()).pathname.startsWith('/api/') && ['fetch', 'xhr'].includes(r.resourceType())) apiCalls.push({ method: r.method(), url: r.url(), headers: r.headers() });
    });

    const email = `buyer-${Date.now()}@example.test`;
    await page.goto(`${baseUrl}/shop/account`);
    await page.click('text=Create an account');
    await page.fill('#email', email);
    await page.fill('#name', 'Ada Buyer');
    await page.fill('#password', 'correct horse battery');
    await page.click('button[type=submit]');
    await page.waitForSelector('text=Signed in as');

    await page.goto(`${baseUrl}/shop/product/3`);
    await page.waitForSelector('#product-title');
    const stockBefore = (await (await fetch(`${baseUrl}/api/products/3`)).json()).stock as number;
    await page.fill('#quantity', '2');
    await page.click('text=Add to cart');
    await page.waitForSelector('.notice.ok');
    expect(await page.textContent('[data-testid=cart-count]')).toBe('2');

    await page.click('a[href="/shop/cart"]');
    await page.waitForSelector('[data-testid=cart-total]');
    const total = await page.textContent('[data-testid=cart-total]');
    await screenshots(page, 'shop-cart-filled');

    await page.click('a.button:has-text("Checkout")');
    await page.waitForSelector('#shippingAddress-name');
    await page.fill('#shippingAddress-name', 'Ada Buyer');
    await page.fill('#shippingAddress-line1', '1 Rue de la Loi');
    await page.fill('#shippingAddress-city', 'Bruxelles');
    await page.fill('#shippingAddress-postalCode', '1000');
    await page.fill('#payment-cardNumber', '4242 4242 4242 4242');
    await page.fill('#payment-expiry', '12/30');
    await page.fill('#payment-cvc', '123');
    await screenshots(page, 'shop-checkout-filled');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.click('button[type=submit]');
    const confirmation = await page.waitForSelector('[data-testid=order-confirmation]');
    expect(await confirmation.textContent()).toContain(total ?? 'no total');
    await screenshots(page, 'shop-order-confirmed');

    const checkout = apiCalls.find((c) => c.method === 'POST' && c.url.endsWith('/api/orders'));
    expect(checkout?.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    for (const c of apiCalls) expect(c.headers['x-request-id'], c.url).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4/);
    expect(new Set(apiCalls.map((c) => c.headers['x-request-id'])).size).toBe(apiCalls.length);

    const stockAfter = (await (await fetch(`${baseUrl}/api/products/3`)).json()).stock as number;
    expect(stockAfter).toBe(stockBefore - 2);

    await page.click('text=See your orders');
    await page.waitForSelector('.order-list');
    expect(await page.textContent('.order-list')).toContain('2 ×');
    await screenshots(page, 'shop-orders-filled');
    // only the 401 of /api/auth/me before signing in may be logged by the browser
    expect(errors.filter((e) => !e.includes('status of 401'))).toEqual([]);
    await page.close();
  });

  it('shows the problem when checkout is refused (bad checksum, then a declined expired card) and succeeds once corrected', async (ctx) => {
    if (!available) return ctx.skip();
    const page = await s.context.newPage();
    await page.goto(`${baseUrl}/shop/product/4`);
    await page.waitForSelector('#product-title');
    await page.click('text=Add to cart');
    await page.waitForSelector('.notice.ok');
    await page.goto(`${baseUrl}/shop/checkout`);
    await page.waitForSelector('#shippingAddress-name');
    if (await page.$('#checkout-email')) await page.fill('#checkout-email', 'guest@example.test');
    await page.fill('#shippingAddress-name', 'Guest');
    await page.fill('#shippingAddress-line1', '2 Main Street');
    await page.fill('#shippingAddress-city', 'Liège');
    await page.fill('#shippingAddress-postalCode', '4000');
    await page.fill('#payment-cardNumber', '4242424242424241');
    await page.fill('#payment-expiry', '12/30');
    await page.fill('#payment-cvc', '123');
    await page.click('button[type=submit]');
    const problem = await page.waitForSelector('.problem');
    expect(await problem.textContent()).toContain('checksum');
    await screenshots(page, 'shop-checkout-problem');
    expect(await page.$('[data-testid=order-confirmation]')).toBeNull();
    // a declined payment is remembered by the server under its Idempotency-Key: the corrected
    // form must be a new attempt with a new key, or the shop would refuse it
    await page.fill('#payment-cardNumber', '4242424242424242');
    await page.fill('#payment-expiry', '01/20');
    await page.click('button[type=submit]');
    await page.waitForSelector('.problem:has-text("declined")');
    await page.fill('#payment-expiry', '12/30');
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=order-confirmation]');
    await page.close();
  });

  it('the admin resets the shop data from the Admin page: stock is back to its seeded value', async (ctx) => {
    if (!available) return ctx.skip();
    type Item = { id: number; sku: string; stock: number };
    const listing = (await (await fetch(`${baseUrl}/api/products?size=50&sort=newest`)).json()) as { items: Item[] };
    const product = listing.items.find((p) => p.stock >= 2);
    if (!product) throw new Error('no product in stock in the seed');
    // by SKU: a reset may re-seed the catalogue under new ids
    const stockOf = async () => {
      const found = (await (await fetch(`${baseUrl}/api/products?q=${encodeURIComponent(product.sku)}&size=100`)).json()) as { items: Item[] };
      return found.items.find((p) => p.sku === product.sku)?.stock;
    };
    const seeded = await stockOf();
    await guestPurchase(product.id);
    expect(await stockOf()).toBe((seeded ?? 0) - 1);
    const page = await s.context.newPage();
    await page.goto(`${baseUrl}/admin`);
    await page.fill('#admin-token', adminToken);
    await page.click('button[type=submit]');
    await page.waitForSelector('#data-title');
    await page.check('text=I understand that carts and orders are deleted');
    await page.click('button:has-text("Reset shop data")');
    await page.waitForSelector('text=Shop data reset.');
    expect(await stockOf()).toBe(seeded);
    await page.close();
  });
});

/** One guest purchase through the API (the reset test needs something to undo). */
async function guestPurchase(productId: number): Promise<void> {
  const add = await fetch(`${baseUrl}/api/cart/items`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ productId, quantity: 1 }) });
  expect(add.status).toBe(200);
  const cookie = (add.headers.get('set-cookie') ?? '').split(';')[0];
  const order = await fetch(`${baseUrl}/api/orders`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie, 'Idempotency-Key': crypto.randomUUID() },
    body: JSON.stringify({
      email: 'reset@example.test',
      shippingAddress: { name: 'Reset', line1: '1 Way', city: 'Namur', postalCode: '5000', country: 'BE' },
      payment: { cardNumber: '4242424242424242', expiry: '12/30', cvc: '123' },
    }),
  });
  expect(order.status).toBe(201);
}
