/**
 * The one place that talks HTTP. Every call:
 *  - sends a fresh version-4 X-Request-ID (the request-id scripting anomaly wants unique UUIDs);
 *  - echoes the correlation tokens the server handed out (X-CSRF-Token, X-Session-Token,
 *    X-Step-Token, X-Action-Token), as a real front end would;
 *  - turns every non-2xx answer into an ApiError carrying the RFC 9457 problem.
 */

export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  /** Machine-readable reason, e.g. for the licence gate (missing, expired, …). */
  reason?: string;
  errors?: { field: string; message: string }[];
  [extension: string]: unknown;
}

export class ApiError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }
  get status(): number {
    return this.problem.status;
  }
}

const STATUS_TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  402: 'Licence required',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable',
  429: 'Too many requests',
  500: 'Server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
  504: 'Gateway timeout',
};

/**
 * Reads a problem from any error body: problem+json is used as is; a body that is not JSON (an
 * HTML error page from a proxy, a corrupted response) still gives an honest title and detail.
 */
export function toProblem(status: number, statusText: string, body: string, contentType: string | null): Problem {
  const fallbackTitle = STATUS_TITLES[status] ?? (statusText || `HTTP ${status}`);
  const looksJson = (contentType ?? '').includes('json') || /^\s*[{[]/.test(body);
  if (looksJson) {
    try {
      const parsed: unknown = JSON.parse(body);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        const p = parsed as Record<string, unknown>;
        return {
          ...p,
          title: typeof p.title === 'string' && p.title ? p.title : fallbackTitle,
          status: typeof p.status === 'number' ? p.status : status,
          detail: typeof p.detail === 'string' ? p.detail : undefined,
        } as Problem;
      }
    } catch {
      // fall through: a body that claims JSON but is not
    }
  }
  const text = body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return {
    title: fallbackTitle,
    status,
    detail: text ? `the server answered ${status} with a non-problem body: ${text.slice(0, 200)}` : undefined,
  };
}

/** A version-4 UUID from getRandomValues: randomUUID() only exists in secure contexts (https). */
export function uuidV4(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  const b = random(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Marks the web pages' own requests (the server does not count them for doing enigmas). */
export const CLIENT_HEADER = 'X-Perfshop-Client';

export const CORRELATION_HEADERS = ['X-CSRF-Token', 'X-Session-Token', 'X-Step-Token', 'X-Action-Token'] as const;
export type CorrelationHeader = (typeof CORRELATION_HEADERS)[number];

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const RETRYABLE = new Set([400, 403, 409, 412, 428]);

/** The safe request a page would have made before an unsafe one (where a fresh token comes from). */
export function refreshPathFor(path: string): string {
  const p = path.split('?')[0];
  if (p.startsWith('/api/cart') || p === '/api/orders') return '/api/cart';
  if (p.startsWith('/api/auth/')) return '/api/auth/me';
  if (p.startsWith('/api/student/')) return '/api/student/enigmas';
  return p;
}

/**
 * The correlation tokens last handed out by the server. The action token is single use: it is sent
 * with one unsafe request and then forgotten; the others are sent on every request until replaced.
 */
export class Correlation {
  private readonly tokens = new Map<CorrelationHeader, string>();

  capture(headers: Headers): void {
    for (const name of CORRELATION_HEADERS) {
      const value = headers.get(name);
      if (value) this.tokens.set(name, value);
    }
  }

  /** Headers to send with a request, consuming the single-use action token on unsafe methods. */
  headersFor(method: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of this.tokens) {
      if (name === 'X-Action-Token') {
        if (UNSAFE.has(method.toUpperCase())) {
          out[name] = value;
          this.tokens.delete(name);
        }
      } else {
        out[name] = value;
      }
    }
    return out;
  }

  /** True when a response handed out a token other than the one the request carried. */
  renewed(sent: Record<string, string>, headers: Headers): boolean {
    return CORRELATION_HEADERS.some((name) => {
      const value = headers.get(name);
      return value !== null && value !== '' && value !== sent[name];
    });
  }

  snapshot(): string {
    return JSON.stringify([...this.tokens.entries()]);
  }

  get active(): boolean {
    return this.tokens.size > 0;
  }

  clear(): void {
    this.tokens.clear();
  }
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  /** Raw body sent as is (e.g. a licence file as text). */
  rawBody?: string;
  contentType?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export type Listener = (event: { status: number; problem?: Problem; path: string }) => void;

export class HttpClient {
  readonly correlation = new Correlation();
  private chain: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<Listener>();

  /**
   * @param identity headers that say who is browsing on every call (the student's agent code, so
   *     chaos scoped to one agent reaches that student's shop traffic)
   */
  constructor(
    private readonly base = '',
    private readonly fetchImpl: typeof fetch = (...args) => fetch(...args),
    private readonly identity: () => Record<string, string> = () => ({}),
  ) {}

  onResponse(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Sends a request. While the server hands out correlation tokens (scripting anomalies), requests
   * are serialised, since single-use and step tokens only work in order.
   */
  request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    if (!this.correlation.active) return this.send<T>(path, options, false, false);
    return this.enqueue(() => this.send<T>(path, options, false, true));
  }

  /**
   * Runs a task in the serialised chain, once no request started outside the chain is still
   * waiting for its answer (each answer may rotate the token the task is about to send).
   */
  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = async () => {
      await this.quiet();
      return task();
    };
    const next = this.chain.then(run, run);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private unchainedInFlight = 0;
  private readonly quietWaiters: (() => void)[] = [];

  private settled(chained: boolean): void {
    if (chained) return;
    this.unchainedInFlight--;
    if (this.unchainedInFlight === 0) this.quietWaiters.splice(0).forEach((r) => r());
  }

  private async quiet(): Promise<void> {
    while (this.unchainedInFlight > 0) await new Promise<void>((r) => this.quietWaiters.push(r));
  }

  /**
   * @param retried whether this is already the one retry after a token problem
   * @param chained whether it runs inside the serialised chain (a retry of a request that started
   *     before any token was known joins the chain, so parallel first calls do not race for one
   *     single-use token)
   */
  private async send<T>(path: string, options: RequestOptions, retried: boolean, chained: boolean): Promise<T> {
    const method = (options.method ?? 'GET').toUpperCase();
    const tokens = this.correlation.headersFor(method);
    const headers: Record<string, string> = {
      Accept: 'application/json, application/problem+json',
      'X-Request-ID': uuidV4(),
      // the pages' own traffic: a checkout clicked in the shop never counts for a doing enigma
      // (those are solved by the student's own script, docs/scenarios.md)
      [CLIENT_HEADER]: 'web',
      ...this.identity(),
      ...tokens,
      ...options.headers,
    };
    let body: string | undefined;
    if (options.rawBody !== undefined) {
      body = options.rawBody;
      headers['Content-Type'] = options.contentType ?? 'text/plain';
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['Content-Type'] = 'application/json';
    }
    let response: Response;
    if (!chained) this.unchainedInFlight++;
    try {
      response = await this.fetchImpl(this.base + path, {
        method,
        headers,
        body,
        credentials: 'same-origin',
        signal: options.signal,
      });
    } catch (e) {
      this.settled(chained);
      if (e instanceof DOMException && e.name === 'AbortError') throw e;
      const problem: Problem = {
        title: 'Network error',
        status: 0,
        detail: 'the server could not be reached; check that it is running',
      };
      this.emit({ status: 0, problem, path });
      throw new ApiError(problem);
    }
    // the answer's tokens are recorded before any queued request may go
    this.correlation.capture(response.headers);
    this.settled(chained);
    if (response.ok) {
      this.emit({ status: response.status, path });
      if (response.status === 204) return undefined as T;
      const text = await response.text();
      if (!text) return undefined as T;
      try {
        return JSON.parse(text) as T;
      } catch {
        const problem: Problem = {
          title: 'Unreadable response',
          status: response.status,
          detail: 'the server answered with a body that is not valid JSON',
        };
        this.emit({ status: response.status, problem, path });
        throw new ApiError(problem);
      }
    }
    const problem = toProblem(
      response.status,
      response.statusText,
      await response.text().catch(() => ''),
      response.headers.get('Content-Type'),
    );
    // A token-checking anomaly (token-missing 428, token-invalid/expired 403, token-replayed 409)
    // refused the request but handed out a fresh token: one retry, as a browser front end would
    // after its token expired. The refused request changed nothing on the server.
    const tokenProblem = problem.type ? /token/.test(problem.type) : undefined;
    if (!retried && RETRYABLE.has(response.status) && tokenProblem !== false) {
      const renewed = this.correlation.renewed(tokens, response.headers);
      const recover = async (): Promise<T> => {
        if (renewed) return this.send<T>(path, options, true, true);
        // Single-use action tokens are only handed out on safe answers: fetch the page's data
        // again (as a browser would have before showing the form), then retry once.
        if (tokenProblem && UNSAFE.has(method)) {
          const before = this.correlation.snapshot();
          await this.send(refreshPathFor(path), {}, true, true).catch(() => undefined);
          if (this.correlation.snapshot() !== before) return this.send<T>(path, options, true, true);
        }
        this.emit({ status: response.status, problem, path });
        throw new ApiError(problem);
      };
      if (renewed || (tokenProblem && UNSAFE.has(method))) return chained ? recover() : this.enqueue(recover);
    }
    this.emit({ status: response.status, problem, path });
    throw new ApiError(problem);
  }

  private emit(event: { status: number; problem?: Problem; path: string }): void {
    for (const l of this.listeners) l(event);
  }
}
