/** Display helpers. Amounts arrive as JSON numbers (or decimal strings) of the shop's currency. */

export function formatMoney(amount: number | string | null | undefined, currency = 'EUR', locale = 'en-GB'): string {
  const value = typeof amount === 'string' ? Number(amount) : amount;
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(value);
  } catch {
    // an unknown currency code from a corrupted response: still show the number honestly
    return `${value.toFixed(2)} ${currency}`;
  }
}

/** Milliseconds for people: 0.4 ms, 12 ms, 1.25 s. */
export function formatMillis(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms >= 1000) return `${(ms / 1000).toFixed(ms >= 10000 ? 1 : 2)} s`;
  if (ms >= 10) return `${Math.round(ms)} ms`;
  return `${ms.toFixed(1)} ms`;
}

export function formatPercent(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '—';
  const pct = fraction * 100;
  return `${pct < 10 && pct > 0 ? pct.toFixed(1) : Math.round(pct)} %`;
}

/** Remaining time as m:ss (or h:mm:ss), never negative. */
export function formatRemaining(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/**
 * Seconds left of an activation between two polls: the server's own count at fetch time minus what
 * the local clock says has passed since (so a browser clock that is off does not matter).
 */
export function remainingSeconds(remainingAtFetch: number, fetchedAtMs: number, nowMs: number): number {
  if (!Number.isFinite(remainingAtFetch)) return 0;
  const elapsed = Math.max(0, (nowMs - fetchedAtMs) / 1000);
  return Math.max(0, Math.ceil(remainingAtFetch - elapsed));
}

/** Bytes for people, powers of 1024: 512 B, 3.4 KB, 120 MB, 1.5 GB. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = Math.abs(bytes);
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const text = u === 0 || v >= 100 ? Math.round(v).toString() : v >= 10 ? v.toFixed(1).replace(/\.0$/, '') : v.toFixed(2).replace(/\.?0+$/, '');
  return `${bytes < 0 ? '-' : ''}${text} ${units[u]}`;
}

/** A time to detect for people: 42.5 s, 3 min 05 s, 1 h 02 min; — when unknown. */
export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '—';
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  const s = Math.round(seconds);
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}
