import { useEffect, useState, type ReactNode } from 'react';
import { AGENT_KEY, join, stats, student, type AnswerResult, type Enigma, type Joined, type Me, type Rank } from '../../api/client';
import { ApiError } from '../../api/http';
import { Loading, ProblemView, Stars, useAsync } from '../../components/ui';
import { doingInstruction, doingProgress } from '../../lib/doing';
import { useRoute, useTitle } from '../../lib/router';
import { LiveMetrics } from './LiveMetrics';
import { Signals } from './Signals';


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
      <Signals />
    </div>
  );
}

/** A 403 whose reason says the class is over (or not open yet): not an error to shout about. */
const pageClosed = (e: unknown) => e instanceof ApiError && e.problem.reason === 'student-page-closed';

function JoinForm({ onJoined }: { onJoined: (a: Pick<Joined, 'agentCode'>) => void }) {
  // the projector's QR code links to /student?code=XXXXXX
  const route = useRoute();
  const [code, setCode] = useState(() => (route.query.get('code') ?? '').slice(0, 32));
  const [nickname, setNickname] = useState('');
  const [restore, setRestore] = useState('');
  const [error, setError] = useState<unknown>();
  const [restoreError, setRestoreError] = useState<unknown>();
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
        onSubmit={async (e) => {
          e.preventDefault();
          const candidate = restore.trim();
          if (!candidate) return;
          setBusy(true);
          setRestoreError(undefined);
          try {
            // the server checks the code (signed, not revoked) before this browser keeps it
            await student(candidate).me();
            onJoined({ agentCode: candidate });
          } catch (err) {
            if (pageClosed(err)) onJoined({ agentCode: candidate });
            else setRestoreError(err);
          } finally {
            setBusy(false);
          }
        }}
      >
        <h2 id="restore-title">Already joined?</h2>
        <p className="muted">Enter your agent code to get your progress back on this browser.</p>
        <div className="field">
          <label htmlFor="agent-code-input">Agent code</label>
          <input id="agent-code-input" autoComplete="off" maxLength={200} value={restore} onChange={(e) => setRestore(e.target.value)} />
        </div>
        {restoreError ? <ProblemView error={restoreError} /> : null}
        <button type="submit" className="secondary" disabled={busy}>
          Restore
        </button>
      </form>
    </div>
  );
}

