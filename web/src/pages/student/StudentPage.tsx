import { useEffect, useState } from 'react';
import { join, stats, student, type Agent, type Enigma } from '../../api/client';
import { Loading, ProblemView, Stars, useAsync } from '../../components/ui';
import { useTitle } from '../../lib/router';
import { LiveMetrics } from './LiveMetrics';

/** The agent code restores a student's progress on any browser; keeping it here is the point. */
const AGENT_KEY = 'perfshop.agentCode';

export function StudentPage() {
  useTitle('Student');
  const [agentCode, setAgentCode] = useState<string | null>(() => localStorage.getItem(AGENT_KEY));
  const signIn = (code: string | null) => {
    if (code) localStorage.setItem(AGENT_KEY, code);
    else localStorage.removeItem(AGENT_KEY);
    setAgentCode(code);
  };
  return (
    <div className="stack">
      <h1>Student</h1>
      {agentCode ? <Agenda agentCode={agentCode} onLeave={() => signIn(null)} /> : <JoinForm onJoined={(a) => signIn(a.agentCode)} />}
      <LiveMetrics />
    </div>
  );
}

function JoinForm({ onJoined }: { onJoined: (a: Agent) => void }) {
  const [code, setCode] = useState('');
  const [nickname, setNickname] = useState('');
  const [restore, setRestore] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  return (
    <div className="two-columns">
      <form
        className="card form"
        aria-labelledby="join-title"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(undefined);
          try {
            onJoined(await join(code.trim(), nickname.trim()));
          } catch (err) {
            setError(err);
          } finally {
            setBusy(false);
          }
        }}
      >
        <h2 id="join-title">Join a class session</h2>
        <div className="field">
          <label htmlFor="join-code">Session code</label>
          <input id="join-code" required autoComplete="off" autoCapitalize="characters" maxLength={32} value={code} onChange={(e) => setCode(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="nickname">Nickname</label>
          <input id="nickname" required maxLength={32} value={nickname} onChange={(e) => setNickname(e.target.value)} />
        </div>
        {error ? <ProblemView error={error} /> : null}
        <button type="submit" disabled={busy}>
          {busy ? 'Joining…' : 'Join'}
        </button>
      </form>
      <form
        className="card form"
        aria-labelledby="restore-title"
        onSubmit={(e) => {
          e.preventDefault();
          if (restore.trim()) onJoined({ agentCode: restore.trim(), nickname: '' });
        }}
      >
        <h2 id="restore-title">Already joined?</h2>
        <p className="muted">Enter your agent code to get your progress back on this browser.</p>
        <div className="field">
          <label htmlFor="agent-code-input">Agent code</label>
          <input id="agent-code-input" autoComplete="off" maxLength={200} value={restore} onChange={(e) => setRestore(e.target.value)} />
        </div>
        <button type="submit" className="secondary">
          Restore
        </button>
      </form>
    </div>
  );
}

