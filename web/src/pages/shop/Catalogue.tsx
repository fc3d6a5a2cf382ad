import { useEffect, useState } from 'react';
import { catalog, type ProductSort } from '../../api/client';
import { Link, Loading, ProblemView, useAsync } from '../../components/ui';
import { formatMoney } from '../../lib/format';
import { navigate, useTitle, type Route } from '../../lib/router';

const SORTS: { value: ProductSort; label: string }[] = [
  { value: 'name', label: 'Name' },
  { value: 'price', label: 'Price, low to high' },
  { value: '-price', label: 'Price, high to low' },
  { value: 'newest', label: 'Newest' },
];
const PAGE_SIZE = 20;

export function Catalogue({ route }: { route: Route }) {
  useTitle('Shop');
  const qs = route.query;
  const q = qs.get('q') ?? '';
  const category = qs.get('category') ?? '';
  const sort = (qs.get('sort') as ProductSort) || 'name';
  const page = Math.max(0, Number(qs.get('page') ?? 0) || 0);
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);

  const categories = useAsync(() => catalog.categories(), []);
  const products = useAsync(() => catalog.search({ q, category, sort, page, size: PAGE_SIZE }), [q, category, sort, page]);

  const go = (change: Record<string, string | number>) => {
    const next = new URLSearchParams({ q, category, sort, page: String(page) });
    for (const [k, v] of Object.entries(change)) next.set(k, String(v));
    if (!('page' in change)) next.set('page', '0');
    for (const [k, v] of [...next.entries()]) if (!v || (k === 'page' && v === '0') || (k === 'sort' && v === 'name')) next.delete(k);
    const s = next.toString();
    navigate(`/shop${s ? `?${s}` : ''}`);
  };

  const data = products.data;
  return (
    <section aria-labelledby="catalogue-title">
      <h1 id="catalogue-title">Catalogue</h1>
      <form
        className="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          go({ q: text.trim() });
        }}
      >
        <div className="field grow">
          <label htmlFor="search">Search</label>
          <input id="search" type="search" value={text} maxLength={100} onChange={(e) => setText(e.target.value)} placeholder="Name or description" />
        </div>
        <div className="field">
          <label htmlFor="category">Category</label>
          <select id="category" value={category} onChange={(e) => go({ category: e.target.value })}>
            <option value="">All categories</option>
            {(categories.data ?? []).map((c) => (
              <option key={c.slug} value={c.slug}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="sort">Sort by</label>
          <select id="sort" value={sort} onChange={(e) => go({ sort: e.target.value })}>
            {SORTS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Search</button>
      </form>
      {categories.error ? <ProblemView error={categories.error} /> : null}
      {products.error ? <ProblemView error={products.error} onRetry={products.reload} /> : null}
      {!data && products.loading ? <Loading label="Loading products…" /> : null}
      {data ? (
        <>
          <p className="muted" aria-live="polite">
            {data.totalItems} product{data.totalItems === 1 ? '' : 's'}
            {q ? ` matching “${q}”` : ''}
          </p>
          <ul className="product-grid" aria-busy={products.loading} data-testid="product-grid">
            {data.items.map((p) => (
              <li key={p.id} className="card product-card">
                <Link to={`/shop/product/${p.id}`} className="product-link">
                  <img src={p.imageUrl} alt="" width={240} height={180} loading="lazy" />
                  <span className="product-name">{p.name}</span>
                </Link>
                <span className="price">{formatMoney(p.price)}</span>
                <span className={p.stock > 0 ? 'stock' : 'stock out'}>{p.stock > 0 ? `${p.stock} in stock` : 'Out of stock'}</span>
              </li>
            ))}
          </ul>
          {data.items.length === 0 ? <p>No product matches. Try another search or category.</p> : null}
          <nav className="pager" aria-label="Pages">
            <button type="button" className="secondary" disabled={page <= 0} onClick={() => go({ page: page - 1 })}>
              Previous
            </button>
            <span>
              Page {data.totalPages === 0 ? 0 : page + 1} of {data.totalPages}
            </span>
            <button type="button" className="secondary" disabled={page + 1 >= data.totalPages} onClick={() => go({ page: page + 1 })}>
              Next
            </button>
          </nav>
        </>
      ) : null}
    </section>
  );
}