function Agenda({ agentCode, onLeave }: { agentCode: string; onLeave: () => void }) {
  const api = student(agentCode);
  const me = useAsync(() => api.me(), [agentCode], 15000);
  const closed = me.data?.studentPage === 'closed' || pageClosed(me.error);
  const enigmas = useAsync(() => (closed ? Promise.resolve([] as Enigma[]) : api.enigmas()), [agentCode, closed], closed ? undefined : 5000);
  const board = useAsync(() => api.leaderboard(), [agentCode], 10000);
  const [leaving, setLeaving] = useState(false);
  // the class just ended: ask for the final state now rather than at the next poll
  const endedNow = pageClosed(enigmas.error) && !closed;
  useEffect(() => {
    if (endedNow) me.reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [endedNow]);
  const routes = useAsync(() => stats.routes(300).then((s) => s.routes.map((r) => r.route).sort()), [], 30000);
  const refresh = () => {
    enigmas.reload();
    board.reload();
    me.reload();
  };
  const open = (enigmas.data ?? []).filter((e) => e.open);
  const leave = (
    <div className="row">
      {leaving ? (
        <div className="notice warn row" role="alertdialog" aria-labelledby="leave-question">
          <span id="leave-question" className="grow-text">
            Leave this session on this browser? Your progress stays on the server, but you need your agent code to get it back.
          </span>
          <button type="button" className="danger" onClick={onLeave}>
            Yes, leave
          </button>
          <button type="button" className="secondary" onClick={() => setLeaving(false)}>
            Stay
          </button>
        </div>
      ) : (
        <button type="button" className="secondary" onClick={() => setLeaving(true)}>
          Leave this session
        </button>
      )}
    </div>
  );
  if (closed) return <FinalState me={me.data} board={board.data} agentCode={agentCode} leave={leave} />;
  return (
    <div className="stack">
      {me.data?.message ? (
        <section className="card broadcast" aria-labelledby="message-title" data-testid="broadcast">
          <h2 id="message-title">Message from your instructor</h2>
          <p aria-live="polite">{me.data.message}</p>
        </section>
      ) : null}
      <section className="card agent" aria-labelledby="agent-title">
        <h2 id="agent-title">Agent {me.data?.nickname ?? ''}</h2>
        {me.data ? (
          <p>
            Session <strong>{me.data.session.name}</strong> ({me.data.session.level}) · <strong data-testid="my-stars">{me.data.stars}</strong> of {me.data.maxStars} stars ·{' '}
            {me.data.solved} of {me.data.enigmas} enigmas solved
          </p>
        ) : null}
        <p>
          Your agent code: <code data-testid="agent-code" className="agent-code">{agentCode}</code>
        </p>
        <p className="muted small">Write it down: it restores your progress on any browser.</p>
        {me.error ? <ProblemView error={me.error} onRetry={me.reload} /> : null}
        {leave}
      </section>
      <section aria-labelledby="enigmas-title">
        <h2 id="enigmas-title">Enigmas</h2>
        {enigmas.error && !pageClosed(enigmas.error) ? <ProblemView error={enigmas.error} onRetry={enigmas.reload} /> : null}
        {!enigmas.data && !enigmas.error ? <Loading /> : null}
        {enigmas.data && open.length === 0 ? <p className="muted">No enigma is open yet. Watch the shop!</p> : null}
        <ul className="enigma-list">
          {open.map((e) => (
            <EnigmaCard key={e.id} enigma={e} agentCode={agentCode} onChange={refresh} />
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
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Leaderboard table">
            <table data-testid="leaderboard">
              <thead>
                <tr>
                  <th scope="col">Rank</th>
                  <th scope="col">Agent</th>
                  <th scope="col">Stars</th>
                  <th scope="col">Solved</th>
                </tr>
              </thead>
              <tbody>
                {board.data.length === 0 ? (
                  <tr>
                    <td colSpan={4}>Nobody has scored yet.</td>
                  </tr>
                ) : null}
                {board.data.map((r) => (
                  <tr key={`${r.rank}-${r.nickname}`}>
                    <td>{r.rank}</td>
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

/** The class is over: who you were, your stars and rank, the final scoreboard. No error boxes. */
function FinalState({ me, board, agentCode, leave }: { me?: Me; board?: Rank[]; agentCode: string; leave: ReactNode }) {
  return (
    <div className="stack">
      <section className="card final-state" aria-labelledby="final-title" data-testid="final-state">
        <h2 id="final-title">{me ? `The class is over, ${me.nickname}` : 'This class session has ended'}</h2>
        {me ? (
          <>
            <p>
              The class <strong>{me.session.name}</strong> ({me.session.level}) is over.
            </p>
            <p className="big-rank" data-testid="final-rank">
              {me.rank ? `Rank ${me.rank} of ${me.students}` : 'Not ranked'}
            </p>
            <p>
              <strong data-testid="final-stars">{me.stars}</strong> of {me.maxStars} stars · {me.solved} of {me.enigmas} enigmas solved
            </p>
            {me.message ? <p className="notice info">{me.message}</p> : null}
          </>
        ) : (
          <p>Your instructor closed this session. Your progress is kept; ask them if you need it.</p>
        )}
        <p className="small muted">
          Your agent code: <code className="agent-code">{agentCode}</code>
        </p>
        {leave}
      </section>
      {board && board.length > 0 ? (
        <section aria-labelledby="final-board-title">
          <h2 id="final-board-title">Final scoreboard</h2>
          {me?.scoreboardFrozen ? <p className="small muted">As your instructor froze it near the end of the class.</p> : null}
          <ol className="plain leaderboard" data-testid="final-board">
            {board.map((r) => (
              <li key={r.nickname} aria-current={me && r.nickname === me.nickname ? 'true' : undefined}>
                <span className="rank">{r.rank}.</span> {r.nickname} — {r.stars} ★
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}

export function EnigmaCard({ enigma, agentCode, onChange }: { enigma: Enigma; agentCode: string; onChange: () => void }) {
  const api = student(agentCode);
  const [answer, setAnswer] = useState('');
  const [choices, setChoices] = useState<number[]>([]);
  const [result, setResult] = useState<AnswerResult>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [confirmHint, setConfirmHint] = useState(false);
  useEffect(() => setResult(undefined), [enigma.id]);
  const id = `answer-${enigma.id.replace(/[^A-Za-z0-9_-]/g, '-')}`;
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
  const hintsLeft = enigma.hintsTotal - enigma.hints.length;
  const earned = enigma.solved ? (enigma.stars ?? 0) : enigma.starsAvailable;
  const options = enigma.options ?? [];
  return (
    <li className={`card enigma${enigma.solved ? ' solved' : ''}`} data-testid={`enigma-${enigma.id}`}>
      <div className="section-head">
        <h3>{enigma.question}</h3>
        <Stars value={earned} max={enigma.maxStars} label={enigma.solved ? `${earned} of ${enigma.maxStars} stars earned` : `${earned} of ${enigma.maxStars} stars still available`} />
      </div>
      {enigma.hints.length ? (
        <ol className="hints" aria-label="Hints">
          {enigma.hints.map((h, i) => (
            <li key={i}>
              {h}{' '}
              <span className="muted" data-testid="hint-cost">
                {i < enigma.hintsReleased ? '(released to everyone — free)' : '(cost you a star)'}
              </span>
            </li>
          ))}
        </ol>
      ) : null}
      {enigma.solved ? (
        <p className="notice ok">Solved — {enigma.stars ?? 0} star{enigma.stars === 1 ? '' : 's'}.</p>
      ) : !enigma.ready ? (
        <p className="muted">This enigma opens once the scenario has picked its target. Keep watching.</p>
      ) : (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            if (enigma.type === 'done') return;
            void act(async () => {
              const r = await api.answer(enigma.id, enigma.type === 'choice' ? { choices } : { answer: answer.trim() });
              setResult(r);
              onChange();
            });
          }}
        >
          {enigma.type === 'done' ? (
            <div className="grow" data-testid="doing-progress">
              <p>
                <progress max={enigma.checkoutsRequired ?? 1} value={Math.min(enigma.checkoutsCounted ?? 0, enigma.checkoutsRequired ?? 1)} />{' '}
                <strong>{doingProgress(enigma)}</strong>
              </p>
              <p className="muted">{doingInstruction()}</p>
            </div>
          ) : enigma.type === 'choice' ? (
            <fieldset className="grow choices">
              <legend>{enigma.multiple ? 'Pick every right answer' : 'Pick one answer'}</legend>
              {options.map((o, i) => (
                <label key={i} className="check">
                  <input
                    type={enigma.multiple ? 'checkbox' : 'radio'}
                    name={id}
                    checked={choices.includes(i)}
                    onChange={(e) => setChoices((c) => (enigma.multiple ? (e.target.checked ? [...c, i] : c.filter((x) => x !== i)) : [i]))}
                  />{' '}
                  {o}
                </label>
              ))}
            </fieldset>
          ) : (
            <div className="field grow">
              <label htmlFor={id}>
                Your answer
                {enigma.unit ? ` (${enigma.unit})` : ''}
                {enigma.type === 'route' ? ' — as METHOD /path, with path variables in braces' : ''}
              </label>
              <input
                id={id}
                required
                list={enigma.type === 'route' || enigma.type === 'bound' ? 'known-routes' : undefined}
                inputMode={enigma.type === 'number' || enigma.type === 'measured' ? 'decimal' : undefined}
                value={answer}
                maxLength={200}
                autoComplete="off"
                onChange={(e) => setAnswer(e.target.value)}
              />
            </div>
          )}
          {enigma.type === 'done' ? null : (
            <button type="submit" disabled={busy || (enigma.type === 'choice' && choices.length === 0)}>
              Answer
            </button>
          )}
          {confirmHint ? (
            <span className="row" role="group" aria-label="Confirm the hint">
              <span>
                A hint costs a star: {enigma.starsAvailable} → {Math.max(0, enigma.starsAvailable - 1)} available.
              </span>
              <button
                type="button"
                disabled={busy}
                onClick={() =>
                  act(async () => {
                    setConfirmHint(false);
                    await api.hint(enigma.id);
                    onChange();
                  })
                }
              >
                Yes, take the hint
              </button>
              <button type="button" className="secondary" onClick={() => setConfirmHint(false)}>
                Cancel
              </button>
            </span>
          ) : (
            <button type="button" className="secondary" disabled={busy || hintsLeft <= 0} onClick={() => setConfirmHint(true)}>
              {hintsLeft > 0 ? `Take a hint (${hintsLeft} left, costs a star)` : 'No hint left'}
            </button>
          )}
        </form>
      )}
      {!enigma.solved && enigma.ready && enigma.anomalyLive === false ? (
        <p className="muted" data-testid="anomaly-off">
          The anomaly this enigma is about is not running yet: answers are not checked until your instructor starts it.
        </p>
      ) : null}
      {!enigma.solved && enigma.type !== 'done' && enigma.triesBeforeStarLost != null ? (
        <p className="muted" data-testid="tries-left">
          {enigma.type === 'choice'
            ? 'Each wrong choice costs a star.'
            : enigma.triesBeforeStarLost === 1
              ? 'The next wrong answer costs a star.'
              : `${enigma.triesBeforeStarLost} wrong answers left before a star is lost.`}
        </p>
      ) : null}
      <div aria-live="polite">
        {result && !enigma.solved ? (
          <p className={`notice ${result.correct ? 'ok' : 'bad'}`} data-testid="answer-result">
            {result.message ?? (result.correct ? 'Correct!' : 'Not quite — try again.')}
          </p>
        ) : null}
      </div>
      {error ? <ProblemView error={error} /> : null}
    </li>
  );
}
