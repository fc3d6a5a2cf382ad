import { useEffect, useState, type ReactNode } from 'react';
import { ApiError, type Problem } from '../api/http';
import { navigate } from '../lib/router';

export function toProblemOf(error: unknown): Problem {
  if (error instanceof ApiError) return error.problem;
  return { title: 'Unexpected error', status: 0, detail: error instanceof Error ? error.message : String(error) };
}

/** An honest error state: the problem's title and detail, and the request id to quote. */
export function ProblemView({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const p = toProblemOf(error);
  return (
    <div className="problem" role="alert">
      <p className="problem-title">
        {p.title}
        {p.status ? <span className="muted"> ({p.status})</span> : null}
      </p>
      {p.detail ? <p>{p.detail}</p> : null}
      {Array.isArray(p.errors) && p.errors.length > 0 ? (
        <ul>
          {p.errors.map((e, i) => (
            <li key={i}>
              <code>{e.field}</code>: {e.message}
            </li>
          ))}
        </ul>
      ) : null}
      {p.requestId ? (
        <p className="muted small">
          Request id <code>{String(p.requestId)}</code>
        </p>
      ) : null}
      {onRetry ? (
        <button type="button" className="secondary" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      {label}
    </p>
  );
}

/** A link for the history router: a real href (new tab, copy link) with in-page navigation. */
export function Link({ to, children, className, ...rest }: { to: string; children: ReactNode; className?: string; 'aria-current'?: 'page' | undefined }) {
  return (
    <a
      href={to}
      className={className}
      {...rest}
      onClick={(e) => {
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

export function Stars({ value, max = 3, label }: { value: number; max?: number; label?: string }) {
  return (
    <span className="stars" role="img" aria-label={label ?? `${value} of ${max} stars`}>
      {Array.from({ length: max }, (_, i) => (
        <span key={i} aria-hidden="true" className={i < value ? 'star on' : 'star'}>
          ★
        </span>
      ))}
    </span>
  );
}

/** Loads data and reloads it on demand or on an interval; keeps the last good value on errors. */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[], intervalMs?: number) {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean; at?: number }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    const run = () =>
      load().then(
        (data) => live && setState({ data, loading: false, at: Date.now() }),
        (error) => live && setState((s) => ({ data: s.data, error, loading: false })),
      );
    setState((s) => ({ ...s, loading: true }));
    void run();
    const timer = intervalMs ? window.setInterval(run, intervalMs) : undefined;
    return () => {
      live = false;
      if (timer) window.clearInterval(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  return { ...state, reload: () => setTick((t) => t + 1) };
}