function Agenda({ agentCode, onLeave }: { agentCode: string; onLeave: () => void }) {
  const api = student(agentCode);
  const me = useAsync(() => api.me(), [agentCode], 15000);
  const enigmas = useAsync(() => api.enigmas(), [agentCode], 10000);
  const board = useAsync(() => api.leaderboard(), [agentCode], 10000);
  const routes = useAsync(() => stats.routes(300).then((s) => s.routes.map((r) => r.route).sort()), [], 30000);
  return (
    <div className="stack">
      <section className="card agent" aria-labelledby="agent-title">
        <h2 id="agent-title">Agent {me.data?.nickname ?? ''}</h2>
        <p>
          Your agent code: <code data-testid="agent-code" className="agent-code">{agentCode}</code>
        </p>
        <p className="muted small">Write it down: it restores your progress on any browser.</p>
        {me.data?.stars !== undefined ? (
          <p>
            Stars earned: <strong data-testid="my-stars">{me.data.stars}</strong>
          </p>
        ) : null}
        {me.error ? <ProblemView error={me.error} onRetry={me.reload} /> : null}
        <button type="button" className="secondary" onClick={onLeave}>
          Leave this session
        </button>
      </section>
      <section aria-labelledby="enigmas-title">
        <h2 id="enigmas-title">Enigmas</h2>
        {enigmas.error ? <ProblemView error={enigmas.error} onRetry={enigmas.reload} /> : null}
        {!enigmas.data && !enigmas.error ? <Loading /> : null}
        {enigmas.data && enigmas.data.length === 0 ? <p className="muted">No enigma is open yet. Watch the shop!</p> : null}
        <ul className="enigma-list">
          {(enigmas.data ?? []).map((e) => (
            <EnigmaCard key={e.id} enigma={e} agentCode={agentCode} onChange={() => (enigmas.reload(), board.reload(), me.reload())} />
          ))}
        </ul>
        <datalist id="known-routes">
          {(routes.data ?? []).map((r) => (
            <option key={r} value={r} />
          ))}
        </datalist>
      </section>
      <section aria-labelledby="board-title">
        <h2 id="board-title">Leaderboard</h2>
        {board.error ? <ProblemView error={board.error} /> : null}
        {board.data ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Agent</th>
                  <th scope="col">Stars</th>
                  <th scope="col">Solved</th>
                </tr>
              </thead>
              <tbody>
                {board.data.map((r, i) => (
                  <tr key={`${r.nickname}-${i}`}>
                    <td>{i + 1}</td>
                    <td>{r.nickname}</td>
                    <td>{r.stars}</td>
                    <td>{r.solved}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </div>
  );
}

function EnigmaCard({ enigma, agentCode, onChange }: { enigma: Enigma; agentCode: string; onChange: () => void }) {
  const api = student(agentCode);
  const [answer, setAnswer] = useState('');
  const [result, setResult] = useState<{ correct: boolean; message?: string }>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  useEffect(() => setResult(undefined), [enigma.id]);
  const id = `answer-${enigma.id}`;
  const act = async (f: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await f();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const kind = enigma.kind ?? 'text';
  return (
    <li className={`card enigma${enigma.solved ? ' solved' : ''}`} data-testid={`enigma-${enigma.id}`}>
      <div className="section-head">
        <h3>{enigma.question}</h3>
        <Stars value={enigma.stars} max={enigma.maxStars} label={`${enigma.stars} of ${enigma.maxStars} stars ${enigma.solved ? 'earned' : 'still available'}`} />
      </div>
      {enigma.hints.length ? (
        <ol className="hints" aria-label="Hints">
          {enigma.hints.map((h, i) => (
            <li key={i}>{h}</li>
          ))}
        </ol>
      ) : null}
      {enigma.solved ? (
        <p className="notice ok">Solved.</p>
      ) : (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            void act(async () => {
              const r = await api.answer(enigma.id, answer.trim());
              setResult(r);
              if (r.correct) onChange();
            });
          }}
        >
          <div className="field grow">
            <label htmlFor={id}>Your answer{enigma.unit ? ` (${enigma.unit})` : ''}</label>
            {kind === 'choice' && enigma.options ? (
              <select id={id} required value={answer} onChange={(e) => setAnswer(e.target.value)}>
                <option value="">Choose…</option>
                {enigma.options.map((o, i) => (
                  <option key={i} value={String(i)}>
                    {o}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={id}
                required
                list={kind === 'route' || kind === 'bound' ? 'known-routes' : undefined}
                inputMode={kind === 'number' ? 'decimal' : undefined}
                value={answer}
                maxLength={200}
                onChange={(e) => setAnswer(e.target.value)}
              />
            )}
          </div>
          <button type="submit" disabled={busy}>
            Answer
          </button>
          <button
            type="button"
            className="secondary"
            disabled={busy || enigma.hintsLeft <= 0}
            onClick={() =>
              act(async () => {
                await api.hint(enigma.id);
                onChange();
              })
            }
          >
            Take a hint (costs a star)
          </button>
        </form>
      )}
      <div aria-live="polite">{result ? <p className={`notice ${result.correct ? 'ok' : 'bad'}`}>{result.message ?? (result.correct ? 'Correct!' : 'Not quite — try again.')}</p> : null}</div>
      {error ? <ProblemView error={error} /> : null}
    </li>
  );
}
