import { useEffect, useState } from 'react';
import { auth } from '../../api/client';
import { ProblemView } from '../../components/ui';
import { navigate, useTitle, type Route } from '../../lib/router';
import { customer, useCustomer } from '../../state';

/** Loads who is signed in once per page load (a 401 simply means nobody). */
export function useSignedIn() {
  const me = useCustomer();
  useEffect(() => {
    if (me !== undefined) return;
    auth.me().then(customer.set, () => customer.set(null));
  }, [me]);
  return me;
}

export function Account({ route }: { route: Route }) {
  useTitle('Account');
  const me = useSignedIn();
  const [mode, setMode] = useState<'login' | 'register'>('login');
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const next = route.query.get('next');

  if (me) {
    return (
      <section aria-labelledby="account-title" className="card narrow-card">
        <h1 id="account-title">Your account</h1>
        <p>
          Signed in as <strong>{me.name}</strong> ({me.email}).
        </p>
        <div className="row">
          <button type="button" onClick={() => navigate('/shop/orders')}>
            Order history
          </button>
          <button
            type="button"
            className="secondary"
            onClick={async () => {
              await auth.logout().catch(() => undefined);
              customer.set(null);
            }}
          >
            Sign out
          </button>
        </div>
      </section>
    );
  }
  return (
    <section aria-labelledby="account-title" className="card narrow-card">
      <h1 id="account-title">{mode === 'login' ? 'Sign in' : 'Create an account'}</h1>
      <form
        className="form"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(undefined);
          try {
            const c = mode === 'login' ? await auth.login(email.trim(), password) : await auth.register(email.trim(), name.trim(), password);
            customer.set(c);
            setPassword('');
            if (next && next.startsWith('/')) navigate(next);
          } catch (err) {
            setError(err);
          } finally {
            setBusy(false);
          }
        }}
      >
        <div className="field">
          <label htmlFor="email">Email</label>
          <input id="email" type="email" required autoComplete="email" maxLength={254} value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        {mode === 'register' ? (
          <div className="field">
            <label htmlFor="name">Name</label>
            <input id="name" required autoComplete="name" maxLength={80} value={name} onChange={(e) => setName(e.target.value)} />
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="password">Password{mode === 'register' ? ' (8 to 72 characters)' : ''}</label>
          <input
            id="password"
            type="password"
            required
            minLength={mode === 'register' ? 8 : undefined}
            maxLength={72}
            autoComplete={mode === 'login' ? 'current-password' : 'new-password'}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        {error ? <ProblemView error={error} /> : null}
        <button type="submit" disabled={busy}>
          {busy ? 'Please wait…' : mode === 'login' ? 'Sign in' : 'Create account'}
        </button>
      </form>
      <p>
        {mode === 'login' ? 'New here? ' : 'Already have an account? '}
        <button type="button" className="link-button" onClick={() => setMode(mode === 'login' ? 'register' : 'login')}>
          {mode === 'login' ? 'Create an account' : 'Sign in'}
        </button>
      </p>
    </section>
  );
}
