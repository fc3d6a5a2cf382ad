import type { AdminApi, SignalChart } from '../../api/client';
import { LineChart } from '../../components/LineChart';
import { formatMillis } from '../../lib/format';
import { signalChart } from '../../lib/series';
import { Link, Loading, ProblemView, useAsync } from '../../components/ui';
import { DetectionTable } from './ClassConsole';

function formatUnit(unit: string): (v: number) => string {
  if (unit === 'ms') return formatMillis;
  if (unit === '%') return (v) => `${v.toFixed(v < 10 ? 1 : 0)} %`;
  return (v) => `${v.toFixed(v < 10 ? 1 : 0)} ${unit}`;
}

/** The key signal around each anomaly: its chart with the anomaly's span shaded, and the means. */
function SignalCharts({ charts }: { charts: SignalChart[] }) {
  if (charts.length === 0) return null;
  return (
    <section aria-labelledby="signals-title" className="card signals">
      <h3 id="signals-title">The key signal around each anomaly</h3>
      <div className="charts">
        {charts.map((c, i) => {
          const f = formatUnit(c.unit);
          // shaded on the steps the anomaly touched: a point stands for its whole step
          const step = c.stepSeconds;
          const start = Math.floor(Date.parse(c.startedAt) / 1000 / step) * step;
          const end = c.endedAt ? Math.floor(Date.parse(c.endedAt) / 1000 / step) * step + step : Date.parse(c.to) / 1000;
          return (
            <div key={i} data-testid={`signal-${c.anomaly}`}>
              <LineChart
                chart={signalChart(c)}
                title={`${c.anomaly}: ${c.label}`}
                format={f}
                testId="signal-chart"
                band={{ from: start, to: end, label: `${c.anomaly} on` }}
                empty="No data kept for this window (the server keeps the signals of the last 3 hours, in memory)."
              />
              <p className="small" data-testid="signal-summary">
                {c.anomaly} on {new Date(c.startedAt).toLocaleTimeString()}
                {c.endedAt ? ` to ${new Date(c.endedAt).toLocaleTimeString()}` : ', still on'} (shaded). Mean before:{' '}
                {c.before == null ? 'no data' : f(c.before)}; while on: {c.during == null ? 'no data' : f(c.during)}.
              </p>
            </div>
          );
        })}
      </div>
    </section>
  );
}

/** The debrief of a session: incident timeline, time to detect, key signals, leaderboard. */
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
          <SignalCharts charts={r.signals ?? []} />
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
