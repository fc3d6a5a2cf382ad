import { describe, expect, it } from 'vitest';
import { ApiError, Correlation, HttpClient, refreshPathFor, toProblem, uuidV4 } from './http';

type Call = { url: string; init: RequestInit };
function fakeFetch(answers: Response[]) {
  const calls: Call[] = [];
  const impl = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const next = answers.shift();
    if (!next) throw new Error('no more answers');
    return next;
  }) as unknown as typeof fetch;
  return { calls, impl };
}
const headersOf = (c: Call) => c.init.headers as Record<string, string>;
const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

describe('toProblem', () => {
  it('keeps a problem+json body with its extensions', () => {
    const p = toProblem(402, '', JSON.stringify({ type: 'https://perfshop.dev/problems/license', title: 'Licence required', status: 402, detail: 'no licence installed', reason: 'missing' }), 'application/problem+json');
    expect(p).toMatchObject({ title: 'Licence required', status: 402, detail: 'no licence installed', reason: 'missing' });
  });

  it('gives an honest title and detail for an HTML error page', () => {
    const p = toProblem(502, 'Bad Gateway', '<html><body><h1>502 Bad Gateway</h1></body></html>', 'text/html');
    expect(p.title).toBe('Bad gateway');
    expect(p.status).toBe(502);
    expect(p.detail).toContain('502 Bad Gateway');
    expect(p.detail).not.toContain('<h1>');
  });

  it('survives a corrupted JSON body and a JSON body without a title', () => {
    expect(toProblem(500, '', '{"title": "Inter', 'application/json').title).toBe('Server error');
    expect(toProblem(418, "I'm a teapot", '{"detail":"short and stout"}', 'application/json')).toMatchObject({ title: "I'm a teapot", status: 418, detail: 'short and stout' });
    expect(toProblem(503, '', '', null)).toMatchObject({ title: 'Service unavailable', detail: undefined });
  });
});

