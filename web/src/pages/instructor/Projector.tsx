import { useEffect, useState } from 'react';
import type { AdminApi } from '../../api/client';
import { QrCode } from '../../components/QrCode';
import { Link, ProblemView } from '../../components/ui';
import { formatRemaining } from '../../lib/format';
import { useAdminToken } from '../../state';
import { useLiveProgress } from './useLiveProgress';

const MINUTES = [5, 10, 15, 20, 30, 45, 60, 90];

/**
 * What the class sees on the wall: the join code large, a QR code to the student page with the code
 * filled in, a countdown, and the scoreboard students see (frozen when the instructor froze it).
 */
export function Projector({ api, sessionId }: { api: AdminApi; sessionId: number }) {
  const token = useAdminToken() ?? '';
  const { progress, error } = useLiveProgress(api, token, sessionId);
  const [minutes, setMinutes] = useState(30);
  const [endsAt, setEndsAt] = useState<number>();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), 500);
    return () => window.clearInterval(t);
  }, []);
  const session = progress?.session;
  const joinUrl = session?.joinCode ? `${window.location.origin}/student?code=${encodeURIComponent(session.joinCode)}` : undefined;
  const left = endsAt === undefined ? minutes * 60 : Math.max(0, (endsAt - now) / 1000);
  return (
    <div className="projector">
      <p className="small no-print">
        <Link to={`/instructor/class/${sessionId}`}>Back to the console</Link> · press F11 for full screen
      </p>
      {error ? <ProblemView error={error} /> : null}
      {session ? (
        <>
          <h1 className="projector-title">{session.name}</h1>
          <div className="projector-grid">
            <section aria-labelledby="join-title" className="card projector-join">
              <h2 id="join-title">Join at {window.location.host}/student</h2>
              <p className="big-code" data-testid="projector-code" aria-label={`join code ${session.joinCode?.split('').join(' ')}`}>
                {session.joinCode ?? '—'}
              </p>
              {joinUrl ? <QrCode text={joinUrl} label={`QR code of ${joinUrl}`} /> : null}
              {session.studentPage !== 'open' ? <p className="notice warn">The student page is closed.</p> : null}
            </section>
            <section aria-labelledby="timer-title" className="card projector-timer">
              <h2 id="timer-title">Time left</h2>
              <p className={`big-timer${left === 0 ? ' over' : ''}`} data-testid="timer" role="timer">
                {formatRemaining(left)}
              </p>
              <div className="row no-print">
                <div className="field narrow">
                  <label htmlFor="timer-minutes">Minutes</label>
                  <select
                    id="timer-minutes"
                    value={minutes}
                    onChange={(e) => {
                      setMinutes(Number(e.target.value));
                      setEndsAt(undefined);
                    }}
                  >
                    {MINUTES.map((m) => (
                      <option key={m} value={m}>
                        {m}
                      </option>
                    ))}
                  </select>
                </div>
                <button type="button" onClick={() => setEndsAt(Date.now() + minutes * 60_000)}>
                  {endsAt === undefined ? 'Start' : 'Restart'}
                </button>
                <button type="button" className="secondary" onClick={() => setEndsAt(undefined)}>
                  Reset
                </button>
              </div>
            </section>
            <section aria-labelledby="score-title" className="card projector-board">
              <h2 id="score-title">Scoreboard {session.frozenAt ? <span className="badge warn">frozen</span> : null}</h2>
              {progress.scoreboard.length === 0 ? <p className="muted">Nobody has joined yet.</p> : null}
              <ol className="plain scoreboard" data-testid="projector-board">
                {progress.scoreboard.slice(0, 10).map((r) => (
                  <li key={r.nickname}>
                    <span className="rank">{r.rank}</span>
                    <span className="who">{r.nickname}</span>
                    <span className="score">{r.stars} ★</span>
                  </li>
                ))}
              </ol>
            </section>
          </div>
        </>
      ) : null}
    </div>
  );
}
