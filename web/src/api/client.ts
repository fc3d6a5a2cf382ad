/**
 * Every server route the pages use, typed, in one module. The bodies are the server's own: types
 * generated from its OpenAPI document (`npm run generate:api`, run by build and typecheck; the
 * server's OpenApiDocumentTests keeps src/api/openapi.json equal to what it renders). Where the
 * server leaves out a null field, `Loose` makes it optional here.
 */
import { ApiError, HttpClient, toProblem } from './http';
import type { components } from './openapi';

/** The server's bodies, generated from its OpenAPI document (openapi.json → openapi.d.ts). */
type Schemas = components['schemas'];
/**
 * A server type whose nullable fields the server does not mark yet: its records (pedagogy, the
 * chaos audit) lack `@Nullable` on those components, so the document calls them required. Remove a
 * key here when its record component gets `@Nullable` (the generated type then says it).
 */
type Loose<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;

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
export type Product = Schemas['ProductView'];
export type Category = Schemas['CategoryView'];
export type Review = Schemas['ReviewView'];
export type ProductSort = 'name' | 'price' | '-price' | 'newest';

export const catalog = {
  search: (p: { q?: string; category?: string; sort?: ProductSort; page?: number; size?: number }) =>
    http.request<Schemas['PageViewProductView']>(`/api/products${q(p)}`),
  product: (id: number) => http.request<Product>(`/api/products/${id}`),
  categories: () => http.request<Category[]>('/api/categories'),
  reviews: (id: number) => http.request<Review[]>(`/api/products/${id}/reviews`),
  addReview: (id: number, review: Schemas['NewReview']) =>
    http.request<Review>(`/api/products/${id}/reviews`, { method: 'POST', body: review }),
};

// ---------- cart, orders, auth (branch shop)
export type CartLine = Schemas['CartLine'];
export type Cart = Schemas['CartView'];
export type Customer = Schemas['CustomerView'];
/** country: ISO 3166 alpha-2, upper case */
export type Address = Schemas['Address'];
export type Order = Schemas['OrderView'];
/** email: required for a guest checkout, ignored for a signed-in customer. */
export type CheckoutRequest = Schemas['CheckoutRequest'];

export const cart = {
  get: () => http.request<Cart>('/api/cart'),
  add: (productId: number, quantity: number) =>
    http.request<Cart>('/api/cart/items', { method: 'POST', body: { productId, quantity } satisfies Schemas['NewItem'] }),
  setQuantity: (productId: number, quantity: number) =>
    http.request<Cart>(`/api/cart/items/${productId}`, { method: 'PUT', body: { quantity } satisfies Schemas['Quantity'] }),
  remove: (productId: number) => http.request<Cart>(`/api/cart/items/${productId}`, { method: 'DELETE' }),
  clear: () => http.request<void>('/api/cart', { method: 'DELETE' }),
};

export const orders = {
  /** The idempotency key is kept by the caller for retries of the same checkout. */
  checkout: (request: CheckoutRequest, idempotencyKey: string) =>
    http.request<Order>('/api/orders', { method: 'POST', body: request, headers: { 'Idempotency-Key': idempotencyKey } }),
  list: (page = 0, size = 20) => http.request<Schemas['OrderPage']>(`/api/orders${q({ page, size })}`),
  get: (id: number) => http.request<Order>(`/api/orders/${id}`),
};

export const auth = {
  register: (email: string, name: string, password: string) =>
    http.request<Customer>('/api/auth/register', { method: 'POST', body: { email, name, password } satisfies Schemas['Registration'] }),
  login: (email: string, password: string) =>
    http.request<Customer>('/api/auth/login', { method: 'POST', body: { email, password } satisfies Schemas['Credentials'] }),
  logout: () => http.request<void>('/api/auth/logout', { method: 'POST' }),
  me: () => http.request<Customer>('/api/auth/me'),
};

// ---------- live statistics (main)
export type RouteSummary = Schemas['RouteSummary'];
export type RoutePoint = Schemas['RoutePoint'];
export const stats = {
  routes: (window = 60) => http.request<Schemas['Summary']>(`/api/stats/routes${q({ window })}`),
  series: (window = 300) =>
    http.request<Schemas['Series']>(`/api/stats/series${q({ window })}`),
};

