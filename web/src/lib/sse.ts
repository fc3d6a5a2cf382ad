/**
 * Server-Sent Events over a streaming fetch. EventSource cannot send headers, and the instructor's
 * progress stream needs X-Admin-Token (kept in memory only, never in a URL or a cookie), so the
 * page reads text/event-stream itself from fetch's ReadableStream.
 */

export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/**
 * An incremental text/event-stream parser (the WHATWG algorithm): feed it chunks as they come,
 * split anywhere, with LF, CR or CRLF line ends; it returns the events each chunk completes.
 */
export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private event = '';
  private id: string | undefined;
  private pendingCr = false;
  retryMs: number | undefined;

  feed(chunk: string): SseEvent[] {
    let text = chunk;
    if (this.pendingCr && text.startsWith('\n')) text = text.slice(1);
    this.pendingCr = false;
    this.buffer += text;
    const out: SseEvent[] = [];
    for (;;) {
      const m = /\r\n|\r|\n/.exec(this.buffer);
      if (!m) break;
      // a CR at the very end may be the first half of a CRLF split over two chunks
      if (m[0] === '\r' && m.index === this.buffer.length - 1) this.pendingCr = true;
      const line = this.buffer.slice(0, m.index);
      this.buffer = this.buffer.slice(m.index + m[0].length);
      const e = this.line(line);
      if (e) out.push(e);
    }
    return out;
  }

  private line(line: string): SseEvent | undefined {
    if (line === '') {
      if (this.data.length === 0) {
        this.event = '';
        return undefined;
      }
      const e: SseEvent = { event: this.event || 'message', data: this.data.join('\n'), id: this.id };
      this.data = [];
      this.event = '';
      return e;
    }
    if (line.startsWith(':')) return undefined; // a comment (keep-alive)
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id' && !value.includes('\0')) this.id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) this.retryMs = Number(value);
    return undefined;
  }
}

export interface StreamHandlers {
  onEvent: (e: SseEvent) => void;
  /** true once the stream answered 200, false when it broke (a reconnect follows) */
  onState?: (live: boolean, error?: unknown) => void;
}

/**
 * Follows a stream until `signal` aborts, reconnecting after a break (the server's `retry`, at
 * least 1 s, at most 30 s with backoff). Errors never escape: they are reported to onState.
 */
export async function followStream(url: string, headers: Record<string, string>, handlers: StreamHandlers, signal: AbortSignal): Promise<void> {
  let failures = 0;
  while (!signal.aborted) {
    const parser = new SseParser();
    try {
      const response = await fetch(url, { headers: { Accept: 'text/event-stream', ...headers }, signal, cache: 'no-store' });
      if (!response.ok || !response.body) throw new Error(`the live stream answered ${response.status}`);
      failures = 0;
      handlers.onState?.(true);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        for (const e of parser.feed(value)) handlers.onEvent(e);
      }
      handlers.onState?.(false);
    } catch (error) {
      if (signal.aborted) return;
      failures++;
      handlers.onState?.(false, error);
    }
    const wait = Math.min(30_000, Math.max(1000, parser.retryMs ?? 2000) * Math.min(8, 2 ** Math.max(0, failures - 1)));
    await new Promise<void>((ok) => {
      const t = setTimeout(ok, wait);
      signal.addEventListener('abort', () => {
        clearTimeout(t);
        ok();
      });
    });
  }
}
