import { useEffect, useMemo, useState } from 'react';
import type { AdminApi, ChaosType } from '../../api/client';
import { AdminGate, useAdmin } from '../../components/AdminGate';
import { Loading, ProblemView, useAsync } from '../../components/ui';
import { formatRemaining, remainingSeconds } from '../../lib/format';
import { useAdminToken } from '../../state';
import { Link } from '../../components/ui';
import { useTitle } from '../../lib/router';
import { ClassConsole } from './ClassConsole';
import { Debrief } from './Debrief';
import { Projector } from './Projector';

const FAMILIES = ['performance', 'functional', 'business', 'security', 'scripting', 'infrastructure'];
const TTLS = ['5m', '15m', '30m', '1h', '2h'];

const VIEWS = [
  { to: '/instructor', view: 'chaos', label: 'Chaos' },
  { to: '/instructor/class', view: 'class', label: 'Class console' },
];

/**
 * The instructor's area: the chaos console (/instructor), the class console (/instructor/class[/id]),
 * the projector view (/instructor/projector/id) and the debrief (/instructor/report/id).
 */
export function InstructorPage({ view = 'chaos', sessionId }: { view?: string; sessionId?: number }) {
  const titles: Record<string, string> = { chaos: 'Instructor', class: 'Class console', projector: 'Projector', report: 'Debrief' };
  useTitle(titles[view] ?? 'Instructor');
  const token = useAdminToken();
  if (view === 'projector' && sessionId !== undefined && token) {
    return <ProjectorView sessionId={sessionId} />;
  }
  return (
    <div className="stack">
      <h1>{view === 'class' ? 'Class console' : view === 'report' ? 'Debrief' : view === 'projector' ? 'Projector' : 'Instructor console'}</h1>
      <nav aria-label="Instructor views" className="tabs">
        <ul>
          {VIEWS.map((v) => (
            <li key={v.view}>
              <Link to={v.to} aria-current={v.view === view ? 'page' : undefined}>
                {v.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <AdminGate purpose="The instructor's consoles need the lab's admin token.">
        <View view={view} sessionId={sessionId} />
      </AdminGate>
    </div>
  );
}

function View({ view, sessionId }: { view: string; sessionId?: number }) {
  const api = useAdmin() as AdminApi;
  if (view === 'class') return <ClassConsole api={api} sessionId={sessionId} />;
  if (view === 'report' && sessionId !== undefined) return <Debrief api={api} sessionId={sessionId} />;
  if (view === 'projector' && sessionId !== undefined) return <Projector api={api} sessionId={sessionId} />;
  return <Console />;
}

function ProjectorView({ sessionId }: { sessionId: number }) {
  const api = useAdmin() as AdminApi;
  return <Projector api={api} sessionId={sessionId} />;
}

function Console() {
  const api = useAdmin() as AdminApi;
  const catalog = useAsync(() => api.chaosCatalog(), []);
  const status = useAsync(() => api.chaos(), [], 2000);
  const audit = useAsync(() => api.audit(10), [], 5000);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(t);
  }, []);
  const byFamily = useMemo(() => {
    const m = new Map<string, ChaosType[]>();
    for (const t of catalog.data ?? []) m.set(t.family, [...(m.get(t.family) ?? []), t]);
    return [...m.entries()].sort((a, b) => FAMILIES.indexOf(a[0]) - FAMILIES.indexOf(b[0]));
  }, [catalog.data]);
  const active = status.data?.activations ?? [];
  const refresh = () => {
    status.reload();
    audit.reload();
  };

  return (
    <div className="stack">
      <section aria-labelledby="active-title" className="card">
        <div className="section-head">
          <h2 id="active-title">Active anomalies</h2>
          {status.data ? <span className="badge">safety mode: {status.data.safetyMode}</span> : null}
        </div>
        {status.error ? <ProblemView error={status.error} onRetry={status.reload} /> : null}
        {status.data && active.length === 0 ? (
          <p className="muted" data-testid="no-active">
            No anomaly is active: the shop behaves normally.
          </p>
        ) : null}
        {active.length > 0 ? (
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Active anomalies table">
            <table data-testid="active-table" className="reflow">
              <thead>
                <tr>
                  <th scope="col">Type</th>
                  <th scope="col">Level</th>
                  <th scope="col">Routes</th>
                  <th scope="col">Scope</th>
                  <th scope="col">Scenario</th>
                  <th scope="col">Remaining</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {active.map((a) => (
                  <tr key={a.type}>
                    <th scope="row">
                      {a.type} <span className="muted small">({a.family})</span>
                    </th>
                    <td data-label="Level">{a.level}</td>
                    <td data-label="Routes">{a.routes?.length ? a.routes.map((r) => <code key={r}>{r} </code>) : 'all routes'}</td>
                    <td data-label="Scope">{a.scope?.kind === 'all' || !a.scope ? 'everyone' : `${a.scope.kind} ${a.scope.id ?? ''}`}</td>
                    <td data-label="Scenario">{a.scenarioId ? <code>{a.scenarioId}</code> : <span className="muted">by hand</span>}</td>
                    <td data-label="Remaining">
                      <time dateTime={a.expiresAt}>{formatRemaining(remainingSeconds(a.remainingSeconds, status.at ?? now, now))}</time>
                    </td>
                    <td>
                      <button type="button" className="secondary" onClick={() => api.disable(a.type).then(refresh, refresh)}>
                        Disable<span className="visually-hidden"> {a.type}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="catalog-title">
        <h2 id="catalog-title">Chaos catalogue</h2>
        <p className="muted small">
          Target paths are comma-separated patterns such as <code>/api/products/*</code> (empty: the type&apos;s default, shown greyed). Every activation
          expires after its time to live.
        </p>
        {catalog.error ? <ProblemView error={catalog.error} onRetry={catalog.reload} /> : null}
        {!catalog.data && !catalog.error ? <Loading /> : null}
        {byFamily.map(([family, types]) => (
          <details key={family} className="family card" open={family === 'performance'}>
            <summary>
              <span className="family-name">{family}</span> <span className="muted">({types.length})</span>
            </summary>
            <ul className="type-list">
              {types.map((t) => (
                <ChaosTypeForm key={t.type} type={t} api={api} active={active.some((a) => a.type === t.type)} onChanged={refresh} />
              ))}
            </ul>
          </details>
        ))}
      </section>

      <section aria-labelledby="class-link-title" className="card">
        <h2 id="class-link-title">Class sessions</h2>
        <p>
          Follow a class live, release hints, message students and export grades in the <Link to="/instructor/class">class console</Link>.
        </p>
      </section>

      <section aria-labelledby="audit-title" className="card">
        <h2 id="audit-title">Recent changes</h2>
        {audit.error ? <ProblemView error={audit.error} /> : null}
        <ul className="plain audit">
          {(audit.data ?? []).map((e, i) => (
            <li key={i}>
              <time dateTime={e.at}>{new Date(e.at).toLocaleTimeString()}</time> · {e.actor} · {e.action} {e.type ?? ''}
              {e.level ? ` level ${e.level}` : ''}
              {e.scenarioId ? ` (scenario ${e.scenarioId})` : ''}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function ChaosTypeForm({ type, api, active, onChanged }: { type: ChaosType; api: AdminApi; active: boolean; onChanged: () => void }) {
  const [level, setLevel] = useState(1);
  const [ttl, setTtl] = useState('15m');
  const [routes, setRoutes] = useState('');
  const [probability, setProbability] = useState('');
  const [scope, setScope] = useState<'all' | 'session' | 'agent'>('all');
  const [scopeId, setScopeId] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const id = (s: string) => `${type.type}-${s}`;
  const levelText = type.levels.find((l) => l.level === level)?.description;
  return (
    <li className="chaos-type" data-testid={`chaos-${type.type}`}>
      <h3>
        {type.type} {type.dangerous ? <span className="badge warn">needs safety mode</span> : null} {active ? <span className="badge on">active</span> : null}
      </h3>
      <p className="muted">{type.description}</p>
      <form
        className="row wrap"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(undefined);
          try {
            const list = routes
              .split(',')
              .map((r) => r.trim())
              .filter(Boolean);
            await api.enable(type.type, {
              level,
              ttl,
              routes: list.length ? list : undefined,
              probability: probability === '' ? undefined : Number(probability),
              sessionId: scope === 'session' ? scopeId.trim() : undefined,
              agentCode: scope === 'agent' ? scopeId.trim() : undefined,
            });
            onChanged();
          } catch (err) {
            setError(err);
          } finally {
            setBusy(false);
          }
        }}
      >
        <div className="field narrow">
          <label htmlFor={id('level')}>Level</label>
          <select id={id('level')} value={level} onChange={(e) => setLevel(Number(e.target.value))}>
            {type.levels.map((l) => (
              <option key={l.level} value={l.level}>
                {l.level}
              </option>
            ))}
          </select>
        </div>
        <div className="field narrow">
          <label htmlFor={id('ttl')}>Time to live</label>
          <select id={id('ttl')} value={ttl} onChange={(e) => setTtl(e.target.value)}>
            {TTLS.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
        <div className="field grow">
          <label htmlFor={id('routes')}>Target paths</label>
          <input id={id('routes')} value={routes} placeholder={type.defaultRoutes?.join(', ') || 'all shop routes'} onChange={(e) => setRoutes(e.target.value)} />
        </div>
        <div className="field narrow">
          <label htmlFor={id('probability')}>Probability</label>
          <input id={id('probability')} type="number" min={0} max={1} step={0.05} placeholder="default" value={probability} onChange={(e) => setProbability(e.target.value)} />
        </div>
        <div className="field narrow">
          <label htmlFor={id('scope')}>Scope</label>
          <select id={id('scope')} value={scope} onChange={(e) => setScope(e.target.value as 'all' | 'session' | 'agent')}>
            <option value="all">Everyone</option>
            <option value="session">One session</option>
            <option value="agent">One agent</option>
          </select>
        </div>
        {scope !== 'all' ? (
          <div className="field">
            <label htmlFor={id('scope-id')}>{scope === 'session' ? 'Session id' : 'Agent code'}</label>
            <input id={id('scope-id')} required value={scopeId} onChange={(e) => setScopeId(e.target.value)} />
          </div>
        ) : null}
        <button type="submit" disabled={busy}>
          {active ? 'Update' : 'Enable'}
          <span className="visually-hidden"> {type.type}</span>
        </button>
      </form>
      {levelText ? (
        <p className="small">
          Level {level}: {levelText}
        </p>
      ) : null}
      {error ? <ProblemView error={error} /> : null}
    </li>
  );
}