// ---------- signals: metrics history, logs, traces, profiles, dumps (public like the stats)
export type MetricSample = Schemas['MetricSample'];
/** oldest: epoch second of the oldest sample the server still has (-1: none yet). */
export type MetricHistory = Schemas['Metrics'];
export type LogLine = Schemas['LogLine'];
export type LogPage = Schemas['Logs'];
export type TraceSpan = Schemas['Span'];
export type Trace = Schemas['Trace'];
export type RouteTraces = Schemas['RouteTraces'];
export type TracesPage = Schemas['Traces'];
export type ProfileFrame = Schemas['Frame'];
export type Profile = Schemas['Snapshot'];
export type ThreadEntry = Schemas['ThreadEntry'];
export type ThreadDump = Schemas['ThreadDump'];
export type HeapHistogram = Schemas['HeapHistogram'];
export const signals = {
  metrics: (window = 300) => http.request<MetricHistory>(`/api/stats/signals/metrics${q({ window })}`),
  profile: (kind: 'cpu' | 'alloc') => http.request<Profile>(`/api/stats/signals/profile${q({ kind })}`),
  threads: () => http.request<ThreadDump>('/api/stats/signals/threads'),
  heap: () => http.request<HeapHistogram>('/api/stats/signals/heap'),
  traces: (route?: string) => http.request<TracesPage>(`/api/stats/signals/traces${q({ route })}`),
  logs: (filter: { after?: number; level?: string; q?: string; limit?: number }) => http.request<LogPage>(`/api/stats/signals/logs${q(filter)}`),
};

// ---------- licence (branch control)
/** reason: missing, expired, not-yet-valid, bad-signature, untrusted-key, malformed */
export type LicenseStatus = Schemas['LicenseStatus'];
export type LicenseDetails = Schemas['LicenseDetails'];
export const license = {
  status: () => http.request<LicenseStatus>('/api/license/status'),
};

// ---------- admin (X-Admin-Token; the token lives only in this tab's memory)
export type ChaosLevel = Schemas['LevelView'];
export type ChaosType = Schemas['TypeView'];
export type Activation = Schemas['ActivationView'];
export type EnableChaos = Schemas['ChaosEnableRequest'];
export type AuditEntry = Loose<Schemas['Entry'], 'type' | 'level' | 'scenarioId' | 'detail'>;

export type Level = Schemas['SessionView']['level'];
/** A class session: message is the broadcast every student sees; frozenAt is set while the scoreboard is frozen. */
export type ClassSession = Loose<Schemas['SessionView'], 'message' | 'messageAt' | 'frozenAt' | 'archivedAt'>;
export type RosterEntry = Loose<Schemas['StudentView'], 'lastSeenAt'>;
export type AdminEnigma = Loose<Schemas['EnigmaView'], 'scenarioId' | 'binding' | 'options' | 'multiple' | 'unit'>;
export type Spread = Loose<Schemas['Spread'], 'medianSeconds' | 'minSeconds' | 'maxSeconds' | 'p25Seconds' | 'p75Seconds'>;
/** Time to detect one anomaly of a run (see docs/pedagogy.md). */
export type Detection = Omit<Loose<Schemas['Detection'], 'scenarioId' | 'endedAt'>, 'spread' | 'students'> & {
  spread: Spread;
  students: Loose<Schemas['StudentDetection'], 'detectedAt' | 'seconds'>[];
};
export type Incident = Schemas['Incident'];
/** The key signal of one anomaly, from a little before its start to a little after its end; points' `t` is the step's start, epoch seconds. */
export type SignalChart = Loose<Schemas['SignalChart'], 'scenarioId' | 'endedAt' | 'route' | 'before' | 'during'>;
export type Report = Omit<Schemas['Report'], 'session' | 'leaderboard' | 'detections' | 'enigmas' | 'signals'> & {
  session: ClassSession;
  leaderboard: Rank[];
  detections: Detection[];
  enigmas: SessionProgress['enigmas'];
  /** The key signal around each anomaly of the run (absent from servers before it). */
  signals?: SignalChart[];
};
export type ProgressCell = Loose<Schemas['Cell'], 'stars' | 'solvedAt'>;
export type StudentProgress = Omit<Loose<Schemas['StudentProgress'], 'lastSeenAt'>, 'enigmas'> & {
  enigmas: Record<string, ProgressCell>;
};
export type Rank = Loose<Schemas['Rank'], 'lastSolveAt'>;
/** leaderboard: live standings (the instructor's truth); scoreboard: what students see, frozen at session.frozenAt */
export type SessionProgress = Omit<Schemas['ProgressView'], 'session' | 'enigmas' | 'students' | 'leaderboard' | 'scoreboard' | 'detections'> & {
  session: ClassSession;
  enigmas: Loose<Schemas['EnigmaSummary'], 'scenarioId'>[];
  students: StudentProgress[];
  leaderboard: Rank[];
  scoreboard: Rank[];
  detections: Detection[];
};

