import { useState } from 'react';
import type { AdminApi, ClassSession, Detection, ProgressCell, SessionProgress, StudentProgress } from '../../api/client';
import { Link, ProblemView, Stars, useAsync } from '../../components/ui';
import { navigate } from '../../lib/router';
import { formatSeconds } from '../../lib/format';
import { useAdminToken } from '../../state';
import { useLiveProgress } from './useLiveProgress';

/** The session the console opens on: the newest open one, else the newest one. */
export function defaultSession(sessions: ClassSession[]): ClassSession | undefined {
  const live = sessions.filter((s) => !s.archived);
  const byNewest = [...live].sort((a, b) => b.id - a.id);
  return byNewest.find((s) => s.studentPage === 'open') ?? byNewest[0];
}

/** The instructor's class console: one session live, every class action a button. */
export function ClassConsole({ api, sessionId }: { api: AdminApi; sessionId?: number }) {
  const token = useAdminToken() ?? '';
  const sessions = useAsync(() => api.sessions(), [], 15000);
  const id = sessionId ?? defaultSession(sessions.data ?? [])?.id;
  const { progress, error, live, reload } = useLiveProgress(api, token, id);
  return (
    <div className="stack">
      <section aria-labelledby="console-title" className="card">
        <div className="section-head">
          <h2 id="console-title">Class console</h2>
          <span className={`badge${live ? ' on' : ''}`} data-testid="live-state" role="status">
            {live ? 'live' : 'connecting…'}
          </span>
        </div>
        {sessions.error ? <ProblemView error={sessions.error} onRetry={sessions.reload} /> : null}
        {sessions.data && sessions.data.length === 0 ? <p className="muted">No class session yet: create one on the Admin page.</p> : null}
        {sessions.data && sessions.data.length > 0 ? (
          <div className="field inline wrap-field">
            <label htmlFor="console-session">Session</label>
            <select id="console-session" value={id ?? ''} onChange={(e) => navigate(`/instructor/class/${e.target.value}`)}>
              {sessions.data.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} — id {s.id}, {s.level}, page {s.studentPage}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {progress ? <SessionFacts api={api} session={progress.session} onChanged={reload} /> : null}
      </section>
      {error ? <ProblemView error={error} onRetry={reload} /> : null}
      {progress ? (
        <>
          <Broadcast api={api} session={progress.session} onChanged={reload} />
          <Grid api={api} progress={progress} onChanged={reload} />
          <DetectionTable detections={progress.detections} />
          <Standings progress={progress} />
          <Roster api={api} progress={progress} onChanged={reload} />
        </>
      ) : null}
    </div>
  );
}

function useAction(onChanged: () => void) {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const run = async (f: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await f();
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run };
}

function SessionFacts({ api, session, onChanged }: { api: AdminApi; session: ClassSession; onChanged: () => void }) {
  const { error, busy, run } = useAction(onChanged);
  const save = async (format: string, bom = false) => {
    const blob = await api.download(`/api/admin/sessions/${session.id}/export?format=${format}${bom ? '&bom=true' : ''}`);
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `perfshop-session-${session.id}${format === 'ctfd' ? '-ctfd.json' : format === 'csv' ? '.csv' : '.json'}`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    URL.revokeObjectURL(a.href);
  };
  return (
    <div className="stack">
      <dl className="facts">
        <dt>Session id</dt>
        <dd>
          <code data-testid="session-id">{session.id}</code>{' '}
          <span className="muted small">
            (<code>perfshop scenario run FILE --session {session.id}</code>)
          </span>
        </dd>
        <dt>Join code</dt>
        <dd>
          <code className="join-code" data-testid="console-join-code">
            {session.joinCode ?? '—'}
          </code>
        </dd>
        <dt>Student page</dt>
        <dd>
          <span className={`badge${session.studentPage === 'open' ? ' on' : ''}`}>{session.archived ? 'archived' : session.studentPage}</span>
          {session.frozenAt ? (
            <span className="badge warn" data-testid="frozen">
              scoreboard frozen
            </span>
          ) : null}
        </dd>
      </dl>
      <div className="row">
        {session.studentPage === 'open' ? (
          <button type="button" className="danger" disabled={busy} onClick={() => run(() => api.setStudentPage(session.id, false))}>
            End the class (close, freeze)
          </button>
        ) : (
          <button type="button" disabled={busy || session.archived} onClick={() => run(() => api.setStudentPage(session.id, true))}>
            Open the student page
          </button>
        )}
        <button type="button" className="secondary" disabled={busy} onClick={() => run(() => api.freeze(session.id, !session.frozenAt))}>
          {session.frozenAt ? 'Thaw the scoreboard' : 'Freeze the scoreboard'}
        </button>
        <Link to={`/instructor/projector/${session.id}`} className="button secondary-link">
          Projector view
        </Link>
        <Link to={`/instructor/report/${session.id}`} className="button secondary-link">
          Debrief
        </Link>
      </div>
      <div className="row">
        <span className="small muted">Grades:</span>
        <button type="button" className="secondary" disabled={busy} onClick={() => run(() => save('csv'))}>
          CSV (Moodle)
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => run(() => save('csv', true))}>
          CSV for Excel
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => run(() => save('json'))}>
          JSON
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => run(() => save('ctfd'))}>
          CTFd
        </button>
      </div>
      {error ? <ProblemView error={error} /> : null}
    </div>
  );
}

