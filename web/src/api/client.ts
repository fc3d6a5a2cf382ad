/**
 * Every server route the pages use, typed, in one module. Shapes follow docs/api.md; routes of
 * features still being built on other branches (cart/orders/auth, licence, pedagogy) are marked
 * "assumed" and are the only places to adjust when those land.
 */
import { HttpClient } from './http';

export const http = new HttpClient();

const q = (params: Record<string, string | number | undefined>) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') s.set(k, String(v));
  const text = s.toString();
  return text ? `?${text}` : '';
};
const enc = encodeURIComponent;

// ---------- catalogue (main)
export interface Product {
  id: number;
  sku: string;
  name: string;
  description: string;
  price: number;
  stock: number;
  category: string;
  imageUrl: string;
}
export interface Page<T> {
  items: T[];
  page: number;
  size: number;
  totalItems: number;
  totalPages: number;
}
export interface Category {
  id: number;
  slug: string;
  name: string;
}
export interface Review {
  id: number;
  productId: number;
  author: string;
  rating: number;
  body: string;
  createdAt: string;
}
export type ProductSort = 'name' | 'price' | '-price' | 'newest';

export const catalog = {
  search: (p: { q?: string; category?: string; sort?: ProductSort; page?: number; size?: number }) =>
    http.request<Page<Product>>(`/api/products${q(p)}`),
  product: (id: number) => http.request<Product>(`/api/products/${id}`),
  categories: () => http.request<Category[]>('/api/categories'),
  reviews: (id: number) => http.request<Review[]>(`/api/products/${id}/reviews`),
  addReview: (id: number, review: { author: string; rating: number; body: string }) =>
    http.request<Review>(`/api/products/${id}/reviews`, { method: 'POST', body: review }),
};

// ---------- cart, orders, auth (branch shop)
export interface CartLine {
  productId: number;
  sku: string;
  name: string;
  unitPrice: number;
  quantity: number;
  lineTotal: number;
  inStock: number;
}
export interface Cart {
  items: CartLine[];
  itemCount: number;
  subtotal: number;
  tax: number;
  shipping: number;
  total: number;
  currency: string;
}
export interface Customer {
  id: number;
  email: string;
  name: string;
}
/** Assumed (orders not yet on main): what checkout returns and order history lists. */
export interface Order {
  id: number;
  status: string;
  createdAt: string;
  items: { productId: number; name: string; quantity: number; unitPrice: number; lineTotal: number }[];
  subtotal?: number;
  tax?: number;
  shipping?: number;
  total: number;
  currency: string;
}
export interface CheckoutRequest {
  shipping: { name: string; address: string; city: string; postcode: string; country: string };
  payment: { cardNumber: string; expiry: string; cvc: string };
}

export const cart = {
  get: () => http.request<Cart>('/api/cart'),
  add: (productId: number, quantity: number) =>
    http.request<Cart>('/api/cart/items', { method: 'POST', body: { productId, quantity } }),
  setQuantity: (productId: number, quantity: number) =>
    http.request<Cart>(`/api/cart/items/${productId}`, { method: 'PUT', body: { quantity } }),
  remove: (productId: number) => http.request<Cart>(`/api/cart/items/${productId}`, { method: 'DELETE' }),
  clear: () => http.request<void>('/api/cart', { method: 'DELETE' }),
};

export const orders = {
  /** The idempotency key is kept by the caller for retries of the same checkout. */
  checkout: (request: CheckoutRequest, idempotencyKey: string) =>
    http.request<Order>('/api/orders', { method: 'POST', body: request, headers: { 'Idempotency-Key': idempotencyKey } }),
  list: () => http.request<Order[] | Page<Order>>('/api/orders'),
  get: (id: number) => http.request<Order>(`/api/orders/${id}`),
};

export const auth = {
  register: (email: string, name: string, password: string) =>
    http.request<Customer>('/api/auth/register', { method: 'POST', body: { email, name, password } }),
  login: (email: string, password: string) =>
    http.request<Customer>('/api/auth/login', { method: 'POST', body: { email, password } }),
  logout: () => http.request<void>('/api/auth/logout', { method: 'POST' }),
  me: () => http.request<Customer>('/api/auth/me'),
};

// ---------- live statistics (main)
export interface RouteSummary {
  route: string;
  count: number;
  throughput: number;
  errorRate: number;
  clientErrorRate: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}
export interface RoutePoint {
  route: string;
  t: number;
  count: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
}
export const stats = {
  routes: (window = 60) => http.request<{ windowSeconds: number; routes: RouteSummary[] }>(`/api/stats/routes${q({ window })}`),
  series: (window = 300) =>
    http.request<{ windowSeconds: number; slotSeconds: number; points: RoutePoint[] }>(`/api/stats/series${q({ window })}`),
};

// ---------- licence (branch control; assumed shapes)
export interface LicenseStatus {
  valid: boolean;
  reason?: string;
  licensee?: string;
  edition?: string;
  features?: string[];
  seats?: number;
  notBefore?: string;
  expiresAt?: string;
  [k: string]: unknown;
}
export const license = {
  status: () => http.request<LicenseStatus>('/api/license/status'),
};

