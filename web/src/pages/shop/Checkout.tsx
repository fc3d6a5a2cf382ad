import { useState } from 'react';
import { orders, type CheckoutRequest, type Order } from '../../api/client';
import { uuidV4 } from '../../api/http';
import { Link, Loading, ProblemView, toProblemOf } from '../../components/ui';
import { formatMoney } from '../../lib/format';
import { useTitle } from '../../lib/router';
import { cartCount } from '../../state';
import { CartSummary, useCart } from './CartPage';

const EMPTY: CheckoutRequest = {
  shipping: { name: '', address: '', city: '', postcode: '', country: 'BE' },
  payment: { cardNumber: '', expiry: '', cvc: '' },
};

export function Checkout() {
  useTitle('Checkout');
  const { cart, error: cartError, reload } = useCart();
  const [form, setForm] = useState<CheckoutRequest>(EMPTY);
  // One key per checkout attempt: a retry after a timeout re-sends the same key, so the server
  // can never create the order twice. It changes only once an order has been placed.
  const [key, setKey] = useState(() => uuidV4());
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
  const set = (group: 'shipping' | 'payment', field: string, value: string) =>
    setForm((f) => ({ ...f, [group]: { ...f[group], [field]: value } }));
  const field = (group: 'shipping' | 'payment', name: string, label: string, extra: Record<string, unknown> = {}) => (
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
                const placed = await orders.checkout(form, key);
                setOrder(placed);
                setKey(uuidV4());
                cartCount.set(0);
              } catch (err) {
                setError(err);
              } finally {
                setBusy(false);
              }
            }}
          >
            <fieldset>
              <legend>Shipping</legend>
              {field('shipping', 'name', 'Full name', { autoComplete: 'name', maxLength: 80 })}
              {field('shipping', 'address', 'Address', { autoComplete: 'street-address', maxLength: 200 })}
              <div className="row">
                {field('shipping', 'city', 'City', { autoComplete: 'address-level2', maxLength: 80 })}
                {field('shipping', 'postcode', 'Postcode', { autoComplete: 'postal-code', maxLength: 16 })}
                {field('shipping', 'country', 'Country code', { autoComplete: 'country', maxLength: 2, pattern: '[A-Za-z]{2}' })}
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