function Broadcast({ api, session, onChanged }: { api: AdminApi; session: ClassSession; onChanged: () => void }) {
  const [text, setText] = useState('');
  const { error, busy, run } = useAction(onChanged);
  return (
    <section aria-labelledby="broadcast-title" className="card">
      <h2 id="broadcast-title">Message to every student</h2>
      {session.message ? (
        <p className="notice info" data-testid="current-message">
          Showing: {session.message}
        </p>
      ) : (
        <p className="muted small">No message is showing.</p>
      )}
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            await api.broadcast(session.id, text);
            setText('');
          });
        }}
      >
        <div className="field grow">
          <label htmlFor="broadcast-text">Message</label>
          <input id="broadcast-text" maxLength={500} value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <button type="submit" disabled={busy || !text.trim()}>
          Send to all
        </button>
        {session.message ? (
          <button type="button" className="secondary" disabled={busy} onClick={() => run(() => api.broadcast(session.id, ''))}>
            Clear
          </button>
        ) : null}
      </form>
      {error ? <ProblemView error={error} /> : null}
    </section>
  );
}

function cellText(c: ProgressCell | undefined): string {
  if (!c || (c.attempts === 0 && c.hintsTaken === 0)) return '—';
  const parts = [];
  if (c.solved) parts.push(`solved`);
  if (c.wrongAnswers) parts.push(`${c.wrongAnswers} wrong`);
  if (c.hintsTaken) parts.push(`${c.hintsTaken} hint${c.hintsTaken > 1 ? 's' : ''}`);
  if (!c.solved && c.attempts) parts.push(`${c.attempts} tr${c.attempts > 1 ? 'ies' : 'y'}`);
  return parts.join(' · ');
}

