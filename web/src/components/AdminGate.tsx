import { useState, type ReactNode } from 'react';
import { admin } from '../api/client';
import { adminToken, useAdminToken } from '../state';
import { ProblemView } from './ui';

/**
 * Asks for the admin token once per tab. The token is checked against the server and then kept in
 * memory only (see state.ts): a reload or a new tab asks again.
 */
export function AdminGate({ children, purpose }: { children: ReactNode; purpose: string }) {
  const token = useAdminToken();
  const [value, setValue] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  if (token) return <>{children}</>;
  return (
    <form
      className="card form narrow-card"
      aria-labelledby="admin-signin-title"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(undefined);
        try {
          await admin(value.trim()).stats(60);
          adminToken.set(value.trim());
          setValue('');
        } catch (err) {
          setError(err);
        } finally {
          setBusy(false);
        }
      }}
    >
      <h2 id="admin-signin-title">Admin sign-in</h2>
      <p className="muted">{purpose} The token stays in this tab's memory only: reloading the page asks for it again.</p>
      <div className="field">
        <label htmlFor="admin-token">Admin token</label>
        <input id="admin-token" type="password" required autoComplete="off" value={value} onChange={(e) => setValue(e.target.value)} />
      </div>
      {error ? <ProblemView error={error} /> : null}
      <button type="submit" disabled={busy}>
        {busy ? 'Checking…' : 'Sign in'}
      </button>
    </form>
  );
}

export function useAdmin() {
  const token = useAdminToken();
  return token ? admin(token) : null;
}
