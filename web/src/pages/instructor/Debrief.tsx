import type { AdminApi } from '../../api/client';
import { Link, Loading, ProblemView, useAsync } from '../../components/ui';
import { DetectionTable } from './ClassConsole';

/** The debrief of a session: incident timeline, time to detect, leaderboard. */
export function Debrief({ api, sessionId }: { api: AdminApi; sessionId: number }) {
  const report = useAsync(() => api.report(sessionId), [sessionId]);
  const r = report.data;
  const t0 = r?.timeline[0] ? Date.parse(r.timeline[0].at) : 0;
  return (
    <div className="stack">
      <p className="small">
        <Link to={`/instructor/class/${sessionId}`}>Back to the console</Link> · the same report from a terminal:{' '}
        <code>perfshop scenario report --session {sessionId} --format md</code>
      </p>
      {report.error ? <ProblemView error={report.error} onRetry={report.reload} /> : null}
      {!r && !report.error ? <Loading /> : null}
      {r ? (
        <>
          <h2>Debrief — {r.session.name}</h2>
          <section aria-labelledby="timeline-title" className="card">
            <h3 id="timeline-title">Incident timeline</h3>
            <div className="table-wrap" tabIndex={0} role="region" aria-label="Incident timeline">
              <table className="numbers" data-testid="timeline">
                <thead>
                  <tr>
                    <th scope="col">Time</th>
                    <th scope="col">Offset</th>
                    <th scope="col">What</th>
                    <th scope="col">Detail</th>
                  </tr>
                </thead>
                <tbody>
                  {r.timeline.map((i, n) => {
                    const s = Math.round((Date.parse(i.at) - t0) / 1000);
                    return (
                      <tr key={n} className={`incident ${i.kind}`}>
                        <td>
                          <time dateTime={i.at}>{new Date(i.at).toLocaleTimeString()}</time>
                        </td>
                        <td>
                          +{Math.floor(s / 60)}:{String(s % 60).padStart(2, '0')}
                        </td>
                        <td>{i.kind}</td>
                        <td>{i.detail}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </section>
          <DetectionTable detections={r.detections} />
          <section aria-labelledby="final-title" className="card">
            <h3 id="final-title">Leaderboard</h3>
            <ol className="plain leaderboard">
              {r.leaderboard.map((k) => (
                <li key={k.nickname}>
                  <span className="rank">{k.rank}.</span> {k.nickname} — {k.stars} ★, {k.solved} solved
                </li>
              ))}
            </ol>
          </section>
        </>
      ) : null}
    </div>
  );
}
