import { useEffect, useState } from 'react';
import { cart as cartApi, type Cart } from '../../api/client';
import { Link, Loading, ProblemView } from '../../components/ui';
import { formatMoney } from '../../lib/format';
import { useTitle } from '../../lib/router';
import { cartCount } from '../../state';

export function useCart() {
  const [cart, setCart] = useState<Cart>();
  const [error, setError] = useState<unknown>();
  const load = () =>
    cartApi.get().then(
      (c) => {
        setCart(c);
        setError(undefined);
        cartCount.set(c.itemCount);
      },
      setError,
    );
  useEffect(() => {
    void load();
  }, []);
  return { cart, setCart, error, setError, reload: load };
}

export function CartSummary({ cart }: { cart: Cart }) {
  const c = cart.currency;
  return (
    <dl className="totals">
      <dt>Subtotal</dt>
      <dd>{formatMoney(cart.subtotal, c)}</dd>
      <dt>Tax</dt>
      <dd>{formatMoney(cart.tax, c)}</dd>
      <dt>Shipping</dt>
      <dd>{formatMoney(cart.shipping, c)}</dd>
      <dt className="total">Total</dt>
      <dd className="total" data-testid="cart-total">
        {formatMoney(cart.total, c)}
      </dd>
    </dl>
  );
}

export function CartPage() {
  useTitle('Cart');
  const { cart, setCart, error, setError, reload } = useCart();
  const [busy, setBusy] = useState(false);
  const change = async (action: () => Promise<Cart>) => {
    setBusy(true);
    try {
      const c = await action();
      setCart(c);
      cartCount.set(c.itemCount);
      setError(undefined);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="cart-title">
      <h1 id="cart-title">Your cart</h1>
      {error ? <ProblemView error={error} onRetry={reload} /> : null}
      {!cart && !error ? <Loading /> : null}
      {cart && cart.items.length === 0 ? (
        <p>
          Your cart is empty. <Link to="/shop">Browse the catalogue</Link>.
        </p>
      ) : null}
      {cart && cart.items.length > 0 ? (
        <>
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Cart items">
            <table className="reflow">
              <caption className="visually-hidden">Items in your cart</caption>
              <thead>
                <tr>
                  <th scope="col">Product</th>
                  <th scope="col">Unit price</th>
                  <th scope="col">Quantity</th>
                  <th scope="col">Line total</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {cart.items.map((l) => (
                  <tr key={l.productId}>
                    <td>
                      <Link to={`/shop/product/${l.productId}`}>{l.name}</Link>
                    </td>
                    <td data-label="Unit price">{formatMoney(l.unitPrice, cart.currency)}</td>
                    <td data-label="Quantity">
                      <label className="visually-hidden" htmlFor={`qty-${l.productId}`}>
                        Quantity of {l.name}
                      </label>
                      <input
                        id={`qty-${l.productId}`}
                        className="qty"
                        type="number"
                        min={1}
                        max={99}
                        defaultValue={l.quantity}
                        disabled={busy}
                        onBlur={(e) => {
                          const n = Math.floor(Number(e.target.value));
                          if (n >= 1 && n !== l.quantity) void change(() => cartApi.setQuantity(l.productId, n));
                        }}
                      />
                    </td>
                    <td data-label="Line total">{formatMoney(l.lineTotal, cart.currency)}</td>
                    <td>
                      <button type="button" className="link-button" disabled={busy} onClick={() => change(() => cartApi.remove(l.productId))}>
                        Remove<span className="visually-hidden"> {l.name}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <CartSummary cart={cart} />
          <p className="actions">
            <Link className="button" to="/shop/checkout">
              Checkout
            </Link>
          </p>
        </>
      ) : null}
    </section>
  );
}
