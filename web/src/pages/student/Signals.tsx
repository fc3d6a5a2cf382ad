import { useState, type KeyboardEvent } from 'react';
import { SignalsDumps } from './SignalsDumps';
import { SignalsLogs } from './SignalsLogs';
import { SignalsMetrics } from './SignalsMetrics';
import { SignalsProfile } from './SignalsProfile';
import { SignalsTraces } from './SignalsTraces';

const TABS = [
  { id: 'metrics', label: 'Metrics' },
  { id: 'logs', label: 'Logs' },
  { id: 'traces', label: 'Traces' },
  { id: 'profile', label: 'Profile' },
  { id: 'dumps', label: 'Threads & heap' },
] as const;
type Tab = (typeof TABS)[number]['id'];

/**
 * What the server shows about itself: metrics, logs, traces, profiles, thread dumps and heap
 * histograms. Only the open tab polls the server, so nothing is fetched for a closed one.
 */
export function Signals({ standalone = false }: { standalone?: boolean }) {
  const Heading = standalone ? 'h1' : 'h2';
  const [tab, setTab] = useState<Tab>('metrics');
  const onKey = (e: KeyboardEvent) => {
    const i = TABS.findIndex((t) => t.id === tab);
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
      setTab(next.id);
      document.getElementById(`signals-tab-${next.id}`)?.focus();
    }
  };
  return (
    <section aria-labelledby="signals-title" className="metrics signals">
      <Heading id="signals-title">Server signals</Heading>
      <div role="tablist" aria-label="Signals" className="tabs" onKeyDown={onKey}>
        {TABS.map((t) => (
          <button
            key={t.id}
            id={`signals-tab-${t.id}`}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            aria-controls={`signals-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            className={tab === t.id ? 'tab on' : 'tab'}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`signals-panel-${tab}`} aria-labelledby={`signals-tab-${tab}`} className="tab-panel">
        {tab === 'metrics' ? <SignalsMetrics /> : null}
        {tab === 'logs' ? <SignalsLogs /> : null}
        {tab === 'traces' ? <SignalsTraces /> : null}
        {tab === 'profile' ? <SignalsProfile /> : null}
        {tab === 'dumps' ? <SignalsDumps /> : null}
      </div>
    </section>
  );
}
