import { formatClock, readableScale, timeTicks } from '../lib/ticks';
import { isolatedPoints, linePath, maxOf, type Chart } from '../lib/series';

export const PALETTE = ['#1d4ed8', '#b91c1c', '#047857', '#b45309', '#6d28d9'];

/** A dependency-free SVG line chart: one line per route, gaps where there was no traffic. */
export function LineChart({
  chart,
  title,
  format,
  height = 180,
  testId,
  empty = 'No traffic in this window yet.',
  band,
}: {
  chart: Chart;
  title: string;
  format: (v: number) => string;
  height?: number;
  testId?: string;
  empty?: string;
  /** A span of time to shade (epoch seconds), e.g. while an anomaly was on. */
  band?: { from: number; to: number; label: string };
}) {
  const width = 560;
  const pad = { left: 64, right: 12, top: 10, bottom: 24 };
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const { max, ticks } = readableScale(maxOf(chart), format);
  const n = chart.times.length;
  const x = (i: number) => pad.left + (n <= 1 ? innerW : (i / (n - 1)) * innerW);
  const y = (v: number) => pad.top + innerH - (Math.min(v, max) / max) * innerH;
  const latest = chart.series.map((s) => {
    const last = [...s.values].reverse().find((v) => v !== null);
    return `${s.route}: ${last === undefined || last === null ? 'no traffic' : format(last)}`;
  });
  const first = chart.times[0];
  const last = chart.times[n - 1];
  const xTicks = n > 1 ? timeTicks(first, last, 5) : [];
  const withSeconds = xTicks.some((t) => t % 60 !== 0);
  const xAt = (t: number) => pad.left + ((t - first) / (last - first)) * innerW;
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`${title}. Latest: ${latest.length ? latest.join('; ') : 'no data yet'}`}
      >
        {band && n > 1 ? (
          <rect
            className="band"
            data-testid="chart-band"
            x={xAt(Math.max(first, band.from))}
            y={pad.top}
            width={Math.max(1, xAt(Math.min(last, band.to)) - xAt(Math.max(first, band.from)))}
            height={innerH}
          >
            <title>{band.label}</title>
          </rect>
        ) : null}
        {ticks.map((t) => (
          <g key={t}>
            <line x1={pad.left} x2={width - pad.right} y1={y(t)} y2={y(t)} className="grid" />
            <text x={pad.left - 6} y={y(t) + 4} textAnchor="end" className="axis">
              {format(t)}
            </text>
          </g>
        ))}
        {xTicks.map((t) => (
          <g key={`x${t}`}>
            <line x1={xAt(t)} x2={xAt(t)} y1={pad.top + innerH} y2={pad.top + innerH + 4} className="grid" />
            <text x={xAt(t)} y={height - 6} textAnchor={xAt(t) > width - pad.right - 28 ? 'end' : 'middle'} className="axis">
              {formatClock(t, withSeconds)}
            </text>
          </g>
        ))}
        {chart.series.map((s, i) => (
          <g key={s.route} data-route={s.route}>
            <path d={linePath(s.values, x, y)} fill="none" stroke={PALETTE[i % PALETTE.length]} strokeWidth={2} strokeLinejoin="round" data-route={s.route} />
            {isolatedPoints(s.values).map((j) => (
              <circle key={j} cx={x(j)} cy={y(s.values[j] as number)} r={3} fill={PALETTE[i % PALETTE.length]} />
            ))}
          </g>
        ))}
      </svg>
      {chart.series.length === 0 ? <p className="muted small">{empty}</p> : null}
    </figure>
  );
}
