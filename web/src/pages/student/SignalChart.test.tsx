import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SignalChart, latestValue } from './SignalChart';

describe('SignalChart', () => {
  it('shows each line with its latest value, so a small count stays readable beside a large one', () => {
    const chart = {
      times: [1000, 1005, 1010],
      series: [
        { route: 'Active', values: [8, 2, 2] },
        { route: 'Waiting for one', values: [24, 60, 187] },
        { route: 'Idle', values: [0, 0, null] },
      ],
    };
    const html = renderToStaticMarkup(<SignalChart chart={chart} title="Database connection pool" format={(v) => v.toFixed(0)} testId="chart-pool" />);
    const legend = html.slice(html.indexOf('<ul class="legend small"'));
    const text = legend.replace(/<[^>]+>/g, '');
    expect(text).toContain('Active 2');
    expect(text).toContain('Waiting for one 187');
    expect(text).toContain('Idle 0');
    expect(legend).toContain('data-testid="chart-pool-latest-0"> 2</span>');
  });

  it('takes the last sample that exists', () => {
    expect(latestValue([1, 2, null, null])).toBe(2);
    expect(latestValue([null, null])).toBeNull();
    expect(latestValue([])).toBeNull();
  });
});