function studentDetection(detections: Detection[], s: StudentProgress): number | undefined {
  const mine = detections.flatMap((d) => d.students.filter((x) => x.id === s.id && x.seconds != null).map((x) => x.seconds as number));
  if (!mine.length) return undefined;
  const sorted = mine.sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function Grid({ api, progress, onChanged }: { api: AdminApi; progress: SessionProgress; onChanged: () => void }) {
  const { error, busy, run } = useAction(onChanged);
  const id = progress.session.id;
  const students = [...progress.students].sort((a, b) => b.stars - a.stars || a.nickname.localeCompare(b.nickname));
  return (
    <section aria-labelledby="grid-title" className="card">
      <h2 id="grid-title">Students × enigmas</h2>
      <p className="muted small">
        {progress.students.length} student(s), {progress.enigmas.length} enigma(s). Cells: stars earned, wrong answers, hints taken. Releasing a hint gives it to
        everyone for free (and refunds who paid).
      </p>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Students by enigmas">
        <table className="grid numbers" data-testid="class-grid">
          <thead>
            <tr>
              <th scope="col">Student</th>
              {progress.enigmas.map((e) => (
                <th scope="col" key={e.key} title={e.question}>
                  <span className="enigma-key">{e.key}</span>
                  <span className="muted small block">
                    {e.solvedBy} solved{e.open ? '' : ' · closed'}
                  </span>
                  {e.hintsTotal > 0 ? (
                    <button
                      type="button"
                      className="secondary small-button"
                      disabled={busy || e.hintsReleased >= e.hintsTotal}
                      onClick={() => run(() => api.releaseHint(id, e.key))}
                    >
                      Release hint {Math.min(e.hintsReleased + 1, e.hintsTotal)}/{e.hintsTotal}
                      <span className="visually-hidden"> of {e.key}</span>
                    </button>
                  ) : null}
                </th>
              ))}
              <th scope="col">Stars</th>
              <th scope="col">Time to detect</th>
            </tr>
          </thead>
          <tbody>
            {students.length === 0 ? (
              <tr>
                <td colSpan={progress.enigmas.length + 3}>Nobody has joined yet.</td>
              </tr>
            ) : null}
            {students.map((s) => {
              const ttd = studentDetection(progress.detections, s);
              return (
                <tr key={s.id} data-testid={`grid-row-${s.nickname}`}>
                  <th scope="row">{s.nickname}</th>
                  {progress.enigmas.map((e) => {
                    const c = s.enigmas[e.key];
                    return (
                      <td key={e.key} className={c?.solved ? 'cell solved' : 'cell'} data-testid={`cell-${s.nickname}-${e.key}`}>
                        {c?.solved ? <Stars value={c.stars ?? 0} max={e.maxStars} label={`solved, ${c.stars ?? 0} of ${e.maxStars} stars`} /> : null}{' '}
                        <span className="small">{cellText(c)}</span>
                      </td>
                    );
                  })}
                  <td data-testid={`stars-${s.nickname}`}>{s.stars}</td>
                  <td>{ttd === undefined ? '—' : formatSeconds(ttd)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {error ? <ProblemView error={error} /> : null}
    </section>
  );
}

export function DetectionTable({ detections }: { detections: Detection[] }) {
  return (
    <section aria-labelledby="ttd-title" className="card">
      <h2 id="ttd-title">Time to detect</h2>
      {detections.length === 0 ? (
        <p className="muted">No anomaly tied to this session&apos;s enigmas has started yet (a scenario run with this session&apos;s id, or chaos enabled by hand for hand-made enigmas).</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Time to detect per anomaly">
          <table className="numbers" data-testid="detections">
            <thead>
              <tr>
                <th scope="col">Anomaly</th>
                <th scope="col">Started</th>
                <th scope="col">Detected</th>
                <th scope="col">Median</th>
                <th scope="col">Fastest – slowest</th>
                <th scope="col">Middle half</th>
              </tr>
            </thead>
            <tbody>
              {detections.map((d) => (
                <tr key={`${d.anomaly}-${d.scenarioId ?? ''}`}>
                  <th scope="row">
                    {d.anomaly} <span className="muted small">{d.scenarioId ? `(${d.scenarioId})` : '(by hand)'}</span>
                  </th>
                  <td>
                    <time dateTime={d.startedAt}>{new Date(d.startedAt).toLocaleTimeString()}</time>
                  </td>
                  <td>
                    {d.spread.detected} of {d.spread.students}
                  </td>
                  <td data-testid={`ttd-median-${d.anomaly}`}>{formatSeconds(d.spread.medianSeconds)}</td>
                  <td>
                    {formatSeconds(d.spread.minSeconds)} – {formatSeconds(d.spread.maxSeconds)}
                  </td>
                  <td>
                    {formatSeconds(d.spread.p25Seconds)} – {formatSeconds(d.spread.p75Seconds)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Standings({ progress }: { progress: SessionProgress }) {
  const frozen = !!progress.session.frozenAt;
  return (
    <section aria-labelledby="standings-title" className="card">
      <h2 id="standings-title">Leaderboard</h2>
      {frozen ? (
        <p className="small muted">Students and the projector see the scoreboard frozen at {new Date(progress.session.frozenAt as string).toLocaleTimeString()}; this one is live.</p>
      ) : null}
      <ol className="plain leaderboard" data-testid="console-leaderboard">
        {progress.leaderboard.map((r) => (
          <li key={r.nickname}>
            <span className="rank">{r.rank}.</span> {r.nickname} — {r.stars} ★, {r.solved} solved
          </li>
        ))}
      </ol>
    </section>
  );
}

function Roster({ api, progress, onChanged }: { api: AdminApi; progress: SessionProgress; onChanged: () => void }) {
  return (
    <section aria-labelledby="roster-title" className="card">
      <h2 id="roster-title">Roster</h2>
      <p className="muted small">Rename a nickname, reset a student who wants to start again, remove one (their agent code stops working), or read a lost agent code back.</p>
      <ul className="plain roster">
        {progress.students.map((s) => (
          <RosterRow key={s.id} api={api} sessionId={progress.session.id} student={s} onChanged={onChanged} />
        ))}
      </ul>
    </section>
  );
}

function RosterRow({ api, sessionId, student, onChanged }: { api: AdminApi; sessionId: number; student: StudentProgress; onChanged: () => void }) {
  const [mode, setMode] = useState<'view' | 'rename' | 'reset' | 'remove'>('view');
  const [name, setName] = useState(student.nickname);
  const [code, setCode] = useState<string>();
  const { error, busy, run } = useAction(() => {
    setMode('view');
    onChanged();
  });
  const fid = `rename-${student.id}`;
  return (
    <li className="roster-row" data-testid={`roster-${student.nickname}`}>
      <div className="row">
        <strong className="grow-text">{student.nickname}</strong>
        <button
          type="button"
          className="secondary"
          onClick={async () => {
            try {
              setCode((await api.roster(sessionId)).find((r) => r.id === student.id)?.agentCode);
            } catch (e) {
              setCode(undefined);
              void run(() => Promise.reject(e));
            }
          }}
        >
          Show code<span className="visually-hidden"> of {student.nickname}</span>
        </button>
        <button type="button" className="secondary" onClick={() => setMode('rename')}>
          Rename<span className="visually-hidden"> {student.nickname}</span>
        </button>
        <button type="button" className="secondary" onClick={() => setMode('reset')}>
          Reset<span className="visually-hidden"> {student.nickname}</span>
        </button>
        <button type="button" className="danger" onClick={() => setMode('remove')}>
          Remove<span className="visually-hidden"> {student.nickname}</span>
        </button>
      </div>
      {code ? (
        <p className="small">
          Agent code: <code className="agent-code" data-testid="read-back-code">{code}</code>
        </p>
      ) : null}
      {mode === 'rename' ? (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => api.rename(sessionId, student.id, name.trim()));
          }}
        >
          <div className="field grow">
            <label htmlFor={fid}>New nickname</label>
            <input id={fid} required maxLength={32} value={name} onChange={(e) => setName(e.target.value)} />
          </div>
          <button type="submit" disabled={busy}>
            Save
          </button>
          <button type="button" className="secondary" onClick={() => setMode('view')}>
            Cancel
          </button>
        </form>
      ) : null}
      {mode === 'reset' || mode === 'remove' ? (
        <div className="notice warn row" role="alertdialog" aria-label={`Confirm ${mode}`}>
          <span className="grow-text">
            {mode === 'reset'
              ? `Reset ${student.nickname}? Stars, hints and attempts are cleared; the agent code stays valid.`
              : `Remove ${student.nickname}? Their progress is deleted and their agent code stops working.`}
          </span>
          <button
            type="button"
            className={mode === 'remove' ? 'danger' : undefined}
            disabled={busy}
            onClick={() => run(() => (mode === 'reset' ? api.resetStudent(sessionId, student.id) : api.removeStudent(sessionId, student.id)))}
          >
            Yes, {mode}
          </button>
          <button type="button" className="secondary" onClick={() => setMode('view')}>
            Cancel
          </button>
        </div>
      ) : null}
      {error ? <ProblemView error={error} /> : null}
    </li>
  );
}
