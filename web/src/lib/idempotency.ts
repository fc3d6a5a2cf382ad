import { uuidV4 } from '../api/http';

/**
 * Idempotency keys for one checkout form: the same body gets the same key (a retry can never place
 * the order twice), a different body gets a new key (the server refuses a key reused with another
 * payload, and remembers a refused attempt under its key).
 */
export class IdempotencyKeys {
  private last?: { body: string; key: string };

  constructor(private readonly newKey: () => string = uuidV4) {}

  keyFor(body: unknown): string {
    const text = JSON.stringify(body);
    if (!this.last || this.last.body !== text) this.last = { body: text, key: this.newKey() };
    return this.last.key;
  }

  /** After an order is placed: the next checkout is a new attempt. */
  reset(): void {
    this.last = undefined;
  }
}
