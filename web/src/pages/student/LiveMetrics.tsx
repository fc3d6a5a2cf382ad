import { useState } from 'react';
import { stats } from '../../api/client';
import { LineChart, PALETTE } from '../../components/LineChart';
import { ProblemView, useAsync } from '../../components/ui';
import { formatMillis, formatPercent } from '../../lib/format';
import { buildChart } from '../../lib/series';

const WINDOW_KEY = 'perfshop.metrics.window';
const WINDOWS = [
  { seconds: 60, label: 'Last minute' },
  { seconds: 300, label: 'Last 5 minutes' },
];

/**
 * The shop's own live numbers, from the server's per-route statistics (5-second slots): what a
 * class without the Docker stack observes instead of Grafana.
 */
export function LiveMetrics({ pollMs = 2500, standalone = false }: { pollMs?: number; standalone?: boolean }) {
  const Heading = standalone ? 'h1' : 'h2';
  const [window, setWindowState] = useState(() => {
    try {
      const saved = Number(localStorage.getItem(WINDOW_KEY));
      return WINDOWS.some((w) => w.seconds === saved) ? saved : 300;
    } catch {
      return 300;
    }
  });
  const setWindow = (seconds: number) => {
    setWindowState(seconds);
    try {
      localStorage.setItem(WINDOW_KEY, String(seconds));
    } catch {
      // storage refused (private mode): the choice lasts for this page only
    }
  };
  const series = useAsync(() => stats.series(window), [window], pollMs);
  const summary = useAsync(() => stats.routes(60), [], pollMs);
  const data = series.data;
  const only = summary.data?.routes
    .slice()
    .sort((a, b) => b.count - a.count)
    .slice(0, 5)
    .map((r) => r.route);
  const chart = (metric: 'throughput' | 'p95' | 'errorRate') =>
    data ? buildChart(data.points, data.slotSeconds, window, metric, { maxRoutes: 5, only: only && only.length ? only : undefined }) : { times: [], series: [] };
  const legend = chart('throughput').series.map((s) => s.route);
  return (
    <section aria-labelledby="metrics-title" className="metrics">
      <div className="section-head">
        <Heading id="metrics-title">Live metrics</Heading>
        <div className="field inline">
          <label htmlFor="metrics-window">Window</label>
          <select id="metrics-window" value={window} onChange={(e) => setWindow(Number(e.target.value))}>
            {WINDOWS.map((w) => (
              <option key={w.seconds} value={w.seconds}>
                {w.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="muted small">Per route, refreshed every few seconds. Gaps mean no request in that 5-second slot.</p>
      {series.error ? <ProblemView error={series.error} /> : null}
      {legend.length ? (
        <ul className="legend" aria-label="Routes">
          {legend.map((r, i) => (
            <li key={r}>
              <span className="swatch" style={{ background: PALETTE[i % PALETTE.length] }} aria-hidden="true" />
              <code>{r}</code>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="charts">
        <LineChart chart={chart('throughput')} title="Throughput (requests/s)" format={(v) => v.toFixed(v < 10 ? 1 : 0)} testId="chart-throughput" />
        <LineChart chart={chart('p95')} title="Latency p95" format={formatMillis} testId="chart-p95" />
        <LineChart chart={chart('errorRate')} title="Server errors (share of requests)" format={formatPercent} testId="chart-errors" />
      </div>
      {summary.data ? (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Route statistics table">
          <table className="numbers" data-testid="route-table">
            <caption>Routes over the last minute</caption>
            <thead>
              <tr>
                <th scope="col">Route</th>
                <th scope="col">Requests</th>
                <th scope="col">req/s</th>
                <th scope="col">p50</th>
                <th scope="col">p95</th>
                <th scope="col">p99</th>
                <th scope="col">5xx</th>
                <th scope="col">4xx</th>
              </tr>
            </thead>
            <tbody>
              {summary.data.routes.length === 0 ? (
                <tr>
                  <td colSpan={8}>No traffic in the last minute.</td>
                </tr>
              ) : null}
              {summary.data.routes
                .slice()
                .sort((a, b) => b.count - a.count)
                .map((r) => (
                  <tr key={r.route}>
                    <th scope="row">
                      <code>{r.route}</code>
                    </th>
                    <td>{r.count}</td>
                    <td>{r.throughput.toFixed(2)}</td>
                    <td>{formatMillis(r.p50)}</td>
                    <td data-testid={`p95-${r.route}`}>{formatMillis(r.p95)}</td>
                    <td>{formatMillis(r.p99)}</td>
                    <td>{formatPercent(r.errorRate)}</td>
                    <td>{formatPercent(r.clientErrorRate)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