// ---------- admin (X-Admin-Token; the token lives only in this tab's memory)
export interface ChaosLevel {
  level: number;
  description: string;
}
export interface ChaosType {
  type: string;
  family: string;
  description: string;
  levels: ChaosLevel[];
  defaultRoutes: string[];
  dangerous: boolean;
}
export interface Activation {
  type: string;
  family: string;
  level: number;
  probability: number;
  routes: string[];
  scope: { kind: 'all' | 'session' | 'agent'; id?: string | null };
  activatedAt: string;
  expiresAt: string;
  remainingSeconds: number;
  scenarioId?: string | null;
  activatedBy?: string;
}
export interface EnableChaos {
  level: number;
  ttl?: string;
  probability?: number;
  routes?: string[];
  sessionId?: string;
  agentCode?: string;
}
export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  type?: string;
  level?: number;
  scenarioId?: string;
  detail?: string;
}

/** Assumed (pedagogy branch): a class session as the admin API lists it. */
export interface ClassSession {
  id: string;
  code: string;
  title?: string;
  level: string;
  studentPageOpen: boolean;
  createdAt?: string;
  students?: number;
}
export interface ProgressRow {
  nickname: string;
  stars: number;
  solved: number;
  hintsUsed?: number;
  lastActivity?: string;
}
export interface SessionProgress {
  session?: ClassSession;
  enigmas?: { id: string; question?: string; solvedBy?: number }[];
  students: ProgressRow[];
}

export function admin(token: string) {
  const h = { 'X-Admin-Token': token };
  const get = <T>(path: string) => http.request<T>(path, { headers: h });
  const send = <T>(method: string, path: string, body?: unknown) => http.request<T>(path, { method, body, headers: h });
  return {
    chaosCatalog: () => get<ChaosType[]>('/api/admin/chaos/catalog'),
    chaos: () => get<{ safetyMode: string; activations: Activation[] }>('/api/admin/chaos'),
    enable: (type: string, body: EnableChaos) => send<Activation>('PUT', `/api/admin/chaos/${enc(type)}`, body),
    disable: (type: string) => send<{ disabled: string }>('DELETE', `/api/admin/chaos/${enc(type)}`),
    halt: () => send<{ halted: number }>('POST', '/api/admin/chaos/halt'),
    audit: (limit = 20) => get<AuditEntry[]>(`/api/admin/chaos/audit${q({ limit })}`),
    stats: (window = 60) => get<{ windowSeconds: number; routes: RouteSummary[] }>(`/api/admin/stats${q({ window })}`),
    // licence (assumed: the licence file is sent as its text)
    license: () => get<LicenseStatus>('/api/admin/license'),
    installLicense: (text: string) =>
      http.request<LicenseStatus>('/api/admin/license', { method: 'PUT', rawBody: text, contentType: 'text/plain', headers: h }),
    removeLicense: () => send<void>('DELETE', '/api/admin/license'),
    // data (branch shop)
    resetData: () => send<unknown>('POST', '/api/admin/data/reset'),
    // class sessions (branch pedagogy; assumed)
    sessions: () => get<ClassSession[]>('/api/admin/sessions'),
    createSession: (title: string, level: string) => send<ClassSession>('POST', '/api/admin/sessions', { title, level }),
    setStudentPage: (id: string, open: boolean) =>
      send<ClassSession>('POST', `/api/admin/sessions/${enc(id)}/${open ? 'open' : 'close'}`),
    progress: (id: string) => get<SessionProgress>(`/api/admin/sessions/${enc(id)}/progress`),
  };
}
export type AdminApi = ReturnType<typeof admin>;

// ---------- student (branch pedagogy; assumed shapes). The agent code travels in X-Agent-Code.
export interface Agent {
  agentCode: string;
  nickname: string;
  sessionCode?: string;
  level?: string;
  stars?: number;
}
export type AnswerKind = 'choice' | 'number' | 'text' | 'route' | 'bound';
export interface Enigma {
  id: string;
  question: string;
  kind?: AnswerKind;
  options?: string[];
  unit?: string;
  maxStars: number;
  stars: number;
  solved: boolean;
  hints: string[];
  hintsLeft: number;
}
export interface AnswerResult {
  correct: boolean;
  stars: number;
  message?: string;
}
export interface LeaderRow {
  nickname: string;
  stars: number;
  solved: number;
}

export function student(agentCode: string) {
  const h = { 'X-Agent-Code': agentCode };
  return {
    me: () => http.request<Agent>('/api/student/me', { headers: h }),
    enigmas: () => http.request<Enigma[]>('/api/student/enigmas', { headers: h }),
    answer: (id: string, answer: string) =>
      http.request<AnswerResult>(`/api/student/enigmas/${enc(id)}/answer`, { method: 'POST', body: { answer }, headers: h }),
    hint: (id: string) => http.request<Enigma>(`/api/student/enigmas/${enc(id)}/hint`, { method: 'POST', headers: h }),
    leaderboard: () => http.request<LeaderRow[]>('/api/student/leaderboard', { headers: h }),
  };
}
export const join = (code: string, nickname: string) =>
  http.request<Agent>('/api/student/join', { method: 'POST', body: { code, nickname } });
