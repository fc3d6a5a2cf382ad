import { useState } from 'react';
import { admin } from '../api/client';
import { useAdminToken } from '../state';
import { toProblemOf } from './ui';

/** The big red button: disables every anomaly at once. Shown on every instructor/admin screen. */
export function HaltButton({ onHalted }: { onHalted?: () => void }) {
  const token = useAdminToken();
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  if (!token) return null;
  return (
    <div className="halt-bar" role="region" aria-label="Emergency stop">
      <button
        type="button"
        className="danger halt"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          try {
            const r = await admin(token).halt();
            setMessage(`Halted: ${r.halted} anomal${r.halted === 1 ? 'y' : 'ies'} disabled.`);
            onHalted?.();
          } catch (e) {
            const p = toProblemOf(e);
            setMessage(`Halt failed: ${p.title}${p.detail ? ` — ${p.detail}` : ''}`);
          } finally {
            setBusy(false);
          }
        }}
      >
        HALT all chaos
      </button>
      <span aria-live="assertive" className="halt-message" data-testid="halt-message">
        {message}
      </span>
    </div>
  );
}
