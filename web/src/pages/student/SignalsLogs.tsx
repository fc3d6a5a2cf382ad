import { useEffect, useRef, useState } from 'react';
import { signals, type LogLine } from '../../api/client';
import { ProblemView } from '../../components/ui';
import { mergeLogs, shortLogger } from '../../lib/signals';

const LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'];
const SHOWN = 300;

/** A live tail of the server's log (redacted by the server before it keeps a line). */
export function SignalsLogs({ pollMs = 2000 }: { pollMs?: number }) {
  const [level, setLevel] = useState('INFO');
  const [text, setText] = useState('');
  const [paused, setPaused] = useState(false);
  const [lines, setLines] = useState<LogLine[]>([]);
  const [error, setError] = useState<unknown>();
  const last = useRef(0);
  useEffect(() => {
    let live = true;
    last.current = 0;
    setLines([]);
    const run = async () => {
      try {
        const page = await signals.logs({ after: last.current, level, q: text.trim() || undefined, limit: 200 });
        if (!live) return;
        last.current = page.last;
        setLines((shown) => mergeLogs(shown, page.lines, SHOWN));
        setError(undefined);
      } catch (e) {
        if (live) setError(e);
      }
    };
    if (paused) return () => void (live = false);
    void run();
    const timer = window.setInterval(run, pollMs);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [level, text, paused, pollMs]);
  const time = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' }) + '.' + String(ms % 1000).padStart(3, '0');
  return (
    <div className="stack" data-testid="signals-logs">
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Log filters">
        <div className="field">
          <label htmlFor="log-level">Level (and above)</label>
          <select id="log-level" value={level} onChange={(e) => setLevel(e.target.value)}>
            {LEVELS.map((l) => (
              <option key={l}>{l}</option>
            ))}
          </select>
        </div>
        <div className="field grow">
          <label htmlFor="log-text">Containing (message, logger or request id)</label>
          <input id="log-text" type="search" maxLength={200} value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <button type="button" className="secondary" aria-pressed={paused} onClick={() => setPaused((p) => !p)}>
          {paused ? 'Resume' : 'Pause'}
        </button>
      </form>
      {error ? <ProblemView error={error} /> : null}
      <p className="muted small" aria-live="polite">
        {lines.length} line{lines.length === 1 ? '' : 's'} shown (newest last; the server keeps its last 2000). Secrets are removed before a line is kept.
      </p>
      <div className="table-wrap log-wrap" tabIndex={0} role="region" aria-label="Log lines">
        <table className="numbers logs" data-testid="log-table">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Level</th>
              <th scope="col">Logger</th>
              <th scope="col">Message</th>
              <th scope="col">Request id</th>
            </tr>
          </thead>
          <tbody>
            {lines.length === 0 ? (
              <tr>
                <td colSpan={5}>No line matches yet.</td>
              </tr>
            ) : null}
            {lines.map((l) => (
              <tr key={l.seq} className={`log-${l.level.toLowerCase()}`}>
                <td className="nowrap">{time(l.time)}</td>
                <td>
                  <span className={`badge level-${l.level.toLowerCase()}`}>{l.level}</span>
                </td>
                <td title={l.logger}>
                  <code>{shortLogger(l.logger)}</code>
                </td>
                <td className="log-message">
                  {l.message}
                  {l.error ? (
                    <details>
                      <summary>{l.error.split('\n')[0]}</summary>
                      <pre>{l.error}</pre>
                    </details>
                  ) : null}
                </td>
                <td>{l.requestId ? <code className="small">{l.requestId}</code> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
