import { describe, expect, it } from 'vitest';
import { IdempotencyKeys } from './idempotency';

describe('IdempotencyKeys', () => {
  it('re-sends the same key for the same body, a new one for a changed body or after an order', () => {
    let n = 0;
    const keys = new IdempotencyKeys(() => `k${++n}`);
    const body = { email: 'a@b.c', payment: { cardNumber: '4242424242424242' } };
    expect(keys.keyFor(body)).toBe('k1');
    expect(keys.keyFor({ ...body })).toBe('k1');
    expect(keys.keyFor({ ...body, email: 'x@y.z' })).toBe('k2');
    expect(keys.keyFor({ ...body, email: 'x@y.z' })).toBe('k2');
    keys.reset();
    expect(keys.keyFor({ ...body, email: 'x@y.z' })).toBe('k3');
  });

  it('uses random version-4 UUIDs by default', () => {
    const keys = new IdempotencyKeys();
    expect(keys.keyFor({})).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
