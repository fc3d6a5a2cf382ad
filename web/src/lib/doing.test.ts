import { describe, expect, it } from 'vitest';
import { doingInstruction, doingProgress } from './doing';

describe('doingProgress', () => {
  it('shows the counted checkouts against the required count', () => {
    expect(doingProgress({ checkoutsCounted: 3, checkoutsRequired: 5 })).toBe('3/5 checkouts counted');
    expect(doingProgress({ checkoutsCounted: 0, checkoutsRequired: 1 })).toBe('0/1 checkout counted');
  });

  it('reads a missing count as zero and never shows more than required', () => {
    expect(doingProgress({ checkoutsRequired: 5 })).toBe('0/5 checkouts counted');
    expect(doingProgress({ checkoutsCounted: 9, checkoutsRequired: 5 })).toBe('5/5 checkouts counted');
  });

  it('names the header a script sends', () => {
    expect(doingInstruction()).toContain('X-Agent-Code');
  });
});
