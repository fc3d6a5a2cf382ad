import { useState } from 'react';
import { signals, type HeapHistogram, type ThreadDump } from '../../api/client';
import { ProblemView } from '../../components/ui';
import { formatBytes } from '../../lib/format';

/** Thread dump and heap histogram on demand, as `jcmd Thread.print` and `jcmd GC.class_histogram` give them. */
export function SignalsDumps() {
  const [dump, setDump] = useState<ThreadDump>();
  const [heap, setHeap] = useState<HeapHistogram>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState('');
  const [state, setState] = useState('all');
  const take = async (what: 'threads' | 'heap') => {
    setBusy(what);
    setError(undefined);
    try {
      if (what === 'threads') setDump(await signals.threads());
      else setHeap(await signals.heap());
    } catch (e) {
      setError(e);
    } finally {
      setBusy('');
    }
  };
  const counts = new Map<string, number>();
  for (const t of dump?.threads ?? []) counts.set(t.state, (counts.get(t.state) ?? 0) + 1);
  const shown = (dump?.threads ?? []).filter((t) => state === 'all' || t.state === state);
  return (
    <div className="stack" data-testid="signals-dumps">
      <div className="row">
        <button type="button" onClick={() => take('threads')} disabled={busy !== ''}>
          {busy === 'threads' ? 'Taking…' : 'Take a thread dump'}
        </button>
        <button type="button" onClick={() => take('heap')} disabled={busy !== ''}>
          {busy === 'heap' ? 'Counting…' : 'Take a heap histogram'}
        </button>
      </div>
      <p className="muted small">The server answers one dump every 2 s and one histogram every 15 s (a histogram runs a full garbage collection); a quicker click gets the same one again.</p>
      {error ? <ProblemView error={error} /> : null}
      {heap ? (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Heap histogram">
          <table className="numbers" data-testid="heap-histogram">
            <caption>
              Live objects at {new Date(heap.takenAt).toLocaleTimeString()}: {formatBytes(heap.bytes)} in {heap.instances.toLocaleString()} objects (top {heap.classes.length} classes)
            </caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Class</th>
                <th scope="col">Objects</th>
                <th scope="col">Bytes</th>
              </tr>
            </thead>
            <tbody>
              {heap.classes.map((c) => (
                <tr key={c.rank}>
                  <td>{c.rank}</td>
                  <th scope="row">
                    <code>{c.className}</code>
                  </th>
                  <td>{c.instances.toLocaleString()}</td>
                  <td>{formatBytes(c.bytes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {dump ? (
        <section aria-label="Thread dump" data-testid="thread-dump">
          <div className="section-head">
            <p>
              {dump.threadCount} threads at {new Date(dump.takenAt).toLocaleTimeString()}
              {dump.deadlocked ? <strong className="status bad"> — {dump.deadlocked} deadlocked</strong> : null}
            </p>
            <div className="field inline">
              <label htmlFor="thread-state">State</label>
              <select id="thread-state" value={state} onChange={(e) => setState(e.target.value)}>
                <option value="all">all ({dump.threads.length})</option>
                {[...counts.entries()].sort().map(([s, n]) => (
                  <option key={s} value={s}>
                    {s} ({n})
                  </option>
                ))}
              </select>
            </div>
          </div>
          <ul className="plain threads">
            {shown.map((t) => (
              <li key={t.id}>
                <details>
                  <summary>
                    <code>{t.name}</code> <span className={`badge state-${t.state}`}>{t.state}</span>
                    {t.waitingOn ? <span className="muted small"> on {t.waitingOn}</span> : null}
                    {t.lockOwner ? <span className="muted small"> held by {t.lockOwner}</span> : null}
                    {t.frames[0] ? <span className="muted small"> · {t.frames[0]}</span> : null}
                  </summary>
                  <pre>{t.frames.map((f) => `at ${f}`).join('\n') || '(no Java frames)'}</pre>
                </details>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