export function admin(token: string) {
  // the actor recorded in the chaos audit log
  const h = { 'X-Admin-Token': token, 'X-Perfshop-Actor': 'web-console' };
  const get = <T>(path: string) => http.request<T>(path, { headers: h });
  const send = <T>(method: string, path: string, body?: unknown) => http.request<T>(path, { method, body, headers: h });
  return {
    chaosCatalog: () => get<ChaosType[]>('/api/admin/chaos/catalog'),
    chaos: () => get<Schemas['StatusView']>('/api/admin/chaos'),
    enable: (type: string, body: EnableChaos) => send<Activation>('PUT', `/api/admin/chaos/${enc(type)}`, body),
    disable: (type: string) => send<Schemas['Disabled']>('DELETE', `/api/admin/chaos/${enc(type)}`),
    halt: () => send<Schemas['Halted']>('POST', '/api/admin/chaos/halt'),
    audit: (limit = 20) => get<AuditEntry[]>(`/api/admin/chaos/audit${q({ limit })}`),
    stats: (window = 60) => get<Schemas['Summary']>(`/api/admin/stats${q({ window })}`),
    // licence: the licence file itself is the body
    license: () => get<LicenseDetails>('/api/admin/license'),
    installLicense: (fileText: string) =>
      http.request<LicenseDetails>('/api/admin/license', { method: 'PUT', rawBody: fileText, contentType: 'application/json', headers: h }),
    removeLicense: () => send<LicenseDetails>('DELETE', '/api/admin/license'),
    // data (branch shop)
    resetData: () => send<Schemas['Result']>('POST', '/api/admin/data/reset'),
    // class sessions (branch pedagogy)
    sessions: () => get<ClassSession[]>('/api/admin/sessions'),
    createSession: (name: string, level: Level) => send<ClassSession>('POST', '/api/admin/sessions', { name, level } satisfies Schemas['NewSession']),
    setStudentPage: (id: number, open: boolean) => send<ClassSession>('POST', `/api/admin/sessions/${id}/${open ? 'open' : 'close'}`),
    progress: (id: number) => get<SessionProgress>(`/api/admin/sessions/${id}/progress`),
    /** The live progress stream: needs the admin header, hence a streaming fetch (lib/sse.ts). */
    progressStream: (id: number) => ({ url: `/api/admin/sessions/${id}/progress/stream`, headers: { 'X-Admin-Token': token } }),
    roster: (id: number) => get<RosterEntry[]>(`/api/admin/sessions/${id}/students`),
    rename: (id: number, student: number, nickname: string) => send<RosterEntry>('PATCH', `/api/admin/sessions/${id}/students/${student}`, { nickname } satisfies Schemas['Rename']),
    resetStudent: (id: number, student: number) => send<RosterEntry>('POST', `/api/admin/sessions/${id}/students/${student}/reset`),
    removeStudent: (id: number, student: number) => send<void>('DELETE', `/api/admin/sessions/${id}/students/${student}`),
    enigmas: (id: number) => get<AdminEnigma[]>(`/api/admin/sessions/${id}/enigmas`),
    releaseHint: (id: number, key: string) => send<AdminEnigma>('POST', `/api/admin/sessions/${id}/enigmas/${enc(key)}/hints/release`),
    broadcast: (id: number, message: string) => send<ClassSession>('POST', `/api/admin/sessions/${id}/message`, { message } satisfies Schemas['Message']),
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
    addEnigma: (id: number, spec: EnigmaSpec) => send<AdminEnigma>('POST', `/api/admin/sessions/${id}/enigmas`, spec),
  };
}
export type AdminApi = ReturnType<typeof admin>;

// ---------- student (branch pedagogy). The agent code travels in X-Agent-Code.
export type EnigmaSpec = Schemas['EnigmaSpec'];
export type Joined = Schemas['Joined'];
export type Me = Loose<Schemas['Me'], 'rank' | 'message' | 'messageAt' | 'studentPage' | 'students' | 'scoreboardFrozen'>;
export type AnswerKind = 'choice' | 'number' | 'text' | 'route' | 'bound' | 'measured' | 'done';
/** ready: false while a run-time binding is unknown; anomalyLive: false while its anomaly is not running */
export type Enigma = Loose<
  Schemas['StudentEnigma'],
  'options' | 'multiple' | 'unit' | 'stars' | 'triesBeforeStarLost' | 'checkoutsCounted' | 'checkoutsRequired' | 'anomalyLive'
>;
export type AnswerResult = Loose<Schemas['AnswerResult'], 'stars' | 'triesBeforeStarLost' | 'message'>;
export type Hint = Schemas['Hint'];

export function student(agentCode: string) {
  const h = { 'X-Agent-Code': agentCode };
  return {
    me: () => http.request<Me>('/api/student/me', { headers: h }),
    enigmas: () => http.request<Enigma[]>('/api/student/enigmas', { headers: h }),
    /** Text-like answers go in `answer`, choice answers as option indexes in `choices`. */
    answer: (id: string, answer: Schemas['AnswerRequest']) =>
      http.request<AnswerResult>(`/api/student/enigmas/${enc(id)}/answer`, { method: 'POST', body: answer, headers: h }),
    hint: (id: string) => http.request<Hint>(`/api/student/enigmas/${enc(id)}/hints`, { method: 'POST', headers: h }),
    leaderboard: () => http.request<Rank[]>('/api/student/leaderboard', { headers: h }),
  };
}
export const join = (code: string, nickname: string) => http.request<Joined>('/api/student/join', { method: 'POST', body: { code, nickname } satisfies Schemas['JoinRequest'] });
