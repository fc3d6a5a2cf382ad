import { HaltButton } from './components/HaltButton';
import { Link } from './components/ui';
import { useRoute } from './lib/router';
import { AdminPage } from './pages/admin/AdminPage';
import { InstructorPage } from './pages/instructor/InstructorPage';
import { Account } from './pages/shop/Account';
import { CartPage } from './pages/shop/CartPage';
import { Catalogue } from './pages/shop/Catalogue';
import { Checkout } from './pages/shop/Checkout';
import { Orders } from './pages/shop/Orders';
import { ProductPage } from './pages/shop/ProductPage';
import { LiveMetrics } from './pages/student/LiveMetrics';
import { Signals } from './pages/student/Signals';
import { StudentPage } from './pages/student/StudentPage';
import { licenceProblem, useCartCount, useLicenceProblem } from './state';
import { license } from './api/client';
import type { Problem } from './api/http';
import { useState } from 'react';

const AREAS = [
  { to: '/shop', label: 'Shop' },
  { to: '/student', label: 'Student' },
  { to: '/instructor', label: 'Instructor' },
  { to: '/admin', label: 'Admin' },
];

export function App() {
  const route = useRoute();
  const [area = 'shop', sub, arg] = route.segments;
  const cartCount = useCartCount();
  const licence = useLicenceProblem();

  let page;
  if (area === 'shop' && sub === 'product' && arg && /^\d+$/.test(arg)) page = <ProductPage id={Number(arg)} />;
  else if (area === 'shop' && sub === 'cart') page = <CartPage />;
  else if (area === 'shop' && sub === 'checkout') page = <Checkout />;
  else if (area === 'shop' && sub === 'account') page = <Account route={route} />;
  else if (area === 'shop' && sub === 'orders') page = <Orders />;
  else if (area === 'shop' && !sub) page = <Catalogue route={route} />;
  else if (area === 'student' && sub === 'metrics') page = (
      <div className="stack">
        <LiveMetrics standalone />
        <Signals />
      </div>
    );
  else if (area === 'student' && !sub) page = <StudentPage />;
  else if (area === 'instructor' && !sub) page = <InstructorPage />;
  else if (area === 'instructor' && sub === 'class' && (!arg || /^\d+$/.test(arg)))
    page = <InstructorPage view="class" sessionId={arg ? Number(arg) : undefined} />;
  else if (area === 'instructor' && (sub === 'projector' || sub === 'report') && arg && /^\d+$/.test(arg))
    page = <InstructorPage view={sub} sessionId={Number(arg)} />;
  else if (area === 'admin') page = <AdminPage />;
  else
    page = (
      <section>
        <h1>Page not found</h1>
        <p>
          <Link to="/shop">Go to the shop</Link>
        </p>
      </section>
    );

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="header-inner">
          <Link to="/shop" className="brand">
            <span aria-hidden="true" className="logo">
              ◆
            </span>{' '}
            PerfShop
          </Link>
          <nav aria-label="Areas">
            <ul>
              {AREAS.map((a) => (
                <li key={a.to}>
                  <Link to={a.to} aria-current={`/${area}` === a.to ? 'page' : undefined}>
                    {a.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          {area === 'shop' ? (
            <nav aria-label="Shop" className="shop-nav">
              <Link to="/shop/account">Account</Link>
              <Link to="/shop/orders">Orders</Link>
              <Link to="/shop/cart">
                Cart <span className="badge" data-testid="cart-count">{cartCount}</span>
                <span className="visually-hidden"> items</span>
              </Link>
            </nav>
          ) : null}
        </div>
        {area === 'instructor' || area === 'admin' ? <HaltButton /> : null}
      </header>
      <main id="main" tabIndex={-1}>
        {licence && (area === 'shop' || area === 'student') ? <LicenceGate problem={licence} /> : page}
      </main>
      <footer className="site-footer">
        <p>
          PerfShop — a chaos-engineering lab. <a href="/swagger-ui.html">API documentation</a>
        </p>
      </footer>
    </>
  );
}

/** The 402 page: the shop API is off until a licence is installed. */
function LicenceGate({ problem }: { problem: Problem }) {
  const [checking, setChecking] = useState(false);
  return (
    <div className="licence-gate" role="alert" data-testid="licence-gate">
      <h1>{problem.title}</h1>
      <p>{problem.detail ?? 'This lab has no valid licence, so the shop API is switched off.'}</p>
      {problem.reason ? (
        <p className="small">
          Reason: <code>{String(problem.reason)}</code>
        </p>
      ) : null}
      <p>
        An instructor can install one on the <Link to="/admin">Admin page</Link> (or run <code>perfshop license install</code>).
      </p>
      <button
        type="button"
        className="secondary"
        disabled={checking}
        onClick={async () => {
          setChecking(true);
          try {
            if ((await license.status()).valid) licenceProblem.set(null);
          } catch {
            // still no answer: stay on this page
          } finally {
            setChecking(false);
          }
        }}
      >
        Check again
      </button>
    </div>
  );
}
