import { useState } from 'react';
import { orders, type CheckoutRequest, type Order } from '../../api/client';
import { IdempotencyKeys } from '../../lib/idempotency';
import { Link, Loading, ProblemView, toProblemOf } from '../../components/ui';
import { formatMoney } from '../../lib/format';
import { useTitle } from '../../lib/router';
import { cartCount } from '../../state';
import { useSignedIn } from './Account';
import { CartSummary, useCart } from './CartPage';

const EMPTY: CheckoutRequest = {
  email: '',
  shippingAddress: { name: '', line1: '', city: '', postalCode: '', country: 'BE' },
  payment: { cardNumber: '', expiry: '', cvc: '' },
};

/** What is sent: card number digits only, country upper case, no email when signed in. */
export function checkoutBody(form: CheckoutRequest, signedIn: boolean): CheckoutRequest {
  return {
    email: signedIn ? undefined : form.email?.trim() || undefined,
    shippingAddress: { ...form.shippingAddress, country: form.shippingAddress.country.trim().toUpperCase(), postalCode: form.shippingAddress.postalCode.trim() },
    payment: { cardNumber: form.payment.cardNumber.replace(/[\s-]/g, ''), expiry: form.payment.expiry.trim(), cvc: form.payment.cvc.trim() },
  };
}

export function Checkout() {
  useTitle('Checkout');
  const { cart, error: cartError, reload } = useCart();
  const me = useSignedIn();
  const [form, setForm] = useState<CheckoutRequest>(EMPTY);
  // One key per checkout attempt: re-sending the same form (after a timeout or an error) re-sends
  // the same key, so the server can never create the order twice; a changed form is a new attempt.
  const [attempt] = useState(() => new IdempotencyKeys());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [order, setOrder] = useState<Order>();

  if (order) {
    return (
      <section aria-labelledby="done-title" className="card">
        <h1 id="done-title">Thank you!</h1>
        <p data-testid="order-confirmation">
          Order <strong>#{order.id}</strong> is confirmed: {formatMoney(order.total, order.currency)}.
        </p>
        <p>
          <Link to="/shop/orders">See your orders</Link> · <Link to="/shop">Continue shopping</Link>
        </p>
      </section>
    );
  }
  const set = (group: 'shippingAddress' | 'payment', field: string, value: string) =>
    setForm((f) => ({ ...f, [group]: { ...f[group], [field]: value } }));
  const field = (group: 'shippingAddress' | 'payment', name: string, label: string, extra: Record<string, unknown> = {}) => (
    <div className="field">
      <label htmlFor={`${group}-${name}`}>{label}</label>
      <input
        id={`${group}-${name}`}
        required
        value={(form[group] as Record<string, string>)[name]}
        onChange={(e) => set(group, name, e.target.value)}
        {...extra}
      />
    </div>
  );
  return (
    <section aria-labelledby="checkout-title">
      <h1 id="checkout-title">Checkout</h1>
      {cartError ? <ProblemView error={cartError} onRetry={reload} /> : null}
      {!cart && !cartError ? <Loading /> : null}
      {cart && cart.items.length === 0 ? (
        <p>
          Your cart is empty. <Link to="/shop">Browse the catalogue</Link>.
        </p>
      ) : null}
      {cart && cart.items.length > 0 ? (
        <div className="two-columns">
          <form
            className="card form"
            onSubmit={async (e) => {
              e.preventDefault();
              setBusy(true);
              setError(undefined);
              try {
                const body = checkoutBody(form, !!me);
                const placed = await orders.checkout(body, attempt.keyFor(body));
                setOrder(placed);
                attempt.reset();
                cartCount.set(0);
              } catch (err) {
                setError(err);
              } finally {
                setBusy(false);
              }
            }}
          >
            {me ? null : (
              <fieldset>
                <legend>Contact</legend>
                <p className="small muted">
                  Checking out as a guest. <Link to="/shop/account?next=/shop/checkout">Sign in</Link> to keep the order in your history.
                </p>
                <div className="field">
                  <label htmlFor="checkout-email">Email</label>
                  <input id="checkout-email" type="email" required autoComplete="email" maxLength={254} value={form.email ?? ''} onChange={(e) => setForm((f) => ({ ...f, email: e.target.value }))} />
                </div>
              </fieldset>
            )}
            <fieldset>
              <legend>Shipping</legend>
              {field('shippingAddress', 'name', 'Full name', { autoComplete: 'name', maxLength: 80 })}
              {field('shippingAddress', 'line1', 'Address', { autoComplete: 'street-address', maxLength: 120 })}
              <div className="row">
                {field('shippingAddress', 'city', 'City', { autoComplete: 'address-level2', maxLength: 80 })}
                {field('shippingAddress', 'postalCode', 'Postcode', { autoComplete: 'postal-code', maxLength: 16 })}
                {field('shippingAddress', 'country', 'Country code', { autoComplete: 'country', maxLength: 2, pattern: '[A-Za-z]{2}' })}
              </div>
            </fieldset>
            <fieldset>
              <legend>Payment (simulated — use a test number such as 4242 4242 4242 4242)</legend>
              {field('payment', 'cardNumber', 'Card number', { autoComplete: 'cc-number', inputMode: 'numeric', maxLength: 23 })}
              <div className="row">
                {field('payment', 'expiry', 'Expiry (MM/YY)', { autoComplete: 'cc-exp', placeholder: '12/30', maxLength: 5 })}
                {field('payment', 'cvc', 'Security code', { autoComplete: 'cc-csc', inputMode: 'numeric', maxLength: 4 })}
              </div>
            </fieldset>
            {error ? <ProblemView error={error} /> : null}
            {error && toProblemOf(error).status === 401 ? (
              <p>
                <Link to="/shop/account?next=/shop/checkout">Sign in or create an account</Link> to place the order.
              </p>
            ) : null}
            <button type="submit" disabled={busy}>
              {busy ? 'Placing order…' : `Pay ${formatMoney(cart.total, cart.currency)}`}
            </button>
          </form>
          <aside className="card" aria-label="Order summary">
            <h2>Summary</h2>
            <ul className="plain">
              {cart.items.map((l) => (
                <li key={l.productId}>
                  {l.quantity} × {l.name} — {formatMoney(l.lineTotal, cart.currency)}
                </li>
              ))}
            </ul>
            <CartSummary cart={cart} />
          </aside>
        </div>
      ) : null}
    </section>
  );
}
