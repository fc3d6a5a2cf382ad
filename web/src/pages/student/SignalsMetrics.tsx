import { useState } from 'react';
import { signals, type MetricSample } from '../../api/client';
import { ProblemView, useAsync } from '../../components/ui';
import { formatBytes, formatMillis, formatPercent } from '../../lib/format';
import { effectiveWindow, keysOf, loadWindow, sampleChart, WINDOW_KEY, WINDOWS, type Line } from '../../lib/signals';
import { SignalChart } from './SignalChart';

const THREAD_STATES = ['runnable', 'blocked', 'waiting', 'timed-waiting'];

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** The server's JVM, pool and database metrics over the last 5 to 30 minutes. */
export function SignalsMetrics({ pollMs = 5000 }: { pollMs?: number }) {
  const [choice, setChoice] = useState<number | 'auto'>(() => loadWindow(storage()));
  const all = useAsync(() => signals.metrics(1800), [], pollMs);
  const data = all.data;
  const now = data && data.samples.length ? data.samples[data.samples.length - 1].t : Math.floor(Date.now() / 1000);
  const window = effectiveWindow(choice, data?.oldest ?? -1, now);
  const samples = data?.samples.filter((s) => s.t > now - window) ?? [];
  const step = data?.stepSeconds ?? 5;
  const chart = (lines: Line[]) => sampleChart(samples, step, window, now, lines);
  const pools = keysOf(samples, (s) => s.heap.pools).slice(0, 3);
  const heapLines: Line[] = [
    { label: 'Heap used', value: (s) => s.heap.used },
    { label: 'Floor after GC', value: (s) => s.heap.afterGc },
    ...pools.map((p) => ({ label: p, value: (s: MetricSample) => s.heap.pools[p] })),
  ];
  const last = samples[samples.length - 1];
  return (
    <div className="stack" data-testid="signals-metrics">
      <div className="section-head">
        <p className="muted small">
          Sampled every {step} s from the server&apos;s own meters (the same as <code>/actuator/prometheus</code>).
          {last ? ` Heap max ${formatBytes(last.heap.max)}, pool of ${last.pool.max} connections.` : ''}
        </p>
        <div className="field inline">
          <label htmlFor="signals-window">Window</label>
          <select
            id="signals-window"
            value={String(choice)}
            onChange={(e) => {
              const v = e.target.value === 'auto' ? 'auto' : Number(e.target.value);
              setChoice(v);
              try {
                if (v === 'auto') storage()?.removeItem(WINDOW_KEY);
                else storage()?.setItem(WINDOW_KEY, String(v));
              } catch {
                // storage refused (private mode): the choice lasts for this page only
              }
            }}
          >
            <option value="auto">Since start (up to 30 min)</option>
            {WINDOWS.map((w) => (
              <option key={w.seconds} value={w.seconds}>
                Last {w.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {all.error ? <ProblemView error={all.error} /> : null}
      <div className="charts">
        <SignalChart chart={chart(heapLines)} title="Heap (by pool, and its floor after GC)" format={formatBytes} testId="chart-heap" />
        <SignalChart chart={chart([{ label: 'GC pause time', value: (s) => s.gc.pauseMillis }])} title={`GC pauses (ms per ${step} s)`} format={formatMillis} testId="chart-gc" />
        <SignalChart
          chart={chart([
            { label: 'Server process', value: (s) => s.cpu.process },
            { label: 'Whole machine', value: (s) => s.cpu.system },
          ])}
          title="CPU (share of all cores)"
          format={formatPercent}
          testId="chart-cpu"
        />
        <SignalChart chart={chart(THREAD_STATES.map((st) => ({ label: st, value: (s: MetricSample) => s.threads[st] ?? 0 })))} title="Threads by state" format={(v) => v.toFixed(0)} testId="chart-threads" />
        <SignalChart
          chart={chart([
            { label: 'Active', value: (s) => s.pool.active },
            { label: 'Idle', value: (s) => s.pool.idle },
            { label: 'Waiting for one', value: (s) => s.pool.pending },
            { label: 'Maximum', value: (s) => s.pool.max },
          ])}
          title="Database connection pool"
          format={(v) => v.toFixed(0)}
          testId="chart-pool"
        />
        <SignalChart chart={chart([{ label: 'Mean time to get a connection', value: (s) => (s.pool.acquired ? s.pool.acquireMillis : null) }])} title="Pool acquire time" format={formatMillis} testId="chart-acquire" />
        <SignalChart
          chart={chart([
            { label: 'Mean', value: (s) => (s.sql.statements ? s.sql.meanMillis : null) },
            { label: 'Recent maximum', value: (s) => (s.sql.statements ? s.sql.maxMillis : null) },
          ])}
          title="SQL statement time"
          format={formatMillis}
          testId="chart-sql"
        />
        <SignalChart chart={chart([{ label: 'Statements per second', value: (s) => s.sql.statements / step }])} title="SQL statements" format={(v) => v.toFixed(v < 10 ? 1 : 0)} testId="chart-sql-rate" />
      </div>
    </div>
  );
}
