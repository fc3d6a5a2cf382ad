import { describe, expect, it } from 'vitest';
import { formatMillis, formatMoney, formatPercent, formatRemaining, formatSeconds, remainingSeconds } from './format';

describe('formatMoney', () => {
  it('shows amounts with two decimals and the currency', () => {
    expect(formatMoney(19.9, 'EUR')).toBe('€19.90');
    expect(formatMoney('1234.5', 'EUR')).toBe('€1,234.50');
    expect(formatMoney(0, 'USD')).toBe('US$0.00');
    expect(formatMoney(19.9, 'EUR', 'fr-BE').replace(/\s/g, ' ')).toBe('19,90 €');
  });

  it('rounds half-cent noise of floating arithmetic to the cent', () => {
    expect(formatMoney(0.1 + 0.2, 'EUR')).toBe('€0.30');
    expect(formatMoney(2.675, 'EUR')).toMatch(/^€2\.6[78]$/);
  });

  it('never shows NaN: a missing or corrupted amount is a dash, an unknown currency still shows the number', () => {
    expect(formatMoney(undefined)).toBe('—');
    expect(formatMoney('abc')).toBe('—');
    expect(formatMoney(Number.NaN)).toBe('—');
    expect(formatMoney(12, 'NOT-A-CODE')).toBe('12.00 NOT-A-CODE');
  });
});

describe('durations and rates', () => {
  it('formats latencies for people', () => {
    expect(formatMillis(0.42)).toBe('0.4 ms');
    expect(formatMillis(12.4)).toBe('12 ms');
    expect(formatMillis(1250)).toBe('1.25 s');
    expect(formatMillis(30000)).toBe('30.0 s');
    expect(formatMillis(null)).toBe('—');
  });

  it('formats rates as percentages', () => {
    expect(formatPercent(0)).toBe('0 %');
    expect(formatPercent(0.0123)).toBe('1.2 %');
    expect(formatPercent(0.5)).toBe('50 %');
  });

  it('counts down remaining time without going negative', () => {
    expect(formatRemaining(899)).toBe('14:59');
    expect(formatRemaining(3725)).toBe('1:02:05');
    expect(formatRemaining(-5)).toBe('0:00');
    // the server said 900 s at fetch time; the local clock only measures what passed since
    const fetchedAt = 5_000_000;
    expect(remainingSeconds(900, fetchedAt, fetchedAt)).toBe(900);
    expect(remainingSeconds(900, fetchedAt, fetchedAt + 1_500)).toBe(899);
    expect(remainingSeconds(900, fetchedAt, fetchedAt + 901_000)).toBe(0);
    expect(remainingSeconds(900, fetchedAt, fetchedAt - 60_000)).toBe(900);
    expect(remainingSeconds(Number.NaN, fetchedAt, fetchedAt)).toBe(0);
  });
});

describe('formatSeconds', () => {
  it('says a time to detect the way people read it', () => {
    expect(formatSeconds(4.25)).toBe('4.3 s');
    expect(formatSeconds(42.4)).toBe('42 s');
    expect(formatSeconds(185)).toBe('3 min 05 s');
    expect(formatSeconds(3720)).toBe('1 h 02 min');
    expect(formatSeconds(null)).toBe('—');
    expect(formatSeconds(-1)).toBe('—');
  });
});
