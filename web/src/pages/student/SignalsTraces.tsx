import { useState } from 'react';
import { signals, type Trace } from '../../api/client';
import { ProblemView, useAsync } from '../../components/ui';
import { formatMillis } from '../../lib/format';
import { selfTimeByKind, spanTree } from '../../lib/signals';

const KIND_LABEL: Record<string, string> = { server: 'HTTP', internal: 'code', client: 'remote call', db: 'SQL' };

/** The last requests of a route, slowest first, each as a waterfall of its spans. */
export function SignalsTraces({ pollMs = 4000 }: { pollMs?: number }) {
  const [route, setRoute] = useState<string>('');
  const [picked, setPicked] = useState<string>('');
  const page = useAsync(() => signals.traces(route || undefined), [route], pollMs);
  const data = page.data;
  const traces = data?.traces ?? [];
  const trace = traces.find((t) => t.traceId === picked) ?? traces[0];
  return (
    <div className="stack" data-testid="signals-traces">
      <p className="muted small">
        Recorded while this tab is open (and five minutes after): the last {data?.perRoute ?? 20} requests of each route, with the code, SQL statements and remote
        calls each one made.
      </p>
      {page.error ? <ProblemView error={page.error} /> : null}
      <div className="filters">
        <div className="field grow">
          <label htmlFor="trace-route">Route</label>
          <select
            id="trace-route"
            value={route || data?.route || ''}
            onChange={(e) => {
              setRoute(e.target.value);
              setPicked('');
            }}
          >
            {data && data.routes.length === 0 ? <option value="">No request recorded yet</option> : null}
            {data?.routes.map((r) => (
              <option key={r.route} value={r.route}>
                {r.route} — slowest {formatMillis(r.slowestMillis)} ({r.count})
              </option>
            ))}
          </select>
        </div>
      </div>
      {traces.length ? (
        <div className="trace-layout">
          <ol className="trace-list plain" aria-label="Requests, slowest first">
            {traces.map((t) => (
              <li key={t.traceId}>
                <button type="button" className={t === trace ? 'trace-pick on' : 'trace-pick'} aria-pressed={t === trace} onClick={() => setPicked(t.traceId)}>
                  <strong>{formatMillis(t.durationMillis)}</strong> <span className={t.status >= 500 ? 'status bad' : 'status'}>{t.status}</span>{' '}
                  <span className="muted small">{new Date(t.start).toLocaleTimeString()}</span>
                </button>
              </li>
            ))}
          </ol>
          {trace ? <Waterfall trace={trace} /> : null}
        </div>
      ) : data ? (
        <p>No request of this route recorded yet: use the shop (or run the load) while this tab is open.</p>
      ) : null}
    </div>
  );
}

function Waterfall({ trace }: { trace: Trace }) {
  const total = Math.max(trace.durationMillis, 0.01);
  const self = selfTimeByKind(trace.spans);
  return (
    <figure className="waterfall" data-testid="waterfall">
      <figcaption>
        <code>{trace.route}</code> — {formatMillis(trace.durationMillis)}, status {trace.status}
        {trace.requestId ? (
          <>
            , request id <code className="small">{trace.requestId}</code>
          </>
        ) : null}
        <span className="muted small">
          {' '}
          · own time: {Object.entries(self)
            .map(([k, v]) => `${KIND_LABEL[k] ?? k} ${formatMillis(v)}`)
            .join(', ')}
        </span>
      </figcaption>
      <ul className="spans plain">
        {spanTree(trace.spans).map(({ span, depth }) => (
          <li key={span.id} className={`span kind-${span.kind}`}>
            <span className="span-name" style={{ paddingLeft: `${depth * 0.9}rem` }} title={span.attributes['db.query.text'] ?? span.name}>
              <span className="kind">{KIND_LABEL[span.kind] ?? span.kind}</span> {span.name}
              {span.error ? <span className="badge level-error"> {span.error}</span> : null}
            </span>
            <span className="span-track" aria-hidden="true">
              <span className="span-bar" style={{ left: `${(span.offsetMillis / total) * 100}%`, width: `${Math.max(0.4, (span.durationMillis / total) * 100)}%` }} />
            </span>
            <span className="span-time">{formatMillis(span.durationMillis)}</span>
          </li>
        ))}
      </ul>
      {trace.droppedSpans ? <p className="muted small">{trace.droppedSpans} more spans not kept.</p> : null}
    </figure>
  );
}
