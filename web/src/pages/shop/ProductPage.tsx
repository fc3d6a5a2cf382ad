import { useState } from 'react';
import { cart as cartApi, catalog } from '../../api/client';
import { Link, Loading, ProblemView, Stars, useAsync } from '../../components/ui';
import { formatMoney } from '../../lib/format';
import { useTitle } from '../../lib/router';
import { cartCount } from '../../state';

export function ProductPage({ id }: { id: number }) {
  const product = useAsync(() => catalog.product(id), [id]);
  const reviews = useAsync(() => catalog.reviews(id), [id]);
  useTitle(product.data?.name ?? 'Product');
  const [quantity, setQuantity] = useState(1);
  const [status, setStatus] = useState<{ ok?: string; error?: unknown }>({});
  const [busy, setBusy] = useState(false);

  if (product.error && !product.data) return <ProblemView error={product.error} onRetry={product.reload} />;
  if (!product.data) return <Loading />;
  const p = product.data;

  const add = async () => {
    setBusy(true);
    setStatus({});
    try {
      const c = await cartApi.add(p.id, quantity);
      cartCount.set(c.itemCount);
      setStatus({ ok: `Added ${quantity} × ${p.name} to your cart.` });
    } catch (error) {
      setStatus({ error });
    } finally {
      setBusy(false);
    }
  };

  return (
    <article className="product-page" aria-labelledby="product-title">
      <p>
        <Link to="/shop">← Back to the catalogue</Link>
      </p>
      <div className="product-detail">
        <img src={p.imageUrl} alt={`Picture of ${p.name}`} width={360} height={270} />
        <div>
          <h1 id="product-title">{p.name}</h1>
          <p className="muted small">SKU {p.sku}</p>
          <p className="price big">{formatMoney(p.price)}</p>
          <p>{p.description}</p>
          <p className={p.stock > 0 ? 'stock' : 'stock out'}>{p.stock > 0 ? `${p.stock} in stock` : 'Out of stock'}</p>
          <div className="row">
            <div className="field narrow">
              <label htmlFor="quantity">Quantity</label>
              <input
                id="quantity"
                type="number"
                min={1}
                max={Math.max(1, Math.min(99, p.stock))}
                value={quantity}
                onChange={(e) => setQuantity(Math.max(1, Math.floor(Number(e.target.value) || 1)))}
              />
            </div>
            <button type="button" onClick={add} disabled={busy || p.stock <= 0}>
              {busy ? 'Adding…' : 'Add to cart'}
            </button>
          </div>
          <div aria-live="polite">
            {status.ok ? (
              <p className="notice ok">
                {status.ok} <Link to="/shop/cart">View cart</Link>
              </p>
            ) : null}
          </div>
          {status.error ? <ProblemView error={status.error} /> : null}
        </div>
      </div>
      <section aria-labelledby="reviews-title" className="reviews">
        <h2 id="reviews-title">Reviews</h2>
        {reviews.error ? <ProblemView error={reviews.error} onRetry={reviews.reload} /> : null}
        {reviews.data && reviews.data.length === 0 ? <p className="muted">No review yet.</p> : null}
        <ul className="review-list">
          {(reviews.data ?? []).map((r) => (
            // Rendered as text by React: a review can never inject markup into the page.
            <li key={r.id} className="card">
              <p>
                <strong>{r.author}</strong> <Stars value={r.rating} max={5} label={`rated ${r.rating} of 5`} />
              </p>
              <p className="review-body">{r.body}</p>
              <p className="muted small">{new Date(r.createdAt).toLocaleDateString()}</p>
            </li>
          ))}
        </ul>
        <ReviewForm productId={p.id} onAdded={reviews.reload} />
      </section>
    </article>
  );
}

function ReviewForm({ productId, onAdded }: { productId: number; onAdded: () => void }) {
  const [author, setAuthor] = useState('');
  const [rating, setRating] = useState(5);
  const [body, setBody] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="card form"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(undefined);
        try {
          await catalog.addReview(productId, { author: author.trim(), rating, body: body.trim() });
          setBody('');
          onAdded();
        } catch (err) {
          setError(err);
        } finally {
          setBusy(false);
        }
      }}
    >
      <h3>Write a review</h3>
      <div className="field">
        <label htmlFor="review-author">Your name</label>
        <input id="review-author" required maxLength={64} value={author} onChange={(e) => setAuthor(e.target.value)} />
      </div>
      <div className="field narrow">
        <label htmlFor="review-rating">Rating</label>
        <select id="review-rating" value={rating} onChange={(e) => setRating(Number(e.target.value))}>
          {[5, 4, 3, 2, 1].map((n) => (
            <option key={n} value={n}>
              {n} star{n > 1 ? 's' : ''}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="review-body">Review</label>
        <textarea id="review-body" required maxLength={2000} rows={3} value={body} onChange={(e) => setBody(e.target.value)} />
      </div>
      {error ? <ProblemView error={error} /> : null}
      <button type="submit" disabled={busy}>
        {busy ? 'Sending…' : 'Publish review'}
      </button>
    </form>
  );
}
