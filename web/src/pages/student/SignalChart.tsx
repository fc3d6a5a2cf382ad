import { LineChart, PALETTE } from '../../components/LineChart';
import type { Chart } from '../../lib/series';

/** The last sample of a line, or null when it has none in the window. */
export function latestValue(values: (number | null)[]): number | null {
  for (let i = values.length - 1; i >= 0; i--) if (values[i] !== null) return values[i];
  return null;
}

/**
 * A line chart with its own legend (one entry per line, with its latest value: a small count such
 * as 2 active connections cannot be read off an axis that goes to 200), for the signals view.
 */
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
              <span className="latest" data-testid={`${testId}-latest-${i}`}>
                {(() => {
                  const v = latestValue(s.values);
                  return v === null ? '' : ` ${format(v)}`;
                })()}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
