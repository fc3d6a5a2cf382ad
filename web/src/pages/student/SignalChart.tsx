import { LineChart, PALETTE } from '../../components/LineChart';
import type { Chart } from '../../lib/series';

/** A line chart with its own legend (one entry per line), for the signals view. */
export function SignalChart({ chart, title, format, testId, empty }: { chart: Chart; title: string; format: (v: number) => string; testId: string; empty?: string }) {
  const present = chart.series.filter((s) => s.values.some((v) => v !== null));
  const shown = { times: chart.times, series: present };
  return (
    <div className="signal-chart">
      <LineChart chart={shown} title={title} format={format} testId={testId} empty={empty ?? 'No sample in this window yet.'} />
      {present.length ? (
        <ul className="legend small" aria-label={`${title}: lines`}>
          {present.map((s, i) => (
            <li key={s.route}>
              <span className="swatch" style={{ background: PALETTE[i % PALETTE.length] }} aria-hidden="true" />
              {s.route}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
