import { useState } from 'react';
import { signals, type ProfileFrame } from '../../api/client';
import { ProblemView, useAsync } from '../../components/ui';
import { formatBytes, formatPercent } from '../../lib/format';
import { flameLayout, shortFrame, topSelf } from '../../lib/signals';

const ROW = 18;
const WIDTH = 1000;

/** CPU and allocation flame graphs of the last minute, from the server's own JFR recording. */
export function SignalsProfile({ pollMs = 5000 }: { pollMs?: number }) {
  const [kind, setKind] = useState<'cpu' | 'alloc'>('cpu');
  const [focus, setFocus] = useState<string[]>([]);
  const page = useAsync(() => signals.profile(kind), [kind], pollMs);
  const p = page.data;
  const root = p ? zoom(p.root, focus) : undefined;
  const rects = root ? flameLayout(root, 0.003) : [];
  const depth = rects.reduce((m, r) => Math.max(m, r.depth), 0) + 1;
  const weight = (v: number) => (p?.unit === 'bytes' ? formatBytes(v) : `${v} samples`);
  return (
    <div className="stack" data-testid="signals-profile">
      <div className="section-head">
        <div className="row" role="group" aria-label="Profile">
          {(['cpu', 'alloc'] as const).map((k) => (
            <button key={k} type="button" className={kind === k ? '' : 'secondary'} aria-pressed={kind === k} onClick={() => (setKind(k), setFocus([]))}>
              {k === 'cpu' ? 'CPU' : 'Allocations'}
            </button>
          ))}
        </div>
        <p className="muted small">
          {p
            ? `${p.kind === 'cpu' ? 'Where threads run' : 'Where memory is allocated'} over the last ${p.seconds} s: ${weight(p.total)}. Recording while this tab is open (stops a minute after).`
            : 'Starting the recording…'}
        </p>
      </div>
      {page.error ? <ProblemView error={page.error} /> : null}
      {focus.length ? (
        <p className="small">
          Zoomed on <code>{shortFrame(focus[focus.length - 1])}</code>{' '}
          <button type="button" className="link-button" onClick={() => setFocus([])}>
            Show everything
          </button>
        </p>
      ) : null}
      {p && p.total === 0 ? <p>No sample yet: use the shop (or run the load) and wait a few seconds.</p> : null}
      {rects.length > 1 ? (
        <figure className="flame" data-testid="flame-graph">
          <figcaption className="visually-hidden">Flame graph: callers on top, callees below; width is the share of {p?.unit}.</figcaption>
          <svg viewBox={`0 0 ${WIDTH} ${depth * ROW}`} role="img" aria-label={`${kind === 'cpu' ? 'CPU' : 'Allocation'} flame graph, heaviest: ${topSelf(root!, 3).map((t) => shortFrame(t.name)).join(', ')}`}>
            {rects.map((r, i) => {
              const w = r.w * WIDTH;
              const label = shortFrame(r.name);
              return (
                <g key={i} transform={`translate(${(r.x * WIDTH).toFixed(1)},${r.depth * ROW})`} className="frame" onClick={() => r.depth > 0 && setFocus(path(root!, r))}>
                  <title>{`${r.name}\n${weight(r.value)} (${formatPercent(r.value / (root!.value || 1))})`}</title>
                  <rect width={Math.max(0.5, w - 0.5)} height={ROW - 1} className={frameClass(r.name)} />
                  {w > 40 ? (
                    <text x={3} y={ROW - 5} className="frame-label">
                      {label.length * 6.2 > w - 6 ? `${label.slice(0, Math.max(1, Math.floor((w - 6) / 6.2) - 1))}…` : label}
                    </text>
                  ) : null}
                </g>
              );
            })}
          </svg>
        </figure>
      ) : null}
      {root && root.value > 0 ? (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Heaviest frames">
          <table className="numbers" data-testid="profile-top">
            <caption>Heaviest methods (own {p?.unit}, not counting what they call)</caption>
            <thead>
              <tr>
                <th scope="col">Method</th>
                <th scope="col">Own</th>
                <th scope="col">Share</th>
              </tr>
            </thead>
            <tbody>
              {topSelf(root, 10).map((t) => (
                <tr key={t.name}>
                  <th scope="row">
                    <code>{t.name}</code>
                  </th>
                  <td>{weight(t.self)}</td>
                  <td>{formatPercent(t.self / root.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

/** Colours by origin: the shop's code, the JDK, libraries, allocated types. */
function frameClass(name: string): string {
  if (name.startsWith('new ')) return 'f-alloc';
  if (name.startsWith('dev.perfshop.')) return 'f-shop';
  if (name.startsWith('java.') || name.startsWith('jdk.') || name.startsWith('sun.')) return 'f-jdk';
  if (name === 'all') return 'f-root';
  return 'f-lib';
}

/** The subtree reached by following `names` from the root (the root itself if the path is gone). */
function zoom(root: ProfileFrame, names: string[]): ProfileFrame {
  let node = root;
  for (const n of names) {
    const next = node.children.find((c) => c.name === n);
    if (!next) return root;
    node = next;
  }
  return names.length ? { name: 'all', value: node.value, children: [node] } : root;
}

/** Names from the root's child down to the frame drawn as `rect` (found by position). */
function path(root: ProfileFrame, rect: { depth: number; x: number }): string[] {
  const out: string[] = [];
  let node = root;
  let x0 = 0;
  const total = root.value || 1;
  for (let d = 1; d <= rect.depth; d++) {
    let cx = x0;
    const next = node.children.find((c) => {
      const w = c.value / total;
      const hit = rect.x >= cx - 1e-9 && rect.x < cx + w - 1e-9;
      if (!hit) cx += w;
      return hit;
    });
    if (!next) break;
    out.push(next.name);
    node = next;
    x0 = cx;
  }
  return out;
}
