import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Enigma } from '../../api/client';
import { EnigmaCard } from './StudentPage';

const base: Enigma = {
  id: 'scripting-csrf.csrf-checkouts',
  question: 'Make your own script complete 5 checkouts through the CSRF check.',
  type: 'done',
  maxStars: 3,
  starsAvailable: 3,
  hints: [],
  hintsTotal: 2,
  hintsTaken: 0,
  hintsReleased: 0,
  wrongAnswers: 0,
  solved: false,
  open: true,
  ready: true,
  anomalyLive: true,
  triesBeforeStarLost: 3,
  checkoutsCounted: 3,
  checkoutsRequired: 5,
};

const render = (e: Enigma) => renderToStaticMarkup(<EnigmaCard enigma={e} agentCode="AAAA-BBBB" onChange={() => {}} />);

describe('a doing enigma on the student page', () => {
  it('shows the counted checkouts instead of an answer box', () => {
    const html = render(base);
    expect(html).toContain('3/5 checkouts counted');
    expect(html).toContain('X-Agent-Code');
    expect(html).not.toContain('<input');
    expect(html).not.toContain('>Answer<');
    expect(html).not.toContain('data-testid="tries-left"');
    expect(html).toContain('Take a hint');
  });

  it('keeps the answer box for a typed enigma', () => {
    const html = render({ ...base, type: 'measured', unit: 'ms', checkoutsCounted: undefined, checkoutsRequired: undefined });
    expect(html).toContain('<input');
    expect(html).toContain('>Answer<');
    expect(html).not.toContain('checkouts counted');
  });

  it('says solved once the count is reached', () => {
    const html = render({ ...base, solved: true, stars: 3, checkoutsCounted: 5 });
    expect(html).toContain('Solved');
    expect(html).not.toContain('doing-progress');
  });
});
