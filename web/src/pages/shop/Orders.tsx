import { orders, type Order } from '../../api/client';
import { Link, Loading, ProblemView, toProblemOf, useAsync } from '../../components/ui';
import { formatMoney } from '../../lib/format';
import { useTitle } from '../../lib/router';

export function Orders() {
  useTitle('Orders');
  const list = useAsync(async () => (await orders.list()).items, []);
  return (
    <section aria-labelledby="orders-title">
      <h1 id="orders-title">Your orders</h1>
      {list.error ? <ProblemView error={list.error} onRetry={list.reload} /> : null}
      {list.error && toProblemOf(list.error).status === 401 ? (
        <p>
          <Link to="/shop/account?next=/shop/orders">Sign in</Link> to see your orders.
        </p>
      ) : null}
      {!list.data && !list.error ? <Loading /> : null}
      {list.data && list.data.length === 0 ? <p>No order yet.</p> : null}
      {list.data && list.data.length > 0 ? (
        <ul className="order-list">
          {list.data.map((o: Order) => (
            <li key={o.id} className="card">
              <p>
                <strong>Order #{o.id}</strong> · {o.createdAt ? new Date(o.createdAt).toLocaleString() : ''} ·{' '}
                <span className="badge">{o.status}</span>
              </p>
              <ul className="plain">
                {(o.items ?? []).map((i) => (
                  <li key={i.productId}>
                    {i.quantity} × {i.name} — {formatMoney(i.lineTotal, o.currency)}
                  </li>
                ))}
              </ul>
              <p>
                Total <strong>{formatMoney(o.total, o.currency)}</strong>
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
