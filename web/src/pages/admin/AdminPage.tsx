import { useState } from 'react';
import { type AdminApi, type Level } from '../../api/client';
import { AdminGate, useAdmin } from '../../components/AdminGate';
import { Link, ProblemView, useAsync } from '../../components/ui';
import { useTitle } from '../../lib/router';
import { adminToken, licenceProblem } from '../../state';

export function AdminPage() {
  useTitle('Admin');
  return (
    <div className="stack">
      <h1>Administration</h1>
      <AdminGate purpose="Licence, class sessions and data need the lab's admin token.">
        <Admin />
      </AdminGate>
    </div>
  );
}

function Admin() {
  const api = useAdmin() as AdminApi;
  return (
    <div className="stack">
      <p>
        <button type="button" className="secondary" onClick={() => adminToken.set(null)}>
          Forget the admin token
        </button>
      </p>
      <div className="two-columns">
        <LicencePanel api={api} />
        <DataPanel api={api} />
      </div>
      <SessionsPanel api={api} />
    </div>
  );
}

function LicencePanel({ api }: { api: AdminApi }) {
  const status = useAsync(() => api.license(), []);
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);
  const s = status.data;
  return (
    <section className="card" aria-labelledby="licence-title">
      <h2 id="licence-title">Licence</h2>
      {status.error ? <ProblemView error={status.error} onRetry={status.reload} /> : null}
      {s ? (
        <dl className="facts" data-testid="licence-status">
          <dt>Status</dt>
          <dd>
            <span className={`badge ${s.valid ? 'on' : 'warn'}`}>{s.valid ? 'valid' : `not valid${s.reason ? `: ${s.reason}` : ''}`}</span>
          </dd>
          {s.licensee ? (
            <>
              <dt>Licensee</dt>
              <dd>{s.licensee}</dd>
            </>
          ) : null}
          {s.edition ? (
            <>
              <dt>Edition</dt>
              <dd>{s.edition}</dd>
            </>
          ) : null}
          {s.seats ? (
            <>
              <dt>Seats</dt>
              <dd>{s.seats}</dd>
            </>
          ) : null}
          {s.expiresAt ? (
            <>
              <dt>Expires</dt>
              <dd>{new Date(s.expiresAt).toLocaleString()}</dd>
            </>
          ) : null}
          {!s.valid && s.detail ? (
            <>
              <dt>Why</dt>
              <dd>{s.detail}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
      <form
        className="form"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(undefined);
          setDone('');
          try {
            await api.installLicense(text.trim());
            setText('');
            setDone('Licence installed.');
            licenceProblem.set(null);
            status.reload();
          } catch (err) {
            setError(err);
          } finally {
            setBusy(false);
          }
        }}
      >
        <div className="field">
          <label htmlFor="licence-file">Licence file</label>
          <input
            id="licence-file"
            type="file"
            accept=".lic,.json,.txt,text/plain,application/json"
            onChange={async (e) => {
              const f = e.target.files?.[0];
              if (f) setText(await f.text());
            }}
          />
        </div>
        <div className="field">
          <label htmlFor="licence-text">…or paste it</label>
          <textarea id="licence-text" rows={4} required value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} />
        </div>
        {error ? <ProblemView error={error} /> : null}
        <div aria-live="polite">{done ? <p className="notice ok">{done}</p> : null}</div>
        <button type="submit" disabled={busy}>
          Install licence
        </button>
      </form>
    </section>
  );
}

function DataPanel({ api }: { api: AdminApi }) {
  const [confirm, setConfirm] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<unknown>();
  return (
    <section className="card" aria-labelledby="data-title">
      <h2 id="data-title">Shop data</h2>
      <p className="muted">Restores the catalogue, stock and prices to their seeded state and removes carts and orders (repairs what business anomalies broke).</p>
      <div className="field">
        <label className="check">
          <input type="checkbox" checked={confirm} onChange={(e) => setConfirm(e.target.checked)} /> I understand that carts and orders are deleted
        </label>
      </div>
      <button
        type="button"
        className="danger"
        disabled={!confirm}
        onClick={async () => {
          setError(undefined);
          setMessage('');
          try {
            await api.resetData();
            setMessage('Shop data reset.');
            setConfirm(false);
          } catch (err) {
            setError(err);
          }
        }}
      >
        Reset shop data
      </button>
      <div aria-live="polite">{message ? <p className="notice ok">{message}</p> : null}</div>
      {error ? <ProblemView error={error} /> : null}
    </section>
  );
}

const LEVELS: Level[] = ['BAC1', 'BAC2', 'BAC3', 'BAC4', 'BAC5'];

function SessionsPanel({ api }: { api: AdminApi }) {
  const sessions = useAsync(() => api.sessions(), [], 10000);
  const [title, setTitle] = useState('');
  const [level, setLevel] = useState<Level>('BAC1');
  const [error, setError] = useState<unknown>();
  const act = async (f: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await f();
      sessions.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section className="card" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Class sessions</h2>
      <form
        className="row wrap"
        onSubmit={(e) => {
          e.preventDefault();
          void act(async () => {
            await api.createSession(title.trim(), level);
            setTitle('');
          });
        }}
      >
        <div className="field grow">
          <label htmlFor="session-title">Title</label>
          <input id="session-title" required maxLength={100} value={title} onChange={(e) => setTitle(e.target.value)} />
        </div>
        <div className="field narrow">
          <label htmlFor="session-level">Level</label>
          <select id="session-level" value={level} onChange={(e) => setLevel(e.target.value as Level)}>
            {LEVELS.map((l) => (
              <option key={l}>{l}</option>
            ))}
          </select>
        </div>
        <button type="submit">Create session</button>
      </form>
      {error ? <ProblemView error={error} /> : null}
      {sessions.error ? <ProblemView error={sessions.error} onRetry={sessions.reload} /> : null}
      {sessions.data && sessions.data.length === 0 ? <p className="muted">No session yet.</p> : null}
      {sessions.data && sessions.data.length > 0 ? (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Class sessions table">
          <table data-testid="sessions-table" className="reflow">
            <thead>
              <tr>
                <th scope="col">Session</th>
                <th scope="col">Id</th>
                <th scope="col">Level</th>
                <th scope="col">Join code</th>
                <th scope="col">Students</th>
                <th scope="col">Enigmas</th>
                <th scope="col">Student page</th>
              </tr>
            </thead>
            <tbody>
              {sessions.data.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <Link to={`/instructor/class/${s.id}`}>{s.name}</Link>
                  </th>
                  <td data-label="Id (scenario run --session)">
                    <code data-testid="session-id">{s.id}</code>
                  </td>
                  <td data-label="Level">{s.level}</td>
                  <td data-label="Join code">
                    <code data-testid="join-code">{s.joinCode}</code>
                  </td>
                  <td data-label="Students">{s.students}</td>
                  <td data-label="Enigmas">{s.enigmas}</td>
                  <td data-label="Student page">
                    <span className={`badge ${s.studentPage === 'open' ? 'on' : ''}`}>{s.studentPage}</span>{' '}
                    <button type="button" className={s.studentPage === 'open' ? 'secondary' : ''} onClick={() => act(() => api.setStudentPage(s.id, s.studentPage !== 'open'))}>
                      {s.studentPage === 'open' ? 'Close' : 'Open'}
                      <span className="visually-hidden"> the student page of {s.name}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
