/**
 * Every server route the pages use, typed, in one module. Shapes follow docs/api.md; routes of
 * features still being built on other branches (cart/orders/auth, licence, pedagogy) are marked
 * "assumed" and are the only places to adjust when those land.
 */
import { ApiError, HttpClient, toProblem } from './http';

/** Where the student page keeps the agent code (restores progress; names the agent to chaos scopes). */
export const AGENT_KEY = 'perfshop.agentCode';

export const http = new HttpClient('', undefined, (): Record<string, string> => {
  try {
    const agent = window.localStorage.getItem(AGENT_KEY);
    return agent ? { 'X-Agent-Code': agent } : {};
  } catch {
    return {};
  }
});

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
export interface Address {
  name: string;
  line1: string;
  city: string;
  postalCode: string;
  /** ISO 3166 alpha-2, upper case */
  country: string;
}
export interface Order {
  id: number;
  status: string;
  createdAt: string;
  email?: string;
  guest?: boolean;
  items: { productId: number; sku?: string; name: string; quantity: number; unitPrice: number; lineTotal: number }[];
  subtotal: number;
  tax: number;
  shipping: number;
  total: number;
  currency: string;
  shippingAddress?: Address;
  payment?: { status: string; cardLast4: string; authorizationCode?: string } | null;
}
export interface CheckoutRequest {
  /** Required for a guest checkout, ignored for a signed-in customer. */
  email?: string;
  shippingAddress: Address;
  /** cardNumber: 12–19 digits; expiry MM/YY; cvc 3–4 digits */
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
  list: (page = 0, size = 20) => http.request<Page<Order>>(`/api/orders${q({ page, size })}`),
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

// ---------- signals: metrics history, logs, traces, profiles, dumps (public like the stats)
export interface MetricSample {
  t: number;
  heap: { used: number; committed: number; max: number; afterGc: number; pools: Record<string, number>; poolsAfterGc: Record<string, number> };
  gc: { pauses: number; pauseMillis: number };
  cpu: { process: number; system: number };
  threads: Record<string, number>;
  pool: { active: number; idle: number; pending: number; max: number; acquired: number; acquireMillis: number };
  sql: { statements: number; meanMillis: number; maxMillis: number };
}
export interface MetricHistory {
  windowSeconds: number;
  stepSeconds: number;
  /** Epoch second of the oldest sample the server still has (-1: none yet). */
  oldest: number;
  samples: MetricSample[];
}
export interface LogLine {
  seq: number;
  time: number;
  level: 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  logger: string;
  thread: string;
  message: string;
  requestId?: string;
  error?: string;
}
export interface LogPage {
  last: number;
  capacity: number;
  lines: LogLine[];
}
export interface TraceSpan {
  id: number;
  parentId: number;
  name: string;
  kind: 'server' | 'internal' | 'client' | 'db';
  offsetMillis: number;
  durationMillis: number;
  attributes: Record<string, string>;
  error?: string;
}
export interface Trace {
  traceId: string;
  route: string;
  status: number;
  requestId?: string;
  start: number;
  durationMillis: number;
  spans: TraceSpan[];
  droppedSpans: number;
}
export interface RouteTraces {
  route: string;
  count: number;
  slowestMillis: number;
  latestMillis: number;
  latestStart: number;
}
export interface TracesPage {
  perRoute: number;
  routes: RouteTraces[];
  route?: string;
  traces: Trace[];
}
export interface ProfileFrame {
  name: string;
  value: number;
  children: ProfileFrame[];
}
export interface Profile {
  kind: 'cpu' | 'alloc';
  running: boolean;
  since: number;
  seconds: number;
  total: number;
  unit: 'samples' | 'bytes';
  root: ProfileFrame;
}
export interface ThreadEntry {
  name: string;
  id: number;
  state: string;
  daemon: boolean;
  waitingOn?: string;
  lockOwner?: string;
  frames: string[];
}
export interface ThreadDump {
  takenAt: number;
  threadCount: number;
  deadlocked: number;
  threads: ThreadEntry[];
}
export interface HeapHistogram {
  takenAt: number;
  instances: number;
  bytes: number;
  classes: { rank: number; className: string; instances: number; bytes: number }[];
}
export const signals = {
  metrics: (window = 300) => http.request<MetricHistory>(`/api/stats/signals/metrics${q({ window })}`),
  profile: (kind: 'cpu' | 'alloc') => http.request<Profile>(`/api/stats/signals/profile${q({ kind })}`),
  threads: () => http.request<ThreadDump>('/api/stats/signals/threads'),
  heap: () => http.request<HeapHistogram>('/api/stats/signals/heap'),
  traces: (route?: string) => http.request<TracesPage>(`/api/stats/signals/traces${q({ route })}`),
  logs: (filter: { after?: number; level?: string; q?: string; limit?: number }) => http.request<LogPage>(`/api/stats/signals/logs${q(filter)}`),
};

// ---------- licence (branch control)
export interface LicenseStatus {
  valid: boolean;
  /** missing, expired, not-yet-valid, bad-signature, untrusted-key, malformed */
  reason?: string;
  notBefore?: string;
  expiresAt?: string;
}
export interface LicenseDetails extends LicenseStatus {
  detail?: string;
  licensee?: string;
  edition?: string;
  features?: string[];
  seats?: number;
  issuedAt?: string;
  keyId?: string;
  trustedKeyIds?: string[];
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

export type Level = 'BAC1' | 'BAC2' | 'BAC3' | 'BAC4' | 'BAC5';
/** A class session (branch pedagogy). */
export interface ClassSession {
  id: number;
  name: string;
  level: Level;
  joinCode: string;
  studentPage: 'open' | 'closed';
  archived: boolean;
  createdAt: string;
  students: number;
  enigmas: number;
  /** the broadcast message every student sees */
  message?: string | null;
  messageAt?: string | null;
  /** set while the students' scoreboard is frozen (closing the class freezes it) */
  frozenAt?: string | null;
}
export interface RosterEntry {
  id: number;
  nickname: string;
  agentCode: string;
  joinedAt: string;
  lastSeenAt: string;
  stars: number;
  solved: number;
}
export interface AdminEnigma {
  key: string;
  scenarioId?: string | null;
  question: string;
  type: string;
  hints: string[];
  hintsReleased: number;
  maxStars: number;
  open: boolean;
  ready: boolean;
  solvedBy: number;
}
export interface Spread {
  detected: number;
  students: number;
  medianSeconds?: number | null;
  minSeconds?: number | null;
  maxSeconds?: number | null;
  p25Seconds?: number | null;
  p75Seconds?: number | null;
}
/** Time to detect one anomaly of a run (see docs/pedagogy.md). */
export interface Detection {
  anomaly: string;
  scenarioId?: string | null;
  startedAt: string;
  endedAt?: string | null;
  enigmas: string[];
  students: { id: number; nickname: string; detectedAt?: string | null; seconds?: number | null }[];
  spread: Spread;
}
export interface Incident {
  at: string;
  kind: string;
  detail: string;
}
export interface Report {
  session: ClassSession;
  timeline: Incident[];
  leaderboard: Rank[];
  detections: Detection[];
  enigmas: SessionProgress['enigmas'];
  /** The key signal around each anomaly of the run (absent from servers before it). */
  signals?: SignalChart[];
  generatedAt: string;
}
/** The key signal of one anomaly, from a little before its start to a little after its end. */
export interface SignalChart {
  anomaly: string;
  scenarioId?: string | null;
  startedAt: string;
  endedAt?: string | null;
  signal: string;
  label: string;
  unit: string;
  route?: string | null;
  from: string;
  to: string;
  stepSeconds: number;
  /** `t`: the step's start, epoch seconds. */
  points: { t: number; value: number }[];
  before?: number | null;
  during?: number | null;
}
export interface ProgressCell {
  solved: boolean;
  stars?: number | null;
  hintsTaken: number;
  wrongAnswers: number;
  attempts: number;
  solvedAt?: string | null;
}
export interface StudentProgress {
  id: number;
  nickname: string;
  stars: number;
  solved: number;
  hintsTaken: number;
  wrongAnswers: number;
  attempts: number;
  lastSeenAt?: string;
  enigmas: Record<string, ProgressCell>;
}
export interface Rank {
  rank: number;
  nickname: string;
  stars: number;
  solved: number;
  lastSolveAt?: string | null;
}
export interface SessionProgress {
  session: ClassSession;
  enigmas: {
    key: string;
    question: string;
    type: string;
    maxStars: number;
    open: boolean;
    ready: boolean;
    solvedBy: number;
    scenarioId?: string | null;
    hintsTotal: number;
    hintsReleased: number;
  }[];
  students: StudentProgress[];
  /** live standings (the instructor's truth) */
  leaderboard: Rank[];
  /** what students and the projector see: frozen at session.frozenAt */
  scoreboard: Rank[];
  detections: Detection[];
  generatedAt: string;
}

export function admin(token: string) {
  // the actor recorded in the chaos audit log
  const h = { 'X-Admin-Token': token, 'X-Perfshop-Actor': 'web-console' };
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
    // licence: the licence file itself is the body
    license: () => get<LicenseDetails>('/api/admin/license'),
    installLicense: (fileText: string) =>
      http.request<LicenseDetails>('/api/admin/license', { method: 'PUT', rawBody: fileText, contentType: 'application/json', headers: h }),
    removeLicense: () => send<LicenseDetails>('DELETE', '/api/admin/license'),
    // data (branch shop)
    resetData: () => send<unknown>('POST', '/api/admin/data/reset'),
    // class sessions (branch pedagogy)
    sessions: () => get<ClassSession[]>('/api/admin/sessions'),
    createSession: (name: string, level: Level) => send<ClassSession>('POST', '/api/admin/sessions', { name, level }),
    setStudentPage: (id: number, open: boolean) => send<ClassSession>('POST', `/api/admin/sessions/${id}/${open ? 'open' : 'close'}`),
    progress: (id: number) => get<SessionProgress>(`/api/admin/sessions/${id}/progress`),
    /** The live progress stream: needs the admin header, hence a streaming fetch (lib/sse.ts). */
    progressStream: (id: number) => ({ url: `/api/admin/sessions/${id}/progress/stream`, headers: { 'X-Admin-Token': token } }),
    roster: (id: number) => get<RosterEntry[]>(`/api/admin/sessions/${id}/students`),
    rename: (id: number, student: number, nickname: string) => send<RosterEntry>('PATCH', `/api/admin/sessions/${id}/students/${student}`, { nickname }),
    resetStudent: (id: number, student: number) => send<RosterEntry>('POST', `/api/admin/sessions/${id}/students/${student}/reset`),
    removeStudent: (id: number, student: number) => send<void>('DELETE', `/api/admin/sessions/${id}/students/${student}`),
    enigmas: (id: number) => get<AdminEnigma[]>(`/api/admin/sessions/${id}/enigmas`),
    releaseHint: (id: number, key: string) => send<AdminEnigma>('POST', `/api/admin/sessions/${id}/enigmas/${enc(key)}/hints/release`),
    broadcast: (id: number, message: string) => send<ClassSession>('POST', `/api/admin/sessions/${id}/message`, { message }),
    freeze: (id: number, frozen: boolean) => send<ClassSession>('POST', `/api/admin/sessions/${id}/scoreboard/${frozen ? 'freeze' : 'thaw'}`),
    report: (id: number) => get<Report>(`/api/admin/sessions/${id}/report`),
    /** A download needs the header too: fetched as a blob the page then saves. */
    download: async (path: string): Promise<Blob> => {
      const r = await fetch(path, { headers: { 'X-Admin-Token': token } });
      if (!r.ok) {
        throw new ApiError(toProblem(r.status, r.statusText, await r.text(), r.headers.get('Content-Type')));
      }
      return r.blob();
    },
    addEnigma: (id: number, spec: EnigmaSpec) => send<unknown>('POST', `/api/admin/sessions/${id}/enigmas`, spec),
  };
}
export type AdminApi = ReturnType<typeof admin>;

// ---------- student (branch pedagogy). The agent code travels in X-Agent-Code.
export interface EnigmaSpec {
  id: string;
  question: string;
  answer: { type: AnswerKind; options?: string[]; correct?: number[]; value?: number; tolerance?: number; unit?: string; pattern?: string; accepted?: string[]; route?: string; checkouts?: number };
  hints?: string[];
  stars?: number;
  open?: boolean;
}
export interface Joined {
  agentCode: string;
  nickname: string;
  session: { name: string; level: Level };
}
export interface Me {
  nickname: string;
  session: { name: string; level: Level };
  stars: number;
  solved: number;
  enigmas: number;
  maxStars: number;
  /** closed: the class is over; the page shows the final state */
  studentPage?: 'open' | 'closed';
  rank?: number | null;
  students?: number;
  message?: string | null;
  messageAt?: string | null;
  scoreboardFrozen?: boolean;
}
export type AnswerKind = 'choice' | 'number' | 'text' | 'route' | 'bound' | 'measured' | 'done';
export interface Enigma {
  id: string;
  question: string;
  type: AnswerKind;
  options?: string[] | null;
  multiple?: boolean | null;
  unit?: string | null;
  maxStars: number;
  starsAvailable: number;
  hints: string[];
  hintsTotal: number;
  hintsTaken: number;
  hintsReleased: number;
  wrongAnswers: number;
  solved: boolean;
  stars?: number | null;
  open: boolean;
  /** false while a run-time binding is still unknown */
  ready: boolean;
  /** false while the anomaly this enigma is about is not running (answers are then refused) */
  anomalyLive?: boolean;
  /** wrong answers left before the next star is lost (1 on a choice: each wrong choice costs one) */
  triesBeforeStarLost?: number | null;
  /** type `done`: the student's checkouts the server counted, and how many solve it */
  checkoutsCounted?: number | null;
  checkoutsRequired?: number | null;
}
export interface AnswerResult {
  correct: boolean;
  solved: boolean;
  alreadySolved: boolean;
  stars?: number | null;
  starsAvailable: number;
  wrongAnswers: number;
  triesBeforeStarLost?: number | null;
  message?: string;
}
export interface Hint {
  number: number;
  text: string;
  hintsTaken: number;
  starsAvailable: number;
}

export function student(agentCode: string) {
  const h = { 'X-Agent-Code': agentCode };
  return {
    me: () => http.request<Me>('/api/student/me', { headers: h }),
    enigmas: () => http.request<Enigma[]>('/api/student/enigmas', { headers: h }),
    /** Text-like answers go in `answer`, choice answers as option indexes in `choices`. */
    answer: (id: string, answer: { answer?: string; choices?: number[] }) =>
      http.request<AnswerResult>(`/api/student/enigmas/${enc(id)}/answer`, { method: 'POST', body: answer, headers: h }),
    hint: (id: string) => http.request<Hint>(`/api/student/enigmas/${enc(id)}/hints`, { method: 'POST', headers: h }),
    leaderboard: () => http.request<Rank[]>('/api/student/leaderboard', { headers: h }),
  };
}
export const join = (code: string, nickname: string) => http.request<Joined>('/api/student/join', { method: 'POST', body: { code, nickname } });