describe('uuidV4', () => {
  it('sets the version and variant bits of RFC 9562', () => {
    const allOnes = uuidV4((b) => b.fill(0xff));
    expect(allOnes).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    const zeros = uuidV4((b) => b.fill(0));
    expect(zeros).toBe('00000000-0000-4000-8000-000000000000');
  });

  it('differs between calls', () => {
    const ids = new Set(Array.from({ length: 200 }, () => uuidV4()));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('Correlation', () => {
  it('echoes reusable tokens on every request and spends the action token once, on an unsafe one', () => {
    const c = new Correlation();
    c.capture(new Headers({ 'X-CSRF-Token': 'c1', 'X-Session-Token': 's1', 'X-Action-Token': 'a1' }));
    expect(c.headersFor('GET')).toEqual({ 'X-CSRF-Token': 'c1', 'X-Session-Token': 's1' });
    expect(c.headersFor('POST')).toEqual({ 'X-CSRF-Token': 'c1', 'X-Session-Token': 's1', 'X-Action-Token': 'a1' });
    expect(c.headersFor('DELETE')).toEqual({ 'X-CSRF-Token': 'c1', 'X-Session-Token': 's1' });
  });

  it('keeps the newest token of each kind', () => {
    const c = new Correlation();
    c.capture(new Headers({ 'X-Step-Token': '1' }));
    c.capture(new Headers({ 'X-Step-Token': '2', 'X-Unrelated': 'x' }));
    expect(c.headersFor('GET')).toEqual({ 'X-Step-Token': '2' });
    expect(c.renewed({ 'X-Step-Token': '2' }, new Headers({ 'X-Step-Token': '2' }))).toBe(false);
    expect(c.renewed({ 'X-Step-Token': '2' }, new Headers({ 'X-Step-Token': '3' }))).toBe(true);
  });
});

describe('HttpClient', () => {
  it('sends a fresh X-Request-ID on every call and echoes the tokens the previous response carried', async () => {
    const f = fakeFetch([json({ a: 1 }, 200, { 'X-Session-Token': 'tok-1', 'X-Step-Token': '7' }), json({ b: 2 }, 200, { 'X-Session-Token': 'tok-2' })]);
    const client = new HttpClient('', f.impl);
    expect(await client.request('/api/one')).toEqual({ a: 1 });
    expect(await client.request('/api/two', { method: 'POST', body: { x: 1 } })).toEqual({ b: 2 });
    const [first, second] = f.calls.map(headersOf);
    expect(first['X-Request-ID']).not.toBe(second['X-Request-ID']);
    expect(first['X-Session-Token']).toBeUndefined();
    expect(second).toMatchObject({ 'X-Session-Token': 'tok-1', 'X-Step-Token': '7', 'Content-Type': 'application/json' });
    expect(f.calls[1].init.body).toBe('{"x":1}');
    expect(client.correlation.headersFor('GET')['X-Session-Token']).toBe('tok-2');
  });

  it('marks every call as the web pages\' own (a clicked checkout does not count for a doing enigma)', async () => {
    const f = fakeFetch([json({}), json({})]);
    const client = new HttpClient('', f.impl, (): Record<string, string> => ({ 'X-Agent-Code': 'ABCD-1234' }));
    await client.request('/api/products');
    await client.request('/api/orders', { method: 'POST', body: {} });
    expect(headersOf(f.calls[0])['X-Perfshop-Client']).toBe('web');
    expect(headersOf(f.calls[1])['X-Perfshop-Client']).toBe('web');
  });

  it('names the browsing agent on every call, so agent-scoped chaos reaches that student', async () => {
    const f = fakeFetch([json({}), json({})]);
    let agent: string | null = null;
    const client = new HttpClient('', f.impl, (): Record<string, string> => (agent ? { 'X-Agent-Code': agent } : {}));
    await client.request('/api/products');
    agent = 'ABCD-1234';
    await client.request('/api/cart');
    expect(headersOf(f.calls[0])['X-Agent-Code']).toBeUndefined();
    expect(headersOf(f.calls[1])['X-Agent-Code']).toBe('ABCD-1234');
  });

  it('throws an ApiError with the problem and tells listeners (the licence banner listens for 402)', async () => {
    const f = fakeFetch([json({ title: 'Licence required', status: 402, detail: 'no licence', reason: 'missing' }, 402)]);
    const client = new HttpClient('', f.impl);
    const seen: number[] = [];
    client.onResponse((e) => seen.push(e.status));
    const error = await client.request('/api/products').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).problem).toMatchObject({ status: 402, reason: 'missing' });
    expect(seen).toEqual([402]);
  });

  it('retries once when a refused request was answered with a fresh token, then gives up', async () => {
    const refuse = (token: string) => json({ title: 'Forbidden', status: 403, detail: 'stale CSRF token' }, 403, { 'X-CSRF-Token': token });
    const f = fakeFetch([refuse('new-1'), json({ ok: true }), refuse('new-2'), refuse('new-3')]);
    const client = new HttpClient('', f.impl);
    expect(await client.request('/api/cart/items', { method: 'POST', body: {} })).toEqual({ ok: true });
    expect(headersOf(f.calls[1])['X-CSRF-Token']).toBe('new-1');
    await expect(client.request('/api/cart/items', { method: 'POST', body: {} })).rejects.toThrow('stale CSRF token');
    expect(f.calls).toHaveLength(4);
  });

  it('does not retry a conflict that is not about a token, even when tokens rotate', async () => {
    const f = fakeFetch([json({ type: 'https://perfshop.dev/problems/out-of-stock', title: 'Out of stock', status: 409 }, 409, { 'X-Session-Token': 'new' }), json({})]);
    const client = new HttpClient('', f.impl);
    await expect(client.request('/api/orders', { method: 'POST' })).rejects.toThrow('Out of stock');
    expect(f.calls).toHaveLength(1);
  });

  it('retries a replayed single-use token once with the fresh one', async () => {
    const f = fakeFetch([
      json({ type: 'https://perfshop.dev/problems/token-replayed', title: 'Token already used', status: 409 }, 409, { 'X-Action-Token': 'fresh' }),
      json({ ok: 1 }),
    ]);
    const client = new HttpClient('', f.impl);
    expect(await client.request('/api/cart/items', { method: 'POST', body: {} })).toEqual({ ok: 1 });
    expect(headersOf(f.calls[1])['X-Action-Token']).toBe('fresh');
  });

  it('fetches a fresh action token with the safe request the page would have made, then retries', async () => {
    const f = fakeFetch([
      json({ type: 'https://perfshop.dev/problems/token-missing', title: 'Token required', status: 428 }, 428),
      json({ items: [] }, 200, { 'X-Action-Token': 'act-1' }),
      json({ id: 7 }, 201),
    ]);
    const client = new HttpClient('', f.impl);
    expect(await client.request('/api/orders', { method: 'POST', body: {} })).toEqual({ id: 7 });
    expect(f.calls.map((c) => `${c.init.method} ${c.url}`)).toEqual(['POST /api/orders', 'GET /api/cart', 'POST /api/orders']);
    expect(headersOf(f.calls[2])['X-Action-Token']).toBe('act-1');
    expect(refreshPathFor('/api/cart/items/3')).toBe('/api/cart');
    expect(refreshPathFor('/api/products/3/reviews')).toBe('/api/products/3/reviews');
  });

  it('lets parallel first calls recover one after the other under a single-use session token', async () => {
    // a server with a rotating single-use token: only the current one is accepted, every answer hands out the next
    let n = 0;
    let current = '';
    const impl = (async (_url: string, init: RequestInit) => {
      await new Promise((r) => setTimeout(r, 2));
      const presented = (init.headers as Record<string, string>)['X-Session-Token'];
      const ok = presented !== undefined && presented === current;
      current = `t${++n}`;
      const headers = { 'X-Session-Token': current };
      if (ok) return json({ ok: true }, 200, headers);
      const type = presented ? 'token-replayed' : 'token-missing';
      return json({ type: `https://perfshop.dev/problems/${type}`, title: type, status: presented ? 409 : 428 }, presented ? 409 : 428, headers);
    }) as unknown as typeof fetch;
    const client = new HttpClient('', impl);
    const answers = await Promise.all([client.request('/api/products'), client.request('/api/categories'), client.request('/api/cart')]);
    expect(answers).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
  });

  it('does not retry a refusal that brought no new token', async () => {
    const f = fakeFetch([json({ title: 'Conflict', status: 409 }, 409), json({})]);
    const client = new HttpClient('', f.impl);
    await expect(client.request('/api/orders', { method: 'POST' })).rejects.toBeInstanceOf(ApiError);
    expect(f.calls).toHaveLength(1);
  });

  it('serialises requests while tokens are in play, so step tokens arrive in order', async () => {
    let step = 0;
    const order: string[] = [];
    const impl = (async (url: string, init: RequestInit) => {
      order.push(`${url}:${(init.headers as Record<string, string>)['X-Step-Token'] ?? '-'}`);
      await new Promise((r) => setTimeout(r, url.endsWith('slow') ? 20 : 1));
      step += 1;
      return json({}, 200, { 'X-Step-Token': String(step) });
    }) as unknown as typeof fetch;
    const client = new HttpClient('', impl);
    await client.request('/api/first');
    await Promise.all([client.request('/api/slow'), client.request('/api/fast')]);
    expect(order).toEqual(['/api/first:-', '/api/slow:1', '/api/fast:2']);
  });

  it('reports an unreachable server as a network problem', async () => {
    const impl = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    const error = await new HttpClient('', impl).request('/api/x').catch((e: unknown) => e);
    expect((error as ApiError).problem).toMatchObject({ title: 'Network error', status: 0 });
  });

  it('sends a raw body with its content type (licence upload)', async () => {
    const f = fakeFetch([new Response(null, { status: 204 })]);
    await new HttpClient('', f.impl).request('/api/admin/license', { method: 'PUT', rawBody: 'LICENCE', contentType: 'text/plain' });
    expect(f.calls[0].init.body).toBe('LICENCE');
    expect(headersOf(f.calls[0])['Content-Type']).toBe('text/plain');
  });
});
